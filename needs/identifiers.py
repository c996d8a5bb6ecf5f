"""Validation of Chinese personal identifiers: 身份证 numbers, phone numbers, bank cards and
other document numbers (hospital records, certificates, household registers).

Staff type these in from paper forms, phone calls and photos of documents, so the validators
are lenient about how a value is written (spaces, full-width characters, a lowercase x, a +86
prefix) and strict about what it is: a number that fails its own check digit or carries an
impossible birth date is almost always a typo, and catching it at entry is far cheaper than
finding out when a payment or a duplicate check goes wrong.

Every validator returns the normalized form, so what is stored, compared and searched is
always written the same way.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# GB 11643-1999: ISO 7064 MOD 11-2 over the first 17 digits.
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARS = "10X98765432"
# Nobody alive and in need of relief was born before this; an earlier date is a typo.
ID_EARLIEST_BIRTH_DATE = dt.date(1900, 1, 1)

_ID_18_RE = re.compile(r"[0-9]{17}[0-9X]")
_ID_15_RE = re.compile(r"[0-9]{15}")

_MOBILE_RE = re.compile(r"(?:\+86|0086|86)?(1[3-9][0-9]{9})")
# Three-digit area codes are 010 and 02x; every other area code has four digits (03xx-09xx).
# Local numbers never start with 0 (trunk prefix) or 1 (service numbers).
_AREA_CODE = r"0(?:10|2[0-9]|[3-9][0-9]{2})"
_LOCAL_NUMBER = r"[2-9][0-9]{6,7}"
_LANDLINE_RE = re.compile(rf"({_AREA_CODE})({_LOCAL_NUMBER})")


def _fold(value: str) -> str:
    """Fold full-width digits, letters and punctuation to ASCII, as Chinese input methods
    often produce them and they mean the same number."""
    return unicodedata.normalize("NFKC", value)


def id_check_char(first_17: str) -> str:
    """The check character for the first 17 digits of an 18-digit 身份证 number."""
    if not re.fullmatch(r"[0-9]{17}", first_17):
        raise ValueError("The check character is computed over exactly 17 ASCII digits.")
    total = sum(int(digit) * weight for digit, weight in zip(first_17, ID_WEIGHTS, strict=True))
    return ID_CHECK_CHARS[total % 11]


def normalize_id_number(value: str) -> str:
    """Remove whitespace and upper-case a final x, so one number has one written form."""
    compact = "".join(_fold(value).split())
    if compact.endswith("x"):
        compact = compact[:-1] + "X"
    return compact


def _today() -> dt.date:
    # The local date (Asia/Shanghai), not the server's UTC date: someone born this morning
    # in Beijing must not be "born in the future" before 08:00.
    return timezone.localdate()


def _birth_date_or_error(number: str, today: dt.date) -> dt.date:
    """The birth date inside an already well-formed number, or an ``invalid_date`` error."""
    if len(number) == 18:
        year, month, day = int(number[6:10]), int(number[10:12]), int(number[12:14])
    else:  # 15-digit legacy cards carry YYMMDD, all in the 1900s.
        year, month, day = 1900 + int(number[6:8]), int(number[8:10]), int(number[10:12])
    try:
        born = dt.date(year, month, day)
    except ValueError:
        born = None
    if born is None or born < ID_EARLIEST_BIRTH_DATE or born > today:
        raise ValidationError(
            _("The birth date in this ID number is not a real date between 1900 and today."),
            code="invalid_date",
        )
    return born


def _check_id_number(value: str, today: dt.date | None) -> tuple[str, dt.date]:
    number = normalize_id_number(value)
    if not (_ID_18_RE.fullmatch(number) or _ID_15_RE.fullmatch(number)):
        raise ValidationError(
            _("Enter an ID number of 18 characters (digits, the last may be X) or 15 digits."),
            code="invalid_format",
        )
    # The date is checked before the check character: when both are wrong, "the birth date
    # is impossible" tells the caseworker where to look, "wrong check character" does not.
    born = _birth_date_or_error(number, today or _today())
    if len(number) == 18 and id_check_char(number[:17]) != number[17]:
        raise ValidationError(
            _("This ID number's last character does not match the others; check for a typo."),
            code="invalid_check",
        )
    return number, born


def validate_id_number(value: str, *, today: dt.date | None = None) -> str:
    """Return the normalized 身份证 number or raise ``ValidationError``.

    Codes: ``invalid_format`` (length or characters), ``invalid_date`` (birth date impossible,
    before 1900 or after ``today``), ``invalid_check`` (the MOD 11-2 check character is wrong).
    ``today`` defaults to the local date and exists so tests can pin the calendar.
    """
    return _check_id_number(value, today)[0]


def id_number_birth_date(value: str, *, today: dt.date | None = None) -> dt.date:
    """The birth date carried by a valid ID number; raises ``ValidationError`` like
    ``validate_id_number`` so an invalid number never yields a date."""
    return _check_id_number(value, today)[1]


def validate_phone(value: str) -> str:
    """Return a mainland mobile as its 11 digits or a landline as ``0431-88888888``.

    Accepts +86 / 86 / 0086 before a mobile, spaces and brackets anywhere, and dashes; in a
    landline the first dash must end the area code. The normalized form lets the same phone
    entered two ways be recognised as one.
    """
    compact = re.sub(r"[\s()]", "", _fold(value))
    mobile = _MOBILE_RE.fullmatch(compact.replace("-", ""))
    if mobile:
        return mobile.group(1)
    if "-" in compact:
        # The first dash is where the caller put the end of the area code; trust it rather
        # than re-split the digits, so "043-188888888" is an error, not a guess.
        area, local = compact.split("-", 1)
        local = local.replace("-", "")
        if re.fullmatch(_AREA_CODE, area) and re.fullmatch(_LOCAL_NUMBER, local):
            return f"{area}-{local}"
    else:
        landline = _LANDLINE_RE.fullmatch(compact)
        if landline:
            return f"{landline.group(1)}-{landline.group(2)}"
    raise ValidationError(
        _(
            "Enter a mainland mobile number (11 digits starting with 13-19) "
            "or a landline with its area code, such as 0431-88888888."
        ),
        code="invalid_phone",
    )


def luhn_valid(digits: str) -> bool:
    """Whether ``digits`` passes the Luhn check used by bank card numbers.

    Only the check itself: the caller decides which lengths it accepts (bank cards have 16-19
    digits). Anything that is not a non-empty run of ASCII digits is not valid.
    """
    if not re.fullmatch(r"[0-9]+", digits):
        return False
    total = 0
    for position, char in enumerate(reversed(digits)):
        digit = int(char)
        if position % 2 == 1:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


# Bank cards (UnionPay debit and credit cards) have 16 to 19 digits.
BANK_CARD_LENGTHS = range(16, 20)
# Other document numbers: hospital and admission record numbers, certificates (残疾证 carries
# the 18-character ID number and two more digits), household registers. Long enough to be a
# number and not a word, short enough to be one number and not a paragraph.
DOCUMENT_NUMBER_MIN_CHARS = 4
DOCUMENT_NUMBER_MAX_CHARS = 40
_DOCUMENT_NUMBER_RE = re.compile(r"[A-Z0-9](?:[A-Z0-9-]*[A-Z0-9])?")


def validate_bank_card(value: str) -> str:
    """Return a bank card number as its digits or raise ``ValidationError``.

    Spaces and dashes between groups are dropped (cards are printed in groups of four).
    Codes: ``invalid_format`` (not 16-19 digits), ``invalid_check`` (fails the Luhn check:
    almost always a mistyped digit).
    """
    digits = re.sub(r"[\s-]", "", _fold(value))
    if not (re.fullmatch(r"[0-9]+", digits) and len(digits) in BANK_CARD_LENGTHS):
        raise ValidationError(
            _("Enter a bank card number of 16 to 19 digits."), code="invalid_format"
        )
    if not luhn_valid(digits):
        raise ValidationError(
            _("This bank card number does not pass its check digit; check for a typo."),
            code="invalid_check",
        )
    return digits


def validate_document_number(value: str) -> str:
    """Return a document number (hospital record, certificate, register) upper-cased and
    without spaces, or raise ``ValidationError`` (code ``invalid_format``).

    Letters, digits and dashes inside, at least one digit, 4 to 40 characters.
    """
    number = "".join(_fold(value).split()).upper()
    if not (
        _DOCUMENT_NUMBER_RE.fullmatch(number)
        and DOCUMENT_NUMBER_MIN_CHARS <= len(number) <= DOCUMENT_NUMBER_MAX_CHARS
        and any(char.isdigit() for char in number)
    ):
        raise ValidationError(
            _(
                "Enter the number as written on the document: 4 to 40 letters and digits, "
                "dashes allowed between them."
            ),
            code="invalid_format",
        )
    return number
