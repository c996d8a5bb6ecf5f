"""Region names in English (core.region_names, Region.name_en): the pinyin of the place with
the official English of its suffix, the override table that settles heteronyms, the report of
those it does not settle, the English name of a village an office registers, and the public
pages that show it on English pages only."""

from __future__ import annotations

import itertools
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.test import Client
from pypinyin import Style, pinyin

from core.models import AuditEvent, Region
from core.region_names import (
    CHARACTER_READINGS,
    PINYIN_OVERRIDES,
    english_name,
    unsettled_heteronyms,
)
from core.regions import (
    _walk_package,
    region_create_below_county,
    region_name_en_set,
    regions_load,
    regions_with_unsettled_heteronyms,
)
from tests.discovery.conftest import grids  # noqa: F401  (the fixtures are used by name)
from tests.donors.conftest import money  # noqa: F401
from tests.needs.conftest import world  # noqa: F401


@pytest.mark.parametrize(
    ("name", "english"),
    [
        ("朝阳区", "Chaoyang District"),
        ("长春市", "Changchun City"),
        ("长沙市", "Changsha City"),
        ("重庆市", "Chongqing"),
        ("蚌埠市", "Bengbu City"),
        ("六安市", "Lu'an City"),
        ("厦门市", "Xiamen City"),
        ("陕西省", "Shaanxi Province"),
        ("山西省", "Shanxi Province"),
        ("西藏自治区", "Xizang Autonomous Region"),
        ("乐清市", "Yueqing City"),
        ("铅山县", "Yanshan County"),
        ("番禺区", "Panyu District"),
        ("大埔县", "Dabu County"),
        ("洪洞县", "Hongtong County"),
        ("长子县", "Zhangzi County"),
    ],
)
def test_overrides_give_the_reading_the_place_uses(name, english):
    assert english_name(name) == english


def test_an_apostrophe_goes_before_a_syllable_beginning_with_a_o_or_e():
    assert english_name("西安市") == "Xi'an City"
    assert english_name("淮安市") == "Huai'an City"
    assert english_name("南京市") == "Nanjing City"  # no apostrophe inside a syllable


@pytest.mark.parametrize(
    ("name", "english"),
    [
        ("东城区", "Dongcheng District"),
        ("忠县", "Zhong County"),
        ("阿拉善左旗", "Alxa Left Banner"),
        ("乌拉特中旗", "Wulate Middle Banner"),
        ("延边朝鲜族自治州", "Yanbian Korean Autonomous Prefecture"),
        ("恩施土家族苗族自治州", "Enshi Tujia and Miao Autonomous Prefecture"),
        (
            "积石山保安族东乡族撒拉族自治县",
            "Jishishan Bonan, Dongxiang and Salar Autonomous County",
        ),
        ("东乡族自治县", "Dongxiang Autonomous County"),
        ("鄂伦春自治旗", "Oroqen Autonomous Banner"),
        ("巴里坤哈萨克自治县", "Balikun Kazak Autonomous County"),
        ("管城回族区", "Guancheng Hui District"),
        ("锡林郭勒盟", "Xilin Gol League"),
        ("和田地区", "Hotan Prefecture"),
        ("吐鲁番市", "Turpan City"),
        ("浦东新区", "Pudong New Area"),
        ("神农架林区", "Shennongjia Forestry District"),
        ("南湖街道", "Nanhu Subdistrict"),
        ("幸福社区", "Xingfu Community"),
        ("红旗村", "Hongqi Village"),
        ("兴隆镇", "Xinglong Town"),
        ("双阳乡", "Shuangyang Township"),
    ],
)
def test_suffixes_in_their_official_english(name, english):
    assert english_name(name) == english


@pytest.mark.parametrize(
    ("name", "english"),
    [
        ("北京市", "Beijing"),
        ("天津市", "Tianjin"),
        ("上海市", "Shanghai"),
        ("内蒙古自治区", "Inner Mongolia Autonomous Region"),
        ("广西壮族自治区", "Guangxi Zhuang Autonomous Region"),
        ("宁夏回族自治区", "Ningxia Hui Autonomous Region"),
        ("新疆维吾尔自治区", "Xinjiang Uygur Autonomous Region"),
        ("香港特别行政区", "Hong Kong Special Administrative Region"),
    ],
)
def test_municipalities_and_autonomous_regions_by_their_official_names(name, english):
    assert english_name(name) == english


def _spellings(text: str) -> set[str]:
    """Every way pypinyin may read ``text`` (tones aside), run together in lower case."""
    readings = [pinyin(char, heteronym=True, style=Style.NORMAL, v_to_u=True)[0] for char in text]
    return {"".join(combination) for combination in itertools.product(*readings)}


def test_every_override_is_a_reading_pypinyin_knows():
    """The table is checked: a slip of the keyboard ("Changchum") or a reading no dictionary
    gives fails here."""
    for stem, spelling in PINYIN_OVERRIDES.items():
        assert spelling.replace("'", "").lower() in _spellings(stem), stem
    for char, reading in CHARACTER_READINGS.items():
        assert reading in _spellings(char), char


def test_every_override_names_a_place_in_the_national_list():
    names = [name for _code, name, _level, _parent in _walk_package()]
    for stem in PINYIN_OVERRIDES:
        assert any(stem in name for name in names), stem


def test_a_heteronym_the_table_does_not_settle_is_reported():
    assert unsettled_heteronyms("和硕县") == {"和": ["he", "hu", "huo"]}
    assert unsettled_heteronyms("朝阳区") == {}  # settled by the table
    assert unsettled_heteronyms("南京市") == {}  # 南 is nan in every place name
    assert unsettled_heteronyms("北京市") == {}


@pytest.mark.django_db
def test_every_loaded_region_has_its_english_name():
    assert not Region.objects.filter(name_en="").exists()
    assert Region.objects.get(code="110105").name_en == "Chaoyang District"
    assert Region.objects.get(code="220104").name_en == "Chaoyang District"
    assert Region.objects.get(code="500000").name_en == "Chongqing"
    assert regions_load() == (0, 0)


@pytest.mark.django_db
def test_the_loader_repairs_an_english_name():
    Region.objects.filter(code="220100").update(name_en="Zhangchun City")
    assert regions_load() == (0, 1)
    assert Region.objects.get(code="220100").name_en == "Changchun City"


@pytest.mark.django_db
def test_the_heteronym_command_lists_the_unsettled_names_and_counts_them():
    found = regions_with_unsettled_heteronyms()
    out = StringIO()
    call_command("region_heteronyms", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[-1] == f"{len(found)} regions have a heteronym the override table does not settle."
    assert any(line.startswith("652828\t和硕县\tHeshuo County\t和 he/hu/huo") for line in lines)
    assert not any("\t朝阳区\t" in line for line in lines)
    assert 0 < len(found) < Region.objects.count()


@pytest.mark.django_db
def test_a_new_village_gets_its_english_name(grids):  # noqa: F811
    assert grids.township.name_en == "Nanhu Subdistrict"
    assert grids.village.name_en == "Xingfu Community"
    village = region_create_below_county(
        by=grids.caseworker,
        parent=grids.township,
        code="220104001009",
        name="乐和村",
        name_en="Lehe Village",
    )
    assert village.name_en == "Lehe Village"


@pytest.mark.django_db
def test_an_english_name_too_long_is_refused_and_nothing_is_written(grids, in_english):  # noqa: F811
    with pytest.raises(ValidationError) as refused:
        region_create_below_county(
            by=grids.caseworker, parent=grids.township, code="220104001009", name="乐和村",
            name_en="x" * 129,
        )  # fmt: skip
    assert refused.value.message_dict == {"name_en": ["At most 128 characters."]}
    assert not Region.objects.filter(code="220104001009").exists()


@pytest.mark.django_db
def test_the_office_corrects_a_village_english_name_once(grids):  # noqa: F811
    region_name_en_set(by=grids.caseworker, region=grids.other_village, name_en="Hongqi Cun")
    region_name_en_set(by=grids.caseworker, region=grids.other_village, name_en="Hongqi Cun")
    assert Region.objects.get(code=grids.other_village.code).name_en == "Hongqi Cun"
    events = AuditEvent.objects.filter(action="region.name_en")
    assert events.count() == 1  # the repeated request changed nothing
    assert events.get().changes == {"name_en": ["Hongqi Village", "Hongqi Cun"]}
    # Written by the office, it is no longer pypinyin's guess to report.
    assert grids.other_village.code not in {r.code for r, _ in regions_with_unsettled_heteronyms()}


@pytest.mark.django_db
def test_another_county_cannot_rename_a_village(grids):  # noqa: F811
    with pytest.raises(PermissionDenied):
        region_name_en_set(by=grids.nanguan_caseworker, region=grids.village, name_en="X")
    assert Region.objects.get(code=grids.village.code).name_en == "Xingfu Community"
    assert not AuditEvent.objects.filter(action="region.name_en").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "name_en", "message"),
    [
        ("220104001001", "  ", "This field is required."),
        ("220104001001", "x" * 129, "At most 128 characters."),
        ("220104", "Sunrise District", "only a township's or a village's may be changed"),
    ],
)
def test_bad_english_names_are_refused_naming_the_field(grids, in_english, code, name_en, message):  # noqa: F811
    region = Region.objects.get(code=code)
    with pytest.raises(ValidationError) as refused:
        region_name_en_set(by=grids.caseworker, region=region, name_en=name_en)
    assert message in refused.value.message_dict["name_en"][0]
    assert Region.objects.get(code=code).name_en == region.name_en


@pytest.mark.django_db
def test_the_region_api_carries_the_english_name(grids):  # noqa: F811
    client = Client()
    client.force_login(grids.caseworker)
    rows = client.get("/api/v1/regions/", {"parent": "220100"}).json()
    rows = rows.get("results", rows)
    assert {"code": "220104", "name": "朝阳区", "name_en": "Chaoyang District"}.items() <= next(
        row for row in rows if row["code"] == "220104"
    ).items()


@pytest.mark.django_db
def test_an_english_need_page_names_the_county_in_english_and_chinese_keeps_chinese(money):  # noqa: F811
    cache.clear()
    need = money.published_need()  # a case in 长春市朝阳区
    client = Client()
    english = client.get(f"/needs/{need.public_id}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    chinese = client.get(f"/needs/{need.public_id}/").content.decode()
    # (The title is the office's own, written in Chinese when the need was published.)
    assert "grave illness · Chaoyang District · published" in english
    assert "重大疾病 · 朝阳区 ·" in chinese
    assert "Chaoyang District" not in chinese
    listing = client.get("/needs/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Chaoyang District" in listing
    assert "Changchun City" in listing  # the region filter
    assert "长春市" in client.get("/needs/").content.decode()
