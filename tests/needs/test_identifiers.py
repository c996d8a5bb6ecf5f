"""Chinese personal identifiers: what staff may enter, and the one form it is stored in."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from needs.identifiers import (
    id_number_birth_date,
    luhn_valid,
    normalize_id_number,
    validate_id_number,
    validate_phone,
)

TODAY = dt.date(2026, 3, 5)


def check_char(first_17: str) -> str:
    """GB 11643-1999 check character, written out here so the test does not trust the code."""
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return "10X98765432"[sum(int(d) * w for d, w in zip(first_17, weights, strict=True)) % 11]


def with_check(first_17: str) -> str:
    return first_17 + check_char(first_17)


def wrong_check(first_17: str) -> str:
    right = check_char(first_17)
    return first_17 + ("0" if right != "0" else "1")


def error_code(value: str, validator=validate_id_number) -> str:
    with pytest.raises(ValidationError) as caught:
        validator(value)
    return caught.value.code


# --- ID numbers -----------------------------------------------------------------------------


def test_the_published_sample_number_with_a_final_x_is_valid():
    assert check_char("11010519491231002") == "X"
    assert validate_id_number("11010519491231002X") == "11010519491231002X"


def test_the_check_helper_matches_hand_computed_values():
    # Worked by hand: 2*7+2*9+0*10+1*5+0*8+4*4+1*2+9*1+8*6+0*3+0*7+1*9+0*10+1*5+1*8+2*4+3*2
    # = 14+18+0+5+0+16+2+9+48+0+0+9+0+5+8+8+6 = 148; 148 % 11 = 5 -> "7".
    assert check_char("22010419800101123") == "7"


@pytest.mark.parametrize(
    "first_17",
    ["22010419800101123", "44030619901231456", "51010720000229001", "65010219000101000"],
)
def test_it_accepts_real_numbers_with_their_computed_check_character(first_17):
    number = with_check(first_17)
    assert validate_id_number(number) == number


@pytest.mark.parametrize("first_17", ["22010419800101123", "11010519491231002"])
def test_it_rejects_a_wrong_check_character_with_invalid_check(first_17):
    assert error_code(wrong_check(first_17)) == "invalid_check"


def test_it_accepts_a_lowercase_x_and_stores_it_upper_case():
    assert validate_id_number("11010519491231002x") == "11010519491231002X"
    assert normalize_id_number("11010519491231002x") == "11010519491231002X"


def test_it_removes_spaces_and_folds_full_width_digits():
    number = with_check("22010419800101123")
    spaced = f" {number[:6]} {number[6:14]} {number[14:]} "
    assert validate_id_number(spaced) == number
    full_width = number.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    assert validate_id_number(full_width) == number


def test_an_x_anywhere_but_last_is_a_format_error():
    assert error_code("1101051949123100X2") == "invalid_format"


@pytest.mark.parametrize(
    ("first_17", "why"),
    [
        ("22010419800230123", "30 February"),
        ("22010419801301123", "month 13"),
        ("22010418991231123", "1899, before 1900"),
        ("22010419000229123", "1900 was not a leap year"),
    ],
)
def test_it_rejects_an_impossible_birth_date_with_invalid_date(first_17, why):
    assert error_code(with_check(first_17)) == "invalid_date", why


def test_it_rejects_a_birth_date_in_the_future():
    tomorrow = TODAY + dt.timedelta(days=1)
    number = with_check(f"220104{tomorrow:%Y%m%d}123")
    with pytest.raises(ValidationError) as caught:
        validate_id_number(number, today=TODAY)
    assert caught.value.code == "invalid_date"
    born_today = with_check(f"220104{TODAY:%Y%m%d}123")
    assert validate_id_number(born_today, today=TODAY) == born_today


def test_it_judges_the_future_against_the_real_calendar_by_default():
    next_year = dt.date.today().year + 1
    assert error_code(with_check(f"220104{next_year}0101123")) == "invalid_date"


def test_it_accepts_a_legacy_15_digit_number_with_a_real_date():
    assert validate_id_number("220104800101123") == "220104800101123"
    assert id_number_birth_date("220104800101123") == dt.date(1980, 1, 1)


def test_it_rejects_a_legacy_15_digit_number_with_an_impossible_date():
    assert error_code("220104800230123") == "invalid_date"


@pytest.mark.parametrize(
    "garbage",
    ["", "abc", "2201041980010112", "2201041980010112345", "22010419800101123Y", "22010480010112X"],
)
def test_it_rejects_garbage_with_invalid_format(garbage):
    assert error_code(garbage) == "invalid_format"


def test_it_reads_the_birth_date_out_of_an_18_digit_number():
    assert id_number_birth_date("11010519491231002X") == dt.date(1949, 12, 31)


def test_it_gives_no_birth_date_for_an_invalid_number():
    with pytest.raises(ValidationError):
        id_number_birth_date(wrong_check("22010419800101123"))


def test_its_messages_speak_the_users_language():
    from django.utils import translation

    with pytest.raises(ValidationError) as caught:
        validate_id_number("abc")
    with translation.override("en"):
        assert "ID number" in str(caught.value.message)
    with translation.override("zh-hans"):
        assert "身份证" in str(caught.value.message)


# --- Phones ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("13912345678", "13912345678"),
        ("+86 139 1234 5678", "13912345678"),
        ("86-139-1234-5678", "13912345678"),
        ("8613912345678", "13912345678"),
        ("19912345678", "19912345678"),
        ("0431-88888888", "0431-88888888"),
        ("043188888888", "0431-88888888"),
        ("0431 8888 8888", "0431-88888888"),
        ("010-6552 9988", "010-65529988"),
        ("01065529988", "010-65529988"),
        ("0755-2345678", "0755-2345678"),
    ],
)
def test_it_accepts_mobiles_and_landlines_and_stores_one_form(typed, stored):
    assert validate_phone(typed) == stored


@pytest.mark.parametrize(
    "typed",
    [
        "12345678901",  # mobiles start 13-19
        "1391234567",  # ten digits
        "139123456789",  # twelve digits
        "88888888",  # a landline needs its area code
        "0431-08888888",  # local numbers never start with 0
        "043-188888888",  # 043 is no area code
        "+1 139 1234 5678",
        "",
        "电话",
    ],
)
def test_it_rejects_anything_else_with_invalid_phone(typed):
    assert error_code(typed, validate_phone) == "invalid_phone"


# --- Bank cards -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "number",
    ["4111111111111111", "6222021234567890128", "79927398713", "6212260200000000006"],
)
def test_luhn_accepts_numbers_that_pass_the_check(number):
    assert luhn_valid(number)


@pytest.mark.parametrize(
    "number",
    ["4111111111111112", "6222021234567890127", "79927398710", "", "4111 1111 1111 1111", "41x1"],
)
def test_luhn_rejects_a_changed_digit_and_anything_not_digits(number):
    assert not luhn_valid(number)
