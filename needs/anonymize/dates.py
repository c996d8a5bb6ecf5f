"""Exact dates become the month (12月5日 -> 12月): a day and a village together find a family.

The month and the year stay, and so do ages and durations; a day with no month in front of it
(本月5日, 5号晚上) becomes 近日. Arabic and Chinese numerals, 日 and 号, 2026-11-03 and
2026/11/3, and 初五 (a lunar day) are read.
"""

from __future__ import annotations

import re

from needs.anonymize.spans import Span

_CN_DAY = (
    r"(?:[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九]|三十一?|廿[一二三四五六七八九]?|卅)"
)
_CN_MONTH = r"(?:十[一二]?|[一二三四五六七八九]|正|腊|冬)"
_DAY = rf"(?:[12]\d|3[01]|0?[1-9]|{_CN_DAY})"
_MONTH = rf"(?:1[0-2]|0?[1-9]|{_CN_MONTH})"

# 2026年11月3日, 11月3号, 十一月三日, 腊月初五: the day part is what goes.
_MONTH_DAY_RE = re.compile(
    rf"(?P<month>{_MONTH}\s?月(?:份)?)\s?(?P<day>(?:初|廿)?{_DAY}\s?[日号]|初{_CN_DAY}|\d{{1,2}}(?=[上下中早晚凌]))"
)
# 2026-11-03, 2026/11/3, 2026.11.3: becomes 2026年11月.
_NUMERIC_RE = re.compile(
    r"(?<![\d.])(?P<year>(?:19|20)\d{2})(?P<sep>[-/.])(?P<month>1[0-2]|0?[1-9])(?P=sep)"
    r"(?P<day>[12]\d|3[01]|0?[1-9])(?![\d.])"
)
# 20261103 written in one run, with a plausible year.
_COMPACT_RE = re.compile(
    r"(?<!\d)(?P<year>(?:19|20)\d{2})(?P<month>0[1-9]|1[0-2])(?P<day>0[1-9]|[12]\d|3[01])(?!\d)"
)
# 本月5日, 当月3号, 5号晚上: a day with no month in front.
_DAY_ONLY_RE = re.compile(
    r"(?:(?:本月|当月|这个月|上个月|上月|下月)|(?<![\d月年路街巷弄道里村组社栋楼层室元.\-/]))"
    r"(?P<day>(?:[12]\d|3[01]|0?[1-9])\s?[日号])"
    r"(?![楼院门线床房室车病区码牌位元栋幢单层排户组社\d])"
)


# 6.23, 10.18 as a date: a month and a day with a dot, where a date is being told (于6.6到账,
# 回访：7.15, 8.28要去), never an amount (6.5万元) or a measure (38.5度).
_DOTTED_RE = re.compile(
    r"(?<![\d.])(?P<month>1[0-2]|0?[1-9])\.(?P<day>[12]\d|3[01]|0?[1-9])(?![\d.%])"
    r"(?!\s*(?:万|元|千|百|亿|倍|米|斤|公斤|克|度|岁|次|个|天|年|小时|分|吨|亩|平|cm|kg|mm))"
)
# 十月十二, 五月廿七, 腊月初五 without 日: a Chinese day numeral right after the month.
_CN_MONTH_DAY_RE = re.compile(
    rf"(?P<month>{_CN_MONTH}月)(?P<day>(?:初|廿)?(?:[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九]|卅))"
    r"(?![一二三四五六七八九十日号个岁年天斤元万多余份底中初])"
)


def find(text: str) -> list[Span]:
    spans: list[Span] = []
    for m in _MONTH_DAY_RE.finditer(text):
        start, end = m.span("day")
        spans.append(Span(start, end, "date", ""))
    for m in _NUMERIC_RE.finditer(text):
        month = int(m.group("month"))
        spans.append(Span(*m.span(), "date", f"{m.group('year')}年{month}月"))
    for m in _COMPACT_RE.finditer(text):
        month = int(m.group("month"))
        spans.append(Span(*m.span(), "date", f"{m.group('year')}年{month}月"))
    for m in _DOTTED_RE.finditer(text):
        spans.append(Span(*m.span(), "date", f"{int(m.group('month'))}月", sure=False))
    for m in _CN_MONTH_DAY_RE.finditer(text):
        if not any(s.start <= m.start("day") < s.end for s in spans):
            spans.append(Span(*m.span("day"), "date", ""))
    taken = [(s.start, s.end) for s in spans]
    for m in _DAY_ONLY_RE.finditer(text):
        if any(s <= m.start("day") < e for s, e in taken):
            continue
        # 本月21号受理 -> 本月受理; 21号受伤 -> 近日受伤.
        replacement = "" if m.start("day") > m.start() else "近日"
        spans.append(Span(*m.span("day"), "date", replacement))
    return spans
