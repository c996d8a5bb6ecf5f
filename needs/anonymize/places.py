"""Places below county level, which pin a home (DESIGN.md 7.1: the county may be published).

Read from the words that end Chinese place names, not from a gazetteer (no list of villages
is ever complete): a township or street (乡, 镇, 街道), a village or community (村, 社区,
居委会, 屯, 嘎查, 寨, 堡, 营子...), a numbered group (三组, 5社, 二队), a road or lane
(人民路, 胡同, 巷) with its number, an estate (幸福小区, 阳光花园), a building, unit and room
(15栋2单元1196室, 3-2-501), and a landmark that says where the door is (人民医院对面). The
name in front of the ending is at most four characters, cut at the words that start an address
(住, 家住, 位于, 在) and at the county and above (省, 市, 县, 区, 旗), which stay.
Neighbouring parts become one label.
"""

from __future__ import annotations

import re
from functools import lru_cache

import rjieba

from needs.anonymize.spans import Span

ADDRESS_LABEL = "[详细地址已隐去]"

_NUM = r"(?:\d{1,5}|[一二三四五六七八九十百零〇两]{1,4})"
# fmt: off
# Endings of a place below county level. Longest first in the pattern.
_UNIT_ENDINGS = (
    "街道办事处", "街道办", "街道", "村民委员会", "居民委员会", "村委会", "居委会", "社区",
    "村", "乡", "镇", "屯", "嘎查", "苏木", "营子", "寨", "堡", "坪", "坳", "垸", "岗", "洼",
    "湾", "峪", "沟", "庄", "铺", "圩", "塆", "冲", "场", "店子", "窝棚", "农场", "林场",
    "牧场", "分场", "连队", "大队", "生产队", "管理区",
)
# Endings that name a place wherever they stand; the others (湾, 岗, 沟, 庄) only in an address.
_STRONG_UNITS = frozenset({
    "街道办事处", "街道办", "街道", "村民委员会", "居民委员会", "村委会", "居委会", "社区", "村",
    "乡", "镇", "屯", "嘎查", "苏木", "营子", "寨", "坳", "垸", "塆", "窝棚",
})
_ROAD_ENDINGS = ("大街", "大道", "路", "街", "巷", "弄", "胡同", "里")
_ESTATE_ENDINGS = (
    "小区", "花园", "家园", "公寓", "大厦", "苑", "新村", "新城", "宿舍", "家属院", "家属楼",
    "公租房", "廉租房", "安置房", "安置区", "楼盘", "城", "湾", "园", "居", "嘉园", "佳园",
    "名都", "山庄", "公馆", "新居", "雅居", "华庭", "名苑", "家属区",
)
_LANDMARKS = (
    "医院", "卫生院", "卫生室", "诊所", "学校", "小学", "中学", "幼儿园", "超市", "市场",
    "菜市场", "商场", "广场", "公园", "车站", "火车站", "汽车站", "加油站", "银行", "邮局",
    "派出所", "桥", "寺", "庙", "厂", "饭店", "酒店", "宾馆", "网吧", "药店", "食堂",
    "村委会", "居委会", "大队部", "粮站", "供销社", "水库", "电站", "路口", "十字路口",
    "小卖部", "农资店", "修车铺", "养猪场", "养殖场", "砖厂", "加工厂", "快递站", "理发店",
    "店", "铺", "部", "站", "场", "馆", "所", "室", "房", "社", "中心", "水塔", "大槐树", "老槐树",
    "宿舍", "敬老院", "祠堂", "戏台", "磨坊",
)
_SIDES = (
    "斜对面", "对面", "旁边", "隔壁", "附近", "后面", "后边", "后头", "后身", "前面", "前头",
    "门口", "底下", "边上", "东侧",
    "西侧", "南侧", "北侧", "东边", "西边", "南边", "北边", "楼上", "楼下", "背后", "边上",
)
# Before a place name: where the address starts (kept), the county and above (kept).
_STARTERS = (
    "居住在", "居住于", "家住在", "家住", "住在", "住于", "暂住", "租住", "借住", "寄住",
    "位于", "来自", "搬到", "搬至", "回到", "户籍", "地址", "住址", "所在", "住",
)
# Words that stand before 村, 路, 组... without naming one (农村, 本村, 马路, 小组).
_GENERIC = frozenset({
    "农", "本", "该", "同", "邻", "全", "回", "进", "出", "各", "此", "这", "那", "哪", "每",
    "整", "外", "乡", "城", "下", "上", "到", "在", "去", "来", "老家", "附近", "周边", "当地",
    "我们", "他们", "她们", "咱们", "你们", "我", "他", "她", "其", "别", "其他", "其它", "隔壁",
    "一个", "这个", "那个", "马", "道", "公", "铁", "走", "一", "半", "出路", "思", "小", "大",
    "街", "网", "水", "山", "带", "逛", "沿", "临", "商", "农贸", "菜", "集", "超", "广", "工",
    "市", "县", "区", "省", "职", "岗", "下岗", "战", "商业", "住宅", "居民", "养老", "敬老",
    "福利", "救助", "社会", "医", "工地", "现", "原", "新", "旧", "老", "村", "镇",
})
# fmt: on
# Characters that end a place name wherever they stand; the other boundary characters (和, 在,
# 于) may be part of a name (圳和村) and end it only once it has two characters.
_HARD = frozenset("，,。；;：:、！？!?（）()[]【】“”\"' \n\t的住在已省市县区")
_MOVES = frozenset("到去回进出从往离距近靠")
_UNIT_CHARS = frozenset("省市县区旗盟州乡镇村组社屯号道")
_BOUNDARY = frozenset(
    "，,。；;：:、！？!?（）()[]【】“”\"' \n\t的和与及在于到从往回是将把被给对向住省市县区"
)

_UNIT_RE = re.compile(
    "(?:" + "|".join(sorted(map(re.escape, _UNIT_ENDINGS), key=len, reverse=True)) + ")"
)
_ROAD_RE = re.compile(
    "(?:" + "|".join(sorted(map(re.escape, _ROAD_ENDINGS), key=len, reverse=True)) + ")"
    rf"(?P<number>{_NUM}(?:号院|号楼|号|弄)(?:{_NUM}号)?)?"
)
_ESTATE_RE = re.compile(
    "(?:" + "|".join(sorted(map(re.escape, _ESTATE_ENDINGS), key=len, reverse=True)) + ")"
)
_NUMBERED_RE = re.compile(
    rf"(?:第?{_NUM}\s?(?:村民小组|组|社|队|号院|号楼|栋|幢|座|单元|门|室|房|层|楼|号|排|户|弄|巷|区|附{_NUM}号)\s?)+"
    # A room written as a bare number after its unit or entrance (6单元302, 2门1201), or a
    # room kind after the house number (41号亭子间).
    r"(?:(?<=[元门])\d{3,4}(?![\d元万]))?(?:(?<=号)(?:亭子间|阁楼|地下室|平房|偏房|车库|门面|前楼|后楼|前厢房|后厢房))?"
    rf"(?:附{_NUM}号)?"
)
_STRONG_NUMBERED = re.compile(r"村民小组|组|社|队|号院|号楼|栋|幢|座|单元|门|室")
# 3-2-501, and 6#1-102 (building 6, entrance 1, room 102).
_BUILDING_RE = re.compile(
    r"(?<![\d.])(?:\d{1,3}-\d{1,2}-\d{3,4}|\d{1,3}#(?:\d{1,2}-)?\d{2,4})(?![\d.])"
)
_LANDMARK_RE = re.compile(
    r"(?P<place>[\u4e00-\u9fff]{0,8}?)(?:"
    + "|".join(sorted(map(re.escape, _LANDMARKS), key=len, reverse=True))
    + r")(?:的)?(?P<side>"
    + "|".join(sorted(map(re.escape, _SIDES), key=len, reverse=True))
    + ")"
)
_ROAD = r"[\u4e00-\u9fff]{1,6}?(?:大道|大街|路|街|巷|胡同)"
_CROSSING_RE = re.compile(
    rf"(?:(?<![\u4e00-\u9fff])|(?<=[在于住到从往经过区县市旗]))(?:{_ROAD})(?:与|和|、|跟)(?:{_ROAD})"
    r"(?:交叉口|交叉路口|交汇处|十字路口|路口|口)"
)
# The house described after a landmark and its side (的红砖房, 那排平房, 那条巷子最里头).
_HOUSE_RE = re.compile(
    r"(?:的|那|那排|那条|那个|那户|那家|那间|最)?[\u4e00-\u9fff]{0,5}?"
    r"(?:平房|瓦房|红砖房|砖房|铁皮房|简易房|土坯房|楼房|房子|院子|小院|巷子|那家|那户)"
    r"(?:最里头|最里面|最后一家|第[一二三四五六七八九十\d]{1,2}家)?"
)
_DOOR_RE = re.compile(
    r"(?:桥头|村口|路口|巷口|坡下|河边|山脚|渠边|井边)(?:往[东西南北](?:走)?)?"
    r"(?:第[一二三四五六七八九十\d]{1,2}家|第[一二三四五六七八九十\d]{1,2}户)"
)
_STARTER_RE = re.compile(
    "(?:" + "|".join(sorted(map(re.escape, _STARTERS), key=len, reverse=True)) + ")"
)
_CJK = re.compile(r"[\u4e00-\u9fff]")
# Words that lead into a place without being part of its name (离沙河坳不远, 靠近...).
_LEAD_WORDS = frozenset({
    "离", "在", "到", "从", "往", "向", "近", "靠", "靠近", "临近", "去", "回", "是", "住",
    "搬", "原", "现", "原住", "现住", "老家", "位于", "距", "距离", "紧邻", "挨着", "就在",
    "于", "与", "及", "的", "个", "一个", "这个", "那个",
})  # fmt: skip
_NOT_PLACE_TAGS = frozenset({"a", "ad", "d", "v", "vn", "m", "q", "p", "c", "u", "f", "r", "t"})


@lru_cache(maxsize=4096)
def _word_tag(word: str) -> str | None:
    if not rjieba.has_word(word):
        return None
    tagged = rjieba.tag(word)
    return tagged[0][1] if len(tagged) == 1 else None


def _name_start(text: str, end: int, limit: int = 4) -> int:
    """Where the name in front of a place ending starts: at most ``limit`` characters back,
    cut at an address starter (住, 位于), a boundary character or the county and above."""
    start = end
    while start > 0 and end - start < limit:
        char = text[start - 1]
        if not _CJK.match(char) or (char in _BOUNDARY and (end - start >= 2 or char in _HARD)):
            break
        # The ending of the unit above (明俊村周家岗, 闵行旗朝萍乡) ends the name, once it has
        # two characters: 红旗乡 keeps its 旗.
        if char in _UNIT_CHARS and end - start >= 2:
            break
        start -= 1
    # An address starter inside the run (家住, 位于, 来自) is kept out of the name.
    for m in _STARTER_RE.finditer(text, start, end):
        start = max(start, m.end())
    # So is a leading verb or function word (离沙河坳: 离): the run is cut at rjieba's words.
    position = start
    for word, _tag in rjieba.tag(text[start:end]):
        if word not in _LEAD_WORDS:
            break
        position += len(word)
    return position


def _named(text: str, start: int, end: int, ending_start: int, *, shortest: int = 2) -> int | None:
    """The start of a real place name before an ending, or None (农村, 马路, 这条街)."""
    name_start = _name_start(text, ending_start)
    # A movement word before the ending leads to a place, it names none (阿英到村委会说).
    if text[ending_start - 1 : ending_start] in "到往从离距去回":
        return None
    while name_start < ending_start and text[name_start] in _MOVES:
        name_start += 1  # 离健行镇: 离 leads to the place
    name = text[name_start:ending_start]
    # A place is named with two characters or more (待村主任: no village called 待).
    if len(name) < shortest or name[0] in "号组社室栋楼层" or name.endswith("农"):
        return None
    # Drop generic words in front (他们村 -> none, 老家张家村 -> 张家村).
    while name and (name in _GENERIC or name[0] in "的这那每各该本此其"):
        if name in _GENERIC:
            return None
        name_start += 1
        name = text[name_start:ending_start]
    if not name or name in _GENERIC or (name[-1] in _GENERIC and len(name) == 1):
        return None
    tag = _word_tag(text[name_start:end])
    if tag is not None and tag in _NOT_PLACE_TAGS | {"n", "vn", "nz", "i", "l"}:
        return None
    return name_start


def _unit_places(text: str) -> list[tuple[int, int, bool]]:
    found = []
    for m in _UNIT_RE.finditer(text):
        ending = m.group(0)
        # 村 followed by 民, 里, 干部... is about a village, not its name; so is 镇上.
        after = text[m.end() : m.end() + 2]
        if (
            ending in ("村", "乡", "镇")
            and after[:1] in tuple("民里干医口头长下")
            and after != "民政"
        ):
            continue
        # 镇上 is "in town" (去镇上赶集), unless a place follows (高河镇上源湾村).
        if after[:1] == "上" and (
            len(after) < 2 or not _CJK.match(after[1]) or after[1] in "的赶去买住看打开班学"
        ):
            continue
        # 村 before a title or an institution is the village's, not a name (村支书, 村卫生室).
        if ending == "村" and after[:1] in tuple("支主书委两集级卫小会"):
            continue
        start = _named(text, m.start(), m.end(), m.start())
        if start is None:
            continue
        weak = ending not in _STRONG_UNITS
        if weak and not _address_context(text, start, m.end()):
            continue
        found.append((start, m.end(), not weak))
    return found


def _address_context(text: str, start: int, end: int) -> bool:
    """A weak ending (湾, 岗, 沟, 城, 园) names a place only where an address is being given:
    after 住/位于/来自, or with a numbered group or another place part right after it."""
    before = text[max(0, start - 4) : start]
    if _STARTER_RE.search(before) or before.endswith(("乡", "镇", "村", "县", "区", "市", "旗")):
        return True
    return bool(
        _NUMBERED_RE.match(text, end) or _UNIT_RE.match(text, end) or _BUILDING_RE.match(text, end)
    )


def _road_places(text: str) -> list[tuple[int, int, bool]]:
    found = []
    for m in _ROAD_RE.finditer(text):
        number = m.group("number")
        ending_start = m.start()
        start = _named(
            text, ending_start, m.end() - len(number or ""), ending_start, shortest=2 - bool(number)
        )
        if start is None:
            continue
        if m.group(0).startswith("里") and not number:
            continue  # 家里, 村里
        if not number and not _address_context(text, start, m.end()):
            continue
        found.append((start, m.end(), bool(number)))
    return found


def _estate_places(text: str) -> list[tuple[int, int, bool]]:
    found = []
    for m in _ESTATE_RE.finditer(text):
        start = _named(text, m.start(), m.end(), m.start())
        if start is None:
            continue
        strong = len(m.group(0)) >= 2
        if not strong and not _address_context(text, start, m.end()):
            continue
        found.append((start, m.end(), strong))
    return found


def _numbered(text: str, near: list[tuple[int, int, bool]]) -> list[tuple[int, int, bool]]:
    found = []
    edges = {e for _, e, _ in near} | {s for s, _, _ in near}
    for m in _NUMBERED_RE.finditer(text):
        start, end = m.start(), m.end()
        raw = m.group(0).rstrip()
        end = start + len(raw)
        if text[max(0, start - 1) : start] == "月" or text[end : end + 1] in ("元", "万", "岁"):
            continue  # 12月3号 is a date
        strong = bool(_STRONG_NUMBERED.search(raw)) and not raw.endswith(("户", "层"))
        before = text[max(0, start - 4) : start]
        if strong or start in edges or end in edges or _STARTER_RE.search(before):
            if strong and start not in edges:
                # The natural village before a group (雁坝坡14组, 金宝坝家坝12组) names the
                # place as much as the number does.
                name_start = _name_start(text, start)
                if start - name_start >= 2 and not text[name_start:start].endswith(("第", "的")):
                    start = name_start
            found.append((start, end, strong))
    return found


def _landmarks(text: str) -> list[tuple[int, int, bool]]:
    """住在山溪超市后头, 家住佳福农资店东边: the landmark and the side say where the door is."""
    found = []
    for m in _LANDMARK_RE.finditer(text):
        start = _name_start(text, m.end("place"), limit=10)
        landmark_only = m.end("place") - start < 2 and re.search(
            r"(?:住在|就在|家在|家住|住)$", text[max(0, start - 2) : start]
        )
        if m.end("place") - start >= 2 or landmark_only:
            # The side (对面, 后头) stays: it says nothing without the landmark; but the house
            # it goes on to describe (旁边的红砖房, 后面那排平房) goes with it.
            house = _HOUSE_RE.match(text, m.end())
            found.append((start, house.end() if house else m.start("side"), False))
    return found


def _doors(text: str) -> list[tuple[int, int, bool]]:
    """桥头第一家, 村口往东第二家: the door counted from a landmark."""
    return [(m.start(), m.end(), False) for m in _DOOR_RE.finditer(text)]


def _crossings(text: str) -> list[tuple[int, int, bool]]:
    """在太原路与拉沟路交叉口: two roads and where they meet."""
    return [(m.start(), m.end(), True) for m in _CROSSING_RE.finditer(text)]


def find(text: str) -> list[Span]:
    parts = _unit_places(text) + _road_places(text) + _estate_places(text)
    parts += _numbered(text, parts)
    parts += [(m.start(), m.end(), False) for m in _BUILDING_RE.finditer(text)]
    parts += _landmarks(text) + _crossings(text) + _doors(text)
    return _joined(text, parts)


def _joined(text: str, parts: list[tuple[int, int, bool]]) -> list[Span]:
    """Touching or overlapping parts (红旗乡 前进村 三组) become one address."""
    spans: list[Span] = []
    for start, end, sure in sorted(parts):
        if spans and start <= spans[-1].end + (1 if text[spans[-1].end : start] == " " else 0):
            last = spans[-1]
            spans[-1] = Span(
                last.start, max(last.end, end), "address", ADDRESS_LABEL, last.sure or sure
            )
        else:
            spans.append(Span(start, end, "address", ADDRESS_LABEL, sure))
    return spans
