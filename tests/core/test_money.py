import operator
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from core import money
from core.money import (
    CNY,
    CurrencyMismatchError,
    FenField,
    Money,
    format_money,
    format_money_upper,
    validate_positive_fen,
    yuan_to_fen,
)


@pytest.fixture
def usd(monkeypatch):
    """A second currency, so that mixing currencies can be tried at all."""
    monkeypatch.setitem(money.CURRENCY_SYMBOLS, "USD", "$")
    return "USD"


# Money arithmetic


def test_it_adds_and_subtracts_in_fen():
    assert Money(150) + Money(275) == Money(425)
    assert Money(150) - Money(275) == Money(-125)
    assert (Money(150) + Money(275)).currency == CNY


def test_it_negates():
    assert -Money(1999) == Money(-1999)
    assert -Money(-5) == Money(5)


def test_it_multiplies_by_an_integer_on_either_side():
    assert Money(333) * 3 == Money(999)
    assert 3 * Money(333) == Money(999)
    assert Money(10) * -2 == Money(-20)


@pytest.mark.parametrize("factor", [1.5, True, Decimal("2")])
def test_it_refuses_to_multiply_by_anything_but_an_integer(factor):
    with pytest.raises(TypeError):
        Money(100) * factor


def test_it_refuses_to_add_a_plain_number():
    with pytest.raises(TypeError):
        Money(100) + 1


def test_it_compares_amounts_of_the_same_currency():
    assert Money(1) < Money(2)
    assert Money(2) <= Money(2)
    assert Money(3) > Money(2)
    assert Money(2) >= Money(2)
    assert not Money(2) < Money(2)
    assert Money(2) == Money(2, CNY)
    assert Money(2) != Money(3)


def test_zero_is_falsy_and_other_amounts_truthy():
    assert not Money.zero()
    assert Money(1)
    assert Money(-1)


def test_it_refuses_an_unsupported_currency():
    with pytest.raises(ValueError, match="Unsupported currency"):
        Money(100, "XYZ")


def test_it_refuses_to_mix_currencies(usd):
    dollars = Money(100, usd)
    with pytest.raises(CurrencyMismatchError):
        Money(100) + dollars
    with pytest.raises(CurrencyMismatchError):
        Money(100) - dollars
    with pytest.raises(CurrencyMismatchError):
        operator.lt(Money(100), dollars)
    with pytest.raises(CurrencyMismatchError):
        operator.ge(Money(100), dollars)
    # The error is still a ValueError for callers that catch broadly.
    assert issubclass(CurrencyMismatchError, ValueError)


@pytest.mark.parametrize("fen", [1.0, 0.5, True, False, "100", Decimal("100")])
def test_it_refuses_anything_but_an_int_as_fen(fen):
    with pytest.raises(TypeError):
        Money(fen)


@pytest.mark.parametrize(
    ("fen", "parts"),
    [(100, 3), (1000, 7), (1, 4), (0, 5), (99999, 13), (-7, 2), (-100, 3), (5, 1)],
)
def test_split_sums_exactly_and_differs_by_at_most_one_fen(fen, parts):
    shares = Money(fen).split(parts)
    assert len(shares) == parts
    assert sum(share.fen for share in shares) == fen
    assert max(s.fen for s in shares) - min(s.fen for s in shares) <= 1
    assert all(share.currency == CNY for share in shares)


def test_split_puts_the_extra_fen_first():
    assert [s.fen for s in Money(100).split(3)] == [34, 33, 33]


def test_split_refuses_zero_parts():
    with pytest.raises(ValueError):
        Money(100).split(0)


def test_from_yuan_parses_text():
    assert Money.from_yuan("12.34") == Money(1234)


def test_str_is_the_formatted_amount():
    assert str(Money(123450)) == "¥1,234.50"


# format_money


@pytest.mark.parametrize(
    ("fen", "text"),
    [
        (123450, "¥1,234.50"),
        (-2000, "-¥20.00"),
        (0, "¥0.00"),
        (1, "¥0.01"),
        (-5, "-¥0.05"),
        (99, "¥0.99"),
        (100000000, "¥1,000,000.00"),
        (123456789012345, "¥1,234,567,890,123.45"),
    ],
)
def test_format_money(fen, text):
    assert format_money(fen) == text


@pytest.mark.parametrize("fen", [1.5, True, "100"])
def test_format_money_refuses_non_integers(fen):
    with pytest.raises(TypeError):
        format_money(fen)


# format_money_upper


@pytest.mark.parametrize(
    ("fen", "text"),
    [
        (12345050, "壹拾贰万叁仟肆佰伍拾元伍角整"),
        (100, "壹元整"),
        (105, "壹元零伍分"),
        (1000100, "壹万零壹元整"),
        (0, "零元整"),
        (150, "壹元伍角整"),
        (123, "壹元贰角叁分"),
        (1000000, "壹万元整"),
        (100000000, "壹佰万元整"),
        # Examples from the rules for writing amounts (《支付结算办法》附件): a zero is written
        # between digits; when the 万 position is zero and the 千 is not, it may be left out.
        (600714, "陆仟零柒元壹角肆分"),
        (32504, "叁佰贰拾伍元零肆分"),
        (140950, "壹仟肆佰零玖元伍角整"),
        (10700053, "壹拾万柒仟元伍角叁分"),
        (101000000, "壹佰零壹万元整"),
        (10000000100, "壹亿零壹元整"),
        (1001000000, "壹仟零壹万元整"),
        (10000000000, "壹亿元整"),
    ],
)
def test_format_money_upper(fen, text):
    assert format_money_upper(fen) == text


@pytest.mark.parametrize("fen", [-1, -100, 1.0, True])
def test_format_money_upper_refuses_negative_or_non_integer(fen):
    with pytest.raises(ValueError):
        format_money_upper(fen)


# yuan_to_fen


@pytest.mark.parametrize(
    ("value", "fen"),
    [
        ("1234.5", 123450),
        ("1,234.50", 123450),
        ("¥12", 1200),
        (" 0.01 ", 1),
        ("0", 0),
        (12, 1200),
        (Decimal("3.21"), 321),
        ("1.000", 100),  # trailing zeros are not extra precision
    ],
)
def test_yuan_to_fen(value, fen):
    result = yuan_to_fen(value)
    assert result == fen
    assert type(result) is int


@pytest.mark.parametrize("value", [1.5, 0.1, True])
def test_yuan_to_fen_refuses_floats_and_bools(value):
    with pytest.raises(ValidationError) as excinfo:
        yuan_to_fen(value)
    assert excinfo.value.code == "invalid"


@pytest.mark.parametrize("value", ["1.234", "0.001", "12.345"])
def test_yuan_to_fen_refuses_more_than_two_decimals(value):
    with pytest.raises(ValidationError) as excinfo:
        yuan_to_fen(value)
    assert excinfo.value.code == "precision"


@pytest.mark.parametrize(
    "value", ["abc", "12ab", "", "   ", "¥", "NaN", "nan", "Infinity", "-Infinity", "sNaN"]
)
def test_yuan_to_fen_refuses_garbage_and_non_finite_values(value):
    with pytest.raises(ValidationError) as excinfo:
        yuan_to_fen(value)
    assert excinfo.value.code == "invalid"


@pytest.mark.parametrize("value", ["92233720368547759", "9" * 400])
def test_yuan_to_fen_refuses_absurdly_large_amounts_with_a_validation_error(value):
    with pytest.raises(ValidationError) as excinfo:
        yuan_to_fen(value)
    assert excinfo.value.code == "max_value"


@pytest.mark.parametrize("value", ["1e3", "1e30", "1e999999", "2E2", "1_000", "0x10"])
def test_yuan_to_fen_accepts_no_exponent_or_other_notation(value):
    """Only the documented forms: "1e3" is not how anyone writes ¥1,000 on a form."""
    with pytest.raises(ValidationError) as excinfo:
        yuan_to_fen(value)
    assert excinfo.value.code == "invalid"


@pytest.mark.parametrize("value", ["１００", "١٠٠", "१००", "１２.５", "1００"])
def test_yuan_to_fen_asks_for_half_width_digits(value):
    with pytest.raises(ValidationError) as excinfo:
        yuan_to_fen(value)
    assert excinfo.value.code == "invalid"
    assert "0-9" in excinfo.value.messages[0]


def test_a_decimal_in_exponent_form_from_code_is_still_an_amount():
    from decimal import Decimal

    assert yuan_to_fen(Decimal("1E+3")) == 100_000


def test_yuan_to_fen_never_rounds_a_long_amount():
    with pytest.raises(ValidationError) as excinfo:
        yuan_to_fen("12345678901234.785")
    assert excinfo.value.code == "precision"
    assert yuan_to_fen("92233720368547758.07") == 2**63 - 1


# validate_positive_fen


def test_validate_positive_fen_accepts_one_fen_and_more():
    assert validate_positive_fen(1) is None
    assert validate_positive_fen(10**12) is None


@pytest.mark.parametrize("value", [0, -1, -10000])
def test_validate_positive_fen_rejects_zero_and_negative(value):
    with pytest.raises(ValidationError) as excinfo:
        validate_positive_fen(value)
    assert excinfo.value.code == "min_value"


@pytest.mark.parametrize("value", [1.0, True, "5"])
def test_validate_positive_fen_rejects_non_integers(value):
    with pytest.raises(ValidationError) as excinfo:
        validate_positive_fen(value)
    assert excinfo.value.code == "invalid"


# FenField


def test_fen_field_rejects_a_negative_amount():
    field = FenField()
    with pytest.raises(ValidationError) as excinfo:
        field.clean(-1, None)
    assert [error.code for error in excinfo.value.error_list] == ["min_value"]


def test_fen_field_accepts_zero_and_positive_amounts():
    field = FenField()
    assert field.clean(0, None) == 0
    assert field.clean(123450, None) == 123450


def test_fen_field_with_allow_negative_accepts_a_negative_amount():
    field = FenField(allow_negative=True)
    assert field.clean(-500, None) == -500


def test_fen_field_deconstruct_keeps_allow_negative():
    _, path, args, kwargs = FenField(allow_negative=True).deconstruct()
    assert path == "core.money.FenField"
    assert kwargs["allow_negative"] is True
    assert "validators" not in kwargs
    rebuilt = FenField(*args, **kwargs)
    assert rebuilt.allow_negative is True
    assert rebuilt.clean(-1, None) == -1


def test_fen_field_deconstruct_omits_the_default():
    _, _, args, kwargs = FenField().deconstruct()
    assert "allow_negative" not in kwargs
    rebuilt = FenField(*args, **kwargs)
    with pytest.raises(ValidationError):
        rebuilt.clean(-1, None)


@pytest.mark.parametrize("value", ["-12.5", "-1"])
def test_yuan_to_fen_refuses_negative_amounts_unless_allowed(value):
    with pytest.raises(ValidationError) as excinfo:
        yuan_to_fen(value)
    assert excinfo.value.code == "min_value"
    assert yuan_to_fen(value, allow_negative=True) < 0


def test_yuan_to_fen_refuses_underscores_and_accepts_a_leading_point():
    with pytest.raises(ValidationError):
        yuan_to_fen("1_000")
    assert yuan_to_fen(".5") == 50


def test_format_money_upper_refuses_amounts_beyond_its_units():
    with pytest.raises(ValueError, match="below"):
        format_money_upper(10**18)
