"""The one path from a case to its public text: nothing that finds the household survives."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest

from needs.anonymize import (
    KINDS,
    Finding,
    KnownIdentifiers,
    check,
    mask_name,
    redact,
    scrub,
)

ID_NUMBER = "220104198001011237"  # check character 7, computed in test_identifiers
CARD = "6222021234567890128"  # Luhn-valid, 19 digits
KNOWN = KnownIdentifiers(
    names=("张三", "李秀英", "张小明"),
    id_numbers=(ID_NUMBER,),
    phones=("13912345678", "0431-88888888"),
    addresses=("永昌街道", "幸福村3组12号"),
    bank_cards=(CARD,),
    hospital_record_numbers=("ZY2024-0017",),
    birth_dates=(dt.date(1980, 1, 1),),
)

STORY = (
    "张三（身份证号220104198001011237），1980年1月1日出生，住永昌街道幸福村3组12号。"
    "今年3月张三突发脑出血，住院号：ZY2024-0017，门诊号 MZ884512。"
    "妻子李秀英电话+86 139 1234 5678，村委会座机0431-88888888。"
    "儿子张小明生于2010-06-15，在县一中读书。"
    "救助款请打入卡号6222 0212 3456 7890 128。"
    "2024年家里已花去医药费85000元，申请救助5000元。"
)


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def kinds(findings: list[Finding]) -> list[str]:
    return [f.kind for f in findings]


# --- mask_name ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("张三", "张某"),
        ("王小明", "王某"),
        (" 李 秀英 ", "李某"),
        ("欧阳娜娜", "欧阳某"),
        ("欧阳", "欧某"),  # two characters: surname 欧, given name 阳
        ("Anna Li", "A某"),
        ("买买提·艾力", "买某"),
        ("", ""),
    ],
)
def test_mask_name_keeps_only_the_surname(name, masked):
    assert mask_name(name) == masked


REQUIRED_COMPOUND_SURNAMES = (
    *("欧阳", "司马", "诸葛", "上官", "司徒", "东方", "皇甫"),
    *("尉迟", "公孙", "慕容", "长孙", "宇文", "令狐", "夏侯"),
)


@pytest.mark.parametrize("surname", REQUIRED_COMPOUND_SURNAMES)
def test_mask_name_keeps_a_compound_surname_whole(surname):
    assert mask_name(surname + "明") == surname + "某"
    assert mask_name(surname + "晓明") == surname + "某"


def test_mask_name_reads_a_common_surname_before_a_rare_second_character_as_single():
    # 钟离 is a compound surname, but 钟 + 离X is the likelier reading; revealing less is safer.
    assert mask_name("钟离明") == "钟某"


# --- KnownIdentifiers -----------------------------------------------------------------------


def test_known_identifiers_default_to_nothing_and_cannot_be_changed():
    known = KnownIdentifiers()
    assert all(getattr(known, f.name) == () for f in dataclasses.fields(known))
    with pytest.raises(dataclasses.FrozenInstanceError):
        known.names = ("张三",)  # type: ignore[misc]


def test_known_identifiers_store_lists_as_tuples_and_a_lone_string_as_one_value():
    known = KnownIdentifiers(names=["张三"], phones="13912345678")  # type: ignore[arg-type]
    assert known.names == ("张三",)
    assert known.phones == ("13912345678",)
    assert scrub("电话13912345678", known) == "电话[电话已隐去]"


# --- scrub: names ---------------------------------------------------------------------------


def test_scrub_masks_every_occurrence_of_a_name():
    text = "张三今年45岁。张三的妻子说，张三已经卧床半年。"
    assert scrub(text, KnownIdentifiers(names=("张三",))) == (
        "张某今年45岁。张某的妻子说，张某已经卧床半年。"
    )


@pytest.mark.parametrize("names", [("王小", "王小明"), ("王小明", "王小")])
def test_scrub_masks_the_longer_name_first_whatever_order_it_is_given(names):
    text = "王小明和王小是堂兄弟。"
    assert scrub(text, KnownIdentifiers(names=names)) == "王某和王某是堂兄弟。"


def test_scrub_masks_compound_surnames_and_names_written_with_a_space():
    known = KnownIdentifiers(names=("欧阳秀兰", "张三"))
    assert scrub("欧阳秀兰照顾张 三。", known) == "欧阳某照顾张某。"


# --- scrub: the whole story -----------------------------------------------------------------


def test_a_story_full_of_identifiers_comes_out_with_none_of_them():
    public = scrub(STORY, KNOWN)

    for name in ("张三", "李秀英", "张小明"):
        assert name not in public
    for secret in (
        ID_NUMBER,
        "13912345678",
        "043188888888",
        "88888888",
        CARD,
        "20240017",
        "884512",
        "19800101",
        "20100615",
    ):
        assert secret not in digits(public), secret
    for text in (
        "永昌街道",
        "幸福村",
        "3组12号",
        "ZY2024",
        "MZ884512",
        "1980年1月1日",
        "2010-06-15",
    ):
        assert text not in public, text


def test_the_scrubbed_story_says_what_was_taken_out_and_keeps_the_rest():
    public = scrub(STORY, KNOWN)
    for label in (
        "[身份证号已隐去]",
        "[电话已隐去]",
        "[银行卡号已隐去]",
        "[病案号已隐去]",
        "[详细地址已隐去]",
        "[出生日期已隐去]",
    ):
        assert label in public, label
    assert public.startswith("张某（身份证号[身份证号已隐去]），[出生日期已隐去]出生，")
    assert "村委会座机[电话已隐去]" in public
    assert "住院号：[病案号已隐去]" in public
    assert "张某生于[出生日期已隐去]" in public
    # A diagnosis becomes its category (no separate health consent was given).
    assert "脑出血" not in public
    assert "突发重病" in public
    for kept in ("李某", "县一中", "2024年", "85000元", "5000元", "今年3月"):
        assert kept in public, kept


def test_check_on_the_scrubbed_story_finds_nothing():
    assert check(scrub(STORY, KNOWN), KNOWN) == []


def test_check_on_the_raw_story_reports_every_kind_it_holds():
    assert set(kinds(check(STORY, KNOWN))) == {
        "name",
        "id_number",
        "phone",
        "bank_card",
        "hospital_record",
        "address",
        "birth_date",
        "health",
    }
    assert set(kinds(check(STORY, KNOWN))) < set(KINDS)


def test_scrub_with_nothing_known_still_removes_every_pattern():
    public = scrub(STORY, KnownIdentifiers())
    assert check(public, KnownIdentifiers()) == []
    for secret in (ID_NUMBER, "13912345678", "043188888888", CARD):
        assert secret not in digits(public), secret


def test_scrub_twice_changes_nothing_more():
    once = scrub(STORY, KNOWN)
    assert scrub(once, KNOWN) == once


# --- scrub: each kind -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "number",
    [
        ID_NUMBER,
        "11010519491231002X",
        "11010519491231002x",
        "220104 19800101 1237",
        "220104800101123",
    ],
)
def test_scrub_removes_any_id_number_shape_known_or_not(number):
    assert scrub(f"身份证{number}。", KnownIdentifiers()) == "身份证[身份证号已隐去]。"


def test_an_id_number_is_masked_whole_not_partly_as_a_phone():
    # Digits 7-17 of this number read as a mobile (13912345678).
    number = "220104" + "13912345678" + "1"
    assert scrub(number, KnownIdentifiers()) == "[身份证号已隐去]"


@pytest.mark.parametrize(
    "phone",
    [
        "13912345678",
        "+86 139 1234 5678",
        "+86-139-1234-5678",
        "（+86）13912345678",
        "8613912345678",
        "139 1234 5678",
        "0431-88888888",
        "043188888888",
        "(0431) 8888 8888",
        "010-65529988",
        "１３９１２３４５６７８",
    ],
)
def test_scrub_removes_mobiles_and_landlines_however_written(phone):
    assert scrub(f"电话：{phone}。", KnownIdentifiers()) == "电话：[电话已隐去]。"


def test_scrub_removes_a_luhn_valid_card_written_in_groups_of_four():
    assert scrub("卡号6222 0212 3456 7890 128。", KnownIdentifiers()) == "卡号[银行卡号已隐去]。"


def test_scrub_removes_a_known_card_even_if_it_fails_luhn():
    known = KnownIdentifiers(bank_cards=("6222021234567890127",))
    assert scrub("卡号6222021234567890127。", known) == "卡号[银行卡号已隐去]。"


def test_an_unknown_16_digit_number_that_fails_luhn_is_no_card_but_still_goes():
    redaction = redact("流水号6222021234567891。")
    assert [r.kind for r in redaction.removals] == ["document_number"]
    assert "6222021234567891" not in redaction.text


@pytest.mark.parametrize(
    ("text", "public"),
    [
        ("住院号：ZY2024-0017，", "住院号：[病案号已隐去]，"),
        ("病案号:883421。", "病案号:[病案号已隐去]。"),
        ("门诊号 MZ884512 ", "门诊号 [病案号已隐去] "),
        ("病历号为A88，", "病历号为[病案号已隐去]，"),
    ],
)
def test_scrub_removes_hospital_record_numbers_after_their_keyword(text, public):
    assert scrub(text, KnownIdentifiers()) == public


def test_scrub_removes_a_known_hospital_record_number_without_its_keyword():
    known = KnownIdentifiers(hospital_record_numbers=("ZY2024-0017",))
    assert scrub("在县医院（zy2024-0017）治疗", known) == "在县医院（[病案号已隐去]）治疗"


@pytest.mark.parametrize(
    "text",
    [
        "出生于1980年1月1日",
        "生于1980.01.01",
        "生日是1980/1/1",
        "出生日期：1980-01-01",
        "1980年1月1日出生",
    ],
)
def test_scrub_removes_a_date_said_to_be_a_birth_date(text):
    assert "[出生日期已隐去]" in scrub(text, KnownIdentifiers())
    assert "1980" not in scrub(text, KnownIdentifiers())


def test_scrub_removes_a_known_birth_date_anywhere_and_keeps_other_dates_to_the_month():
    known = KnownIdentifiers(birth_dates=(dt.date(1980, 1, 1),))
    text = "1980-01-01那天下雪。2024年3月5日入院，2024-03-09出院。"
    assert scrub(text, known) == "[出生日期已隐去]那天下雪。2024年3月入院，2024年3月出院。"


def test_scrub_removes_known_addresses_even_with_spaces_inside():
    known = KnownIdentifiers(addresses=("幸福村3组12号",))
    assert scrub("住在幸福村 3组 12号。", known) == "住在[详细地址已隐去]。"


# --- check: the publishing re-check ----------------------------------------------


def test_it_finds_a_known_phone_retyped_with_dashes_after_scrubbing():
    edited = scrub(STORY, KNOWN) + "有意者请联系1391-234-5678。"
    assert check(edited, KNOWN) == [Finding("phone", "1391-234-5678")]


def test_it_finds_an_unknown_mobile_typed_with_dashes():
    findings = check("邻居电话138-0000-1111。", KnownIdentifiers())
    assert findings == [Finding("phone", "138-0000-1111")]


def test_it_finds_a_full_name_typed_back_in():
    edited = scrub(STORY, KNOWN) + "联系人：李秀英。"
    assert check(edited, KNOWN) == [Finding("name", "李秀英")]


def test_it_finds_a_known_id_number_typed_back_with_spaces():
    edited = scrub(STORY, KNOWN) + "身份证 2201 0419 8001 0112 37。"
    assert check(edited, KNOWN) == [Finding("id_number", "2201 0419 8001 0112 37")]


def test_it_finds_each_identifier_with_its_own_kind():
    edited = "李秀英，身份证220104 19800101 1237，电话139-1234-5678，住幸福村3组12号。"
    assert kinds(check(edited, KNOWN)) == ["name", "id_number", "phone", "address"]


def test_it_reports_the_text_as_written_with_full_width_digits():
    findings = check("电话：１３９１２３４５６７８", KnownIdentifiers())
    assert findings == [Finding("phone", "１３９１２３４５６７８")]


def test_a_surname_or_a_masked_name_is_not_a_finding():
    assert check("张某和张家的孩子们，李某某。", KNOWN) == []


def test_an_11_digit_mobile_inside_a_longer_run_of_digits_is_not_a_phone():
    text = "快递单号46013912345678123456，批次号0213912345678。"
    findings = check(text, KnownIdentifiers())
    assert "phone" not in kinds(findings)
    # Unlabelled long numbers are still reported: they could be anyone's.
    assert kinds(findings) == ["document_number", "number"]


def test_amounts_years_and_ages_are_not_identifiers():
    text = (
        "2024年8月暴雨后，一家五口借了50000元，已还5000元，户主45岁，房屋120平方米，共1391户受灾。"
    )
    assert check(text, KnownIdentifiers()) == []
    assert scrub(text, KnownIdentifiers()) == text


def test_a_date_that_is_no_birth_date_is_reported_as_an_exact_date():
    findings = check("2024年3月5日入院，2024年3月出院。", KNOWN)
    assert [(f.kind, f.text) for f in findings] == [("date", "3月5日")]
