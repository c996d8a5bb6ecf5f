"""Region names in English (``Region.name_en``), made from the Chinese name.

The place name is written in Hanyu Pinyin (GB/T 16159, the national rule for place names on
maps and signs: syllables run together, an apostrophe before a syllable that begins with a, o
or e, as in Xi'an), and the administrative suffix in its official English rendering
(区 District, 自治州 Autonomous Prefecture, 街道 Subdistrict, …). Provinces, municipalities and
autonomous regions have their official English names.

pypinyin reads each character, and a character with several readings (a heteronym: 朝 zhao or
chao, 长 chang or zhang) is read from pypinyin's word list, which knows words but not always
place names (朝阳 comes out "Zhaoyang"). Such names are settled by the override table below,
whose spellings are checked against pypinyin's readings (tests/core/test_region_names.py); the
names with a heteronym the table does not settle are listed by ``manage.py region_heteronyms``
instead of being trusted silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pypinyin import Style, lazy_pinyin, pinyin

# Province-level divisions by their official English names (the municipalities without a
# suffix, as the State Council writes them).
PROVINCE_LEVEL = {
    "北京市": "Beijing",
    "天津市": "Tianjin",
    "上海市": "Shanghai",
    "重庆市": "Chongqing",
    "河北省": "Hebei Province",
    "山西省": "Shanxi Province",
    "内蒙古自治区": "Inner Mongolia Autonomous Region",
    "辽宁省": "Liaoning Province",
    "吉林省": "Jilin Province",
    "黑龙江省": "Heilongjiang Province",
    "江苏省": "Jiangsu Province",
    "浙江省": "Zhejiang Province",
    "安徽省": "Anhui Province",
    "福建省": "Fujian Province",
    "江西省": "Jiangxi Province",
    "山东省": "Shandong Province",
    "河南省": "Henan Province",
    "湖北省": "Hubei Province",
    "湖南省": "Hunan Province",
    "广东省": "Guangdong Province",
    "广西壮族自治区": "Guangxi Zhuang Autonomous Region",
    "海南省": "Hainan Province",
    "四川省": "Sichuan Province",
    "贵州省": "Guizhou Province",
    "云南省": "Yunnan Province",
    "西藏自治区": "Xizang Autonomous Region",
    "陕西省": "Shaanxi Province",
    "甘肃省": "Gansu Province",
    "青海省": "Qinghai Province",
    "宁夏回族自治区": "Ningxia Hui Autonomous Region",
    "新疆维吾尔自治区": "Xinjiang Uygur Autonomous Region",
    "香港特别行政区": "Hong Kong Special Administrative Region",
    "澳门特别行政区": "Macao Special Administrative Region",
    "台湾省": "Taiwan Province",
}

# Place names whose pinyin pypinyin may get wrong: the reading of a heteronym in a place name
# (朝阳 Chaoyang, not Zhaoyang) or an old reading kept by the place (六安 Lu'an, 铅山 Yanshan).
# Each spelling must be one of pypinyin's readings of the characters (checked by a test), so a
# typing slip cannot slip in.
PINYIN_OVERRIDES = {
    "朝阳": "Chaoyang",
    "朝天": "Chaotian",
    "长春": "Changchun",
    "长沙": "Changsha",
    "长治": "Changzhi",
    "长宁": "Changning",
    "长寿": "Changshou",
    "长安": "Chang'an",
    "长清": "Changqing",
    "长兴": "Changxing",
    "长汀": "Changting",
    "长白": "Changbai",
    "长丰": "Changfeng",
    "长垣": "Changyuan",
    "长葛": "Changge",
    "长岭": "Changling",
    "长海": "Changhai",
    "长泰": "Changtai",
    "长乐": "Changle",
    "长阳": "Changyang",
    "长武": "Changwu",
    "长顺": "Changshun",
    "长子": "Zhangzi",
    "重庆": "Chongqing",
    "蚌埠": "Bengbu",
    "六安": "Lu'an",
    "六合": "Luhe",
    "厦门": "Xiamen",
    "山西": "Shanxi",
    "西藏": "Xizang",
    "乐清": "Yueqing",
    "乐山": "Leshan",
    "乐东": "Ledong",
    "乐昌": "Lechang",
    "乐平": "Leping",
    "乐安": "Le'an",
    "乐至": "Lezhi",
    "乐业": "Leye",
    "铅山": "Yanshan",
    "番禺": "Panyu",
    "大埔": "Dabu",
    "洪洞": "Hongtong",
    "单": "Shan",
    "莘": "Shen",
    "浚": "Xun",
    "歙": "She",
    "蔚": "Yu",
    "涡阳": "Guoyang",
    "台州": "Taizhou",
    "天台": "Tiantai",
    "丽水": "Lishui",
    "丽江": "Lijiang",
    "会理": "Huili",
    "会东": "Huidong",
    "会泽": "Huize",
    "会昌": "Huichang",
    "会同": "Huitong",
    "会宁": "Huining",
    "行唐": "Xingtang",
    "成都": "Chengdu",
    "都江堰": "Dujiangyan",
    "都匀": "Duyun",
    "都昌": "Duchang",
    "都安": "Du'an",
    "东阿": "Dong'e",
    "曲阜": "Qufu",
    "曲靖": "Qujing",
    "曲沃": "Quwo",
    "曲周": "Quzhou",
    "曲阳": "Quyang",
    "曲江": "Qujiang",
    "宿州": "Suzhou",
    "宿迁": "Suqian",
    "宿松": "Susong",
    "宿城": "Sucheng",
    "宿豫": "Suyu",
    "尉氏": "Weishi",
    "济南": "Jinan",
    "济宁": "Jining",
    "济源": "Jiyuan",
    "济阳": "Jiyang",
    "繁峙": "Fanshi",
    "繁昌": "Fanchang",
    "沈阳": "Shenyang",
    "枞阳": "Zongyang",
    "筠连": "Junlian",
    "犍为": "Qianwei",
    "什邡": "Shifang",
    "和平": "Heping",
    "和龙": "Helong",
    "和顺": "Heshun",
    "和": "He",
    "大同": "Datong",
    "正定": "Zhengding",
    "藁城": "Gaocheng",
}

# Characters read one way in every place name, whatever other readings pypinyin lists for them
# (南 "na" and 广 "an" are readings of Buddhist transliterations and old texts, 宁 "zhu" an
# old form): they settle a heteronym wherever they appear. Characters whose other reading does
# occur in place names (长, 乐, 都, 和, 阿, 朝, 重) are not here: their names go in the table above.
CHARACTER_READINGS = {
    "南": "nan", "平": "ping", "宁": "ning", "大": "da", "溪": "xi", "台": "tai", "石": "shi",
    "青": "qing", "化": "hua", "白": "bai", "广": "guang", "沙": "sha", "港": "gang", "达": "da",
    "明": "ming", "红": "hong", "塔": "ta", "家": "jia", "邑": "yi", "古": "gu", "万": "wan",
    "太": "tai", "池": "chi", "吴": "wu", "合": "he", "甘": "gan", "市": "shi", "怀": "huai",
    "信": "xin", "夏": "xia", "景": "jing", "屯": "tun", "霍": "huo", "扎": "zha", "潭": "tan",
    "余": "yu", "陆": "lu", "方": "fang", "察": "cha", "屏": "ping", "庄": "zhuang", "鹿": "lu",
    "桃": "tao", "哈": "ha", "斯": "si", "温": "wen", "肥": "fei", "容": "rong", "祁": "qi",
    "寨": "zhai", "勒": "le", "杭": "hang", "前": "qian", "沂": "yi", "桐": "tong", "彭": "peng",
    "墨": "mo", "英": "ying", "房": "fang", "无": "wu", "路": "lu", "格": "ge", "什": "shi",
}  # fmt: skip

# Names the official English does not write in pinyin (Uygur, Mongolian and Tibetan places
# keep their own romanization on maps and in the State Council's documents).
OFFICIAL_SPELLINGS = {
    # 陕西 and 山西 are both "Shanxi" in pinyin; the official spelling doubles the a (the old
    # Gwoyeu Romatzyh tone mark) to tell them apart.
    "陕西": "Shaanxi",
    # Local readings of 乐 (lào) that no dictionary lists, kept by the places and the maps.
    "乐亭": "Laoting",
    "乐陵": "Laoling",
    "乌鲁木齐": "Urumqi",
    "呼和浩特": "Hohhot",
    "拉萨": "Lhasa",
    "哈尔滨": "Harbin",
    "齐齐哈尔": "Qiqihar",
    "喀什": "Kashgar",
    "和田": "Hotan",
    "阿勒泰": "Altay",
    "吐鲁番": "Turpan",
    "锡林郭勒": "Xilin Gol",
    "阿拉善": "Alxa",
    "呼伦贝尔": "Hulunbuir",
    "鄂尔多斯": "Ordos",
    "巴彦淖尔": "Bayannur",
    "乌兰察布": "Ulanqab",
    "兴安": "Hinggan",
    "日喀则": "Xigaze",
    "伊犁": "Ili",
    "克孜勒苏": "Kizilsu",
    "博尔塔拉": "Bortala",
    "巴音郭楞": "Bayingolin",
    "克拉玛依": "Karamay",
    "阿克苏": "Aksu",
    "库尔勒": "Korla",
}

# The peoples named in autonomous prefectures, counties and banners, by their official names.
ETHNIC_GROUPS = {
    "满": "Manchu",
    "蒙古": "Mongol",
    "回": "Hui",
    "达斡尔": "Daur",
    "鄂伦春": "Oroqen",
    "鄂温克": "Ewenki",
    "朝鲜": "Korean",
    "畲": "She",
    "土家": "Tujia",
    "苗": "Miao",
    "瑶": "Yao",
    "侗": "Dong",
    "壮": "Zhuang",
    "各": "Multi-ethnic",
    "仫佬": "Mulao",
    "毛南": "Maonan",
    "黎": "Li",
    "羌": "Qiang",
    "彝": "Yi",
    "藏": "Tibetan",
    "仡佬": "Gelao",
    "布依": "Bouyei",
    "水": "Sui",
    "傣": "Dai",
    "哈尼": "Hani",
    "纳西": "Naxi",
    "拉祜": "Lahu",
    "佤": "Va",
    "布朗": "Blang",
    "白": "Bai",
    "景颇": "Jingpo",
    "傈僳": "Lisu",
    "独龙": "Derung",
    "怒": "Nu",
    "普米": "Pumi",
    "裕固": "Yugur",
    "哈萨克": "Kazak",
    "保安": "Bonan",
    "东乡": "Dongxiang",
    "撒拉": "Salar",
    "土": "Tu",
    "柯尔克孜": "Kirgiz",
    "塔吉克": "Tajik",
    "锡伯": "Xibe",
    "维吾尔": "Uygur",
}
# Written without 族 in some names (巴里坤哈萨克自治县); the one-character peoples always take 族.
_ETHNIC_WITHOUT_ZU = {name for name in ETHNIC_GROUPS if len(name) > 1}

AUTONOMOUS = {
    "自治州": "Autonomous Prefecture",
    "自治县": "Autonomous County",
    "自治旗": "Autonomous Banner",
}

# Longest first: 新区 before 区, 社区 before 区.
SUFFIXES = [
    ("新区", "New Area"),
    ("林区", "Forestry District"),
    ("地区", "Prefecture"),
    ("街道", "Subdistrict"),
    ("社区", "Community"),
    ("省", "Province"),
    ("市", "City"),
    ("区", "District"),
    ("县", "County"),
    ("旗", "Banner"),
    ("盟", "League"),
    ("镇", "Town"),
    ("乡", "Township"),
    ("村", "Village"),
]

# Inner Mongolia's banners carry their position in the old league: 科尔沁右翼前旗 Horqin Right
# Wing Front Banner.
BANNER_POSITIONS = {"左": "Left", "右": "Right", "前": "Front", "后": "Rear", "中": "Middle"}
BANNER_WING = "翼"

_HAN = re.compile(r"[\u4e00-\u9fff]")


def _syllables_to_word(syllables: list[str]) -> str:
    """Run the syllables together with an apostrophe before a, o or e (Xi'an, Lu'an)."""
    word = ""
    for syllable in syllables:
        if word and syllable[:1] in ("a", "o", "e"):
            word += "'"
        word += syllable
    return word[:1].upper() + word[1:]


def place_pinyin(stem: str) -> str:
    """The place name (without its suffix) in pinyin, overrides first."""
    if stem in OFFICIAL_SPELLINGS:
        return OFFICIAL_SPELLINGS[stem]
    if stem in PINYIN_OVERRIDES:
        return PINYIN_OVERRIDES[stem]
    syllables = lazy_pinyin(stem, style=Style.NORMAL, v_to_u=True)
    if len(syllables) == len(stem):  # one syllable a character (all Chinese): apply the table
        syllables = [CHARACTER_READINGS.get(c, s) for c, s in zip(stem, syllables, strict=True)]
    return _syllables_to_word(syllables)


@dataclass(frozen=True)
class ParsedName:
    """A region name cut into the place (to write in pinyin) and what follows it in English."""

    stem: str
    words_after: str  # "Korean Autonomous Prefecture", "District", "" (no known suffix)


def _split_peoples(stem: str) -> tuple[str, list[str]]:
    """Strip the peoples from the end of an autonomous area's name: 积石山保安族东乡族撒拉族 ->
    (积石山, [Bonan, Dongxiang, Salar])."""
    peoples: list[str] = []
    while stem:
        found = None
        for name in sorted(ETHNIC_GROUPS, key=len, reverse=True):
            if stem.endswith(name + "族"):
                found = (name, len(name) + 1)
            elif name in _ETHNIC_WITHOUT_ZU and stem.endswith(name):
                found = (name, len(name))
            if found:
                break
        if not found:
            break
        peoples.insert(0, ETHNIC_GROUPS[found[0]])
        stem = stem[: -found[1]]
    return stem, peoples


def _join_peoples(peoples: list[str]) -> str:
    if len(peoples) <= 1:
        return "".join(peoples)
    return ", ".join(peoples[:-1]) + " and " + peoples[-1]


def parse_name(name: str) -> ParsedName:
    for suffix, english in AUTONOMOUS.items():
        if name.endswith(suffix):
            stem, peoples = _split_peoples(name[: -len(suffix)])
            if not stem and peoples:  # 东乡族自治县: the place is named after its people
                return ParsedName("", f"{peoples[0]} {english}")
            return ParsedName(stem, " ".join(filter(None, [_join_peoples(peoples), english])))
    for suffix, english in SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            stem = name[: -len(suffix)]
            if suffix == "旗":
                positions = []
                while len(stem) > 1 and stem[-1] in (*BANNER_POSITIONS, BANNER_WING):
                    char = stem[-1]
                    positions.insert(0, "Wing" if char == BANNER_WING else BANNER_POSITIONS[char])
                    stem = stem[:-1]
                english = " ".join([*positions, english])
            if stem.endswith("族"):  # an ethnic district: 管城回族区 Guancheng Hui District
                stem, peoples = _split_peoples(stem)
                english = " ".join(filter(None, [_join_peoples(peoples), english]))
            return ParsedName(stem, english)
    return ParsedName(name, "")


def english_name(name: str) -> str:
    """The English name of a region from its Chinese name: 朝阳区 -> Chaoyang District,
    延边朝鲜族自治州 -> Yanbian Korean Autonomous Prefecture, 北京市 -> Beijing."""
    name = (name or "").strip()
    if name in PROVINCE_LEVEL:
        return PROVINCE_LEVEL[name]
    parsed = parse_name(name)
    place = place_pinyin(parsed.stem) if parsed.stem else ""
    return " ".join(filter(None, [place, parsed.words_after]))


def unsettled_heteronyms(name: str) -> dict[str, list[str]]:
    """The characters of the name's place part that pypinyin reads in more than one way
    (tones aside) and that no override settles, with their readings: {"朝": ["zhao", "chao"]}.
    Empty when the reading is certain."""
    name = (name or "").strip()
    if name in PROVINCE_LEVEL:
        return {}
    stem = parse_name(name).stem
    if stem in PINYIN_OVERRIDES or stem in OFFICIAL_SPELLINGS:
        return {}
    found: dict[str, list[str]] = {}
    for char in stem:
        if not _HAN.match(char) or char in found or char in CHARACTER_READINGS:
            continue
        readings = list(
            dict.fromkeys(pinyin(char, heteronym=True, style=Style.NORMAL, v_to_u=True)[0])
        )
        if len(readings) > 1:
            found[char] = readings
    return found
