"""What the platform knows about a household, and the number shapes that need no record.

Two sources feed these passes: what the platform holds about the household
(``KnownIdentifiers``), matched however it is written (spaces, dashes, full-width digits), and
patterns that catch numbers nobody recorded (any 身份证-shaped number, any mobile, any
Luhn-valid card, a number after 住院号). Each pass returns spans of the folded text; the
package's ``redact`` merges them with the other detectors' spans.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields

from needs.anonymize import numerals
from needs.anonymize.text import FOLD as _FOLD
from needs.identifiers import luhn_valid

ID_NUMBER_LABEL = "[身份证号已隐去]"
PHONE_LABEL = "[电话已隐去]"
BANK_CARD_LABEL = "[银行卡号已隐去]"
HOSPITAL_RECORD_LABEL = "[病案号已隐去]"
ADDRESS_LABEL = "[详细地址已隐去]"
BIRTH_DATE_LABEL = "[出生日期已隐去]"
DOCUMENT_LABEL = "[证件号已隐去]"

MASK_CHAR = "某"

# Two-character surnames whose first character is rare as a surname on its own, so reading
# them as compound is safe. Left out on purpose: compounds starting with a common single
# surname (钟离, 梁丘, 段干, 左丘, 乐正, 宗政, 申屠...), where 钟离明 is far more likely 钟 + 离明;
# masking too little (钟某) is harmless, revealing a given-name character is not.
# fmt: off
COMPOUND_SURNAMES = frozenset({
    "欧阳", "司马", "诸葛", "上官", "司徒", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文",
    "令狐", "夏侯", "太史", "端木", "独孤", "南宫", "万俟", "澹台", "赫连", "濮阳", "公冶", "公羊",
    "太叔", "仲孙", "鲜于", "司空", "闾丘", "轩辕", "拓跋", "呼延", "西门", "第五",
    # Traditional forms, as written in Hong Kong, Macao and Taiwan documents.
    "歐陽", "司馬", "諸葛", "東方", "尉遲", "公孫", "長孫", "軒轅", "獨孤",
})
# fmt: on

# Inside a detected (unrecorded) number only a single space or dash, and only where people
# group digits, so that two neighbouring numbers are not read as one.
_SEP = r"[ \-]?"

_ID_NUMBER_RE = re.compile(
    rf"(?<!\d)(?:\d{{6}}{_SEP}\d{{4}}{_SEP}\d{{4}}{_SEP}\d{{3}}[\dXx]"  # 18: 6-8-4 or 6-4-4-4
    rf"|\d{{6}}{_SEP}\d{{6}}{_SEP}\d{{3}})(?!\d)"  # 15-digit legacy: 6-6-3
)
_MOBILE_PREFIX = r"(?:[(（]?(?:\+|00)?86[)）]?[ \-]?)?"
_MOBILE_RE = re.compile(rf"(?<![\d+])(?:{_MOBILE_PREFIX})1[3-9]\d{_SEP}\d{{4}}{_SEP}\d{{4}}(?!\d)")
# 010 and 02x have three digits, every other area code four; local numbers start with 2-9.
_LANDLINE_RE = re.compile(
    r"(?<!\d)[(（]?0(?:10|2\d|[3-9]\d{2})[)）]?[ \-]?[2-9]\d{2,3}[ \-]?\d{4}(?!\d)"
)
# 16-19 digits, unbroken or in groups of four ("6222 0212 3456 7890 123").
_BANK_CARD_RE = re.compile(
    rf"(?<!\d)(?P<core>\d{{4}}(?:{_SEP}\d{{4}}){{3}})(?P<tail>{_SEP}\d{{1,3}})?(?!\d)"
)
_HOSPITAL_RECORD_RE = re.compile(
    r"(?:住院病案号|住院号|病案号|门诊号|病历号|就诊号|住院號|病歷號|門診號)"
    r"(?:码|碼)?\s*(?:为|是)?\s*[：:]?\s*"
    r"(?P<code>[A-Za-z\d](?:[A-Za-z\d]|-(?=[A-Za-z\d]))*)"
)
_DATE_RE = re.compile(
    r"(?<!\d)(?P<y>\d{4})(?:"
    r"\s*年\s*(?P<m1>\d{1,2})\s*月\s*(?P<d1>\d{1,2})\s*[日号]"
    r"|(?P<sep>[-/.])(?P<m2>\d{1,2})(?P=sep)(?P<d2>\d{1,2})(?!\d)"
    r"|(?P<m3>\d{2})(?P<d3>\d{2})(?!\d)"
    r")"
)
# A date this close after one of these words is a birth date, known or not.
_BIRTH_BEFORE_RE = re.compile(r"(?:出生|生于|生日)[^\d\n。！？!?；;]{0,8}$")
# "1980年1月1日出生" is the usual Chinese order.
_BIRTH_AFTER_RE = re.compile(r"\s*(?:出生|生人|生(?=$|[^\u4e00-\u9fff]))")

_CJK_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def mask_name(name: str) -> str:
    """The surname followed by 某 (张三 -> 张某, 欧阳娜娜 -> 欧阳某).

    A public story may say "张某" so readers know a person is meant, without being able to find
    them. A name that is not Chinese keeps its first letter (Anna Li -> A某).
    """
    name = "".join(name.split())
    if not name:
        return ""
    if _CJK_RE.match(name):
        # A two-character name is surname + given name even if it spells a compound surname.
        if len(name) > 2 and name[:2] in COMPOUND_SURNAMES:
            return name[:2] + MASK_CHAR
        return name[0] + MASK_CHAR
    return name[0] + MASK_CHAR


def _as_tuple(values: Iterable[object]) -> tuple:
    if isinstance(values, str | bytes | dt.date):
        # One identifier passed where a tuple of them belongs; a str would split into chars.
        return (values,)
    return tuple(values)


@dataclass(frozen=True)
class KnownIdentifiers:
    """Everything the platform holds about one household that must not appear in public.

    ``addresses`` are the parts below county level (township, village, street, house detail):
    the county itself may be published. Lists are accepted and stored as tuples.
    """

    names: tuple[str, ...] = ()
    id_numbers: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    addresses: tuple[str, ...] = ()
    bank_cards: tuple[str, ...] = ()
    hospital_record_numbers: tuple[str, ...] = ()
    document_numbers: tuple[str, ...] = ()
    birth_dates: tuple[dt.date, ...] = ()

    def __post_init__(self) -> None:
        for field in fields(self):
            object.__setattr__(self, field.name, _as_tuple(getattr(self, field.name)))


# A pass finds spans in the folded text; each span says what replaces it.
_Span = tuple[int, int, str]
_Pass = tuple[str, Callable[[str], list[_Span]]]


def _regex_pass(pattern: re.Pattern[str], label: str, group: str | int = 0) -> Callable:
    def finder(text: str) -> list[_Span]:
        return [(*m.span(group), label) for m in pattern.finditer(text)]

    return finder


_KNOWN_GAP = frozenset(" \t\n\r-‐–—.·()（）")
_ASCII_UPPER = str.maketrans({chr(c): chr(c - 32) for c in range(ord("a"), ord("z") + 1)})
# What may stand before a recorded phone and goes with it: a country code or an opening bracket.
_PHONE_PREFIX_BEFORE = re.compile(r"(?:[(（]?(?:\+|00)?86[)）]?[ \-]?|[(（])$")


def _ascii_alnum(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _find_literal(
    text: str, value: str, gap: frozenset[str], max_gap: int
) -> list[tuple[int, int]]:
    """Where a recorded identifier stands in ``text``, with at most ``max_gap`` characters of
    ``gap`` between any two of its characters ("(0431) 8888 8888", "张 三"), letters in any case.

    Digits and Latin letters at either end must not continue into a longer run, so a recorded
    phone is not found inside a longer number. Plain string search, no regular expression: a
    household's facts are new on every call, and compiling a pattern for each cost more than
    all the rest of the anonymizer.
    """
    chars = [c for c in value.translate(_FOLD).translate(_ASCII_UPPER) if not c.isspace()]
    if len(chars) < 2:
        # One character is no identifier, and masking every occurrence would wreck the text.
        return []
    hay = text.translate(_ASCII_UPPER)
    found: list[tuple[int, int]] = []
    start = hay.find(chars[0])
    while start != -1:
        position, matched = start, 1
        while matched < len(chars):
            j, skipped = position + 1, 0
            while j < len(hay) and hay[j] != chars[matched] and hay[j] in gap and skipped < max_gap:
                j, skipped = j + 1, skipped + 1
            if j < len(hay) and hay[j] == chars[matched]:
                position, matched = j, matched + 1
            else:
                break
        end = position + 1
        if (
            matched == len(chars)
            and not (_ascii_alnum(chars[0]) and start > 0 and _ascii_alnum(hay[start - 1]))
            and not (_ascii_alnum(chars[-1]) and end < len(hay) and _ascii_alnum(hay[end]))
        ):
            found.append((start, end))
        start = hay.find(chars[0], start + 1)
    return found


def _known_pass(
    values: Iterable[str],
    label: str,
    *,
    gap: frozenset[str] = _KNOWN_GAP,
    max_gap: int = 2,
    phone: bool = False,
) -> Callable:
    ordered = sorted(set(values), key=len, reverse=True)

    def finder(text: str) -> list[_Span]:
        spans: list[_Span] = []
        for value in ordered:
            for start, end in _find_literal(text, value, gap, max_gap):
                if phone and (
                    prefix := _PHONE_PREFIX_BEFORE.search(text, max(0, start - 8), start)
                ):
                    start = prefix.start()
                # Longest first; a shorter value inside a span already taken is the same hit.
                if not any(s < end and start < e for s, e, _ in spans):
                    spans.append((start, end, label))
        return sorted(spans)

    return finder


def _alnum(value: str) -> str:
    return "".join(c for c in value.translate(_FOLD) if c.isascii() and c.isalnum())


def _known_phone_variants(phone: str) -> list[str]:
    """The forms a recorded phone may be typed in: all its digits, without +86, and a
    landline's local number without its area code (enough to call it from the same city)."""
    digits = _alnum(phone)
    if len(digits) == 13 and digits.startswith("86"):
        digits = digits[2:]
    elif len(digits) == 15 and digits.startswith("0086"):
        digits = digits[4:]
    variants = [digits]
    landline = _LANDLINE_RE.fullmatch(digits)
    if landline and digits.startswith("0"):
        area = 3 if digits[1] in "12" else 4
        variants.append(digits[area:])
    return variants


def _bank_card_finder(text: str) -> list[_Span]:
    """Luhn-valid 16-19 digit numbers; when a trailing group spoils the check, the 16 digits
    before it may still be a card followed by an unrelated number."""
    spans: list[_Span] = []
    for m in _BANK_CARD_RE.finditer(text):
        if luhn_valid(_alnum(m.group(0))):
            spans.append((m.start(), m.end(), BANK_CARD_LABEL))
        elif m.group("tail") and luhn_valid(_alnum(m.group("core"))):
            spans.append((*m.span("core"), BANK_CARD_LABEL))
    return spans


def _date_of(m: re.Match[str]) -> dt.date | None:
    month = m.group("m1") or m.group("m2") or m.group("m3")
    day = m.group("d1") or m.group("d2") or m.group("d3")
    try:
        return dt.date(int(m.group("y")), int(month), int(day))
    except ValueError:
        return None


def _birth_date_finder(birth_dates: tuple[dt.date, ...]) -> Callable:
    known = set(birth_dates)

    def finder(text: str) -> list[_Span]:
        spans: list[_Span] = []
        for m in _DATE_RE.finditer(text):
            date = _date_of(m)
            if date is None:
                continue
            if (
                date in known
                or _BIRTH_BEFORE_RE.search(text[max(0, m.start() - 12) : m.start()])
                or _BIRTH_AFTER_RE.match(text, m.end())
            ):
                spans.append((m.start(), m.end(), BIRTH_DATE_LABEL))
        return spans

    return finder


_SPACES = frozenset(" \t\n\r\u3000")


def _name_pass(name: str) -> Callable:
    masked = mask_name(name)

    def finder(text: str) -> list[_Span]:
        return [(s, e, masked) for s, e in _find_literal(text, name, _SPACES, 3)]

    return finder


# The endings that close one part of an address (红旗乡 | 前进村 | 3组 | 12号).
_ADDRESS_PART_RE = re.compile(
    r".+?(?:街道办事处|街道|社区|居委会|村委会|小区|花园|家园|新村|大厦|公寓|苑|嘎查|苏木|乡|镇|村|屯|寨|"
    r"组|社|队|路|街|巷|弄|胡同|号院|号楼|号|栋|幢|单元|门|室|楼)"
)


def _address_values(addresses: Iterable[str]) -> list[str]:
    """A recorded address, its named parts on their own (the village is found wherever the
    story mentions it, not only next to its township), and each with its numbers written the
    other way (3组 / 三组). Numbered parts alone (12号) are not searched: a house number
    without its street is any number; the places detector reads those in context."""
    values: set[str] = set()
    for address in addresses:
        address = "".join(address.split())
        values |= numerals.variants(address)
        for part in _ADDRESS_PART_RE.findall(address):
            if len(part) >= 3 and not part[0].isdigit() and not numerals.to_arabic(part[:-1]):
                values |= numerals.variants(part)
    return [v for v in values if len(v) >= 2]


def passes(known: KnownIdentifiers) -> list[_Pass]:
    """The passes in the order they run.

    Numbers go from the most to the least specific shape: an ID number is removed before the
    phone pass could see eleven of its digits, a phone before the card pass. Addresses go
    before names, since an address may contain a name (张家村) and must still be found whole.
    """
    phone_variants = [v for p in known.phones for v in _known_phone_variants(p)]
    known_ids = _known_pass(map(_alnum, known.id_numbers), ID_NUMBER_LABEL)
    known_phones = _known_pass(phone_variants, PHONE_LABEL, phone=True)
    known_cards = _known_pass(map(_alnum, known.bank_cards), BANK_CARD_LABEL)
    known_records = _known_pass(map(_alnum, known.hospital_record_numbers), HOSPITAL_RECORD_LABEL)
    known_documents = _known_pass(map(_alnum, known.document_numbers), DOCUMENT_LABEL)
    passes: list[_Pass] = [
        ("id_number", known_ids),
        ("id_number", _regex_pass(_ID_NUMBER_RE, ID_NUMBER_LABEL)),
        ("phone", known_phones),
        ("phone", _regex_pass(_MOBILE_RE, PHONE_LABEL)),
        ("phone", _regex_pass(_LANDLINE_RE, PHONE_LABEL)),
        ("bank_card", known_cards),
        ("bank_card", _bank_card_finder),
        ("hospital_record", known_records),
        ("hospital_record", _regex_pass(_HOSPITAL_RECORD_RE, HOSPITAL_RECORD_LABEL, "code")),
        ("document_number", known_documents),
        ("birth_date", _birth_date_finder(known.birth_dates)),
        (
            "address",
            _known_pass(_address_values(known.addresses), ADDRESS_LABEL, gap=_SPACES, max_gap=3),
        ),
    ]
    names = sorted({"".join(n.split()) for n in known.names}, key=len, reverse=True)
    passes += [("name", _name_pass(name)) for name in names]
    return passes
