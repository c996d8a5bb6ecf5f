"""The detectors that need no record, and the independent publishing check (issue 14).

A neighbour's report, a hotline note or a grid worker's visit note turned into a case names
people and places nobody recorded; the public story must still give nobody away.
"""

from __future__ import annotations

import pytest

from needs import anonymize
from needs.anonymize import KnownIdentifiers, check, redact, scrub

NOTHING = KnownIdentifiers()


def removed(text: str, **kwargs) -> list[str]:
    return [r.text for r in redact(text, **kwargs).removals]


# --- names ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "masked"),
    [
        ("户主李建国，男，52岁，靠打零工为生。", "李建国", "李某"),
        ("妻子王秀英患病在床。", "王秀英", "王某"),
        ("邻居孙立平反映其家中困难。", "孙立平", "孙某"),
        ("村支书刘长海于上门核实。", "刘长海", "刘某"),
        ("主治医生陈明说需手术。", "陈明", "陈某"),
        ("网格员周晓燕走访时发现。", "周晓燕", "周某"),
        ("独居老人马桂兰（78岁）住在平房里。", "马桂兰", "马某"),
        ("班主任郑丽华反映孩子缺课。", "郑丽华", "郑某"),
        ("欧阳娜娜，女，35岁，无业。", "欧阳娜娜", "欧阳某"),
        ("丈夫司马强于工地摔伤。", "司马强", "司马某"),
        ("邻居钟离楠明说，当事人靠捡废品为生。", "钟离楠明", "钟某"),
    ],
)
def test_a_full_name_nobody_recorded_is_masked_to_the_surname(text, name, masked):
    public = scrub(text)
    assert name not in public
    assert masked in public


@pytest.mark.parametrize(
    ("text", "given"),
    [
        ("女儿小雨在县城读书。", "小雨"),
        ("其子浩浩今年八岁。", "浩浩"),
        ("儿子阿强外出打工。", "阿强"),
        ("丈夫辉东打零工维持生活。", "辉东"),
        ("与兰兰家相邻，兰兰常来送饭。", "兰兰"),
    ],
)
def test_a_given_name_or_nickname_after_a_relation_word_is_masked(text, given):
    assert given not in scrub(text)


def test_a_given_name_is_masked_wherever_it_reappears_after_its_full_name():
    public = scrub("妻子王秀英患病。秀英说家里没钱了。")
    assert "秀英" not in public
    assert public.count("某") >= 3


@pytest.mark.parametrize(
    "text",
    [
        "张某和李某某的孩子们。",
        "邻居王大妈和老张常来帮忙，刘书记也来过。",
        "他明确表示高兴，常年在外，平安无事，于是和睦相处。",
        "孙子今年八岁，孙女在上学，银行卡已冻结。",
        "已告知求助人可申请医疗救助。",
    ],
)
def test_masked_names_titles_and_everyday_words_are_left_alone(text):
    assert redact(text).removals == ()
    assert check(text) == []


def test_a_recorded_name_is_found_with_spaces_inside():
    assert scrub("欧阳 秀兰照顾张 三。", KnownIdentifiers(names=("欧阳秀兰", "张三"))) == (
        "欧阳某照顾张某。"
    )


# --- places below county --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("家住红旗乡前进村三组，房屋漏雨。", "红旗乡前进村三组"),
        ("住在沙河屯，离镇上远。", "沙河屯"),
        ("现住幸福小区15栋2单元1196室。", "幸福小区15栋2单元1196室"),
        ("住永昌街道光明社区幸福路12号。", "永昌街道光明社区幸福路12号"),
        ("家住红星嘎查二组。", "红星嘎查二组"),
        ("住在兰欣镇圳和村亭湖垸39号。", "兰欣镇圳和村亭湖垸39号"),
        ("家住山溪超市后头的平房里。", "山溪超市"),
        ("在太原路与拉沟路交叉口摔倒。", "太原路与拉沟路交叉口"),
        ("住３-２-５０１。", "３-２-５０１"),
    ],
)
def test_an_address_below_county_is_removed_whole(text, place):
    public = scrub(text)
    assert place not in public
    assert "[详细地址已隐去]" in public
    for part in ("村", "组", "室", "号"):
        if part in place:
            assert part not in public.replace("[详细地址已隐去]", "")


def test_province_city_and_county_stay_and_everyday_place_words_too():
    text = "家住吉林省长春市朝阳区，在农村长大，村里的人都说这条马路很热闹，他去镇上赶集。"
    assert scrub(text) == text


# --- numbers and other identifiers ----------------------------------------------------------


def test_an_id_number_split_by_zero_width_spaces_is_still_found():
    text = "身份证2201\u200b0419\u200b8001\u200b0112\u200b37，电话139\u200b1234\u200b5678。"
    public = scrub(text)
    assert "[身份证号已隐去]" in public and "[电话已隐去]" in public
    assert "\u200b" not in public
    assert "2201" not in public and "5678" not in public


def test_full_width_digits_and_unlabelled_long_numbers_are_removed_but_amounts_stay():
    text = "电话：１３９１２３４５６７８，快递单号4601391234567812，借了50000元，共1391户受灾。"
    public = scrub(text)
    assert "１３９" not in public and "4601391234567812" not in public
    assert "50000元" in public and "1391户" in public


@pytest.mark.parametrize(
    ("text", "kind", "secret"),
    [
        ("微信号zhang_san88，有事联系。", "im_account", "zhang_san88"),
        ("QQ：123456789。", "im_account", "123456789"),
        ("邮箱wang.li@example.com。", "email", "wang.li@example.com"),
        ("车牌吉A·12345的面包车。", "licence_plate", "吉A·12345"),
        ("女儿在实验小学三年级二班读书。", "school", "实验小学三年级二班"),
        ("丈夫在宏达建材有限公司打工。", "employer", "宏达建材有限公司"),
        ("残疾证号22010419800101123742。", "document_number", "22010419800101123742"),
        ("低保证编号：DB-2026-0012。", "document_number", "DB-2026-0012"),
        ("筹款链接www.example.com/help/88。", "url", "www.example.com/help/88"),
    ],
)
def test_other_identifiers_are_removed_with_their_kind(text, kind, secret):
    redaction = redact(text)
    assert secret not in redaction.text
    assert kind in {r.kind for r in redaction.removals}


# --- dates and health -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "public"),
    [
        ("12月5日上门核实。", "12月上门核实。"),
        ("2026年11月3日在工地摔伤。", "2026年11月在工地摔伤。"),
        ("十一月三日复查。", "十一月复查。"),
        ("2026-11-03入院。", "2026年11月入院。"),
        ("本月21号受理。", "本月受理。"),
        ("户主52岁，今年3月起病，已花费8万元。", "户主52岁，今年3月起病，已花费8万元。"),
    ],
)
def test_exact_dates_become_the_month_and_ages_stay(text, public):
    assert scrub(text) == public


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("妻子患尿毒症，每周透析三次。", "尿毒症"),
        ("确诊为急性淋巴细胞白血病，需骨髓移植。", "白血病"),
        ("造成股骨骨折，落下残疾。", "股骨骨折"),
        ("被诊断为双相情感障碍多年，一直服用氯氮平。", "氯氮平"),
        ("医生建议呼吸机辅助通气。", "呼吸机"),
    ],
)
def test_diagnoses_and_treatments_become_their_category(text, detail):
    public = scrub(text)
    assert detail not in public
    assert "重病" in public or "治疗" in public or "药物" in public


def test_health_details_stay_when_the_household_consented_to_disclose_them():
    text = "妻子患尿毒症，每周透析三次。"
    assert scrub(text, health_details=True) == text
    assert check(text, health_details=True) == []
    assert [f.kind for f in check(text)] == ["health", "health"]


def test_everyday_words_about_illness_stay():
    text = "因病致贫，看病难，生病住院后做了手术，主要劳动力病倒。"
    assert scrub(text) == text


# --- what redact reports ----------------------------------------------------------------------


def test_each_removal_says_where_it_stood_in_the_original_text():
    text = "电话：１３９１２３４５６７８，邻居孙立平。"
    redaction = redact(text)
    for removal in redaction.removals:
        assert text[removal.start : removal.end] == removal.text
    assert [r.kind for r in redaction.removals] == ["phone", "name"]


def test_a_guess_is_marked_unsure_and_a_cue_makes_it_sure():
    redaction = redact("女儿小雨在读书。户主李建国，男。")
    by_text = {r.text: r for r in redaction.removals}
    assert by_text["小雨"].sure is False
    assert by_text["李建国"].sure is True
    assert [r.text for r in redaction.unsure] == ["小雨"]


# --- the independent publishing check -------------------------------------------------------


def test_the_check_finds_what_the_scrubber_missed(monkeypatch):
    """The check is a different detector: with the scrubber's name and place detectors
    switched off, the identifiers go through scrubbing, and the check still refuses them."""
    monkeypatch.setattr(anonymize.names, "find", lambda text, **kw: [])
    monkeypatch.setattr(anonymize.places, "find", lambda text: [])
    text = "户主李建国，男，52岁，家住红旗乡前进村三组，妻子王秀英照顾他。"
    public = scrub(text)
    assert "李建国" in public and "前进村" in public
    found = {(f.kind, f.text) for f in check(public)}
    assert ("name", "李建国") in found
    assert ("name", "王秀英") in found
    assert any(kind == "address" and "前进村" in text for kind, text in found)


def test_the_check_reports_each_finding_with_its_place():
    text = "说明：妻子王秀英\n电话13912345678"
    findings = check(text)
    assert [(f.kind, f.text) for f in findings] == [("name", "王秀英"), ("phone", "13912345678")]
    for finding in findings:
        assert text[finding.start : finding.end] == finding.text


@pytest.mark.parametrize(
    "text",
    [
        "户主李建国，男，52岁，家住红旗乡前进村三组，妻子王秀英患尿毒症，每周透析三次。",
        "来电人反映，其邻居孙立平一家住在幸福小区15栋2单元1196室，儿子孙浩在县医院。",
        "网格员周晓燕走访时发现，独居老人马桂兰（78岁）住在沙河屯，12月5日摔伤。",
    ],
)
def test_the_check_passes_what_the_scrubber_produced(text):
    assert check(scrub(text)) == []


# --- input that is not plain text -----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        "😀😀😀 户主李建国😀，电话139😀12345678",
        "\x00\x01\x02李建国\x7f\u202e电话13912345678\u202c",
        "<script>alert('李建国')</script> 13912345678",
        "Anna Li (李安娜), tel 13912345678, 住 Room 501 幸福小区",
        "户" * 20000,
    ],
)
def test_odd_input_neither_crashes_nor_hides_an_identifier(text):
    redaction = redact(text)
    check(redaction.text)
    assert "13912345678" not in redaction.text
    assert "\x00" not in redaction.text and "\u202e" not in redaction.text
