"""The publishing check: a second detector, built differently from the scrubber on purpose.

The scrubber (``redact``) decides where a name or a place begins and ends with a word
segmenter and masks on context. If the check ran the same passes it could never refuse what
the scrubber missed, so it reads the final text its own way, by shape and vocabulary alone:

- what the household record holds (the known passes, the same as the scrubber's: a recorded
  fact is found by matching it, there is no second way);
- any run of seven or more digits that is not an amount, a count or a date; number shapes;
- a person named after a relation or role word (妻子, 邻居, 村支书, 医生...) or before a sex
  or an age (，男, 52岁, （78岁）), and a nickname after a relation word;
- a place name with the ending of a unit below county (村, 屯, 社区, 小区, 街道, 镇, 乡...)
  and numbered groups, buildings and rooms;
- the diagnosis and treatment vocabulary, unless the household consented to health details;
- a month with its day.

It never reads the labels the scrubber leaves ([电话已隐去]) or a masked name (张某).
"""

from __future__ import annotations

import re

from needs.anonymize import KINDS, Finding
from needs.anonymize.health import _DIAGNOSES, _TREATMENTS
from needs.anonymize.known import KnownIdentifiers, passes
from needs.anonymize.names import _BEFORE
from needs.anonymize.others import _DATE_SHAPED
from needs.anonymize.others import find as other_identifiers
from needs.anonymize.surnames import SINGLE_SURNAMES
from needs.anonymize.text import blank_labels, fold

_CJK = r"[\u4e00-\u9fff]"
_NAME_CHAR = r"(?:(?!某)[\u4e00-\u9fff])"
_SURNAME = "[" + "".join(sorted(SINGLE_SURNAMES)) + "]"
_FOLLOWS_NAME = r"(?=[，,、]?\s?[男女][，,、；;。\s(（\d]|\s?[（(]?\d{1,3}\s?岁|[（(][男女\d])"
# Titles after a bare surname (王大妈, 刘书记): nothing beyond the surname.
_TITLES = (
    "(?:大妈|大爷|大娘|大婶|大姐|大哥|大叔|阿姨|奶奶|爷爷|婆婆|老汉|老太|师傅|书记|主任|医生|"
    "大夫|老师|女士|先生|同志|家)"
)
# Everyday words that start with a surname character (年龄, 平时, 查出, 常年).
_EVERYDAY = (
    "(?:年龄|年纪|平时|平常|平安|查出|查明|查看|常年|常常|高兴|明确|明白|安全|安排|于是|和好|"
    "全家|全部|成功|成了|时间|时候|向来|从来|从小|都是|都在|能够|关于|关系|关心|路上|金额|"
    "费用|解决|应该|单位|计划|方便|方面|文化|东西|曾经|程度|包括|严重|任何|白天|万元|余额|"
    "宁可|申请|连续|连忙|习惯|容易|居住|步行|利用|简单|关键|但是|过去|原来|初中|门口|来自|"
    "有关|爱好|才能|达到|车祸|水电|花费|房屋|孙子|孙女|司机|师傅|和睦|齐全|经常|经济|尚未)"
)
# What follows a name in a case note (the scrubber's segmenter is not used here).
_FOLLOWERS = (
    "[在于因患是等和与及跟同说讲称被把给对将向从到去来也都还又就已曾的了着过得地今现系为所一住靠没带打回做病]"
    "|反映|介绍|表示|照顾|平时|家里|家中|生活|身体|外出|务工|原在|另有|可以|自己|常来|确诊"
)
_RELATION = "(?:" + "|".join(sorted(map(re.escape, _BEFORE), key=len, reverse=True)) + ")"
_NAME_RE = re.compile(
    rf"(?P<a>(?<!{_CJK})(?!{_EVERYDAY}){_SURNAME}{_NAME_CHAR}{{1,2}}){_FOLLOWS_NAME}"
    rf"|{_RELATION}[是叫为：:]?(?!{_EVERYDAY})(?P<b>{_SURNAME}(?!{_TITLES}){_NAME_CHAR}{{1,2}}?)"
    rf"(?=[，,。；;、！？\s（(]|$|{_FOLLOWERS})"
    rf"|{_RELATION}(?P<c>(?:小|阿)(?![学时孩组区卖儿型额便康麦心姐伙病吃镇队说姑姨叔舅妹弟姨婆公]){_CJK})(?=[，,。；;、！？\s在于因患说和与是的等已也今现])"
)
# A place name: two to four characters that are no function word or pronoun, before the
# ending of a unit below county (the scrubber reads the same endings, but cuts names with its
# segmenter; this reads characters only).
_PLACE_NAME_CHAR = (
    r"(?:(?![住在到去来回从往离的和与及我你他她们这那每各该本此其全同邻农])[\u4e00-\u9fff])"
)
_PLACE_RE = re.compile(
    rf"(?P<name>{_PLACE_NAME_CHAR}{{2,4}}?)"
    r"(?:村(?![民里干医口头长委])|屯|社区|小区|街道|镇(?![上里市县区])|乡(?![下里村亲镇市县])|嘎查|苏木|居委会|营子|"
    r"花园|家园|大厦|公寓|胡同|大街)"
)
_UNIT_RE = re.compile(
    r"(?:\d{1,4}|[一二三四五六七八九十]{1,3})(?:村民小组|组|社|队|栋|幢|单元|室|号院|号楼)"
)
_DIGITS_RE = re.compile(r"(?<![\d.])\d(?:[\s\-]?\d){6,}(?![\d.])")
_NOT_A_NUMBER_AFTER = re.compile(r"\s*(?:元|块|万|千|百|亿|人|户|平方|米|公斤|斤|次|天|个|岁|%)")
_HEALTH_RE = re.compile(
    "|".join(sorted(map(re.escape, _DIAGNOSES + _TREATMENTS), key=len, reverse=True))
    + rf"|{_CJK}{{1,4}}?(?:癌|瘤|白血病|衰竭)"
)
_HEALTH_ALLOWED = frozenset({"癌症", "肿瘤"})
_DAY_RE = re.compile(
    r"(?:\d{1,2}|[一二三四五六七八九十正腊冬]{1,2})\s?月(?:份)?\s?"
    r"(?:\d{1,2}|[一二三四五六七八九十廿卅初]{1,3})\s?[日号]"
)
_ORDER = {kind: rank for rank, kind in enumerate(KINDS)}


def find(text: str, known: KnownIdentifiers, *, health_details: bool = False) -> list[Finding]:
    folded = fold(text)
    plain = blank_labels(folded.text)
    spans: list[tuple[int, int, str]] = []
    for kind, finder in passes(known):
        spans += [(start, end, kind) for start, end, _label in finder(plain)]
    spans += [(s.start, s.end, s.kind) for s in other_identifiers(plain) if s.kind != "number"]
    for m in _DIGITS_RE.finditer(plain):
        digits = re.sub(r"\D", "", m.group(0))
        if _NOT_A_NUMBER_AFTER.match(plain, m.end()) or _DATE_SHAPED.fullmatch(digits):
            continue
        spans.append((m.start(), m.end(), "number"))
    for m in _NAME_RE.finditer(plain):
        group = next(g for g in ("a", "b", "c") if m.group(g))
        spans.append((*m.span(group), "name"))
    for m in _PLACE_RE.finditer(plain):
        spans.append((m.start("name"), m.end(), "address"))
    spans += [(*m.span(), "address") for m in _UNIT_RE.finditer(plain)]
    if not health_details:
        for m in _HEALTH_RE.finditer(plain):
            if m.group(0) not in _HEALTH_ALLOWED:
                spans.append((*m.span(), "health"))
    spans += [(*m.span(), "date") for m in _DAY_RE.finditer(plain)]
    return _findings(text, folded, spans)


def _findings(text: str, folded, spans: list[tuple[int, int, str]]) -> list[Finding]:
    """One finding per place: overlapping spans count once, under the most specific kind."""
    merged: list[list] = []
    for start, end, kind in sorted(spans, key=lambda s: (s[0], -s[1], _ORDER[s[2]])):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
            if _ORDER[kind] < _ORDER[merged[-1][2]]:
                merged[-1][2] = kind
        else:
            merged.append([start, end, kind])
    findings = []
    for start, end, kind in merged:
        original_start, original_end = folded.span(start, end)
        findings.append(
            Finding(kind, text[original_start:original_end], original_start, original_end)
        )
    return findings
