"""Other identifiers nobody recorded: accounts, addresses on the web, plates, a school class,
an employer, document numbers, and any long number whose meaning the text does not say.

Each is a shape (an email, a URL, 吉A·12345) or a keyword with what follows it (微信号,
QQ, 残疾证号). A school alone is no identifier, a school with its grade and class is; an
employer is read after the words that introduce one (在…公司打工).
"""

from __future__ import annotations

import re

from needs.anonymize.known import DOCUMENT_LABEL
from needs.anonymize.spans import Span

EMAIL_LABEL = "[邮箱已隐去]"
URL_LABEL = "[网址已隐去]"
ACCOUNT_LABEL = "[账号已隐去]"
PLATE_LABEL = "[车牌已隐去]"
SCHOOL_LABEL = "[学校班级已隐去]"
EMPLOYER_LABEL = "[工作单位已隐去]"
NUMBER_LABEL = "[号码已隐去]"

_NUM = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
_EMAIL_RE = re.compile(r"[A-Za-z0-9._%+\-]+\s?@\s?[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")
_URL_RE = re.compile(
    r"(?:https?://|www\.)[^\s，。；！？、（）<>\"'\u4e00-\u9fff]+"
    r"|[A-Za-z0-9\-]+\.(?:com|cn|net|org|gov\.cn|com\.cn)(?:/[^\s，。；\u4e00-\u9fff]*)?",
    re.IGNORECASE,
)
# 微信号 wxid_abc123, 微信：zhang_3, QQ号 123456789, QQ: 12345.
_ACCOUNT_RE = re.compile(
    r"(?:微信号?|微信账号|vx|VX|wx|WX|QQ号?码?|qq号?码?|抖音号?|快手号?|支付宝账?号?)"
    r"\s*(?:是|为|：|:|号)?\s*(?P<id>[A-Za-z0-9][A-Za-z0-9_\-.@]{3,29})"
)
_PLATE_RE = re.compile(
    r"(?<![A-Za-z0-9])[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼使领]"
    r"\s?[A-HJ-NP-Z][\s·.\-]?[A-HJ-NP-Z0-9]{4,5}[A-HJ-NP-Z0-9挂学警港澳]?(?![A-Za-z0-9])"
)
# A school with its grade and class (实验小学三年级二班, 县一中高二（3）班, 初三2班).
_SCHOOL_RE = re.compile(
    r"(?P<school>(?:(?![在读的到去是和与从])[\u4e00-\u9fff]){0,10}?(?:小学|中学|初中|高中|一中|二中|三中|职高|中专|"
    r"职业学校|技校|学校|学院|大学|幼儿园|完小|中心校|村小|教学点)(?:[\u4e00-\u9fff]{0,4}?校区)?)?"
    r"(?:(?:(?:[一二三四五六七八九]|\d)年级|初[一二三]|高[一二三]|大[一二三四]|[小中大]班)"
    rf"\s?(?:[（(]?{_NUM}[）)]?\s?班)?"
    # 四（4）班: a grade and a class with no 年级.
    rf"|[一二三四五六七八九]\s?[（(]{_NUM}[）)]\s?班)"
)
# Where someone works: after 在/于 and before 打工/上班/工作 (在宏达建材有限公司打工), or a
# company-shaped name after 就职于, 供职于.
_EMPLOYER_RE = re.compile(
    r"(?:在|于|到|去)(?P<employer>[\u4e00-\u9fffA-Za-z0-9（）()]{2,24}?"
    r"(?:有限责任公司|股份有限公司|有限公司|集团|公司|工厂|厂|加工厂|车间|工地|饭店|酒店|餐馆|"
    r"宾馆|超市|商店|门市|店|合作社|养殖场|农场|煤矿|矿|物流|快递|快递站|站|部|铺|中心|医院|学校|行|坊|所|厂)"
    r"[\u4e00-\u9fff]{0,3}?)(?:打工|上班|工作|务工|做工|干活|当|任|做|送|开车|跑|帮工)"
    r"|(?:就职于|供职于|受雇于|工作单位[是为：:]?)(?P<employer2>[\u4e00-\u9fffA-Za-z0-9（）()]{2,24}?"
    r"(?:有限责任公司|股份有限公司|有限公司|集团|公司|工厂|厂|店|医院|学校|单位|局|所))"
)
# A document number after the document's name (残疾证号 2201..., 低保证编号：DB-0012).
_DOCUMENT_RE = re.compile(
    r"(?:残疾证|残疾人证|低保证|特困证|特困供养证|五保证|户口簿|户口本|户籍|户号|护照|驾驶证|"
    r"行驶证|社保卡|医保卡|医疗证|合作医疗证|新农合|救助证|军官证|退役军人证|学生证|学籍|"
    r"准考证|工作证|营业执照|房产证|不动产证|证件|档案|病历|处方|结算单|发票|账户|账号|卡号|"
    r"编号|证号|单号|流水号)"
    r"(?:号码|编号|号|证号|卡号)?\s*(?:是|为|：|:)?\s*"
    r"(?P<code>[A-Za-z0-9](?:[A-Za-z0-9]|[\-/](?=[A-Za-z0-9])){4,29})"
)
# Any other run of eight or more digits (letters allowed among them) that is not an amount,
# a year-month-day or a count: an unlabelled number could be anyone's.
_LONG_NUMBER_RE = re.compile(
    r"(?<![A-Za-z0-9])[A-Za-z]{0,3}\d(?:[\d\- ]?\d){7,}[A-Za-z]?(?![A-Za-z0-9])"
)
_DATE_SHAPED = re.compile(r"(?:19|20)\d{2}[-/. ]?(?:0?[1-9]|1[0-2])[-/. ]?(?:[0-2]?\d|3[01])")
_AMOUNT_AFTER = re.compile(r"\s*(?:元|块|万|千|百|亿|人|户|平方|米|公斤|斤|次|天|个|岁|%|‰)")


def find(text: str) -> list[Span]:
    spans: list[Span] = []
    spans += [Span(*m.span(), "email", EMAIL_LABEL) for m in _EMAIL_RE.finditer(text)]
    spans += [Span(*m.span(), "url", URL_LABEL) for m in _URL_RE.finditer(text)]
    spans += [Span(*m.span("id"), "im_account", ACCOUNT_LABEL) for m in _ACCOUNT_RE.finditer(text)]
    spans += [Span(*m.span(), "licence_plate", PLATE_LABEL) for m in _PLATE_RE.finditer(text)]
    for m in _SCHOOL_RE.finditer(text):
        if m.group("school") or "班" in m.group(0):
            spans.append(Span(*m.span(), "school", SCHOOL_LABEL))
    for m in _EMPLOYER_RE.finditer(text):
        group = "employer" if m.group("employer") else "employer2"
        spans.append(Span(*m.span(group), "employer", EMPLOYER_LABEL, sure=False))
    spans += [
        Span(*m.span("code"), "document_number", DOCUMENT_LABEL)
        for m in _DOCUMENT_RE.finditer(text)
    ]
    for m in _LONG_NUMBER_RE.finditer(text):
        if not _AMOUNT_AFTER.match(text, m.end()) and not _DATE_SHAPED.fullmatch(m.group(0)):
            spans.append(Span(*m.span(), "number", NUMBER_LABEL, sure=False))
    return spans
