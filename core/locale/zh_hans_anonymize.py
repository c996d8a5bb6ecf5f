"""Chinese for the anonymizer's findings and the review before publishing a need (issue 14;
merged by translate_zh_hans.py)."""

ZH = {
    # what the publishing check finds
    "a personal name": "人名",
    "an ID number": "身份证号",
    "a phone number": "电话号码",
    "a bank card number": "银行卡号",
    "a hospital record number": "病案号（住院号）",
    "a document number": "证件号码",
    "an email address": "电子邮箱",
    "a web address": "网址",
    "a WeChat or QQ account": "微信或QQ账号",
    "a licence plate": "车牌号",
    "an exact birth date": "具体出生日期",
    "an address below county level": "县级以下的详细地址",
    "a school and class": "学校及班级",
    "an employer": "工作单位",
    "a diagnosis or treatment": "具体病名或治疗方式",
    "an exact date": "具体日期",
    "Say only the category, such as 患重病 or 需长期治疗.": "只写类别，如“患重病”“需长期治疗”。",
    "Say only the month, or 近日.": "只写月份，或写“近日”。",
    "Write the surname and 某 (张某), or leave the name out.": "请写作“姓+某”（如张某）或删去姓名。",
    "Remove or rewrite it.": "请删除或改写。",
    "a number that could identify someone": "可能识别个人的号码",
    "%(what)s at line %(line)s, character %(column)s: “%(found)s”. %(advice)s": (
        "第%(line)s行第%(column)s个字处有%(what)s：“%(found)s”。%(advice)s"
    ),
    "Keep the story within %(limit)s characters (it has %(length)s).": (
        "需求描述请控制在%(limit)s字以内（现有%(length)s字）。"
    ),
    # the review before publishing
    "Before publishing": "发布前核对",
    "The publishing check finds these in the draft; edit them out before publishing:": (
        "发布检查在草稿中发现以下内容，请修改后再发布："
    ),
    "The publishing check finds nothing in the draft that identifies anyone.": (
        "发布检查未在草稿中发现可识别个人的信息。"
    ),
    "The household consented to disclosing health details: diagnoses and treatments are kept.": (
        "该家庭已同意公开健康详情：病名和治疗方式予以保留。"
    ),
    "The anonymizer took %(removed)s things out of the case story.": (
        "匿名化处理从个案情况中去除了 %(removed)s 处信息。"
    ),
    "%(guesses)s marked “check” are guesses: if one identifies nobody, you may write it back in the draft.": (
        "其中 %(guesses)s 处标为“请核对”的是推测：如不能识别任何人，可在草稿中改回。"
    ),
    "kind of information": "信息类别",
    "Names of anyone in the story become “X某”; numbers, accounts, addresses below county "
    "level, schools and employers are removed; diagnoses and treatments become their "
    "category unless the household consented to disclose health details; exact dates "
    "become the month. The review under the draft lists each removal and marks the "
    "guesses: check and edit the draft before publishing.": (
        "文中任何人的姓名替换为“X某”；各类号码、账号、县级以下地址、学校和工作单位将被去除；"
        "病名和治疗方式只保留类别（家庭另行同意公开健康详情的除外）；具体日期只保留月份。"
        "草稿下方的核对表列出每一处去除并标出推测之处：发布前请核对并编辑草稿。"
    ),
    "in the case story": "个案情况原文",
    "in the public story": "公开文本",
    "certainty": "确定程度",
    "removed": "已去除",
    "check": "请核对",
}
