import pytest
from django.core.exceptions import ValidationError

from core.models import Region
from core.regions import is_within, region_get, regions_load

MAINLAND_PROVINCES = {
    "110000": "北京市",
    "120000": "天津市",
    "130000": "河北省",
    "140000": "山西省",
    "150000": "内蒙古自治区",
    "210000": "辽宁省",
    "220000": "吉林省",
    "230000": "黑龙江省",
    "310000": "上海市",
    "320000": "江苏省",
    "330000": "浙江省",
    "340000": "安徽省",
    "350000": "福建省",
    "360000": "江西省",
    "370000": "山东省",
    "410000": "河南省",
    "420000": "湖北省",
    "430000": "湖南省",
    "440000": "广东省",
    "450000": "广西壮族自治区",
    "460000": "海南省",
    "500000": "重庆市",
    "510000": "四川省",
    "520000": "贵州省",
    "530000": "云南省",
    "540000": "西藏自治区",
    "610000": "陕西省",
    "620000": "甘肃省",
    "630000": "青海省",
    "640000": "宁夏回族自治区",
    "650000": "新疆维吾尔自治区",
}
OTHER_PROVINCIAL_UNITS = {
    "710000": "台湾省",
    "810000": "香港特别行政区",
    "820000": "澳门特别行政区",
}
MUNICIPALITIES = ["110000", "120000", "310000", "500000"]

pytestmark = pytest.mark.django_db


def test_all_31_mainland_provincial_units_are_present():
    assert len(MAINLAND_PROVINCES) == 31
    found = dict(Region.objects.filter(code__in=MAINLAND_PROVINCES).values_list("code", "name"))
    assert found == MAINLAND_PROVINCES
    levels = set(Region.objects.filter(code__in=MAINLAND_PROVINCES).values_list("level", "parent"))
    assert levels == {(Region.Level.PROVINCE, None)}


def test_hong_kong_and_macao_are_present():
    found = dict(Region.objects.filter(code__in=["810000", "820000"]).values_list("code", "name"))
    assert found == {"810000": "香港特别行政区", "820000": "澳门特别行政区"}


def test_all_34_provincial_units_are_present_with_six_digit_codes():
    provinces = dict(Region.objects.filter(level=Region.Level.PROVINCE).values_list("code", "name"))
    assert provinces == {**MAINLAND_PROVINCES, **OTHER_PROVINCIAL_UNITS}


def test_every_region_code_is_six_digits():
    codes = Region.objects.values_list("code", flat=True)
    assert len(codes) > 3000
    assert [code for code in codes if not (len(code) == 6 and code.isdigit())] == []


@pytest.mark.parametrize("code", ["441900", "442000", "460400", "620200"])
def test_prefecture_level_cities_without_districts_are_cities(code):
    assert Region.objects.get(code=code).level == Region.Level.CITY


@pytest.mark.parametrize("code", sorted(MAINLAND_PROVINCES))
def test_every_mainland_province_has_counties_beneath_it(code):
    province = Region.objects.get(code=code)
    counties = province.descendants().filter(level=Region.Level.COUNTY)
    assert counties.count() > 0
    assert all(county.code.startswith(code[:2]) for county in counties)


def test_region_tree_has_thousands_of_counties():
    assert Region.objects.filter(level=Region.Level.COUNTY).count() > 2800
    assert Region.objects.filter(level=Region.Level.CITY).count() > 300


def test_ancestors_are_ordered_from_the_province_down():
    chaoyang = Region.objects.get(code="220104")
    assert chaoyang.name == "朝阳区"
    assert chaoyang.level == Region.Level.COUNTY
    assert chaoyang.path == "220000/220100/220104"
    assert chaoyang.ancestor_codes == ["220000", "220100"]
    assert [r.code for r in chaoyang.ancestors()] == ["220000", "220100"]
    assert [r.name for r in chaoyang.ancestors()] == ["吉林省", "长春市"]
    assert list(Region.objects.get(code="220000").ancestors()) == []


def test_descendants_are_everything_below_and_not_the_region_itself():
    changchun = Region.objects.get(code="220100")
    descendants = changchun.descendants()
    codes = set(descendants.values_list("code", flat=True))
    assert "220104" in codes
    assert "220100" not in codes
    assert "220200" not in codes  # 吉林市 is a sibling, not a child
    assert set(descendants.values_list("level", flat=True)) == {Region.Level.COUNTY}
    assert codes == set(changchun.children.values_list("code", flat=True))


def test_descendants_of_a_province_cover_its_cities_and_counties():
    jilin = Region.objects.get(code="220000")
    levels = set(jilin.descendants().values_list("level", flat=True))
    assert levels == {Region.Level.CITY, Region.Level.COUNTY}
    assert jilin.descendants().filter(code="220104").exists()
    assert not jilin.descendants().filter(code="360000").exists()
    assert not jilin.descendants().filter(code__startswith="36").exists()


def test_a_county_has_no_descendants():
    assert not Region.objects.get(code="220104").descendants().exists()


def test_is_within_on_the_model():
    chaoyang = Region.objects.get(code="220104")
    jilin = Region.objects.get(code="220000")
    jiangxi = Region.objects.get(code="360000")
    assert chaoyang.is_within(jilin)
    assert chaoyang.is_within(Region.objects.get(code="220100"))
    assert chaoyang.is_within(chaoyang)
    assert not chaoyang.is_within(jiangxi)
    assert not jilin.is_within(chaoyang)


def test_is_within_does_not_match_on_a_mere_code_prefix():
    # 北京 110000 and its 朝阳区 110105 vs 长春 朝阳区 220104: same name, different tree.
    beijing_chaoyang = Region.objects.get(code="110105")
    assert beijing_chaoyang.name == "朝阳区"
    assert not beijing_chaoyang.is_within(Region.objects.get(code="220000"))
    assert not Region.objects.get(code="220104").is_within(Region.objects.get(code="110000"))


def test_full_name_joins_the_names_from_the_province_down():
    assert Region.objects.get(code="220104").full_name == "吉林省长春市朝阳区"
    assert Region.objects.get(code="220100").full_name == "吉林省长春市"
    assert Region.objects.get(code="220000").full_name == "吉林省"
    assert Region.objects.get(code="110101").full_name == "北京市东城区"


@pytest.mark.parametrize("code", MUNICIPALITIES)
def test_municipality_districts_hang_directly_under_the_province(code):
    municipality = Region.objects.get(code=code)
    assert not municipality.children.filter(level=Region.Level.CITY).exists()
    assert municipality.children.filter(level=Region.Level.COUNTY).count() >= 16


def test_beijing_dongcheng_parent_is_beijing():
    dongcheng = Region.objects.get(code="110101")
    assert dongcheng.name == "东城区"
    assert dongcheng.level == Region.Level.COUNTY
    assert dongcheng.parent_id == "110000"
    assert dongcheng.path == "110000/110101"
    assert [r.code for r in dongcheng.ancestors()] == ["110000"]


def test_regions_load_again_changes_nothing():
    before = list(Region.objects.values_list("code", "name", "level", "parent", "path"))
    assert regions_load() == (0, 0)
    after = list(Region.objects.values_list("code", "name", "level", "parent", "path"))
    assert after == before


def test_regions_load_repairs_a_changed_region():
    Region.objects.filter(code="220104").update(name="改错的名字")
    assert regions_load() == (0, 1)
    assert Region.objects.get(code="220104").name == "朝阳区"


def test_region_get_returns_the_region():
    region = region_get("220104")
    assert region.name == "朝阳区"
    assert region_get(" 220104 ").code == "220104"


def test_region_get_unknown_code():
    with pytest.raises(ValidationError) as excinfo:
        region_get("999999")
    assert excinfo.value.code == "unknown_region"
    assert "999999" in excinfo.value.message


@pytest.mark.parametrize("code", ["12ab", "2201", "22010", "2201040", "22010a", "", None])
def test_region_get_malformed_code(code):
    with pytest.raises(ValidationError) as excinfo:
        region_get(code)
    assert excinfo.value.code == "invalid"


def test_is_within_by_code():
    assert is_within("220104", "220000") is True
    assert is_within("220104", "220100") is True
    assert is_within("220104", "220104") is True
    assert is_within("220104", "360000") is False
    assert is_within("220000", "220104") is False


def test_is_within_by_code_refuses_unknown_codes():
    with pytest.raises(ValidationError) as excinfo:
        is_within("220104", "999999")
    assert excinfo.value.code == "unknown_region"
