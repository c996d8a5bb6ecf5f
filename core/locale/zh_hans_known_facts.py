"""Chinese for a household's bank cards and document numbers, its contacts outside the
household, and the separate consent to disclose health details (merged by
translate_zh_hans.py)."""

ZH = {
    # models: document numbers
    "bank card": "银行卡",
    "hospital or admission record number": "病案号或住院号",
    "disability certificate (残疾证)": "残疾证",
    "低保 or 特困 certificate": "低保证或特困证",
    "household register (户口簿)": "户口簿",
    "other document": "其他证件",
    "number (encrypted)": "号码（加密）",
    "label": "说明",
    "Which card or document, without names (for example: 农业银行工资卡).": (
        "是哪张卡或哪份证件，不要写姓名（例如：农业银行工资卡）。"
    ),
    "bank card or document number": "银行卡号或证件号",
    "bank cards and document numbers": "银行卡号和证件号",
    # models: contacts outside the household
    "relative living elsewhere": "外地亲属",
    "neighbour": "邻居",
    "village or community cadre": "村（社区）干部",
    "employer or colleague": "雇主或同事",
    "other contact": "其他联系人",
    "name (encrypted)": "姓名（加密）",
    "phone (encrypted)": "电话（加密）",
    "contact outside the household": "户外联系人",
    "contacts outside the household": "户外联系人",
    # the separate consent for health details
    "disclose health details (diagnosis, treatment) in the published need": (
        "在公开需求中披露健康详情（病名、治疗）"
    ),
    "Publishing an anonymized need, showing contact details to an accepting charity, and "
    "keeping health details (diagnosis, treatment) in the published need each need the "
    "household's own consent.": (
        "发布匿名需求、向接收转介的慈善组织提供联系方式、在公开需求中保留健康详情（病名、治疗），"
        "均须分别取得该户的同意。"
    ),
    # validation
    "Enter a bank card number of 16 to 19 digits.": "请输入 16 至 19 位数字的银行卡号。",
    "This bank card number does not pass its check digit; check for a typo.": (
        "该银行卡号未通过校验位检查，请检查是否输错。"
    ),
    "Enter the number as written on the document: 4 to 40 letters and digits, dashes allowed "
    "between them.": "请按证件上的写法输入号码：4 至 40 位字母和数字，中间可含短横线。",
    "Use at most %(limit)s characters.": "最多 %(limit)s 个字符。",
    "Choose what kind of number this is.": "请选择号码类型。",
    "This number is already recorded for the household.": "该号码已登记在此户名下。",
    "This number belongs to another household.": "该号码属于另一户。",
    "This number was already removed.": "该号码已删除。",
    "This contact is already recorded for the household.": "该联系人已登记在此户名下。",
    "This contact belongs to another household.": "该联系人属于另一户。",
    "This contact was already removed.": "该联系人已删除。",
    # API
    "The number as written on the card or document.": "卡片或证件上的号码。",
    # back office: forms and actions
    "number": "号码",
    "As written on the card or document. Stored encrypted; pages show only its last "
    "characters.": "按卡片或证件上的写法填写。加密保存，页面只显示末尾几位。",
    "For example: lives next door, has a key; calls the household every week.": (
        "例如：住隔壁，有钥匙；每周给这户打电话。"
    ),
    "Record a bank card or document number": "登记银行卡号或证件号",
    "Bank cards, hospital or admission record numbers, certificates (残疾证, 低保/特困证) and "
    "the household register: stored encrypted, and removed from every public text.": (
        "银行卡、病案号或住院号、证件（残疾证、低保/特困证）和户口簿：加密保存，"
        "并从所有公开文字中去除。"
    ),
    "Record the number": "登记号码",
    "Recorded: %(kind)s (stored encrypted).": "已登记：%(kind)s（加密保存）。",
    "Remove a document number": "删除证件号",
    "Remove": "删除",
    "The number was removed.": "号码已删除。",
    "Record a contact outside the household": "登记户外联系人",
    "A relative living elsewhere, a neighbour, the village or community cadre: name and phone "
    "are stored encrypted, and removed from every public text.": (
        "外地亲属、邻居、村（社区）干部：姓名和电话加密保存，并从所有公开文字中去除。"
    ),
    "Record the contact": "登记联系人",
    "Contact recorded: %(relation)s.": "已登记联系人：%(relation)s。",
    "Remove a contact": "删除联系人",
    "The contact was removed.": "联系人已删除。",
    "bank card or document number recorded": "登记银行卡号或证件号",
    "bank card or document number removed": "删除银行卡号或证件号",
    "contact outside the household recorded": "登记户外联系人",
    "contact outside the household removed": "删除户外联系人",
    # the case page
    "Bank cards and document numbers": "银行卡号和证件号",
    "The household's bank cards and document numbers, masked": "该户的银行卡号和证件号（已遮蔽）",
    "Contacts outside the household": "户外联系人",
    "None recorded.": "暂无登记。",
}
