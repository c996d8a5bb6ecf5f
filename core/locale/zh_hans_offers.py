"""Chinese for issue 22, items 5 and 6 and the leftovers: charities' offers of help on their
projects' matched needs, the caseworker's answers, and the patient's facts on the case page
(merged by translate_zh_hans.py)."""

ZH = {
    # the offer (needs.models.offers)
    "waiting for the caseworker": "待经办人处理",
    "amount offered (fen)": "认领金额（分）",
    "note to the caseworker": "给经办人的说明",
    "offered at": "认领时间",
    "offer of help": "救助认领",
    "offers of help": "救助认领",
    # the service's refusals (needs.services.offers)
    "project open": "项目开放",
    "category of hardship": "困难类别",
    "household statuses and key groups": "家庭身份与重点对象",
    "age range": "年龄范围",
    "sex": "性别",
    "conditions": "病种",
    "disability grade": "残疾等级",
    "household registration": "户籍",
    "Only this project's charity may offer help through it.": "只有本项目所属的慈善组织可以通过本项目认领。",
    "This case is not ready for referral: no remaining gap is recorded for it.": (
        "该个案尚不能转介：未登记剩余缺口。"
    ),
    "This case is outside the rules of %(project)s: %(rules)s.": (
        "该个案不符合%(project)s的规则：%(rules)s。"
    ),
    "Only an open project may offer help.": "只有开放中的项目可以认领。",
    "This case is already referred to this project.": "该个案已转介至本项目。",
    "The amount is more than the case's remaining gap (%(gap)s).": (
        "金额超过了该个案的剩余缺口（%(gap)s）。"
    ),
    "The amount is more than the project's per-case cap (%(cap)s).": (
        "金额超过了本项目的单例资助上限（%(cap)s）。"
    ),
    "This project's offer for this case is still waiting for the caseworker.": (
        "本项目对该个案的认领仍在等待经办人处理。"
    ),
    "This offer was already answered (%(status)s).": "该认领已处理（%(status)s）。",
    "Say why the offer is declined.": "请说明不采纳认领的原因。",
    # notifications and 待办
    "Case %(number)s: %(organisation)s offers %(amount)s through %(project)s; refer the "
    "case or decline the offer.": (
        "个案 %(number)s：%(organisation)s通过%(project)s认领 %(amount)s，请转介或说明不采纳。"
    ),
    "Your offer of %(amount)s through %(project)s for the need “%(need)s” was declined: "
    "%(reason)s": "您通过%(project)s对需求“%(need)s”认领的 %(amount)s 未被采纳：%(reason)s",
    "Offers of help to answer": "待处理的救助认领",
    "%(organisation)s offers %(amount)s through %(project)s": (
        "%(organisation)s通过%(project)s认领 %(amount)s"
    ),
    # the caseworker's offer page (needs.admin_views.offers)
    "Offer of help for case %(number)s": "个案 %(number)s 的救助认领",
    "Back to my work": "返回我的待办",
    "The offer": "认领内容",
    "verified": "已认证",
    "amount offered": "认领金额",
    "Refer the case to this project": "将个案转介至该项目",
    "One step: the case is referred to the offering project with the amount and note "
    "offered; the charity then answers the referral as usual.": (
        "一步完成：按认领的金额和说明将个案转介至认领项目，慈善组织随后照常答复转介。"
    ),
    "Case %(number)s referred to %(project)s.": "个案 %(number)s 已转介至%(project)s。",
    "Decline the offer": "不采纳认领",
    "The charity is told, with your reason.": "系统将把您的原因告知慈善组织。",
    "Offer of %(organisation)s declined; the charity is told.": (
        "已不采纳%(organisation)s的认领，并已告知该组织。"
    ),
    "Only the case's caseworker answers an offer of help.": "只有该个案的经办人可以处理救助认领。",
    "Only when no relief was given yet: why the case is referred first (先救助、后补办手续).": (
        "仅在尚未给予救助时填写：先行转介的原因（先救助、后补办手续）。"
    ),
    "The charity reads it: no names, ID numbers or phone numbers of the household.": (
        "慈善组织会看到此内容：请勿填写家庭成员的姓名、身份证号或电话号码。"
    ),
    # the charity's matched needs (projects.admin_views)
    "Matched needs and offers of help": "匹配的需求与救助认领",
    "Matched needs of %(title)s": "%(title)s的匹配需求",
    "Needs this project may take": "本项目可资助的需求",
    "Cases ready for referral that pass every rule of the project, most fitting first. No "
    "names, numbers or addresses: the caseworker shares contact details once you accept the "
    "referral.": (
        "符合本项目全部规则、可转介的个案，最匹配的在前。不显示姓名、证件号或地址：您受理转介后，"
        "经办人会提供联系方式。"
    ),
    "need": "需求",
    "score": "匹配分",
    "offer help": "认领救助",
    "Offer help": "认领救助",
    "Why": "匹配理由",
    "waiting %(days)s days": "已等待 %(days)s 天",
    "Offer waiting for the caseworker": "认领待经办人处理",
    "No case ready for referral passes this project's rules now.": "目前没有符合本项目规则的可转介个案。",
    "Offers of help": "救助认领",
    "No offers yet.": "尚无认领。",
    "In yuan (元): at most the need's remaining gap and the project's cap.": (
        "以元为单位：不超过该需求的剩余缺口和本项目的单例上限。"
    ),
    "What the project would do for the household, and how soon.": "项目将为该家庭做什么、多快落实。",
    "This need is not among the project's matches.": "该需求不在本项目的匹配结果中。",
    "Offer of %(amount)s sent: the caseworker refers the case or declines.": (
        "已提交 %(amount)s 的认领：经办人将决定转介或不采纳。"
    ),
    "Offer not sent. %(reasons)s": "认领未提交。%(reasons)s",
    # the API (needs.api.offers, search.api.serializers)
    "Only for staff who may open the case; empty for the charity.": "仅对可查看该个案的工作人员显示；慈善组织为空。",
    "The case id of a need the project matches.": "本项目匹配到的需求所对应的个案编号。",
    "At most the need's remaining gap and the cap.": "不超过该需求的剩余缺口和单例上限。",
    "Only when no relief was given yet: why the case is referred first.": (
        "仅在尚未给予救助时填写：先行转介的原因。"
    ),
    "The charity reads it.": "慈善组织会看到此内容。",
    "The case's id, to offer help for it (POST /api/v1/offers/).": (
        "个案编号，用于认领救助（POST /api/v1/offers/）。"
    ),
    # the patient's facts on the case page (needs.admin_forms.actions.AssessForm)
    "not recorded": "未登记",
    "A category, never the diagnosis: what charity projects name.": "只填病种类别，不填具体诊断：与慈善项目所列病种对应。",
    "patient's ID number": "患者身份证号",
    "Read for the age and sex only, never stored.": "仅用于读取年龄和性别，不会保存。",
    "1 is the most severe.": "一级最重。",
    "patient's facts": "患者情况",
    "aged %(age)s": "%(age)s 岁",
    "grade %(grade)s": "%(grade)s 级",
    "registered (户籍) outside the county": "户籍在本县（区）以外",
    "not recorded: matching cannot check projects' limits of age, sex or condition (record "
    "them with the assessment)": "未登记：匹配无法核对项目在年龄、性别或病种上的限制（请在评估时登记）",
}
