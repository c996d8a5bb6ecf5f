"""Money: an integer number of fen (分) with a currency. No floats, ever (DESIGN.md 7.2).

``Money`` is what services pass around; models store ``amount_fen`` as a BigIntegerField
(see ``FenField``) next to a currency where more than CNY is possible.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation, localcontext

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

CNY = "CNY"
# The largest amount a BigIntegerField holds, in fen.
MAX_FEN = 2**63 - 1
CURRENCY_SYMBOLS = {CNY: "¥"}
FEN_PER_YUAN = 100


class CurrencyMismatchError(ValueError):
    pass


@dataclass(frozen=True, order=False)
class Money:
    """An exact amount: ``fen`` is an int (may be negative for ledger movements)."""

    fen: int
    currency: str = CNY

    def __post_init__(self) -> None:
        # bool is an int subclass; a True amount is a bug, not one fen.
        if not isinstance(self.fen, int) or isinstance(self.fen, bool):
            raise TypeError(f"Money needs an integer number of fen, got {self.fen!r}")
        if self.currency not in CURRENCY_SYMBOLS:
            raise ValueError(f"Unsupported currency {self.currency!r}")

    @classmethod
    def zero(cls, currency: str = CNY) -> Money:
        return cls(0, currency)

    @classmethod
    def from_yuan(cls, value: str | int | Decimal, currency: str = CNY) -> Money:
        return cls(yuan_to_fen(value), currency)

    def _check(self, other: object) -> Money:
        if not isinstance(other, Money):
            raise TypeError(f"Cannot combine Money with {type(other).__name__}")
        if other.currency != self.currency:
            raise CurrencyMismatchError(f"{self.currency} and {other.currency} do not mix")
        return other

    def __add__(self, other: Money) -> Money:
        return Money(self.fen + self._check(other).fen, self.currency)

    def __sub__(self, other: Money) -> Money:
        return Money(self.fen - self._check(other).fen, self.currency)

    def __neg__(self) -> Money:
        return Money(-self.fen, self.currency)

    def __mul__(self, factor: int) -> Money:
        if not isinstance(factor, int) or isinstance(factor, bool):
            raise TypeError("Money can only be multiplied by an integer")
        return Money(self.fen * factor, self.currency)

    __rmul__ = __mul__

    def __lt__(self, other: Money) -> bool:
        return self.fen < self._check(other).fen

    def __le__(self, other: Money) -> bool:
        return self.fen <= self._check(other).fen

    def __gt__(self, other: Money) -> bool:
        return self.fen > self._check(other).fen

    def __ge__(self, other: Money) -> bool:
        return self.fen >= self._check(other).fen

    def __bool__(self) -> bool:
        return self.fen != 0

    def split(self, parts: int) -> list[Money]:
        """Split into ``parts`` amounts that differ by at most one fen and sum exactly."""
        if parts < 1:
            raise ValueError("parts must be at least 1")
        base, remainder = divmod(self.fen, parts)
        return [Money(base + (1 if i < remainder else 0), self.currency) for i in range(parts)]

    def __str__(self) -> str:
        return format_money(self.fen, self.currency)


def format_money(fen: int, currency: str = CNY) -> str:
    """The Chinese way: ¥1,234.50, -¥20.00."""
    if not isinstance(fen, int) or isinstance(fen, bool):
        raise TypeError(f"format_money needs an integer number of fen, got {fen!r}")
    sign = "-" if fen < 0 else ""
    yuan, cents = divmod(abs(fen), FEN_PER_YUAN)
    return f"{sign}{CURRENCY_SYMBOLS[currency]}{yuan:,}.{cents:02d}"


_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_SMALL_UNITS = ["", "拾", "佰", "仟"]
_BIG_UNITS = ["", "万", "亿", "万亿"]


def _four_digits_upper(n: int) -> str:
    out, zero = "", False
    for pos in range(3, -1, -1):
        d = (n // 10**pos) % 10
        if d == 0:
            zero = bool(out)
        else:
            if zero:
                out += "零"
                zero = False
            out += _DIGITS[d] + _SMALL_UNITS[pos]
    return out


def format_money_upper(fen: int) -> str:
    """Capital numerals for receipts (大写金额): 12345050 fen -> 壹拾贰万叁仟肆佰伍拾元伍角整."""
    if not isinstance(fen, int) or isinstance(fen, bool) or fen < 0:
        raise ValueError("format_money_upper needs a non-negative integer number of fen")
    if fen >= 10**18:  # beyond 万亿 there is no unit to write
        raise ValueError("format_money_upper handles amounts below 10,000,000,000,000,000 fen")
    yuan, cents = divmod(fen, FEN_PER_YUAN)
    jiao, fen_digit = divmod(cents, 10)
    groups: list[int] = []
    while yuan:
        yuan, group = divmod(yuan, 10000)
        groups.append(group)
    text, need_zero = "", False
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            need_zero = bool(text)
            continue
        if text and (need_zero or group < 1000):
            text += "零"
        text += _four_digits_upper(group) + _BIG_UNITS[index]
        need_zero = False
    text = (text or "零") + "元"
    if jiao == 0 and fen_digit == 0:
        return text + "整"
    if jiao:
        text += _DIGITS[jiao] + "角"
    elif text != "零元":
        text += "零"
    if fen_digit:
        text += _DIGITS[fen_digit] + "分"
    else:
        text += "整"
    return text.removeprefix("零元")


# Plain decimal notation (optionally with an exponent); no "1_000", "NaN" or "Infinity".
# The documented forms only: ASCII digits, an optional point and fen, thousands commas. No
# exponent ("1e3"), no full-width or other scripts' digits: a person reading the record must
# see the amount that was typed.
_AMOUNT_TEXT = re.compile(r"^-?([0-9]+(\.[0-9]*)?|\.[0-9]+)$")
_OTHER_DIGITS = re.compile(r"[^\x00-\x7f]")


def yuan_to_fen(value: str | int | Decimal, *, allow_negative: bool = False) -> int:
    """Parse a user's amount in yuan ("1234.5", "1,234.50") into fen, exactly.

    Floats are refused: 0.1 + 0.2 is not 0.3 and money must be exact. A negative amount is
    refused unless ``allow_negative`` (corrections in the ledger).
    """
    if isinstance(value, float | bool):
        raise ValidationError(_("Enter the amount as text or an integer, not a float."), "invalid")
    text = (format(value, "f") if isinstance(value, Decimal) else str(value)).strip()
    text = text.replace(",", "").replace("¥", "").strip()
    if _OTHER_DIGITS.search(text) and any(ch.isdigit() for ch in text):
        raise ValidationError(
            _("Type the amount with ordinary (half-width) digits 0-9, e.g. 1200 or 1,250.50."),
            "invalid",
        )
    if not _AMOUNT_TEXT.match(text):
        raise ValidationError(_("Enter a valid amount in yuan."), "invalid")
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise ValidationError(_("Enter a valid amount in yuan."), "invalid") from None
    if not amount.is_finite():
        raise ValidationError(_("Enter a valid amount in yuan."), "invalid")
    # Check the size before any arithmetic, so that "1e999999" cannot overflow a context.
    if amount and amount.adjusted() > len(str(MAX_FEN)):
        raise ValidationError(_("The amount is too large."), "max_value")
    with localcontext() as exact:
        exact.prec = 60  # enough for every digit a valid amount can have: nothing rounds
        fen = amount * FEN_PER_YUAN
        if fen != fen.to_integral_value():
            raise ValidationError(_("An amount has at most two decimal places (fen)."), "precision")
    if abs(fen) > MAX_FEN:
        raise ValidationError(_("The amount is too large."), "max_value")
    if fen < 0 and not allow_negative:
        raise ValidationError(_("The amount cannot be negative."), "min_value")
    return int(fen)


def validate_positive_fen(value: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValidationError(_("An amount is an integer number of fen."), "invalid")
    if value <= 0:
        raise ValidationError(_("The amount must be greater than zero."), "min_value")


class FenField(models.BigIntegerField):
    """An amount in fen. Non-negative unless ``allow_negative`` (ledger entries only)."""

    def __init__(self, *args, allow_negative: bool = False, **kwargs):
        self.allow_negative = allow_negative
        super().__init__(*args, **kwargs)
        if not allow_negative:
            self.validators.append(MinValueValidator(0))

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.allow_negative:
            kwargs["allow_negative"] = True
        return name, path, args, kwargs
