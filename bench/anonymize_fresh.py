# ruff: noqa: E501  (Chinese narrative lines read best whole; ruff counts a CJK character twice)
"""A third labelled corpus for the anonymizer benchmark, written from scratch (``--corpus fresh``).

    from bench.anonymize_fresh import generate
    narratives = generate(300, seed=2026)

Independent of bench/anonymize_corpus.py and bench/anonymize_heldout.py: its own name and place
inventories (no Faker, no mimesis), its own health vocabulary and its own templates, in the
shapes civil-affairs staff, hospital social workers, village cadres, petitioners, neighbours
and hotline operators write: visit records, petition summaries, 12349 work orders taken down
word for word, hospital referral slips, school aid forms, village certificates, WeChat group
chats, disaster flash reports, flattened review tables, cadres' diaries, referrals from the
disabled persons' and women's federations, and more.

Each narrative offers what bench/anonymize.py reads: ``text``, ``labels`` (``Label``: start,
end, kind, household and, for dates, ``day``, the day part's span), ``known`` (what the
household's record holds, as ``KnownIdentifiers``), ``templates`` and ``label_text(label)``.

Conventions:
- name: anyone's name in the story, in full, the given name alone, a nickname (小名), a
  minority name whole (阿依古丽·买买提) or its given part; a bare surname with a title (老王,
  张书记) is not labelled, since the public text keeps surnames.
- address: everything below the county: township or street, village or community, its
  组/社/队/屯/嘎查, natural villages, estates with building/unit/room, roads with numbers,
  landmarks that point at a home. Province, city, county (区, 旗) stay unlabelled.
- number: ID, phone (a +86 prefix stays outside the label), bank card, hospital record,
  certificate and register numbers, work-order and petition numbers.
- health: diagnoses, disability with its grade, treatments, medicines (their dose and
  frequency are left outside the label).
- date: an exact day, whole, its ``day`` the day part (with 日/号 when written); relative
  days (前天, 上周三) and months alone are not labelled.
- other: WeChat ids, QQ numbers, emails, licence plates, a school with grade and class, an
  employer by name.
- household: True for the household's own facts (its members and contacts on record, its
  home, its numbers, its members' health and dates), False for anyone else's (a neighbour,
  a doctor, a cadre, a teacher...). The household's numbers are on its record, though the
  text may write them differently; nicknames and landmarks never are.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from needs.anonymize import KnownIdentifiers

KINDS = ("name", "address", "number", "health", "date", "other")


@dataclass(frozen=True)
class Label:
    start: int
    end: int
    kind: str
    household: bool
    day: tuple[int, int] | None = None


@dataclass
class Narrative:
    text: str
    labels: list[Label]
    known: KnownIdentifiers
    templates: tuple[str, ...]
    style: str = ""

    def label_text(self, label: Label) -> str:
        return self.text[label.start : label.end]


# ---------------------------------------------------------------------------------------------
# Marking: templates are plain f-strings; a labelled stretch is wrapped in private-use
# characters that ``parse`` turns into labels.

_START, _END, _DAY_START, _DAY_END = "\ue000", "\ue001", "\ue002", "\ue003"
_CODE = {"name": "n", "address": "a", "number": "u", "health": "h", "date": "d", "other": "o"}
_KIND_OF = {v: k for k, v in _CODE.items()}


def mark(text: str, kind: str, household: bool, day: tuple[int, int] | None = None) -> str:
    code = _CODE[kind] if household else _CODE[kind].upper()
    if day is not None:
        i, j = day
        text = text[:i] + _DAY_START + text[i:j] + _DAY_END + text[j:]
    return _START + code + text + _END


def parse(marked: str) -> tuple[str, list[Label]]:
    out: list[str] = []
    labels: list[Label] = []
    pos = 0
    i = 0
    open_at = -1
    code = ""
    day_start = day_end = -1
    while i < len(marked):
        ch = marked[i]
        if ch == _START:
            assert open_at < 0, marked
            code = marked[i + 1]
            open_at = pos
            day_start = day_end = -1
            i += 2
            continue
        if ch == _DAY_START:
            day_start = pos
        elif ch == _DAY_END:
            day_end = pos
        elif ch == _END:
            assert open_at >= 0 and pos > open_at, marked
            day = (day_start, day_end) if day_start >= 0 else None
            labels.append(Label(open_at, pos, _KIND_OF[code.lower()], code.islower(), day))
            open_at = -1
        else:
            out.append(ch)
            pos += 1
        i += 1
    assert open_at < 0, marked
    return "".join(out), labels


# ---------------------------------------------------------------------------------------------
# Names

_SURNAMES_COMMON = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝"
    "龚邵万钱严覃武戴莫孔向汤"
)
_SURNAMES_LESS = (
    "常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪"
    "梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓"
    "古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商"
    "刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮"
    "粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿狄平计索宣晋相初门云容"
    "敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾"
    "戎勾茅利於居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由禤逄訾仉隗眭禚厍乜宓郗郏郦谯缑"
    "钮钭糜斛璩濮"
)
_SURNAMES_COMPOUND = [
    "欧阳",
    "司马",
    "上官",
    "诸葛",
    "东方",
    "皇甫",
    "尉迟",
    "公孙",
    "慕容",
    "令狐",
    "长孙",
    "宇文",
    "司徒",
    "夏侯",
    "端木",
    "轩辕",
    "呼延",
    "南宫",
    "万俟",
    "闻人",
    "西门",
    "百里",
    "独孤",
    "申屠",
    "公羊",
    "太史",
    "钟离",
    "拓跋",
    "澹台",
    "赫连",
    "第五",
    "乐正",
    "左丘",
    "梁丘",
    "东郭",
    "仲孙",
]
SURNAMES = tuple(dict.fromkeys([*_SURNAMES_COMMON, *_SURNAMES_LESS])) + tuple(_SURNAMES_COMPOUND)
ZHUANG_SURNAMES = "韦覃蒙黄陆农莫蓝潘罗梁黎卢廖"

_GIVEN_OLD_M = "建国德明志强军华平福贵富有根生发财林海文武忠诚勇刚永春成斌伟杰涛辉庆胜利和顺全东红卫民学义仁礼信荣耀光祥瑞云雷亮波洪江河峰岩松柏树宝金银玉才新兴旺山水清长保家安定邦茂盛丰满田立正宏大中"
_GIVEN_OLD_F = "秀英兰桂芳花梅珍凤翠霞娟琴莲玲菊萍燕丽艳芬淑慧敏静红香巧春月素彩云爱荣银金杏荷美玉仙娥妹女姑珠琼莹"
_GIVEN_MID_M = "磊鑫斌超晶健毅凯锋鹏亮勤俭飞龙虎彪浩波晖"
_GIVEN_MID_F = "丹婷倩蕾洁颖琳瑜璐蓉芸莉薇露雪冰霜星晓宁娜娇媛佩"
_GIVEN_YOUNG_M = (
    "子涵梓宇轩博睿一诺浩晨俊熙铭辰泽昊航天逸然宸奕锦烨楠皓嘉煜骁翀瀚懿钧恒川尧朗屹柯霖弘毅澄骏"
)
_GIVEN_YOUNG_F = "萱欣怡依雨彤佳琪可馨思雅语嫣若汐沐瑶悦妍朵茜萌乐安婉晴玥珺瑾璟晗钰昕蕊菲芮苒梦诗"
_GIVEN_RARE = "燚垚犇淼喆祎彧堃曌昶旻琰珏琨炜翊璇婕姝婧妤娅娴婵嫦"
_GIVEN_EXTRA_M = "坤鸿彬振昌崇尚贤达远航智桐梧楷杭钦铮琦琛璋璞湘黔蜀渝滇桦槐樟伦韬政"
_GIVEN_EXTRA_F = "珂琬姣嫚妙姿蓓蕴蔓芷莎菱茹荔蕙馥岚棠"
GIVEN_CHARS = tuple(
    dict.fromkeys(
        _GIVEN_OLD_M
        + _GIVEN_OLD_F
        + _GIVEN_MID_M
        + _GIVEN_MID_F
        + _GIVEN_YOUNG_M
        + _GIVEN_YOUNG_F
        + _GIVEN_RARE
        + _GIVEN_EXTRA_M
        + _GIVEN_EXTRA_F
    )
)

NICKNAMES = [
    "二丫",
    "狗蛋",
    "铁柱",
    "丫丫",
    "妞妞",
    "阿福",
    "囡囡",
    "大宝",
    "小胖",
    "二宝",
    "三娃",
    "石头",
    "虎子",
    "毛毛",
    "豆豆",
    "乐乐",
    "壮壮",
    "胖墩",
    "丫蛋",
    "大妮",
    "二妮",
    "黑蛋",
    "招娣",
    "栓柱",
    "满仓",
    "来喜",
    "芽芽",
    "憨憨",
    "果果",
    "糖糖",
    "贝贝",
    "宝儿",
    "蛋蛋",
    "幺妹",
    "幺儿",
    "三丫",
    "冬冬",
    "春娃",
    "牛娃",
    "狗娃",
    "金娃",
    "阿毛",
    "阿妹",
    "阿牛",
    "细妹",
    "满妹",
    "福娃",
    "小宝",
    "二蛋",
    "丑娃",
]

UYGHUR_M = [
    "买买提",
    "艾力",
    "吐尔逊",
    "阿不都热合曼",
    "买买提江",
    "艾合买提",
    "麦麦提敏",
    "阿卜杜拉",
    "努尔买买提",
    "依明",
    "吾斯曼",
    "卡德尔",
    "热合曼",
    "亚森",
    "肉孜",
    "塔依尔",
    "阿力木",
    "艾尔肯",
    "吐逊江",
    "帕尔哈提",
    "阿迪力",
    "库尔班",
    "阿不都",
    "玉苏甫",
]
UYGHUR_F = [
    "阿依古丽",
    "古丽米拉",
    "热依拉",
    "帕提古丽",
    "阿娜尔古丽",
    "努尔尼萨",
    "祖丽胡玛尔",
    "米日古丽",
    "海尼沙",
    "阿米娜",
    "布再纳甫",
    "热孜万古丽",
    "迪丽努尔",
    "玛依拉",
    "再努尔",
    "阿依努尔",
    "古再丽努尔",
]
TIBETAN_FIRST = [
    "扎西",
    "次仁",
    "格桑",
    "洛桑",
    "丹增",
    "索朗",
    "普布",
    "边巴",
    "平措",
    "达瓦",
    "巴桑",
    "次旦",
    "益西",
    "白玛",
    "贡嘎",
    "拉巴",
    "米玛",
    "仁增",
    "尼玛",
]
TIBETAN_M = ["多吉", "旺堆", "顿珠", "罗布", "群培", "朗杰", "加措", "才让", "土登"]
TIBETAN_F = ["卓玛", "央宗", "旺姆", "拉姆", "德吉", "曲珍", "措姆", "玉珍", "普赤", "央金"]
MONGOL_M = [
    "巴特尔",
    "额尔敦",
    "宝音",
    "朝鲁",
    "阿拉坦仓",
    "布和",
    "格日勒",
    "孟和",
    "满都拉",
    "乌力吉",
    "吉日嘎拉",
    "哈斯",
    "阿木古楞",
    "巴雅尔",
    "额尔德木图",
    "陶克陶",
    "达来",
    "白音",
]
MONGOL_F = [
    "其其格",
    "乌兰图雅",
    "苏日娜",
    "那仁花",
    "斯琴高娃",
    "乌云",
    "敖登",
    "图雅",
    "萨仁",
    "其木格",
    "高娃",
    "娜仁",
    "托娅",
    "萨日娜",
]
YI_CLANS = [
    "吉克",
    "阿牛",
    "沙马",
    "曲比",
    "俄木",
    "阿西",
    "马海",
    "吉伍",
    "海来",
    "瓦扎",
    "阿说",
    "勒格",
    "吉尔",
    "日色",
]
YI_M = ["木呷", "拉且", "伍各", "尔古", "日哈", "莫色", "史者", "阿支", "约达", "石布", "木甲"]
YI_F = ["阿依", "阿果", "阿呷", "伍呷", "阿衣", "日各", "阿妞", "尔呷", "子莫"]

# ---------------------------------------------------------------------------------------------
# Places: (province, city, county, ID area code, phone area code, naming style, plate prefix)

REGIONS = (
    ("湖南省", "邵阳市", "隆回县", "430524", "0739", "south", "湘E"),
    ("湖南省", "湘西土家族苗族自治州", "花垣县", "433124", "0743", "south", "湘U"),
    ("四川省", "凉山彝族自治州", "昭觉县", "513431", "0834", "yi", "川W"),
    ("四川省", "南充市", "仪陇县", "511324", "0817", "sichuan", "川R"),
    ("贵州省", "毕节市", "威宁彝族回族苗族自治县", "520526", "0857", "south", "贵F"),
    ("云南省", "昭通市", "镇雄县", "530627", "0870", "south", "云C"),
    ("甘肃省", "定西市", "通渭县", "621121", "0932", "north", "甘J"),
    ("甘肃省", "临夏回族自治州", "东乡族自治县", "622926", "0930", "north", "甘N"),
    ("河南省", "周口市", "郸城县", "411625", "0394", "plain", "豫P"),
    ("河南省", "驻马店市", "确山县", "411725", "0396", "plain", "豫Q"),
    ("安徽省", "阜阳市", "临泉县", "341221", "0558", "plain", "皖K"),
    ("江西省", "赣州市", "于都县", "360731", "0797", "south", "赣B"),
    ("湖北省", "恩施土家族苗族自治州", "巴东县", "422823", "0718", "south", "鄂Q"),
    ("重庆市", "", "城口县", "500229", "023", "sichuan", "渝D"),
    ("陕西省", "商洛市", "丹凤县", "611022", "0914", "north", "陕H"),
    ("山西省", "吕梁市", "临县", "141124", "0358", "north", "晋J"),
    ("河北省", "张家口市", "蔚县", "130726", "0313", "north", "冀G"),
    ("黑龙江省", "绥化市", "兰西县", "231222", "0455", "northeast", "黑M"),
    ("山东省", "菏泽市", "曹县", "371721", "0530", "plain", "鲁R"),
    ("广西壮族自治区", "河池市", "都安瑶族自治县", "451228", "0778", "zhuang", "桂M"),
    ("新疆维吾尔自治区", "喀什地区", "疏附县", "653121", "0998", "uyghur", "新Q"),
    ("新疆维吾尔自治区", "和田地区", "墨玉县", "653222", "0903", "uyghur", "新R"),
    ("西藏自治区", "日喀则市", "南木林县", "540221", "0892", "tibetan", "藏D"),
    ("青海省", "玉树藏族自治州", "称多县", "632723", "0976", "tibetan", "青G"),
    ("内蒙古自治区", "锡林郭勒盟", "阿巴嘎旗", "152522", "0479", "mongol", "蒙H"),
    ("内蒙古自治区", "兴安盟", "科尔沁右翼中旗", "152222", "0482", "mongol", "蒙J"),
    ("吉林省", "延边朝鲜族自治州", "汪清县", "222424", "0433", "northeast", "吉H"),
    ("宁夏回族自治区", "固原市", "西吉县", "640422", "0954", "north", "宁D"),
    ("福建省", "宁德市", "寿宁县", "350924", "0593", "south", "闽J"),
    ("广东省", "梅州市", "五华县", "441424", "0753", "south", "粤M"),
    ("湖南省", "长沙市", "雨花区", "430111", "0731", "urban", "湘A"),
    ("四川省", "成都市", "武侯区", "510107", "028", "urban", "川A"),
    ("河南省", "郑州市", "金水区", "410105", "0371", "urban", "豫A"),
    ("湖北省", "武汉市", "洪山区", "420111", "027", "urban", "鄂A"),
    ("辽宁省", "沈阳市", "铁西区", "210106", "024", "urban", "辽A"),
    ("甘肃省", "兰州市", "七里河区", "620103", "0931", "urban", "甘A"),
)

_PLACE_A = "青石龙凤白马黄金长新大小高桃柳双三五九平安太兴和永福河东西南北上下中红清沙铁银梅竹松花云雁鹤狮象牛羊鹿虎茶枫杉栗桂"
_PLACE_B = {
    "south": "门潭桥坪岭溪湾塘坝冲垭坳陂岗铺寨坑洞垄源田",
    "sichuan": "坝坪沟垭湾场铺桥溪梁岩滩庙",
    "north": "沟峁梁洼岔川塬岭湾坪堡岘",
    "plain": "集庄楼营寨店桥湖岗铺口",
    "northeast": "屯岗甸子河沟堡营泡",
    "zhuang": "岭坡江圩峒洞",
}
_PLACE_SURNAME_B = {
    "south": ["家湾", "家坪", "家冲", "家坳", "家垄", "家院子", "家嘴"],
    "sichuan": ["家沟", "家坝", "家湾", "家院子", "家梁"],
    "north": ["家沟", "家峁", "家湾", "家庄", "家岔"],
    "plain": ["庄", "集", "楼", "营", "寨", "店", "桥", "湖", "岗", "洼"],
    "northeast": ["家屯", "家窝堡", "家店", "家岗"],
    "zhuang": ["屯"],
}
_RED_VILLAGES = [
    "红旗",
    "胜利",
    "光明",
    "先锋",
    "团结",
    "新华",
    "幸福",
    "和平",
    "东风",
    "前进",
    "建设",
    "红星",
    "民主",
    "联合",
    "互助",
    "向阳",
    "新民",
    "永丰",
    "丰收",
    "群力",
    "五一",
    "解放",
]
NATURAL_VILLAGES = [
    "后沟",
    "前湾",
    "上屋场",
    "下河坝",
    "老屋场",
    "石板沟",
    "杨树洼",
    "柿子坪",
    "对门岭",
    "大湾",
    "小坳",
    "岩脚",
    "坡头",
    "沟口",
    "新屋",
    "竹林湾",
    "枣树岭",
    "核桃坪",
    "松树垭",
    "牛角冲",
    "背后山",
    "水井湾",
    "岩门口",
    "大田坎",
    "桐子坪",
    "烂泥沟",
]
_ETHNIC_PLACES = {
    "uyghur": (
        [
            "托克扎克镇",
            "乌帕尔镇",
            "塔什米里克乡",
            "布拉克苏乡",
            "萨依巴格乡",
            "站敏乡",
            "铁日木乡",
            "木什乡",
            "阿其克乡",
            "喀尔赛乡",
        ],
        [
            "阿克提坎村",
            "英阿瓦提村",
            "巴格其村",
            "托万克村",
            "喀拉苏村",
            "阔什艾日克村",
            "其兰巴格村",
            "亚吐尔村",
            "兰干村",
            "奥依巴格村",
            "克孜勒吐村",
            "吾斯塘博依村",
        ],
    ),
    "tibetan": (
        [
            "艾玛乡",
            "土布加乡",
            "多角乡",
            "秋木乡",
            "拉布普乡",
            "达那乡",
            "卡孜乡",
            "称文镇",
            "扎朵镇",
            "清水河镇",
            "尕多乡",
            "珍秦镇",
        ],
        [
            "岗当村",
            "帕热村",
            "强堆村",
            "那嘎村",
            "曲美村",
            "达孜村",
            "雪村",
            "拉琼村",
            "嘎东村",
            "尼木村",
            "吉雄村",
            "德庆村",
            "卡巴村",
            "白马村",
        ],
    ),
    "mongol": (
        [
            "别力古台镇",
            "洪格尔高勒镇",
            "查干淖尔镇",
            "伊和高勒苏木",
            "那仁宝拉格苏木",
            "吉日嘎郎图镇",
            "巴彦呼舒镇",
            "好腰苏木镇",
            "高力板镇",
            "代钦塔拉苏木",
        ],
        [
            "巴彦图嘎查",
            "乌兰图嘎查",
            "宝格都乌拉嘎查",
            "额尔敦高毕嘎查",
            "查干淖尔嘎查",
            "巴音宝力格嘎查",
            "阿拉坦图嘎查",
            "呼和温都尔嘎查",
            "新艾里嘎查",
            "乌兰哈达嘎查",
        ],
    ),
    "yi": (
        [
            "四开乡",
            "解放乡",
            "比尔乡",
            "洒拉地坡乡",
            "竹核乡",
            "三岔河乡",
            "支尔莫乡",
            "庆恒乡",
            "树坪乡",
            "碗厂乡",
        ],
        [
            "阿土列尔村",
            "火普村",
            "三河村",
            "瓦吉木村",
            "古里拉达村",
            "尼地村",
            "吉伍村",
            "好谷村",
            "拉马村",
            "哈甘村",
        ],
    ),
    "zhuang": (
        [
            "地苏镇",
            "保安乡",
            "下坳镇",
            "高岭镇",
            "拉烈镇",
            "东庙乡",
            "板岭乡",
            "菁盛乡",
            "百旺镇",
            "澄江镇",
        ],
        [
            "弄林村",
            "那洪村",
            "板仁村",
            "拉仁村",
            "古立村",
            "九渡村",
            "弄福村",
            "那烈村",
            "坡贵村",
            "加文村",
        ],
    ),
}
ZHUANG_TUN = [
    "弄拉屯",
    "那洪屯",
    "板烈屯",
    "弄怀屯",
    "坡贵屯",
    "弄甲屯",
    "那坡屯",
    "拉常屯",
    "板旺屯",
    "弄桃屯",
]

STREETS = [
    "东塘",
    "砂子塘",
    "左家塘",
    "桂花坪",
    "侯家塘",
    "高桥",
    "洞井",
    "黎托",
    "望城坡",
    "簸箕湾",
    "玉林",
    "红牌楼",
    "晋阳",
    "浆洗街",
    "花园路",
    "经八路",
    "丰产路",
    "南阳路",
    "关山",
    "卓刀泉",
    "张家湾",
    "狮子山",
    "兴华",
    "笃工",
    "凌空",
    "工人村",
    "西园",
    "敦煌路",
]
COMMUNITIES = [
    "桂花",
    "建设",
    "幸福里",
    "新华",
    "园丁",
    "和平",
    "机械厂",
    "红星",
    "友谊",
    "劳动",
    "光明",
    "育才",
    "滨湖",
    "金桥",
    "纺织",
    "电厂",
    "铁路",
    "化肥厂",
    "粮食局",
    "煤建",
]
ESTATES = [
    "阳光花园",
    "锦绣家园",
    "金色华庭",
    "滨江苑",
    "龙湖·春江郦城",
    "幸福小区",
    "供电局宿舍",
    "化肥厂家属院",
    "教师新村",
    "农机站家属楼",
    "幸福安置小区",
    "公租房小区",
    "东方明珠花园",
    "翡翠湾",
    "丽景华庭",
    "紫荆苑",
    "和谐家园",
    "书香门第",
    "润和城",
    "碧桂园·凤凰城",
    "纺织厂宿舍",
    "铁路新村",
    "百合苑",
    "盛世名门",
]
ROADS = [
    "人民路",
    "解放路",
    "建设路",
    "中山路",
    "胜利街",
    "新华街",
    "文化路",
    "环城北路",
    "迎宾大道",
    "红星路",
    "团结路",
    "和平街",
    "五一路",
    "车站路",
    "东风路",
    "劳动路",
    "工农路",
    "跃进路",
]
LANES = [
    "东风巷",
    "槐树巷",
    "粮站巷",
    "打铁巷",
    "井边巷",
    "学堂巷",
    "染坊巷",
    "豆腐巷",
    "油坊巷",
    "桂花巷",
]
LANDMARKS = [
    "村口小卖部往东第二家",
    "粮站后面那排平房",
    "老供销社隔壁",
    "小学对面那栋两层小楼",
    "大桥头右手边第三户",
    "加油站斜对面",
    "村委会往里走到头那家",
    "砖厂旁边的窝棚",
    "养猪场下面那户",
    "卫生室后头",
    "老磨坊边上那间土坯房",
    "水库大坝底下那两间房",
    "祠堂边上",
    "戏台子后面",
    "老槐树底下那家",
    "公路边修车铺楼上",
    "渡口上去第一家",
    "村部后面的危房",
    "废弃的村小教室",
    "桥洞边上搭的棚子",
    "农资店后院",
    "烤烟房旁边",
]
TOWN_LANDMARKS = [
    "菜市场后门",
    "汽车站对面",
    "老电影院旁边",
    "农贸市场二楼",
    "县医院后门那条巷子",
    "步行街口",
    "老车站候车室",
]

HOSPITALS = [
    "县人民医院",
    "县中医院",
    "县妇幼保健院",
    "市中心医院",
    "市第一人民医院",
    "市第三人民医院",
    "省人民医院",
    "省儿童医院",
    "湘雅二医院",
    "华西医院",
    "郑大一附院",
    "北京儿童医院",
    "武汉协和医院",
    "兰大二院",
    "自治区人民医院",
    "省肿瘤医院",
    "市精神卫生中心",
    "县第二人民医院",
    "同济医院",
    "齐鲁医院",
]
UNIVERSITIES = [
    "湖南师范大学",
    "西南大学",
    "郑州大学",
    "兰州大学",
    "新疆大学",
    "内蒙古农业大学",
    "吉林大学",
    "贵州大学",
    "广西大学",
    "长江大学",
]
MAJORS = [
    "临床医学",
    "护理学",
    "汉语言文学",
    "计算机科学与技术",
    "土木工程",
    "会计学",
    "小学教育",
    "畜牧兽医",
    "机械设计",
    "法学",
]
BRANDS = [
    "鑫源",
    "宏达",
    "福满楼",
    "金鹏",
    "永兴",
    "华盛",
    "聚福",
    "惠民",
    "顺发",
    "好再来",
    "兴旺",
    "天成",
    "瑞丰",
    "新概念",
    "百味",
    "老街坊",
    "红太阳",
    "富康",
    "通达",
    "宏图",
]
BUSINESSES = [
    "建材店",
    "电子厂",
    "饭店",
    "砖厂",
    "修车铺",
    "超市",
    "物流园",
    "家具厂",
    "服装厂",
    "养殖场",
    "快餐店",
    "五金店",
    "米粉店",
    "理发店",
    "水泥厂",
    "鞋厂",
    "搬家公司",
    "洗车行",
    "蛋糕店",
    "装修队",
]
SHOPS = [
    "建材店",
    "饭店",
    "修车铺",
    "超市",
    "快餐店",
    "五金店",
    "米粉店",
    "理发店",
    "蛋糕店",
    "洗车行",
    "小吃店",
    "农资店",
]
PINYIN = [
    "li",
    "wang",
    "zhang",
    "liu",
    "chen",
    "yang",
    "hua",
    "ming",
    "jun",
    "xia",
    "mei",
    "fang",
    "qiang",
    "lan",
    "gui",
    "ying",
    "hong",
    "jie",
    "tao",
    "bo",
    "xin",
    "yu",
    "hao",
    "ting",
    "long",
    "fei",
    "jing",
    "ping",
    "an",
    "kang",
    "shun",
]
PHONE_PREFIXES = [
    "130",
    "131",
    "132",
    "133",
    "134",
    "135",
    "136",
    "137",
    "138",
    "139",
    "145",
    "147",
    "150",
    "151",
    "152",
    "153",
    "155",
    "156",
    "157",
    "158",
    "159",
    "166",
    "170",
    "173",
    "175",
    "176",
    "177",
    "178",
    "180",
    "181",
    "182",
    "183",
    "184",
    "185",
    "186",
    "187",
    "188",
    "189",
    "191",
    "198",
    "199",
]
BANK_BINS = [
    "622848",
    "621700",
    "622202",
    "621799",
    "623052",
    "622908",
    "621098",
    "623668",
    "621226",
    "622823",
    "621467",
    "622188",
]

# ---------------------------------------------------------------------------------------------
# Health

# Groups of diagnoses with the one-off treatments, recurring treatments and medicines that go
# with them: (diagnoses, treatments, recurring treatments, medicines).
HEALTH_GROUPS = (
    (
        "尿毒症 慢性肾衰竭 糖尿病肾病 肾病综合征 痛风性肾病",
        "肾移植 动静脉内瘘成形术",
        "血液透析 腹膜透析",
        "促红细胞生成素 蔗糖铁 他克莫司 吗替麦考酚酯 呋塞米 碳酸司维拉姆",
    ),
    (
        "肺癌晚期 胃癌 乳腺癌 宫颈癌 食管癌 结肠癌 直肠癌 胰腺癌 卵巢癌 鼻咽癌 甲状腺癌 淋巴瘤 多发性骨髓瘤",
        "根治性切除术 腹腔镜下肿瘤切除术 PICC置管 乳房改良根治术",
        "化疗 放疗 靶向治疗",
        "奥希替尼 吗啡缓释片 来曲唑 卡培他滨 来那度胺 盐酸羟考酮缓释片",
    ),
    (
        "肝癌 肝硬化失代偿期 慢性乙型肝炎",
        "肝移植 介入栓塞术 TIPS手术",
        "腹腔穿刺放液 输注白蛋白",
        "恩替卡韦 替诺福韦 螺内酯 普萘洛尔",
    ),
    (
        "急性髓系白血病 再生障碍性贫血 骨髓增生异常综合征",
        "造血干细胞移植 骨髓移植",
        "输血 化疗",
        "羟基脲 环孢素 去铁胺 阿扎胞苷",
    ),
    (
        "脑梗死 脑出血后遗症 冠心病 慢性心力衰竭 风湿性心脏病 主动脉夹层 高血压三级",
        "心脏支架植入术 冠脉搭桥手术 主动脉覆膜支架腔内隔绝术 开颅血肿清除术 二尖瓣置换术",
        "康复训练 针灸理疗 高压氧治疗",
        "阿司匹林肠溶片 氨氯地平 阿托伐他汀钙片 硝苯地平控释片 华法林 地高辛 沙库巴曲缬沙坦 氯吡格雷",
    ),
    (
        "2型糖尿病 糖尿病足",
        "截肢手术 清创植皮手术",
        "清创换药 胰岛素泵治疗",
        "二甲双胍缓释片 门冬胰岛素 甘精胰岛素 阿卡波糖",
    ),
    (
        "慢阻肺 肺结核 尘肺病 间质性肺炎 支气管扩张",
        "大容量肺灌洗 气管切开 呼吸机辅助通气",
        "家庭氧疗 雾化吸入",
        "异烟肼 利福平 吡嗪酰胺 沙美特罗替卡松 吡非尼酮 噻托溴铵",
    ),
    (
        "帕金森病 阿尔茨海默病 脑萎缩 癫痫 肌萎缩侧索硬化 重症肌无力 高位截瘫 颅脑损伤 一氧化碳中毒后遗症 脑胶质瘤",
        "鼻饲 气管切开 开颅手术 伽马刀治疗 脑深部电刺激术",
        "康复训练 针灸理疗 高压氧治疗",
        "多巴丝肼 多奈哌齐 丙戊酸钠 左乙拉西坦 卡马西平 拉莫三嗪 溴吡斯的明 替莫唑胺 利鲁唑",
    ),
    (
        "类风湿关节炎 强直性脊柱炎 股骨头坏死 系统性红斑狼疮 干燥综合征",
        "髋关节置换术 膝关节置换术",
        "康复训练 针灸理疗 生物制剂注射",
        "甲氨蝶呤 泼尼松 羟氯喹 来氟米特 阿达木单抗",
    ),
    (
        "白内障 青光眼",
        "白内障超声乳化手术 小梁切除术",
        "眼底激光治疗",
        "噻吗洛尔滴眼液 拉坦前列素滴眼液",
    ),
    ("艾滋病", "抗病毒治疗", "抗病毒治疗", "拉米夫定 依非韦伦 替诺福韦"),
    ("百草枯中毒", "血液灌流", "血液灌流", "环磷酰胺 甲泼尼龙"),
    ("慢性酒精中毒", "戒酒治疗", "康复训练", "维生素B1 地西泮"),
)
MENTAL_GROUP = (
    "精神分裂症 双相情感障碍 重度抑郁症 产后抑郁 焦虑症 偏执型精神障碍 精神发育迟滞 酒精依赖",
    "无抽搐电休克治疗 住院封闭治疗",
    "康复训练 心理治疗",
    "氯氮平 利培酮 奥氮平 帕利哌酮 碳酸锂 舍曲林 丙戊酸钠 阿立哌唑",
)
INJURY_GROUP = (
    "股骨颈骨折 腰椎压缩性骨折 全身大面积烧伤 右小腿截肢 颈椎骨折 肋骨多发骨折 重度烫伤 手指离断伤",
    "内固定手术 清创植皮手术 截肢手术 断指再植术",
    "康复训练",
    "塞来昔布 头孢呋辛 布洛芬缓释胶囊",
)
CHILD_GROUPS = (
    (
        "急性淋巴细胞白血病 神经母细胞瘤 视网膜母细胞瘤 骨肉瘤 肾母细胞瘤",
        "造血干细胞移植 CAR-T治疗 肿瘤切除术",
        "化疗 放疗",
        "甲氨蝶呤 巯嘌呤 长春新碱",
    ),
    ("重型β地中海贫血 血友病A型", "造血干细胞移植", "输血 去铁治疗", "去铁胺 去铁酮 凝血因子Ⅷ"),
    (
        "先天性心脏病 室间隔缺损 法洛四联症",
        "心脏修补手术 介入封堵术",
        "强心利尿治疗",
        "地高辛 呋塞米 卡托普利",
    ),
    ("唇腭裂", "唇腭裂修复术", "语音训练", "头孢克洛"),
    ("尿道下裂 先天性巨结肠", "尿道成形术 巨结肠根治术", "扩肛治疗", "头孢克洛"),
    ("先天性胆道闭锁", "葛西手术 肝移植", "保肝治疗", "熊去氧胆酸"),
    ("脊柱裂 脑积水", "脑室腹腔分流术 脊髓拴系松解术", "康复训练", "甘露醇"),
    (
        "先天性耳聋 脑性瘫痪 孤独症谱系障碍 唐氏综合征 发育迟缓 自闭症 多动症 脊髓性肌萎缩症 早产儿视网膜病变",
        "人工耳蜗植入 跟腱延长术 视网膜激光光凝术",
        "康复训练 言语训练 感统训练",
        "诺西那生钠 哌甲酯",
    ),
    (
        "川崎病 过敏性紫癜性肾炎 儿童哮喘 小儿癫痫 苯丙酮尿症",
        "丙种球蛋白冲击治疗",
        "雾化吸入",
        "阿司匹林肠溶片 泼尼松 丙酸倍氯米松气雾剂 丙戊酸钠 左乙拉西坦",
    ),
)
# The ward each group is treated on, in the order of _ALL_GROUPS.
DEPARTMENTS = (
    "肾内科",
    "肿瘤科",
    "感染科",
    "血液科",
    "心血管内科",
    "内分泌科",
    "呼吸与危重症医学科",
    "神经内科",
    "风湿免疫科",
    "眼科",
    "感染科",
    "急诊科",
    "精神科",
    "精神科",
    "骨科",
    "儿童血液肿瘤科",
    "儿童血液科",
    "心胸外科",
    "口腔颌面外科",
    "小儿外科",
    "小儿外科",
    "小儿神经外科",
    "儿童康复科",
    "儿科",
)
_ALL_GROUPS = tuple(
    tuple(tuple(part.split()) for part in g)
    for g in (*HEALTH_GROUPS, MENTAL_GROUP, INJURY_GROUP, *CHILD_GROUPS)
)
ADULT_DIAGNOSES = tuple(d for g in HEALTH_GROUPS for d in g[0].split())
MENTAL = tuple(MENTAL_GROUP[0].split())
INJURIES = tuple(INJURY_GROUP[0].split())
CHILD_DIAGNOSES = tuple(d for g in CHILD_GROUPS for d in g[0].split())
TREATMENTS = tuple(dict.fromkeys(t for g in _ALL_GROUPS for t in (*g[1], *g[2])))
MEDICINES = tuple(dict.fromkeys(m for g in _ALL_GROUPS for m in g[3]))
FEMALE_ONLY = ("乳腺癌", "宫颈癌", "卵巢癌", "产后抑郁")
CHRONIC = (
    "高血压",
    "2型糖尿病",
    "慢性支气管炎",
    "冠心病",
    "腰椎间盘突出症",
    "风湿性关节炎",
    "老慢支",
    "脑梗后遗症",
    "慢性胃炎",
    "骨质疏松",
)
DISABILITY_TYPES = ["肢体", "视力", "听力", "言语", "智力", "精神", "多重"]
DEVICES = {
    "肢体": "轮椅 假肢 护理床 助行器",
    "视力": "盲杖 助视器",
    "听力": "助听器",
    "言语": "助听器 沟通板",
}
GRADES_CN = "一二三四"
FREQUENCIES = [
    "每周三次",
    "一周两次",
    "每周二、四、六",
    "隔天一次",
    "每月一次",
    "每三周一个疗程",
    "每天上午",
]


def health_group(diagnosis: str) -> tuple[tuple[str, ...], ...]:
    return next(g for g in _ALL_GROUPS if diagnosis in g[0])


DOSES = [
    "0.5g",
    "10mg",
    "5mg",
    "2片",
    "1片",
    "12个单位",
    "半片",
    "0.25g",
    "100mg",
    "4000单位",
    "25mg",
    "1粒",
    "两喷",
]
DOSE_TIMES = [
    "每日三次",
    "一天两次",
    "每晚一次",
    "早晚各一次",
    "每天一次",
    "饭后服用",
    "睡前",
    "每周两针",
    "隔日一次",
]


def disability(rng: random.Random) -> str:
    kind = rng.choice(DISABILITY_TYPES)
    grade = rng.choice(GRADES_CN)
    return rng.choice(
        (
            f"{kind}{grade}级残疾",
            f"{kind}残疾{grade}级",
            f"{grade}级{kind}残疾",
            f"{kind}{grade}级",
            f"{kind}残疾{grade}级（重度）" if grade in "一二" else f"{kind}残疾{grade}级",
        )
    )


# ---------------------------------------------------------------------------------------------
# Numbers

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_FULL_WIDTH = str.maketrans("0123456789Xx-", "０１２３４５６７８９Ｘｘ－")
_SPOKEN = dict(zip("0123456789", "零一二三四五六七八九", strict=True))
CN_DIGITS = "〇一二三四五六七八九"


def id_check(first17: str) -> str:
    return "10X98765432"[sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True)) % 11]


def luhn_digit(body: str) -> str:
    total = 0
    for i, c in enumerate(reversed(body)):
        d = int(c)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def cn_number(n: int) -> str:
    """1..99 in Chinese numerals (十二, 二十三)."""
    if n < 10:
        return CN_DIGITS[n]
    tens, units = divmod(n, 10)
    head = "" if tens == 1 else CN_DIGITS[tens]
    return head + "十" + (CN_DIGITS[units] if units else "")


def group4(s: str, sep: str = " ") -> str:
    return sep.join(s[i : i + 4] for i in range(0, len(s), 4))


# ---------------------------------------------------------------------------------------------
# Dates

LUNAR_MONTHS = (
    "正月",
    "二月",
    "三月",
    "四月",
    "五月",
    "六月",
    "七月",
    "八月",
    "九月",
    "十月",
    "冬月",
    "腊月",
)


def lunar_day(n: int) -> str:
    if n <= 10:
        return "初" + ("十" if n == 10 else CN_DIGITS[n])
    if n < 20:
        return "十" + CN_DIGITS[n - 10]
    if n == 20:
        return "二十"
    if n < 30:
        return "廿" + CN_DIGITS[n - 20]
    return "三十"


def date_text(rng: random.Random, d: dt.date, form: str) -> tuple[str, tuple[int, int]]:
    """A date written in ``form`` and its day part's span."""
    y, m, day = d.year, d.month, d.day
    fw = str.maketrans("0123456789", "０１２３４５６７８９")

    def ends(prefix: str, day_part: str) -> tuple[str, tuple[int, int]]:
        return prefix + day_part, (len(prefix), len(prefix) + len(day_part))

    match form:
        case "md":
            return ends(f"{m}月", f"{day}日")
        case "md_hao":
            return ends(f"{m}月", f"{day}号")
        case "md_cn":
            return ends(f"{cn_number(m)}月", cn_number(day) + rng.choice("号日"))
        case "dot":
            return ends(f"{m}.", f"{day}")
        case "slash":
            return ends(f"{m}/", f"{day}")
        case "iso":
            return ends(f"{y}-{m:02d}-", f"{day:02d}")
        case "ymd":
            return ends(f"{y}年{m}月", f"{day}日")
        case "ymd_hao":
            return ends(f"{y}年{m}月", f"{day}号")
        case "ydot":
            return (
                ends(f"{y}.{m}.", f"{day}")
                if rng.random() < 0.5
                else ends(f"{y}.{m:02d}.", f"{day:02d}")
            )
        case "yslash":
            return ends(f"{y}/{m}/", f"{day}")
        case "cn_full":
            year = "".join(CN_DIGITS[int(c)] for c in str(y))
            return ends(f"{year}年{cn_number(m)}月", f"{cn_number(day)}日")
        case "y2":
            return ends(f"{y % 100:02d}年{m}月", f"{day}{rng.choice('号日')}")
        case "md_zero":
            return ends(f"{m:02d}月", f"{day:02d}日")
        case "fullwidth":
            return ends(f"{y}年{m}月".translate(fw), f"{day}日".translate(fw))
        case "spaced":
            return ends(f"{y} 年 {m} 月 ", f"{day} 日")
        case "compact":
            return ends(f"{y}{m:02d}", f"{day:02d}")
        case "day":
            return ends("", f"{day}{rng.choice('号号日')}")
    raise ValueError(form)


FORMAL_DATES = (
    "ymd",
    "ymd",
    "iso",
    "ydot",
    "yslash",
    "cn_full",
    "md",
    "spaced",
    "fullwidth",
    "md_zero",
)
SPOKEN_DATES = ("md", "md_hao", "md_hao", "md_cn", "dot", "slash", "y2", "ymd_hao", "md")
ANY_DATES = FORMAL_DATES + SPOKEN_DATES
BIRTH_FORMS = ("ymd", "ymd", "iso", "ydot", "y2", "compact", "md_zero")


# ---------------------------------------------------------------------------------------------
# People


@dataclass
class Person:
    name: str  # as the record (or the ID card) writes it
    sex: str  # "M" or "F"
    age: int
    rel: str  # relation to the head of household, or a title for someone else
    household: bool
    short: str = ""  # what people call them: the given name, 阿强, the Uyghur given name...
    nick: str = ""  # 小名
    birth: dt.date | None = None
    id_number: str = ""
    phone: str = ""
    style: str = "han"
    given: str = ""  # for the Uyghur father's-name rule and Yi clans
    surname: str = ""
    conditions: list[str] = field(default_factory=list)


def _given(rng: random.Random, sex: str, age: int) -> str:
    if age >= 50:
        pool = _GIVEN_OLD_M if sex == "M" else _GIVEN_OLD_F
    elif age >= 25:
        pool = (_GIVEN_OLD_M + _GIVEN_MID_M) if sex == "M" else (_GIVEN_OLD_F + _GIVEN_MID_F)
    else:
        pool = _GIVEN_YOUNG_M if sex == "M" else _GIVEN_YOUNG_F
    if rng.random() < 0.06:
        pool += _GIVEN_RARE
    if rng.random() < 0.25:
        pool += _GIVEN_EXTRA_M if sex == "M" else _GIVEN_EXTRA_F
    if rng.random() < 0.22:
        return rng.choice(pool)
    first = rng.choice(pool)
    second = rng.choice(pool)
    while second == first and rng.random() < 0.8:
        second = rng.choice(pool)
    return first + second


def han_surname(rng: random.Random, style: str = "han") -> str:
    r = rng.random()
    if style == "zhuang" and r < 0.6:
        return rng.choice(ZHUANG_SURNAMES)
    if r < 0.62:
        return rng.choice(_SURNAMES_COMMON)
    if r < 0.95:
        return rng.choice(_SURNAMES_LESS)
    return rng.choice(_SURNAMES_COMPOUND)


def make_person(
    rng: random.Random,
    style: str,
    sex: str,
    age: int,
    rel: str,
    household: bool,
    surname: str = "",
    father_given: str = "",
) -> Person:
    p = Person(name="", sex=sex, age=age, rel=rel, household=household, style=style)
    if style == "uyghur":
        given = rng.choice(UYGHUR_M if sex == "M" else UYGHUR_F)
        father = father_given or rng.choice(UYGHUR_M)
        p.name, p.short, p.given = f"{given}·{father}", given, given
    elif style == "tibetan":
        second = rng.choice(TIBETAN_M if sex == "M" else TIBETAN_F)
        if rng.random() < 0.75:
            first = rng.choice(TIBETAN_FIRST)
            p.name, p.short = first + second, rng.choice((first, second))
        else:
            p.name = second
    elif style == "mongol":
        p.name = rng.choice(MONGOL_M if sex == "M" else MONGOL_F)
    elif style == "yi":
        clan = surname or rng.choice(YI_CLANS)
        given = rng.choice(YI_M if sex == "M" else YI_F)
        p.name, p.short, p.surname, p.given = clan + given, given, clan, given
    else:
        sur = surname or han_surname(rng, style)
        given = _given(rng, sex, age)
        p.name, p.surname, p.given = sur + given, sur, given
        if len(given) == 2:
            p.short = given if rng.random() < 0.8 or age > 20 else given[1] * 2
        else:
            p.short = rng.choice(("阿", "小")) + given if age < 50 else ""
    if (age < 14 and rng.random() < 0.6) or (age >= 14 and rng.random() < 0.12):
        p.nick = rng.choice(NICKNAMES)
    return p


def id_for(rng: random.Random, area: str, p: Person, today: dt.date) -> None:
    born = dt.date(today.year - p.age - 1, 1, 1) + dt.timedelta(days=rng.randint(0, 364))
    p.birth = born
    seq = rng.randint(0, 99) * 10 + int(rng.choice("13579" if p.sex == "M" else "02468"))
    first17 = f"{area}{born:%Y%m%d}{seq:03d}"
    p.id_number = first17 + id_check(first17)


def new_phone(rng: random.Random) -> str:
    return rng.choice(PHONE_PREFIXES) + digits(rng, 8)


# ---------------------------------------------------------------------------------------------
# Homes


@dataclass
class Home:
    kind: str  # "rural", "estate" or "road"
    township: str
    village: str = ""  # a village, gacha or (in town) a community
    group: int = 0
    group_word: str = "组"
    tun: str = ""  # a Zhuang 屯 standing for the group
    natural: str = ""  # a natural village (王家湾, 后沟)
    landmark: str = ""
    estate: str = ""
    zone: str = ""
    bldg: int = 0
    unit: int = 0
    room: int = 0
    road: str = ""
    road_no: int = 0


def _han_place(rng: random.Random, style: str, suffix: str) -> str:
    b = _PLACE_B.get(style, _PLACE_B["south"])
    name = rng.choice(_PLACE_A) + rng.choice(b)
    while name[0] == name[1]:
        name = rng.choice(_PLACE_A) + rng.choice(b)
    return name + suffix


def make_home(rng: random.Random, style: str) -> Home:
    if style == "urban" or rng.random() < 0.18:
        if style == "urban":
            township = rng.choice(STREETS) + "街道"
        else:
            township = rng.choice(("城关镇", "城关镇", _han_place(rng, "south", "街道")))
        home = Home(kind="estate" if rng.random() < 0.75 else "road", township=township)
        home.village = rng.choice(COMMUNITIES) + "社区"
        home.estate = rng.choice(ESTATES)
        home.zone = rng.choice(("", "", "", "A", "B", "C", "一", "二"))
        home.bldg = rng.randint(1, 28)
        home.unit = rng.randint(1, 6)
        home.room = rng.randint(1, 26) * 100 + rng.randint(1, 4)
        home.road = rng.choice(ROADS + LANES)
        home.road_no = rng.randint(1, 399)
        home.landmark = rng.choice(TOWN_LANDMARKS)
        return home
    home = Home(kind="rural", township="")
    if style in _ETHNIC_PLACES:
        towns, villages = _ETHNIC_PLACES[style]
        home.township = rng.choice(towns)
        home.village = rng.choice(villages)
        if style == "uyghur" and rng.random() < 0.35:
            home.village = f"{rng.randint(1, 16)}村"
    else:
        suffix = "镇" if rng.random() < 0.6 else "乡"
        if style == "plain" and rng.random() < 0.4:
            home.township = han_surname(rng)[:1] + rng.choice(_PLACE_B["plain"]) + suffix
        else:
            home.township = _han_place(rng, style, suffix)
        r = rng.random()
        if r < 0.25:
            home.village = rng.choice(_RED_VILLAGES) + "村"
        elif r < 0.5:
            home.village = (
                han_surname(rng)[:1] + rng.choice(_PLACE_SURNAME_B.get(style, ["家湾"])) + "村"
            )
        else:
            home.village = _han_place(rng, style, "村")
    home.group = rng.randint(1, 15)
    home.group_word = {
        "sichuan": rng.choice("社社组"),
        "north": rng.choice("组组队"),
        "plain": rng.choice("组组队"),
    }.get(style, "组")
    if style == "zhuang" and rng.random() < 0.7:
        home.tun = rng.choice(ZHUANG_TUN)
    if style == "mongol" and rng.random() < 0.6:
        home.group = 0
    if style not in ("uyghur", "mongol", "zhuang") and rng.random() < 0.5:
        if rng.random() < 0.5:
            home.natural = rng.choice(NATURAL_VILLAGES)
        else:
            home.natural = han_surname(rng)[:1] + rng.choice(
                ("家湾", "家坪", "家岭", "家沟", "家坳", "家院子", "家庄", "家洼")
            )
    home.landmark = rng.choice(LANDMARKS)
    return home


def group_text(rng: random.Random, home: Home) -> str:
    if home.tun:
        return home.tun
    if not home.group:
        return ""
    n, w = home.group, home.group_word
    return rng.choice(
        (
            f"{n}{w}",
            f"{n}{w}",
            f"{cn_number(n)}{w}",
            f"{n}{w}".translate(_FULL_WIDTH),
            f"第{cn_number(n)}村民小组" if w == "组" else f"{cn_number(n)}{w}",
            f"第{n}{w}",
            f"{n:02d}{w}",
        )
    )


def building_text(rng: random.Random, home: Home) -> str:
    b, u, r = home.bldg, home.unit, home.room
    zone = f"{home.zone}区" if home.zone else ""
    side = "东西中"[u % 3]
    return rng.choice(
        (
            f"{zone}{b}号楼{u}单元{r}",
            f"{zone}{b}-{u}-{r}",
            f"{b}#{u}-{r}",
            f"{zone}{b}栋{u}单元{r}室",
            f"{zone}{b}幢{u}单元{r}",
            f"{b}号楼{u}门{r}",
            f"{b}栋{side}单元{r}",
            f"{zone}{b}栋{r}室",
            f"{b}号{r}",
            f"{b}栋{u}单元{r // 100}楼{r % 100:02d}",
        )
    )


def home_record_detail(home: Home) -> str:
    if home.kind == "rural":
        group = home.tun or (f"{home.group}{home.group_word}" if home.group else "")
        return home.village + group
    if home.kind == "estate":
        zone = f"{home.zone}区" if home.zone else ""
        return f"{home.village}{home.estate}{zone}{home.bldg}栋{home.unit}单元{home.room}室"
    return f"{home.road}{home.road_no}号"


# ---------------------------------------------------------------------------------------------
# One household and the people around it, and how templates write them

CADRE_TITLES = (
    "村支书",
    "村主任",
    "村委会主任",
    "村文书",
    "网格员",
    "驻村第一书记",
    "妇女主任",
    "村监委主任",
    "包村干部",
    "村会计",
)
_KIN_AWAY = {
    "M": ("儿子", "侄子", "外甥", "弟弟", "哥哥", "女婿"),
    "F": ("女儿", "侄女", "外甥女", "妹妹", "姐姐", "儿媳"),
}


class Ctx:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        region = rng.choice(REGIONS)
        (
            self.province,
            self.city,
            self.county,
            area,
            self.area_code,
            self.style,
            self.plate_prefix,
        ) = region
        self.today = dt.date(2025, 3, 1) + dt.timedelta(days=rng.randint(0, 640))
        self.home = make_home(rng, self.style)
        name_style = (
            self.style if self.style in ("uyghur", "tibetan", "mongol", "yi", "zhuang") else "han"
        )
        if name_style in ("uyghur", "tibetan", "mongol", "yi") and rng.random() < 0.12:
            name_style = "han"  # a Han family in a minority county
        self.name_style = name_style
        self._make_household(rng, name_style, area)
        self._make_health(rng)
        self._make_numbers(rng)
        self._make_others(rng)
        # the story's dates: an event, a visit, an application, all before the writing
        self.d_event = self.today - dt.timedelta(days=rng.randint(5, 120))
        self.d_visit = self.today - dt.timedelta(days=rng.randint(0, 4))
        self.d_apply = self.d_event + dt.timedelta(days=rng.randint(1, 4))
        self.d_other = self.today + dt.timedelta(days=rng.randint(3, 40))

    # -- household -------------------------------------------------------------------------
    def _make_household(self, rng: random.Random, style: str, area: str) -> None:
        shape = rng.choice(("elderly", "elderly", "young", "young", "single", "disabled", "alone"))
        self.shape = shape
        members: list[Person] = []
        if shape == "elderly":
            head = make_person(rng, style, rng.choice("MMF"), rng.randint(60, 86), "户主", True)
        elif shape == "single":
            head = make_person(rng, style, "F", rng.randint(24, 46), "户主", True)
        elif shape == "disabled":
            head = make_person(rng, style, rng.choice("MF"), rng.randint(52, 80), "户主", True)
        elif shape == "alone":
            head = make_person(rng, style, rng.choice("MF"), rng.randint(55, 92), "户主", True)
        else:
            head = make_person(rng, style, rng.choice("MMMF"), rng.randint(27, 48), "户主", True)
        members.append(head)
        self.head = head
        self.spouse: Person | None = None
        if shape in ("elderly", "young", "disabled") and rng.random() < 0.75:
            sex = "F" if head.sex == "M" else "M"
            age = max(20, head.age + rng.randint(-6, 4))
            rel = (
                ("老伴" if head.age > 55 else rng.choice(("妻子", "爱人", "媳妇")))
                if sex == "F"
                else ("老伴" if head.age > 55 else rng.choice(("丈夫", "爱人", "老公")))
            )
            self.spouse = make_person(rng, style, sex, age, rel, True)
            members.append(self.spouse)
        father = head if head.sex == "M" else (self.spouse if self.spouse else None)
        family_surname = father.surname if father else ""
        father_given = father.given if father else ""
        self.kids: list[Person] = []
        if shape in ("young", "single"):
            for _ in range(rng.choice((1, 1, 2, 2, 3))):
                sex = rng.choice("MF")
                age = rng.randint(0, max(0, min(22, head.age - 20)))
                kid = make_person(
                    rng,
                    style,
                    sex,
                    age,
                    "儿子" if sex == "M" else "女儿",
                    True,
                    family_surname if father or rng.random() < 0.4 else "",
                    father_given,
                )
                self.kids.append(kid)
        elif shape == "elderly" and rng.random() < 0.65:
            for _ in range(rng.choice((1, 1, 2))):
                sex = rng.choice("MF")
                kid = make_person(
                    rng,
                    style,
                    sex,
                    rng.randint(3, 16),
                    "孙子" if sex == "M" else "孙女",
                    True,
                    family_surname if head.sex == "M" else "",
                )
                self.kids.append(kid)
        elif shape == "disabled":
            sex = rng.choice("MF")
            kid = make_person(
                rng,
                style,
                sex,
                rng.randint(18, 45),
                "儿子" if sex == "M" else "女儿",
                True,
                family_surname,
                father_given,
            )
            self.kids.append(kid)
        members += self.kids
        self.elder: Person | None = None
        if shape == "young" and rng.random() < 0.35:
            sex = rng.choice("MF")
            self.elder = make_person(
                rng,
                style,
                sex,
                rng.randint(65, 90),
                "父亲" if sex == "M" else "母亲",
                True,
                head.surname if sex == "M" else "",
            )
            members.append(self.elder)
        self.members = members
        for p in members:
            id_for(rng, area, p, self.today)
        self.contact: Person | None = None
        if rng.random() < 0.6:
            sex = rng.choice("MF")
            self.contact = make_person(
                rng,
                style,
                sex,
                rng.randint(25, 50),
                rng.choice(_KIN_AWAY[sex]),
                True,
                head.surname if sex == "M" and head.sex == "M" else "",
            )
            self.contact.phone = new_phone(rng)
        if rng.random() < 0.15:
            head.phone = f"{self.area_code}-{digits(rng, 7 if len(self.area_code) == 4 else 8)}"
            head.phone = head.phone[:5] + str(rng.randint(2, 8)) + head.phone[6:]
        else:
            head.phone = new_phone(rng)
        self.adults = [p for p in members if p.age >= 18]
        self.minor = next((k for k in self.kids if k.age < 18), None)

    def _make_health(self, rng: random.Random) -> None:
        candidates = list(self.members)
        if self.minor and rng.random() < 0.45:
            patient = self.minor
        else:
            patient = rng.choice([p for p in candidates if p.age >= 18] or candidates)
        self.patient = patient

        def fits(p: Person, pool: tuple[str, ...]) -> str:
            return rng.choice([d for d in pool if p.sex == "F" or d not in FEMALE_ONLY])

        if patient.age < 18:
            self.diag = rng.choice(CHILD_DIAGNOSES)
        elif rng.random() < 0.18:
            self.diag = fits(patient, MENTAL)
        elif rng.random() < 0.12:
            self.diag = rng.choice(INJURIES)
        else:
            self.diag = fits(patient, ADULT_DIAGNOSES)
        self.diag2 = fits(self.head, ADULT_DIAGNOSES + MENTAL)
        _, treatments, recurring, medicines = health_group(self.diag)
        self.treat = rng.choice(treatments)
        self.weekly = rng.choice(recurring)
        self.freq = rng.choice(FREQUENCIES)
        self.med = rng.choice(medicines)
        self.med2 = rng.choice(health_group(self.diag2)[3])
        self.dose = rng.choice(DOSES)
        self.dose_time = rng.choice(DOSE_TIMES)
        self.disabled = rng.choice(self.members)
        if self.shape == "disabled":
            self.disabled = self.kids[0]
        self.dis = disability(rng)
        if patient.age < 14:
            self.hospital = rng.choice(
                (
                    "省儿童医院",
                    "北京儿童医院",
                    "县妇幼保健院",
                    "湘雅二医院",
                    "华西医院",
                    "市中心医院",
                    "县人民医院",
                )
            )
        elif self.diag in MENTAL:
            self.hospital = rng.choice(
                ("市精神卫生中心", "市第三人民医院", "县第二人民医院", "省人民医院")
            )
        else:
            self.hospital = rng.choice(
                [h for h in HOSPITALS if "儿童" not in h and "妇幼" not in h and "精神" not in h]
            )
        others = [p for p in self.members if p is not patient]
        self.second = rng.choice(others) if others else None
        self.chronic = rng.choice(CHRONIC)

    def _make_numbers(self, rng: random.Random) -> None:
        self.bank = rng.choice(BANK_BINS) + digits(rng, rng.choice((9, 12)))
        self.bank += luhn_digit(self.bank)
        self.hosp_no = rng.choice(
            (
                digits(rng, 7),
                digits(rng, 8),
                f"ZY{self.d_event_guess():%Y%m}{digits(rng, 4)}",
                f"{self.today:%y}{digits(rng, 6)}",
                "00" + digits(rng, 8),
            )
        )
        self.dis_cert = (
            self.disabled.id_number
            + str(DISABILITY_TYPES.index(self.dis_kind()) + 1)
            + str(rng.randint(1, 4))
        )
        self.dibao = rng.choice(
            (
                f"{self.head.id_number[:6]}{rng.randint(2015, 2025)}{digits(rng, 4)}",
                f"DB{digits(rng, 8)}",
                digits(rng, 10),
                f"{self.head.id_number[:6]}-{digits(rng, 6)}",
            )
        )
        self.hukou = rng.choice(
            (digits(rng, 9), f"{self.head.id_number[:6]}{digits(rng, 6)}", f"0{digits(rng, 8)}")
        )
        self.tekun = f"TK{self.today.year}{digits(rng, 5)}"
        self.insurance = digits(rng, 16)
        self.docs = [self.dis_cert, self.dibao, self.hukou, self.tekun, self.insurance]

    def d_event_guess(self) -> dt.date:
        return self.today - dt.timedelta(days=30)

    def dis_kind(self) -> str:
        return next(k for k in DISABILITY_TYPES if k in self.dis)

    def _make_others(self, rng: random.Random) -> None:
        def other(title: str, minority: float = 0.4, age: tuple[int, int] = (28, 60)) -> Person:
            style = self.name_style if rng.random() < minority else "han"
            if style == "zhuang":
                style = "zhuang"
            return make_person(rng, style, rng.choice("MF"), rng.randint(*age), title, False)

        self.cadre = other(rng.choice(CADRE_TITLES), 0.6)
        self.cadre.phone = new_phone(rng)
        self.cadre2 = other(rng.choice(CADRE_TITLES), 0.6)
        self.doctor = other(
            rng.choice(("主治医师", "主任医师", "管床医生", "住院医师", "村医")), 0.3
        )
        self.nbr = other("邻居", 0.8, (35, 80))
        self.nbr.phone = new_phone(rng)
        self.nbr2 = other("邻居", 0.8, (35, 80))
        self.teacher = other("班主任", 0.4, (24, 55))
        self.teacher.phone = new_phone(rng)
        self.worker = other(rng.choice(("社工", "医务社工", "驻站社工", "个案社工")), 0.3, (23, 45))
        self.worker.phone = new_phone(rng)
        self.staff = other(
            rng.choice(
                ("民政专干", "民政办主任", "社会救助股股长", "县民政局干部", "乡镇社工站站长")
            ),
            0.3,
        )
        self.operator = other("话务员", 0.2, (22, 40))
        self.boss = other("老板", 0.3, (30, 60))

    # -- record -----------------------------------------------------------------------------
    def known(self) -> KnownIdentifiers:
        names = [p.name for p in self.members]
        phones = [self.head.phone]
        if self.contact:
            names.append(self.contact.name)
            phones.append(self.contact.phone)
        return KnownIdentifiers(
            names=tuple(names),
            id_numbers=tuple(p.id_number for p in self.members),
            phones=tuple(phones),
            addresses=(self.home.township, home_record_detail(self.home)),
            bank_cards=(self.bank,),
            hospital_record_numbers=(self.hosp_no,),
            document_numbers=tuple(self.docs),
            birth_dates=tuple(p.birth for p in self.members if p.birth),
        )

    # -- writing: names ---------------------------------------------------------------------
    def _name_text(self, p: Person) -> str:
        if "·" in p.name:
            sep = self.rng.choice(("·", "·", "·", "·", "•", "・", ""))
            return p.name.replace("·", sep)
        return p.name

    def F(self, p: Person) -> str:  # full name
        return mark(self._name_text(p), "name", p.household)

    def S(self, p: Person) -> str:  # what people call them, else the full name
        return mark(p.short, "name", p.household) if p.short else self.F(p)

    def K(self, p: Person) -> str:  # the nickname, else what people call them
        return mark(p.nick, "name", p.household) if p.nick else self.S(p)

    def N(self, p: Person) -> str:  # any of them
        r = self.rng.random()
        if p.household:
            if r < 0.6:
                return self.F(p)
            if r < 0.85 or not p.nick:
                return self.S(p)
            return self.K(p)
        return self.F(p) if r < 0.85 else self.S(p)

    def kin(self, p: Person) -> str:
        """How the head (or the writer) refers to a member: 老伴王秀英, 孙女欣怡, 儿子狗蛋."""
        return p.rel + self.N(p)

    # -- writing: places --------------------------------------------------------------------
    def prefix(self) -> str:
        r = self.rng.random()
        city = self.city
        if r < 0.3:
            return ""
        if r < 0.55:
            return self.county
        if r < 0.75:
            return city + self.county
        if r < 0.85:
            return self.province + city + self.county
        return self.rng.choice(("本县", "我县", "县里", ""))

    def addr(self, household: bool = True) -> str:
        """The home, as a header or a first mention writes it."""
        h, rng = self.home, self.rng
        if h.kind == "rural":
            g = group_text(rng, h)
            parts = [h.township if rng.random() < 0.8 else "", h.village, g]
            if h.natural and rng.random() < 0.5:
                if rng.random() < 0.5:
                    return mark("".join(parts) + h.natural, "address", household)
                return (
                    mark("".join(parts), "address", household)
                    + "（"
                    + mark(h.natural, "address", household)
                    + "）"
                )
            return mark("".join(parts), "address", household)
        if h.kind == "estate":
            community = h.village if rng.random() < 0.4 else ""
            town = h.township if rng.random() < 0.7 else ""
            return mark(town + community + h.estate + building_text(rng, h), "address", household)
        town = h.township if rng.random() < 0.6 else ""
        return mark(town + self._road(), "address", household)

    def _road(self) -> str:
        h, rng = self.home, self.rng
        road = h.road
        if road.endswith("巷"):
            return rng.choice(
                (
                    f"{road}{h.road_no}号",
                    f"{road}{h.road_no % 40 + 1}号院",
                    f"{road}{h.road_no}号{rng.randint(1, 6)}楼",
                )
            )
        return rng.choice(
            (
                f"{road}{h.road_no}号",
                f"{road}{h.road_no}号附{rng.randint(1, 9)}号",
                f"{road}{h.road_no}号院{rng.randint(1, 8)}栋",
            )
        )

    def village(self, household: bool = True) -> str:
        """A shorter mention: the village with its group, or the natural village."""
        h, rng = self.home, self.rng
        if h.kind != "rural":
            return mark(
                rng.choice((h.estate, h.estate + building_text(rng, h), h.village)),
                "address",
                household,
            )
        options = [h.village + group_text(rng, h), h.village]
        if h.natural:
            options += [h.natural, h.village + h.natural]
        if h.group and not h.tun:
            options.append(group_text(rng, h))
        return mark(rng.choice(options), "address", household)

    def resident(self) -> str:
        return "村民" if self.home.kind == "rural" else "居民"

    def vname(self, household: bool = True) -> str:
        """The village (or, in town, the community) by its name alone."""
        return mark(self.home.village, "address", household)

    def town(self, household: bool = True) -> str:
        return mark(self.home.township, "address", household)

    def landmark(self, household: bool = True) -> str:
        return mark(self.home.landmark, "address", household)

    def other_place(self) -> str:
        """Somewhere else below the county: a relative's village, a work site."""
        rng = self.rng
        if rng.random() < 0.5:
            return mark(
                _han_place(rng, "south", rng.choice("镇乡")) + _han_place(rng, "south", "村"),
                "address",
                False,
            )
        return mark(rng.choice(ROADS) + f"{rng.randint(1, 300)}号", "address", False)

    # -- writing: numbers -------------------------------------------------------------------
    def phone_text(self, number: str, household: bool, spoken: bool = False) -> str:
        rng = self.rng
        if number.startswith("0"):
            area, local = number.split("-")
            if rng.random() < 0.2:
                return f"({area})" + mark(local, "number", household)
            form = rng.choice((f"{area}-{local}", f"{area} {local}", local, f"{area}{local}"))
            return mark(form, "number", household)
        if spoken:
            text = "".join(_SPOKEN[c] for c in number)
            if rng.random() < 0.5:
                text = text.replace("一", "幺")
            return mark(text, "number", household)
        r = rng.random()
        if r < 0.35:
            return mark(number, "number", household)
        if r < 0.5:
            return mark(f"{number[:3]} {number[3:7]} {number[7:]}", "number", household)
        if r < 0.6:
            return mark(f"{number[:3]}-{number[3:7]}-{number[7:]}", "number", household)
        if r < 0.7:
            return rng.choice(("+86 ", "+86-", "+86", "（+86）")) + mark(
                number, "number", household
            )
        if r < 0.8:
            return mark(number.translate(_FULL_WIDTH), "number", household)
        if r < 0.9:
            return mark(f"{number[:3]}\u200b{number[3:7]}\u200b{number[7:]}", "number", household)
        return mark(
            f"{number[:4]} {number[4:]}" if rng.random() < 0.5 else f"{number[:3]} {number[3:]}",
            "number",
            household,
        )

    def phone(self, p: Person | None = None, spoken: bool = False) -> str:
        p = p or self.head
        return self.phone_text(p.phone, p.household, spoken)

    def idn(self, p: Person | None = None) -> str:
        p = p or self.head
        n, rng = p.id_number, self.rng
        r = rng.random()
        if r < 0.6:
            text = n
        elif r < 0.7:
            text = n.replace("X", "x") if "X" in n else f"{n[:6]} {n[6:14]} {n[14:]}"
        elif r < 0.8:
            text = f"{n[:6]} {n[6:14]} {n[14:]}"
        elif r < 0.9:
            text = n.translate(_FULL_WIDTH)
        else:
            text = n[:10] + "\u200b" + n[10:]
        return mark(text, "number", p.household)

    def bank_text(self) -> str:
        n, r = self.bank, self.rng.random()
        text = (
            n
            if r < 0.45
            else group4(n)
            if r < 0.85
            else group4(n, "-")
            if r < 0.92
            else n.translate(_FULL_WIDTH)
        )
        return mark(text, "number", True)

    def num(self, value: str, household: bool = True) -> str:
        return mark(value, "number", household)

    def hosp(self) -> str:
        return self.num(self.hosp_no)

    def order_no(self) -> str:
        return self.num(
            self.rng.choice(
                (
                    f"{self.today:%Y%m%d}{digits(self.rng, 4)}",
                    f"GD{self.today:%Y%m%d}{digits(self.rng, 5)}",
                    f"{self.today:%Y%m%d}-{digits(self.rng, 4)}",
                )
            ),
            False,
        )

    # -- writing: dates, health, others -----------------------------------------------------
    def D(self, d: dt.date, forms: tuple[str, ...] = ANY_DATES, household: bool = True) -> str:
        text, day = date_text(self.rng, d, self.rng.choice(forms))
        return mark(text, "date", household, day)

    def birth(self, p: Person) -> str:
        assert p.birth is not None
        return self.D(p.birth, BIRTH_FORMS, p.household)

    def lunar(self, household: bool = True, bare: bool = False) -> str:
        rng = self.rng
        month = rng.choice(LUNAR_MONTHS)
        day = lunar_day(rng.randint(1, 30))
        if bare:
            return mark(day, "date", household, (0, len(day)))
        prefix = rng.choice(("农历", "阴历", "")) + month
        return mark(prefix + day, "date", household, (len(prefix), len(prefix) + len(day)))

    def H(self, term: str, household: bool = True) -> str:
        return mark(term, "health", household)

    def O(self, text: str, household: bool = True) -> str:  # noqa: E743 (other identifiers)
        return mark(text, "other", household)

    def school(self, kid: Person | None = None) -> str:
        kid = kid or self.minor or self.head
        rng = self.rng
        age = kid.age
        grade = min(max(age - 6, 1), 6)
        cls = rng.randint(1, 6)
        v = (
            self.home.village.removesuffix("村")
            if self.home.kind == "rural"
            else rng.choice(_PLACE_A) + rng.choice(_PLACE_A)
        )
        if age < 6:
            text = rng.choice(
                (
                    f"{self.home.township.removesuffix('镇').removesuffix('乡')}中心幼儿园大班",
                    f"{v}幼儿园中{rng.choice('一二三')}班",
                )
            )
        elif age <= 12:
            text = rng.choice(
                (
                    f"{v}完小{cn_number(grade)}年级{cls}班",
                    f"{v}完小{grade}年级（{cls}）班",
                    f"{self.home.township}中心小学{cn_number(grade)}（{cls}）班",
                    f"县实验小学{grade}年级{cls}班",
                    f"{v}村小{cn_number(grade)}年级{cls}班",
                    f"县第{cn_number(rng.randint(2, 5))}完全小学{grade}年{cls}班",
                )
            )
        elif age <= 15:
            g = min(age - 12, 3)
            text = rng.choice(
                (
                    f"{self.home.township}中学{('七', '八', '九')[g - 1]}年级{cls}班",
                    f"县{cn_number(rng.randint(1, 4))}中初{cn_number(g)}（{cls}）班",
                    f"{self.home.township.removesuffix('镇').removesuffix('乡')}初中{g + 6}年级{cls}班",
                )
            )
        elif age <= 18:
            g = min(age - 15, 3)
            text = rng.choice(
                (
                    f"县一中高{cn_number(g)}（{rng.randint(1, 18)}）班",
                    f"县职业中专{self.today.year - g + 1}级汽修{cls}班",
                    f"县民族中学高{cn_number(g)}{rng.randint(1, 12)}班",
                )
            )
        else:
            text = f"{rng.choice(UNIVERSITIES)}{rng.choice(MAJORS)}专业{self.today.year - rng.randint(0, 3)}级{cls}班"
        return self.O(text, kid.household)

    def employer(self, household: bool = True, shop: bool = False) -> str:
        rng = self.rng
        name = rng.choice(BRANDS) + rng.choice(SHOPS if shop else BUSINESSES)
        if rng.random() < 0.15:
            name = f"老{han_surname(rng)[:1]}{rng.choice(('修车铺', '米粉店', '五金店', '理发店'))}"
        return self.O(name, household)

    def wechat(self, p: Person | None = None) -> str:
        p = p or self.head
        rng = self.rng
        r = rng.random()
        if r < 0.35:
            text = "wxid_" + "".join(
                rng.choice("abcdefghijkmnpqrstuvwxyz0123456789") for _ in range(rng.randint(10, 14))
            )
        elif r < 0.7:
            text = (
                rng.choice(PINYIN)
                + rng.choice(("", "_", "-"))
                + rng.choice(PINYIN)
                + str(rng.randint(60, 2010))
            )
        else:
            text = rng.choice(PINYIN) + rng.choice(PINYIN) + digits(rng, 4)
        return self.O(text, p.household)

    def qq(self, p: Person | None = None) -> str:
        p = p or self.head
        return self.O(str(self.rng.randint(10**7, 3 * 10**9)), p.household)

    def email(self, p: Person | None = None) -> str:
        p = p or self.head
        rng = self.rng
        user = rng.choice(
            (
                rng.choice(PINYIN) + rng.choice(PINYIN) + str(rng.randint(1, 99)),
                str(rng.randint(10**7, 3 * 10**9)),
                rng.choice(PINYIN) + "_" + digits(rng, 4),
            )
        )
        return self.O(
            user
            + "@"
            + rng.choice(("163.com", "qq.com", "126.com", "sina.com", "139.com", "foxmail.com")),
            p.household,
        )

    def plate(self, household: bool = True) -> str:
        rng = self.rng
        body = "".join(
            rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789") if i < 2 else rng.choice("0123456789")
            for i in range(5)
        )
        return self.O(self.plate_prefix + rng.choice(("·", "", " ", "-")) + body, household)

    def other_id(self, p: Person) -> str:
        """An ID number for someone off the record (a neighbour on the same list)."""
        if not p.id_number:
            id_for(self.rng, self.head.id_number[:6], p, self.today)
        return p.id_number

    def pick(self, *options: str) -> str:
        return self.rng.choice(options)


# ---------------------------------------------------------------------------------------------
# Words around the facts: amounts, ages, relations, and sentences with nothing to remove

NATIONS = {
    "han": "汉",
    "uyghur": "维吾尔",
    "tibetan": "藏",
    "mongol": "蒙古",
    "yi": "彝",
    "zhuang": "壮",
}


def money(rng: random.Random) -> str:
    return rng.choice(
        (
            f"{rng.randint(2, 60) * 100}元",
            f"{rng.randint(1, 30)}.{rng.randint(1, 9)}万元",
            f"{rng.randint(2, 15)}万多",
            f"{cn_number(rng.randint(1, 9))}万{cn_number(rng.randint(1, 9))}",
            f"{rng.randint(1, 9)}千多块",
            f"{rng.randint(1, 99)},{rng.randint(0, 999):03d}元",
            f"{rng.randint(100, 300)},{rng.randint(0, 999):03d}.{rng.randint(0, 99):02d}元",
            f"￥{rng.randint(1000, 99999)}.00",
            f"{rng.randint(3000, 48000)}元",
        )
    )


def age_text(rng: random.Random, p: Person) -> str:
    if p.age == 0:
        return f"{rng.randint(2, 11)}个月"
    return rng.choice((f"{p.age}岁", f"{p.age}岁", f"{cn_number(p.age)}岁", f"{p.age}周岁"))


def sex_word(p: Person) -> str:
    return "男" if p.sex == "M" else "女"


def he(p: Person) -> str:
    return "他" if p.sex == "M" else "她"


def rel_to(c: Ctx, p: Person, kid: Person) -> str:
    """How ``p`` stands to ``kid`` (the head is the kid's father, grandmother...)."""
    grand = kid.rel in ("孙子", "孙女")
    if p is c.head or p is c.spouse:
        if grand:
            return "爷爷" if p.sex == "M" else "奶奶"
        return "父亲" if p.sex == "M" else "母亲"
    if p is c.elder:
        return "爷爷" if p.sex == "M" else "奶奶"
    if p is c.contact and grand and p.rel in ("儿子", "女儿"):
        return "父亲" if p.sex == "M" else "母亲"
    return "亲属"


def weekly(c: Ctx, household: bool = True) -> str:
    return c.pick(
        f"{c.freq}{c.H(c.weekly, household)}",
        f"{c.H(c.weekly, household)}{c.freq}",
        f"{c.H(c.weekly, household)}（{c.freq}）",
    )


def medicine(c: Ctx, med: str = "", household: bool = True) -> str:
    med = med or c.med
    return c.pick(
        f"{c.H(med, household)}（{c.dose}，{c.dose_time}）",
        f"{c.H(med, household)}{c.dose}{c.dose_time}",
        f"{c.H(med, household)}，{c.dose_time}，一次{c.dose}",
        f"{c.H(med, household)}",
    )


def clock(rng: random.Random) -> str:
    h, m = rng.randint(7, 21), rng.choice((0, 10, 15, 20, 30, 40, 45, 50))
    return rng.choice(
        (f"{h}:{m:02d}", f"{h}点{m:02d}分" if m else f"{h}点", f"{h}时{m}分" if m else f"{h}时")
    )


FILLERS = (
    lambda c: (
        f"家里就靠{c.rng.randint(2, 6)}亩田和一点低保过日子，今年雨水多，田里的稻子基本绝收。"
    ),
    lambda c: "房子是九几年盖的土坯房，墙上有裂缝，下雨天漏水，屋里只有一张方桌、两张床。",
    lambda c: "老人说话还算清楚，头脑也明白，就是腿脚不方便，上下坡要人扶。",
    lambda c: "常年在外打工的子女过年才回来一趟，平时电话也少。",
    lambda c: f"电费、水费都是邻居帮着交的，一个月大概{c.rng.randint(30, 90)}块钱。",
    lambda c: "门口那条马路去年才硬化，以前下雨天出门全是泥。",
    lambda c: "于是我们向镇民政办作了汇报，建议纳入临时救助。",
    lambda c: "周末孩子回来帮忙干农活，平时就老两口在家。",
    lambda c: f"低保金每季度发一次，按每人每月{c.rng.randint(300, 780)}元计算。",
    lambda c: f"合作医疗报销后还欠医院{money(c.rng)}，借了亲戚{money(c.rng)}。",
    lambda c: f"每个月药费就要{c.rng.randint(200, 1800)}元左右，全靠赊账。",
    lambda c: f"家里养了{c.rng.randint(1, 4)}头猪、十几只鸡，是唯一的额外收入。",
    lambda c: f"村里考虑到实际情况，先从村集体资金里拿了{c.rng.randint(5, 30) * 100}元应急。",
    lambda c: (
        f"据了解，该户{c.today.year - c.rng.randint(1, 4)}年曾享受过一次临时救助，金额{c.rng.randint(5, 40) * 100}元。"
    ),
    lambda c: f"孩子学习成绩不错，在班上排前{c.rng.randint(3, 10)}名，老师说很懂事。",
    lambda c: "当天天气很冷，屋里没有取暖设备，只有一个电烤炉。",
    lambda c: "该户无车辆、无商品房、无经营性收入，无财政供养人员。",
    lambda c: f"去年冬天雪大，圈舍被压垮，损失羊{c.rng.randint(3, 40)}只。",
    lambda c: f"为这事已经打了{c.rng.randint(2, 9)}次12349热线，情绪比较激动。",
    lambda c: "江边那片菜地也被水淹了，种的白菜、黄豆全没了。",
    lambda c: "向上级反映多次，一直没有结果。",
    lambda c: "金额不大，但对这个家来说是救命钱。",
    lambda c: "关于住房问题，镇里答应年底前帮忙申请危房改造。",
    lambda c: f"全家年收入不足{c.rng.randint(4, 12)}000元，人均不到{c.rng.randint(1, 3)}000元。",
    lambda c: "走访时屋里很乱，灶台上只有半锅稀饭。",
    lambda c: "家里唯一值钱的是一台旧电视和一辆电动三轮车。",
    lambda c: "石头垒的院墙塌了一半，还没来得及修。",
    lambda c: "安全隐患比较大，已提醒晚上不要用明火取暖。",
    lambda c: f"医生说后续还要长期治疗，费用每年至少{c.rng.randint(2, 12)}万元。",
    lambda c: "邻里关系还好，村里有事都会帮一把。",
    lambda c: "上周三镇里开会研究过这户的情况，意见不统一。",
    lambda c: "前天又下了一场雨，后墙裂缝更大了。",
    lambda c: f"{c.rng.randint(2, 9)}月份以来，家里基本没有收入。",
    lambda c: f"县城到村里有{c.rng.randint(12, 70)}公里山路，班车一天两趟。",
    lambda c: "去年申请过一次，因为材料不全被退回。",
    lambda c: f"孩子每周一到周五住校，每月生活费{c.rng.randint(3, 8)}00元左右。",
    lambda c: "万一再出什么事，这个家就真的撑不下去了。",
    lambda c: "任何补助都按规定打到社保卡上，不发现金。",
    lambda c: "程序上需要先经村民代表评议，再报乡镇审核。",
    lambda c: "房前屋后种了些玉米和土豆，够自己吃。",
    lambda c: f"{c.county}今年农村低保标准是每人每月{c.rng.randint(450, 700)}元。",
    lambda c: f"去{c.city or c.province}看病来回车费就要{c.rng.randint(80, 400)}元。",
    lambda c: "白天一个人在家，晚上才有人回来做饭。",
    lambda c: f"家里{len(c.members)}口人，劳动力只有{c.rng.choice(('一个', '半个', '一个半'))}。",
    lambda c: f"今年{c.rng.randint(3, 9)}月开始，镇上的零工也不好找了。",
    lambda c: "关心的人不少，真正能帮上忙的不多。",
    lambda c: "明年开春想把屋顶换成彩钢瓦，钱还没凑齐。",
    lambda c: "平时在街上捡点废品卖，一天能挣二三十块。",
    lambda c: "在农村，这种情况不算少见，但像他家这么难的不多。",
    lambda c: f"{c.city or c.province}的亲戚来过一次，留下{c.rng.randint(2, 10)}00块钱就走了。",
    lambda c: "方便的话请尽快安排，过了月底就要重新排队。",
)


def filler(c: Ctx, n: int = 1) -> str:
    return "".join(f(c) for f in c.rng.sample(FILLERS, n))


# ---------------------------------------------------------------------------------------------
# Templates: each writes one whole document in its own shape

TEMPLATES: dict[str, tuple[str, object]] = {}


def template(style: str):
    def register(fn):
        TEMPLATES[fn.__name__.removeprefix("t_")] = (style, fn)
        return fn

    return register


def _members_line(c: Ctx, sep: str = "，") -> str:
    parts = []
    for p in c.members[1:]:
        bit = f"{p.rel}{c.F(p)}（{age_text(c.rng, p)}"
        if p is c.patient:
            bit += f"，{c.H(c.diag)}"
        elif p is c.disabled:
            bit += f"，{c.H(c.dis)}"
        parts.append(bit + "）")
    return sep.join(parts) if parts else "无其他共同生活成员"


@template("visit")
def t_visit_record(c: Ctx) -> str:
    h, pt = c.head, c.patient
    return (
        "入户核查记录\n"
        f"核查时间：{c.D(c.d_visit, FORMAL_DATES)}上午\n"
        f"核查人员：{c.staff.rel}{c.F(c.staff)}、{c.cadre.rel}{c.F(c.cadre)}\n"
        f"被核查人：{c.F(h)}，{sex_word(h)}，{age_text(c.rng, h)}，身份证号码{c.idn(h)}\n"
        f"家庭住址：{c.prefix()}{c.addr()}\n"
        f"联系电话：{c.phone()}\n"
        f"核查情况：经入户查看，该户共{len(c.members)}人。{pt.rel if pt is not h else '户主本人'}{c.N(pt)}患{c.H(c.diag)}，"
        f"{c.D(c.d_event)}在{c.hospital}住院治疗（住院号{c.hosp()}），出院后需{weekly(c)}。"
        f"{filler(c, 2)}\n"
        f"核查结论：情况基本属实，建议按程序纳入{c.pick('低保', '临时救助', '特困供养')}。\n"
        f"被核查人签字：{c.F(h)}（按手印）"
    )


@template("petition")
def t_petition_summary(c: Ctx) -> str:
    h, pt = c.head, c.patient
    no = c.num(f"XF{c.today.year}{digits(c.rng, 6)}", False)
    return (
        f"信访件摘要　编号：{no}\n"
        f"来信人：{c.F(h)}，{c.town()}{c.village()}{c.resident()}，联系电话{c.phone()}。\n"
        f"来信日期：{c.D(c.d_apply, FORMAL_DATES)}\n"
        f"主要诉求：反映其{pt.rel if pt is not h else '本人'}{c.N(pt)}{age_text(c.rng, pt)}，"
        f"{c.pick('年初', '去年秋天', '前两个月')}查出{c.H(c.diag)}，已花费医药费{money(c.rng)}，家中举债，"
        f"申请低保未获批准，认为{c.cadre.rel}{c.F(c.cadre)}优亲厚友、办事不公，要求重新评议。\n"
        f"办理情况：已转{c.county}民政局、{c.town()}人民政府调查处理，要求{c.D(c.d_other, FORMAL_DATES, False)}前书面答复来信人。"
    )


@template("hotline")
def t_hotline_dialogue(c: Ctx) -> str:
    h, pt = c.head, c.patient
    who = c.contact or h
    lines = [
        "12349民政服务热线工单（通话原文）",
        f"工单编号：{c.order_no()}",
        f"受理时间：{c.D(c.today, FORMAL_DATES)} {clock(c.rng)}",
        f"来电号码：{c.phone(h)}",
        f"话务员：您好，12349民政服务热线，{c.rng.randint(1, 60):03d}号为您服务。",
        f"来电人：喂？是民政局不？我是{c.town()}{c.village()}的，我叫{c.F(h)}。",
        "话务员：您好，您慢慢说，要反映什么情况？",
        f"来电人：{'我家' + pt.rel + '，' + c.S(pt) + '嘛' if pt is not h else '我自己嘛'}，得了那个{c.H(c.diag)}，{c.pick('前两个月', '上个月', '过年前')}在{c.hospital}住了{c.rng.randint(8, 40)}天，花了{money(c.rng)}，合作医疗报了一部分，还差好多……村里说我们不符合条件。",
        "话务员：您的身份证号码方便说一下吗？",
        f"来电人：{c.idn(h)}。",
        "话务员：好的，回访打这个号码可以吗？",
        f"来电人：这个是老人机，经常没电，你打我{who.rel}的，{c.phone(who, spoken=c.rng.random() < 0.5)}。",
        f"话务员：好的，我们会在{c.rng.choice('35')}个工作日内转属地民政部门处理，请保持电话畅通。",
        f"处理意见：转{c.county}民政局，请{c.town()}核实是否符合临时救助条件。",
    ]
    return "\n".join(lines)


@template("referral")
def t_hospital_referral(c: Ctx) -> str:
    pt = c.patient
    caller = c.contact or c.spouse or c.head
    if caller is pt:
        caller = c.head if pt is not c.head else (c.second or c.head)
    return (
        f"{c.hospital}医务社工部　转介单\n"
        f"转介日期：{c.D(c.today, FORMAL_DATES)}\n"
        f"患者姓名：{c.F(pt)}　性别：{sex_word(pt)}　年龄：{age_text(c.rng, pt)}　住院号：{c.hosp()}\n"
        f"科室/床号：{DEPARTMENTS[_ALL_GROUPS.index(health_group(c.diag))]}{c.rng.randint(1, 60)}床\n"
        f"诊断：{c.H(c.diag)}\n"
        f"治疗经过：{c.D(c.d_event)}入院，行{c.H(c.treat)}，目前{medicine(c)}维持，后续需{weekly(c)}。\n"
        f"家庭情况：户籍{c.prefix()}{c.addr()}，家中{len(c.members)}口人，年收入约{c.rng.randint(6, 30)}000元，已无力承担后续费用。\n"
        f"已发生费用：{money(c.rng)}，医保报销后自付{money(c.rng)}，现欠费{money(c.rng)}。\n"
        f"家属/联系人：{c.F(caller)}（{caller.rel}），电话{c.phone_text(caller.phone or c.head.phone, True)}\n"
        f"转介社工：{c.F(c.worker)}　{c.phone(c.worker)}"
    )


@template("school")
def t_school_aid(c: Ctx) -> str:
    kid = next((k for k in c.kids if 6 <= k.age <= 22), None)
    if kid is None:
        return t_visit_record(c)
    parents = [p for p in (c.head, c.spouse, c.elder) if p]
    fam = "；".join(
        f"{rel_to(c, p, kid)}{c.F(p)}，{age_text(c.rng, p)}"
        + (f"，{c.H(c.diag)}" if p is c.patient else "，务农")
        for p in parents
    )
    return (
        "家庭经济困难学生认定申请表（摘录）\n"
        f"学生姓名：{c.F(kid)}；性别：{sex_word(kid)}；民族：{NATIONS[c.name_style]}；出生日期：{c.birth(kid)}；"
        f"身份证号：{c.idn(kid)}；就读学校：{c.school(kid)}；\n"
        f"家庭住址：{c.addr()}；家庭成员：{fam}。\n"
        f"困难情况简述：{filler(c)}"
        + (f"{c.S(kid)}本人患{c.H(c.diag)}，需定期复查。" if kid is c.patient else "")
        + f"\n班主任意见：情况属实，同意推荐。签名：{c.F(c.teacher)}　电话：{c.phone(c.teacher)}\n"
        f"日期：{c.D(c.d_apply, FORMAL_DATES)}"
    )


@template("certificate")
def t_village_certificate(c: Ctx) -> str:
    h, pt = c.head, c.patient
    v = c.home.village
    return (
        "证　　明\n\n"
        f"兹有我村{c.village()}村民{c.F(h)}，{sex_word(h)}，{NATIONS[c.name_style]}族，"
        f"身份证号：{c.idn(h)}。该户家庭成员{len(c.members)}人，其{pt.rel if pt is not h else '本人'}{c.F(pt)}于{c.D(c.d_event, FORMAL_DATES)}"
        f"确诊为{c.H(c.diag)}，长期在{c.hospital}治疗，家庭经济十分困难，无其他经济来源。\n"
        "情况属实，特此证明。\n\n"
        f"{mark(v, 'address', True) if c.home.kind == 'rural' else c.village()}"
        f"{'村民委员会' if c.home.kind == 'rural' else '居民委员会'}（盖章）\n"
        f"{c.D(c.today, FORMAL_DATES)}\n"
        f"经办人：{c.cadre.rel}{c.F(c.cadre)}　联系电话：{c.phone(c.cadre)}"
    )


@template("chat")
def t_wechat_group(c: Ctx) -> str:
    h, pt, nb, cd = c.head, c.patient, c.nbr, c.cadre
    t = [clock(c.rng) for _ in range(6)]
    return (
        f"【{c.village()}网格群】聊天记录（截图转文字）\n"
        f"{t[0]} {c.F(nb)}：@{c.F(cd)} 网格员在不？{c.S(h)}家出事了\n"
        f"{t[1]} {c.F(cd)}：在，咋了\n"
        f"{t[2]} {c.F(nb)}：{he(h)}家{pt.rel if pt is not h else '那口子'}又倒了，说是{c.H(c.diag)}，拉到{c.hospital}去了[流泪]\n"
        f"{t[3]} {c.F(nb)}：屋里就剩{c.K(c.minor) if c.minor else '老的'}一个，饭都没人做\n"
        f"{t[4]} {c.F(cd)}：收到，我{c.pick('马上', '下午', '等会')}过去看看。谁有{c.S(h)}电话？\n"
        f"{t[5]} {c.F(c.nbr2)}：{c.phone()} 这个是{he(h)}的，打不通就打{c.contact.rel + c.N(c.contact) if c.contact else '村部'}\n"
        f"{clock(c.rng)} {c.F(cd)}：[抱拳]谢谢大家，有情况及时在群里说，别在群里发身份证照片"
    )


@template("disaster")
def t_disaster_flash(c: Ctx) -> str:
    h = c.head
    hurt = c.spouse or c.second or h
    injury = c.rng.choice(INJURIES)
    return (
        f"{c.county}灾情快报（第{c.rng.randint(2, 19)}期）\n"
        f"{c.D(c.d_event)}凌晨{c.rng.randint(1, 5)}时许，{c.town()}遭遇{c.pick('短时强降雨', '冰雹', '山洪', '大风')}，{c.rng.randint(2, 9)}个村受灾。"
        f"其中{c.village()}{c.F(h)}家（{len(c.members)}人）房屋后山发生滑坡，厨房和猪圈被冲毁，"
        f"{hurt.rel if hurt is not h else '户主'}{c.N(hurt)}腿部受伤，已送{c.hospital}，诊断为{c.H(injury)}。"
        f"目前该户临时安置在{c.landmark()}，已发放棉被{c.rng.randint(2, 4)}床、大米{c.rng.randint(1, 4)}袋、食用油一桶。\n"
        f"全镇初步统计直接经济损失{money(c.rng)}，无人员死亡。\n"
        f"报送人：{c.F(c.staff)}　电话：{c.phone(c.staff) if c.staff.phone else c.phone_text(new_phone(c.rng), False)}"
    )


@template("table")
def t_dibao_review(c: Ctx) -> str:
    h = c.head
    sep = c.pick("；", "｜", "; ")
    rows = [
        f"户主：{c.F(h)}",
        f"身份证：{c.idn(h)}",
        f"住址：{c.addr()}",
        f"保障人口：{len(c.members)}人",
    ]
    for i, p in enumerate(c.members[1:], 1):
        health = c.H(c.diag) if p is c.patient else c.H(c.chronic) if p.age > 55 else "健康"
        rows.append(f"成员{i}：{c.F(p)}，{p.rel}，{p.age}岁，{health}")
    rows += [
        f"低保证号：{c.num(c.dibao)}",
        f"开户行：{c.county}农商行",
        f"账号：{c.bank_text()}",
        f"月人均收入：{c.rng.randint(180, 520)}元",
        f"复核结论：{c.pick('继续保障', '调整保障金额', '暂停待查')}",
        f"复核人：{c.F(c.staff)}、{c.F(c.cadre)}",
        f"复核日期：{c.D(c.d_visit, FORMAL_DATES)}",
    ]
    return "农村低保对象年度复核表" + sep + sep.join(rows)


@template("diary")
def t_work_log(c: Ctx) -> str:
    h, pt = c.head, c.patient
    week = "一二三四五六日"[c.d_visit.weekday()]
    return (
        f"{c.D(c.d_visit, SPOKEN_DATES)}　星期{week}　{c.pick('晴', '阴', '小雨', '晴转多云')}\n"
        f"上午在{c.town()}开会，传达全县社会救助工作推进会精神。\n"
        f"下午和{c.cadre.rel}{c.F(c.cadre)}一起去{c.village()}走访{c.F(h)}户。{c.S(h)}家{c.landmark() if c.rng.random() < 0.5 else '住在半山腰'}，"
        f"{pt.rel if pt is not h else '本人'}{c.N(pt)}{c.H(c.diag)}，现在每天要吃{medicine(c)}。"
        f"{c.S(h)}说{c.contact.rel + c.N(c.contact) if c.contact else '家里人'}在{c.pick('广东', '浙江', '福建', '新疆')}打工，{c.pick('年底', '过年', '秋收后')}才回。{filler(c)}\n"
        f"晚上整理材料，{c.F(h)}的临时救助申请明天报镇里，还缺{c.pick('户口本复印件', '诊断证明', '银行卡复印件')}。"
    )


@template("federation")
def t_disabled_federation(c: Ctx) -> str:
    p = c.disabled
    carer = c.spouse if p is c.head else c.head
    if carer is None or carer is p:
        carer = c.contact or c.head
    return (
        f"县残联转来情况（{c.D(c.today, FORMAL_DATES)}）：\n"
        f"{c.F(p)}，{sex_word(p)}，{age_text(c.rng, p)}，持第二代残疾人证，证号{c.num(c.dis_cert)}，{c.H(c.dis)}。"
        f"系{c.prefix()}{c.addr()}人。{he(p).replace('他', '本人').replace('她', '本人')}生活不能完全自理，"
        f"目前靠{carer.rel if carer is not c.head else '户主'}{c.N(carer)}照顾。已享受重度残疾人护理补贴每月{c.rng.randint(8, 20)}0元。"
        f"因{c.pick('辅具损坏', '康复费用高', '住房漏雨')}申请救助，请民政部门一并考虑。\n"
        f"残联联系人：{c.F(c.worker)}，{c.phone(c.worker)}"
    )


@template("federation")
def t_women_federation(c: Ctx) -> str:
    women = [p for p in c.adults if p.sex == "F"]
    w = women[0] if women else c.head
    husband = c.spouse if (w is c.head and c.spouse) else (c.head if w is not c.head else None)
    if husband is None or husband.sex == "F":
        husband = make_person(c.rng, c.name_style, "M", w.age + 3, "丈夫", False)
    injury = c.rng.choice(("软组织挫伤", "鼻骨骨折", "左耳鼓膜穿孔", "肋骨骨折", "头皮裂伤"))
    kid = c.minor
    return (
        "县妇联转办单\n"
        f"当事人：{c.F(w)}，{age_text(c.rng, w)}，住{c.addr()}。\n"
        f"反映情况：当事人称其丈夫{c.F(husband)}长期酗酒，{c.D(c.d_event)}晚酒后将其打伤，经{c.pick('县人民医院', '县中医院', '镇卫生院')}诊断为{c.H(injury)}。"
        + (
            f"目前当事人带着{kid.rel}{c.N(kid)}借住在{c.other_place()}的亲戚家，"
            if kid
            else "目前当事人借住在娘家，"
        )
        + f"无收入来源。\n联系方式：{c.phone_text(w.phone or c.head.phone, True)}（本人）；微信：{c.wechat(w)}\n"
        f"妇联意见：已协助报警并申请人身安全保护令，请民政部门给予临时救助。经办人：{c.F(c.staff)}"
    )


@template("neighbour")
def t_neighbour_talk(c: Ctx) -> str:
    h, pt = c.head, c.patient
    return (
        f"（邻居口述，{c.F(c.worker)}记录）我是{c.F(c.nbr)}，就住{c.S(h)}家{c.pick('隔壁', '对门', '坎下', '上头')}，"
        f"{c.landmark()}那家就是{he(h)}家。他们家是真难啊，{pt.rel if pt is not h else he(h)}{c.K(pt)}那个病{c.H(c.diag)}，"
        f"去年在{c.hospital}花了{money(c.rng)}，钱都是借的，{c.lunar(True)}那天还来我家借了两百块买药。"
        f"{'屋里' + c.K(c.minor) + '才' + age_text(c.rng, c.minor) + '，' if c.minor else ''}我们能帮的都帮了，"
        f"我自己屋里那个也是{c.H(c.rng.choice(ADULT_DIAGNOSES), False)}，顾不过来。你们政府要管管他们。"
    )


@template("letter")
def t_petition_letter(c: Ctx) -> str:
    h, pt = c.head, c.patient
    return (
        f"尊敬的{c.pick('县长', '民政局领导', '书记', '各位领导')}：\n"
        f"　　您好！我叫{c.F(h)}，今年{age_text(c.rng, h)}，是{c.prefix()}{c.addr()}的{c.resident()}，身份证号{c.idn(h)}。"
        f"我家{len(c.members)}口人，{pt.rel if pt is not h else '我本人'}{c.N(pt)}从{c.D(c.d_event, SPOKEN_DATES)}开始{c.H(c.diag)}住院，"
        f"做了{c.H(c.treat)}，到现在一共花了{money(c.rng)}。"
        + (
            f"我{c.contact.rel}{c.N(c.contact)}在外打工，一个月也就挣{c.rng.randint(25, 60)}00块，自己还要养家。"
            if c.contact
            else "家里没有别的劳动力。"
        )
        + f"{filler(c)}恳请领导帮帮我们！\n"
        "　　此致\n敬礼！\n"
        f"　　　　求助人：{c.F(h)}\n"
        f"　　　　{c.D(c.d_apply, SPOKEN_DATES)}\n"
        f"　　　　电话：{c.phone()}"
    )


@template("visit")
def t_grid_note(c: Ctx) -> str:
    h = c.head
    return (
        f"【走访】{c.addr()}，{c.F(h)}，{h.age}，{'独居' if len(c.members) == 1 else str(len(c.members)) + '口人'}，"
        f"{c.H(c.diag if c.patient is h else c.chronic)}。{c.D(c.d_visit, SPOKEN_DATES)}走访，门口柴火堆得很高，屋里{c.pick('冷', '潮', '乱')}。"
        f"已告知冬季防火、防一氧化碳中毒。{c.pick('下次', '月底')}再去。——{c.cadre.rel}{c.S(c.cadre)}"
    )


@template("application")
def t_relief_application(c: Ctx) -> str:
    h, pt = c.head, c.patient
    return (
        "临时救助申请书\n"
        f"申请人{c.F(h)}，{sex_word(h)}，{NATIONS[c.name_style]}族，{c.birth(h)}出生，身份证号码{c.idn(h)}，现住{c.prefix()}{c.addr()}。\n"
        f"　　{c.D(c.d_event)}，{pt.rel if pt is not h else '申请人本人'}{c.N(pt)}突发{c.H(c.diag)}，送{c.hospital}抢救，"
        f"先后做了{c.H(c.treat)}，共花费{money(c.rng)}，报销后个人负担{money(c.rng)}。{filler(c)}"
        "现特向政府申请临时救助，望批准。\n"
        f"申请人：{c.F(h)}\n联系电话：{c.phone()}\n申请日期：{c.D(c.d_apply, FORMAL_DATES)}\n"
        f"收款账户：{c.county}农村商业银行　户名：{c.F(h)}　卡号：{c.bank_text()}"
    )


@template("application")
def t_medical_aid_form(c: Ctx) -> str:
    pt = c.patient
    sep = c.pick("；", "，", "　")
    return sep.join(
        (
            "医疗救助申请审批表",
            f"患者姓名：{c.F(pt)}",
            f"性别：{sex_word(pt)}",
            f"年龄：{pt.age}",
            f"身份证号：{c.idn(pt)}",
            f"家庭住址：{c.addr()}",
            f"救助类别：{c.pick('低保对象', '特困人员', '低保边缘家庭', '因病致贫重病患者')}",
            f"医疗机构：{c.hospital}",
            f"住院号：{c.hosp()}",
            f"入院日期：{c.D(c.d_event, FORMAL_DATES)}",
            f"出院日期：{c.D(c.d_apply, FORMAL_DATES)}",
            f"疾病诊断：{c.H(c.diag)}",
            f"总费用：{money(c.rng)}",
            f"基本医保支付：{money(c.rng)}",
            f"大病保险支付：{money(c.rng)}",
            f"申请救助金额：{c.rng.randint(5, 60)}00元",
            f"经办人：{c.F(c.staff)}",
        )
    )


@template("visit")
def t_elder_alone(c: Ctx) -> str:
    h = c.head
    nick = f"（小名{mark(h.nick, 'name', True)}，村里人都这么叫）" if h.nick else ""
    return (
        "独居（空巢）老人探访记录\n"
        f"探访对象：{c.F(h)}{nick}，{age_text(c.rng, h)}\n"
        f"住址：{c.village()}，{c.landmark()}\n"
        f"健康状况：{c.H(c.chronic)}多年，{c.pick('去年', '前年')}又查出{c.H(c.diag2)}，现服用{medicine(c, c.med2)}。\n"
        + (
            f"亲属：{c.contact.rel}{c.F(c.contact)}在外地，偶尔回来，电话{c.phone(c.contact)}。\n"
            if c.contact
            else "亲属：无子女，侄子在外地，联系不上。\n"
        )
        + f"探访情况：{filler(c, 2)}\n"
        f"探访人：{c.F(c.worker)}　探访日期：{c.D(c.d_visit)}"
    )


@template("visit")
def t_left_behind(c: Ctx) -> str:
    kid = c.minor
    if kid is None:
        return t_elder_alone(c)
    carer = c.head if kid is not c.head else c.spouse or c.head
    parent = c.contact if c.contact and kid.rel in ("孙子", "孙女") else None
    away = (
        f"{rel_to(c, parent, kid)}{c.F(parent)}在{c.pick('东莞', '温州', '昆山', '深圳')}的{c.employer()}打工，一年回来一次，电话{c.phone(parent)}"
        if parent
        else "父母在外务工，联系较少"
    )
    return (
        "农村留守儿童基本情况登记\n"
        f"儿童姓名：{c.F(kid)}（小名：{mark(kid.nick, 'name', True) if kid.nick else '无'}）　性别：{sex_word(kid)}　出生日期：{c.birth(kid)}\n"
        f"就读学校：{c.school(kid) if kid.age >= 3 else '未入学'}\n"
        f"监护人：{c.F(carer)}（{rel_to(c, carer, kid)}，{age_text(c.rng, carer)}）\n"
        f"父母情况：{away}。\n"
        f"健康状况：{c.H(c.diag) if kid is c.patient else '良好'}\n"
        f"登记人：{c.F(c.cadre)}（{c.cadre.rel}）"
    )


@template("hotline")
def t_phone_note(c: Ctx) -> str:
    caller = c.contact or c.head
    pt = c.patient
    return (
        f"电话记录　{c.D(c.today, ANY_DATES)}　{clock(c.rng)}\n"
        f"来电：{c.phone(caller)}，自称{c.F(caller)}，是{c.town()}{c.village()}{c.F(c.head) if caller is not c.head else ''}"
        f"{'的' + caller.rel if caller is not c.head else '本人'}。\n"
        f"内容：{pt.rel if pt is not c.head else '户主'}{c.S(pt)}{c.pick('这两天', '前天夜里', '上周三')}病情加重，{c.H(c.diag)}，"
        f"{c.hospital}说要{c.H(c.treat)}，押金{c.rng.randint(1, 5)}万交不起，问能不能先救助一点。\n"
        f"处理：已告知走急难型临时救助，先行救助后补材料；已电话通知{c.cadre.rel}{c.F(c.cadre)}（{c.phone(c.cadre)}）今天入户。"
    )


@template("sms")
def t_sms_forward(c: Ctx) -> str:
    h = c.head
    tail = c.bank[-4:]
    return (
        f"{c.F(c.head)}转发的短信，原文：\n"
        f"【{c.county}民政】{c.F(h)}您好，您申请的临时救助{c.rng.randint(10, 50)}00元已于{c.D(c.today, SPOKEN_DATES)}打入您尾号{tail}的社保卡账户，请注意查收。如有疑问请拨打12349。\n"
        f"{c.S(h)}说卡上没看到钱，要我们查一下。卡号{c.bank_text()}，开卡时留的手机是{c.phone()}。"
    )


@template("handover")
def t_handover(c: Ctx) -> str:
    h = c.head
    lines = [
        f"交接单（{c.F(c.staff)}→{c.F(c.worker)}）",
        f"1. {c.F(h)}户（{c.village()}）：低保在办，缺{c.H(c.diag)}诊断证明、户口本（户号{c.num(c.hukou)}）复印件；"
        + (
            f"联系人{c.contact.rel}{c.F(c.contact)} {c.phone(c.contact)}。"
            if c.contact
            else f"户主电话{c.phone()}。"
        ),
        f"2. {c.F(c.nbr)}户：{c.H(c.rng.choice(ADULT_DIAGNOSES), False)}，已转医保局，等回复。",
        f"3. {c.S(h)}家{c.patient.rel if c.patient is not h else ''}的残疾证（{c.num(c.dis_cert)}）{c.D(c.d_other, SPOKEN_DATES)}到期，提醒换证。",
        "4. 其余见台账。",
    ]
    return "\n".join(lines)


@template("report")
def t_township_report(c: Ctx) -> str:
    h, pt = c.head, c.patient
    return (
        f"关于{c.town()}{c.village()}{c.F(h)}户申请临时救助的情况报告\n"
        f"县民政局：\n"
        f"　　{c.F(h)}，{sex_word(h)}，{age_text(c.rng, h)}，家住{c.addr()}，家庭人口{len(c.members)}人。"
        f"{c.D(c.d_event, FORMAL_DATES)}，其{pt.rel if pt is not h else '本人'}{c.F(pt)}被确诊为{c.H(c.diag)}，"
        f"在{c.hospital}行{c.H(c.treat)}。经镇村两级入户调查、村民代表评议，情况属实。"
        f"{filler(c)}\n　　建议给予临时救助{c.rng.randint(10, 50)}00元。\n"
        f"　　特此报告。\n"
        f"{c.town()}人民政府\n{c.D(c.today, FORMAL_DATES)}"
    )


@template("online")
def t_crowdfunding(c: Ctx) -> str:
    pt = c.patient
    writer = c.contact or c.head
    if writer is pt:
        writer = c.second or c.head
    rel = "我" + (pt.rel if writer is c.head else "家里人")
    return (
        f"【求助】{c.county}一{c.pick('位父亲', '个农村家庭', '个孩子')}的救命钱\n"
        f"大家好，我是{c.F(writer)}，{rel}{c.N(pt)}今年{age_text(c.rng, pt)}，{c.D(c.d_event, SPOKEN_DATES)}确诊{c.H(c.diag)}，"
        f"医生说必须尽快{c.H(c.treat)}，费用大概要{c.rng.randint(15, 60)}万。我们家住{c.addr()}，{filler(c)}"
        f"恳请好心人帮忙转发！\n核实电话：{c.phone(writer) if writer.phone else c.phone()}　微信：{c.wechat(writer)}　"
        f"村委会证明人：{c.F(c.cadre)}"
    )


@template("meeting")
def t_case_conference(c: Ctx) -> str:
    h, pt = c.head, c.patient
    return (
        "个案会议纪要\n"
        f"时间：{c.D(c.d_visit, FORMAL_DATES)}下午\n地点：{c.town()}社工站\n"
        f"参加人员：{c.F(c.staff)}（{c.staff.rel}）、{c.F(c.worker)}（{c.worker.rel}）、{c.F(c.cadre)}（{c.cadre.rel}）、{c.F(c.doctor)}（{c.doctor.rel}）\n"
        f"讨论个案：{c.F(h)}家庭\n"
        f"一、{c.F(c.doctor)}介绍：患者{c.N(pt)}{c.H(c.diag)}，目前{medicine(c)}，需{weekly(c)}，预后{c.pick('较差', '不确定', '尚可')}。\n"
        f"二、{c.S(c.worker)}：案主情绪低落，曾说“不想活了”，建议链接心理支持。\n"
        f"三、决定：1.由{c.staff.rel}跟进医疗救助；2.{c.cadre.rel}每周入户一次；3.{c.D(c.d_other, SPOKEN_DATES, False)}再开一次会。"
    )


@template("police")
def t_police_transfer(c: Ctx) -> str:
    h = c.head
    return (
        f"{c.county}公安局{c.pick('城关', '城南', '车站')}派出所转送函\n"
        f"{c.D(c.d_event)}晚{c.rng.randint(8, 11)}时许，我所民警在{c.pick('县汽车站候车室', '人民广场', '城郊加油站', '大桥下')}发现一名{c.pick('男子', '女子')}，"
        f"神志{c.pick('不太清楚', '尚清')}，自称叫{c.S(h)}，老家是{c.addr()}的。经人像比对，身份证号{c.idn(h)}，"
        f"户籍登记姓名{c.F(h)}。据其家属{c.contact.rel + c.F(c.contact) if c.contact else ''}（电话{c.phone(c.contact or h)}）称，其患{c.H(c.rng.choice(MENTAL))}多年，"
        f"{c.pick('前天', '大前天', '上周五')}走失。现移交县救助管理站，请协助送返。"
    )


@template("ledger")
def t_visit_ledger(c: Ctx) -> str:
    h, nb = c.head, c.nbr
    nb_id = c.other_id(nb)
    nb_place = mark(c.rng.choice(NATURAL_VILLAGES), "address", False)
    return (
        "困难群众走访台账（节选）\n"
        "序号｜姓名｜性别｜年龄｜身份证号｜住址｜类别｜病种｜联系电话｜走访日期\n"
        f"{c.rng.randint(1, 40)}｜{c.F(h)}｜{sex_word(h)}｜{h.age}｜{c.idn(h)}｜{c.village()}｜{c.pick('低保', '特困', '边缘户', '监测户')}｜"
        f"{c.H(c.diag) if c.patient is h else c.H(c.chronic)}｜{c.phone()}｜{c.D(c.d_visit, ('iso', 'ydot', 'md', 'slash'))}\n"
        f"{c.rng.randint(41, 80)}｜{c.F(nb)}｜{sex_word(nb)}｜{nb.age}｜{c.num(nb_id, False)}｜{nb_place}｜低保｜"
        f"{c.H(c.rng.choice(ADULT_DIAGNOSES), False)}｜{c.phone(nb)}｜{c.D(c.d_visit - dt.timedelta(days=1), ('iso', 'ydot', 'md', 'slash'), False)}"
    )


@template("notice")
def t_public_notice(c: Ctx) -> str:
    h, nb, nb2 = c.head, c.nbr, c.nbr2
    g1 = c.village()
    g2 = mark(f"{c.rng.randint(1, 15)}组", "address", False)
    return (
        f"{mark(c.home.village, 'address', True)}{c.today.year}年第{c.pick('一', '二', '三', '四')}季度低保拟保障对象公示\n"
        f"1. {g1}{c.F(h)}，保障人口{len(c.members)}人，致贫原因：因病（{c.H(c.diag)}）；\n"
        f"2. {g2}{c.F(nb)}，保障人口{c.rng.randint(1, 5)}人，致贫原因：因残；\n"
        f"3. {c.F(nb2)}，保障人口1人，致贫原因：缺劳力。\n"
        f"公示期{c.D(c.today, ('md', 'ymd'), False)}至{c.D(c.today + dt.timedelta(days=7), ('md', 'ymd'), False)}，如有异议请向镇民政办反映，监督电话12349。"
    )


@template("assessment")
def t_self_care(c: Ctx) -> str:
    p = c.disabled
    sep = c.pick("；", "\n")
    return sep.join(
        (
            "老年人（残疾人）生活自理能力评估表",
            f"评估对象：{c.F(p)}",
            f"身份证号：{c.idn(p)}",
            f"居住地：{c.addr()}",
            f"评估日期：{c.D(c.d_visit, FORMAL_DATES)}",
            f"进食：需部分帮助{sep}洗澡：完全依赖{sep}穿衣：需帮助{sep}如厕：需帮助",
            f"主要疾病：{c.H(c.dis)}、{c.H(c.chronic)}",
            f"照护人：{c.F(c.head) if p is not c.head else c.F(c.spouse or c.contact or c.head)}",
            f"评估结论：{c.pick('中度失能', '重度失能', '轻度失能')}",
            f"评估员：{c.F(c.worker)}、{c.F(c.doctor)}",
        )
    )


@template("application")
def t_child_rehab(c: Ctx) -> str:
    kid = c.minor
    if kid is None:
        return t_self_care(c)
    diag = c.diag if kid is c.patient else c.rng.choice(CHILD_DIAGNOSES)
    parent = c.head if kid is not c.head else c.spouse or c.head
    return (
        "残疾儿童康复救助申请\n"
        f"儿童：{c.F(kid)}{'（小名' + mark(kid.nick, 'name', True) + '）' if kid.nick else ''}，出生日期{c.birth(kid)}，身份证号{c.idn(kid)}\n"
        f"诊断：{c.H(diag)}（{c.hospital}，{c.D(c.d_event, FORMAL_DATES)}确诊）\n"
        f"需康复项目：{c.H(c.rng.choice(('康复训练', '言语训练', '感统训练', '人工耳蜗植入', '矫形器适配')))}，每周{c.rng.randint(3, 5)}次\n"
        f"监护人：{c.F(parent)}（{rel_to(c, parent, kid)}）　电话：{c.phone()}　住址：{c.addr()}\n"
        f"定点康复机构：{c.county}残疾人康复中心"
    )


@template("school")
def t_college_aid(c: Ctx) -> str:
    student = next((k for k in c.kids if 18 <= k.age <= 23), None)
    if student is None:
        return t_school_aid(c)
    return (
        "生源地信用助学贷款 / 国家助学金家庭情况说明\n"
        f"学生{c.F(student)}，{sex_word(student)}，考入{c.school(student)}。"
        f"家住{c.addr()}，{'父亲' if c.head.sex == 'M' else '母亲'}{c.F(c.head)}{c.H(c.diag) if c.patient is c.head else '务农'}，"
        f"家庭年收入{c.rng.randint(5, 20)}000元左右。学生本人身份证号{c.idn(student)}，QQ：{c.qq(student)}，邮箱{c.email(student)}。"
        f"{filler(c)}\n村委会（盖章）　{c.D(c.today, FORMAL_DATES)}"
    )


@template("notice")
def t_orphan(c: Ctx) -> str:
    kid = c.minor
    if kid is None or kid.rel not in ("孙子", "孙女"):
        return t_left_behind(c)
    father = make_person(
        c.rng,
        c.name_style,
        "M",
        c.head.age - 28,
        "父亲",
        False,
        kid.surname,
        c.head.given if c.head.sex == "M" else "",
    )
    return (
        "事实无人抚养儿童认定材料（摘要）\n"
        f"儿童{c.F(kid)}，{age_text(c.rng, kid)}，户籍{c.addr()}。其父{c.F(father)}于{c.D(c.d_event - dt.timedelta(days=400), FORMAL_DATES, False)}因{c.pick('故意伤害罪', '盗窃罪', '交通肇事罪')}被判刑，"
        f"现在{c.province.removesuffix('省')}某监狱服刑；其母{c.pick('离家出走多年', '重度残疾', '已改嫁失联')}。"
        f"现由{rel_to(c, c.head, kid) if kid is not c.head else '亲属'}{c.F(c.head)}照料，{c.head.age}岁，{c.H(c.chronic)}。"
        f"{c.S(kid)}在{c.school(kid) if kid.age >= 3 else '家'}，{c.pick('成绩中等', '性格内向', '不爱说话')}。\n"
        f"认定意见：符合条件，每月发放基本生活费{c.rng.randint(10, 16)}00元。"
    )


@template("bill")
def t_hospital_bill(c: Ctx) -> str:
    pt = c.patient
    return (
        f"{c.hospital}　住院费用结算单（摘）\n"
        f"姓名：{c.F(pt)}　住院号：{c.hosp()}　医保类型：城乡居民\n"
        f"入院：{c.D(c.d_event, ('iso', 'ydot', 'ymd'))}　出院：{c.D(c.d_apply, ('iso', 'ydot', 'ymd'))}\n"
        f"出院诊断：{c.H(c.diag)}；{c.H(c.diag2)}\n"
        f"主要治疗：{c.H(c.treat)}；出院带药：{medicine(c)}\n"
        f"总费用：{c.rng.randint(30, 300)},{c.rng.randint(100, 999)}.{c.rng.randint(10, 99)}元；统筹支付：{money(c.rng)}；大病保险：{money(c.rng)}；个人自付：{money(c.rng)}\n"
        f"（由{c.F(c.worker)}随转介单附上）"
    )


@template("disaster")
def t_fire_report(c: Ctx) -> str:
    h = c.head
    hurt = c.minor or c.spouse or h
    return (
        f"{c.D(c.d_event, SPOKEN_DATES)}晚{c.rng.randint(7, 11)}点多，{c.village()}{c.F(h)}家因电线老化起火，"
        f"{c.pick('三间木房', '两间砖房', '厨房和卧室')}全部烧毁。{hurt.rel if hurt is not h else '户主'}{c.N(hurt)}"
        f"{c.H(c.rng.choice(('手臂二度烧伤', '面部烧伤', '吸入性损伤', '重度烫伤')))}，送{c.hospital}。"
        f"{c.cadre.rel}{c.F(c.cadre)}第一时间组织群众扑救，并将一家人安置到{c.landmark()}暂住。"
        f"{filler(c)}目前急需衣物、被褥和过渡资金。"
    )


@template("accident")
def t_traffic(c: Ctx) -> str:
    h = c.head
    driver = make_person(c.rng, "han", "M", c.rng.randint(25, 55), "司机", False)
    r1, r2 = c.rng.sample(ROADS, 2)
    return (
        f"{c.F(h)}，{h.age}岁，{c.D(c.d_event)}上午骑电动三轮车（牌照{c.plate()}）在{mark(r1 + '与' + r2 + '交叉口', 'address', True)}"
        f"被一辆货车（{c.plate(False)}）撞倒，造成{c.H(c.rng.choice(INJURIES))}。肇事司机{c.F(driver)}（电话{c.phone_text(new_phone(c.rng), False)}）"
        f"垫付了{c.rng.randint(2, 10)}000元后就不接电话了。交警认定对方全责，保险还没赔。家属{c.contact.rel + c.F(c.contact) if c.contact else ''}"
        f"问能不能先申请救助。{filler(c)}"
    )


@template("accident")
def t_work_injury(c: Ctx) -> str:
    worker = next((p for p in c.adults if p.age < 60), c.head)
    return (
        f"{worker.rel if worker is not c.head else '户主'}{c.F(worker)}，{age_text(c.rng, worker)}，在{c.employer()}打零工，"
        f"{c.D(c.d_event)}从{c.pick('脚手架', '货车车厢', '二楼平台')}上摔下，{c.H(c.rng.choice(INJURIES))}，"
        f"在{c.hospital}做了{c.H(c.rng.choice(('内固定手术', '清创缝合术', '腰椎融合术', '开颅手术')))}。老板{c.F(c.boss)}只给了{money(c.rng)}，"
        f"说没签合同不算工伤。现在{he(worker)}躺在家里，{c.addr()}，家里全靠{c.pick('低保', '借钱', '亲戚接济')}。"
        f"{c.S(worker)}的微信{c.wechat(worker)}，有事可以联系。"
    )


@template("followup")
def t_mental_followup(c: Ctx) -> str:
    p = c.patient if c.patient.age >= 14 else c.head
    diag = c.diag if c.diag in MENTAL else c.rng.choice(MENTAL[:5])
    guardian = (
        c.spouse if p is c.head and c.spouse else c.head if p is not c.head else c.contact or c.head
    )
    return (
        "严重精神障碍患者随访记录\n"
        f"患者：{c.F(p)}；身份证号：{c.idn(p)}；现住址：{c.addr()}\n"
        f"诊断：{c.H(diag)}；服药：{c.H(c.rng.choice(('氯氮平', '利培酮', '奥氮平', '帕利哌酮', '碳酸锂')))} {c.dose} {c.dose_time}；服药依从性：{c.pick('规律', '间断', '不服药')}\n"
        f"危险性评估：{c.rng.randint(0, 3)}级；本次随访{c.pick('病情稳定', '有自言自语', '睡眠差')}\n"
        f"监护人：{c.F(guardian)}（{guardian.rel}）\n"
        f"随访医生：{c.F(c.doctor)}；随访日期：{c.D(c.d_visit, FORMAL_DATES)}；下次随访：{c.D(c.d_other, FORMAL_DATES)}"
    )


@template("hotline")
def t_psych_hotline(c: Ctx) -> str:
    p = c.head
    return (
        f"心理援助热线记录（{c.D(c.today, SPOKEN_DATES)}深夜）\n"
        f"来电者{sex_word(p)}，{p.age}岁左右，开始不愿说名字，后自称{c.S(p)}，住{c.town()}。"
        f"反复说{c.pick('老伴走了以后', '孩子病了以后', '欠了一屁股债以后')}睡不着，“活着没意思”。"
        f"曾在{c.hospital}诊断{c.H(c.rng.choice(MENTAL))}，停药{c.rng.randint(2, 8)}个月。"
        f"接线员评估为中高风险，经同意后转介属地，留下电话{c.phone()}，并联系了{c.cadre.rel}{c.F(c.cadre)}连夜上门。"
    )


@template("meeting")
def t_village_review(c: Ctx) -> str:
    h = c.head
    yes = c.rng.randint(7, 12)
    return (
        f"{mark(c.home.village, 'address', True) if c.home.kind == 'rural' else c.village()}民主评议会记录\n"
        f"时间：{c.D(c.d_visit, FORMAL_DATES)}晚7点\n"
        f"参会人员：{c.F(c.cadre)}、{c.F(c.cadre2)}、村民代表{c.F(c.nbr)}、{c.F(c.nbr2)}等{yes + 2}人\n"
        f"评议对象：{c.village()}{c.F(h)}户\n"
        f"发言摘要：{c.S(c.nbr)}说{he(h)}家{c.patient.rel if c.patient is not h else ''}确实有病，{c.H(c.diag)}是真的；"
        f"{c.S(c.nbr2)}说{he(h)}家{c.contact.rel if c.contact else '亲戚'}在外面买了车（{c.plate()}），要查一下。\n"
        f"表决结果：同意{yes}票，不同意2票。"
    )


@template("interview")
def t_interview(c: Ctx) -> str:
    h, pt = c.head, c.patient
    return "\n".join(
        (
            f"入户调查笔录（{c.D(c.d_visit, FORMAL_DATES)}）",
            "问：你叫什么名字？",
            f"答：{c.F(h)}。",
            "问：身份证号码？",
            f"答：{c.idn(h)}。",
            "问：家住哪里？",
            f"答：{c.village()}，{c.landmark()}。",
            "问：家里有几口人？都做什么？",
            f"答：{len(c.members)}个。"
            + (
                f"{pt.rel}{c.S(pt)}有{c.H(c.diag)}，干不了活。"
                if pt is not h
                else f"我自己有{c.H(c.diag)}。"
            )
            + filler(c),
            "问：有没有存款、车辆、商品房？",
            "答：哪有那些，欠别人的倒有。",
            "问：以上说的属实吗？",
            "答：属实。",
            f"被调查人：{c.F(h)}　调查人：{c.F(c.staff)}、{c.F(c.cadre)}",
        )
    )


@template("chat")
def t_private_chat(c: Ctx) -> str:
    h, w = c.head, c.worker
    tail = (
        ""
        if c.rng.random() < 0.5
        else f"[{clock(c.rng)}] {c.S(h)}：这是我{c.contact.rel}的微信{c.wechat(c.contact)}，你跟{he(c.contact)}说也行\n"
        if c.contact
        else ""
    )
    return (
        f"（{c.F(w)}与{c.F(h)}的微信聊天，截图转文字）\n"
        f"[{clock(c.rng)}] {c.S(w)}：{c.S(h)}，材料收到了，身份证背面拍一下\n"
        f"[{clock(c.rng)}] {c.S(h)}：[图片]\n"
        f'[{clock(c.rng)}] {c.S(h)}：[语音 {c.rng.randint(3, 59)}"] 转文字：我是{c.F(h)}，号码是{c.idn(h)}，{c.patient.rel if c.patient is not h else "我"}{c.H(c.diag)}的诊断书在医院还没拿\n'
        f"{tail}"
        f"[{clock(c.rng)}] {c.S(w)}：好的，{c.D(c.d_other, ('md_hao', 'day', 'md'))}之前拿来就行\n"
        f"[{clock(c.rng)}] {c.S(h)}：[抱拳][抱拳]"
    )


@template("online")
def t_online_post(c: Ctx) -> str:
    h, pt = c.head, c.patient
    handle = c.O(
        c.pick("山里的风", "老街坊", "一只小小鸟", "静待花开", "路见不平")
        + str(c.rng.randint(1, 2024)),
        False,
    )
    return (
        f"网络舆情摘要：网民“{handle}”在{c.pick('抖音', '快手', '本地论坛', '微博')}发帖称，{c.county}{c.town()}{c.village()}的{c.F(h)}一家"
        f"{c.pick('生活困难无人管', '住在危房里', '孩子重病没钱治')}，配图显示{pt.rel if pt is not h else '户主'}躺在床上。帖文称{c.N(pt)}患{c.H(c.diag)}，"
        f"“村里低保给了关系户”。截至{c.D(c.today, SPOKEN_DATES, False)}，浏览量{c.rng.randint(1, 90)}万。处置：已核实，该户{c.D(c.d_apply)}已纳入临时救助。"
    )


@template("reply")
def t_petition_reply(c: Ctx) -> str:
    h = c.head
    return (
        "信访事项处理意见书\n"
        f"{c.F(h)}：\n"
        f"　　你于{c.D(c.d_apply, FORMAL_DATES)}反映的{c.pick('低保评定不公', '医疗救助未到位', '危房改造')}问题收悉。经{c.town()}调查核实：你户现居{c.addr()}，"
        f"家庭成员{_members_line(c)}。{filler(c)}根据规定，对你户给予临时救助{c.rng.randint(10, 40)}00元，"
        "并启动低保审核程序。\n"
        f"　　如对本意见不服，可自收到之日起30日内向{c.county}人民政府申请复查。\n"
        f"{c.county}民政局　{c.D(c.today, FORMAL_DATES)}"
    )


@template("notice")
def t_dibao_exit(c: Ctx) -> str:
    h = c.head
    return (
        "低保退出告知书\n"
        f"{c.F(h)}（低保证号：{c.num(c.dibao)}）：\n"
        f"　　经{c.D(c.d_visit, FORMAL_DATES)}动态复核，你家{c.contact.rel if c.contact else '成员'}{c.F(c.contact) if c.contact else ''}在"
        f"{c.employer()}稳定就业，月收入{c.rng.randint(35, 70)}00元，家庭人均收入已超过当地标准，自{c.pick('下月', '次月')}起停发低保金。"
        "\n　　如有异议，请于7日内向镇人民政府提出。\n"
        f"{c.town()}人民政府（章）"
    )


@template("table")
def t_approval_flat(c: Ctx) -> str:
    h, pt = c.head, c.patient
    return (
        f"临时救助审批表：申请人：{c.F(h)}；性别：{sex_word(h)}；出生年月：{h.birth.year}年{h.birth.month}月；身份证号：{c.idn(h)}；"
        f"户籍地：{c.addr()}；联系电话：{c.phone()}；家庭人口：{len(c.members)}；困难类型：{c.pick('急难型', '支出型')}；"
        f"申请事由：{pt.rel if pt is not h else '本人'}{c.F(pt)}患{c.H(c.diag)}，{weekly(c)}；"
        f"村（居）意见：属实（{c.F(c.cadre)}）；乡镇审核：同意{c.rng.randint(10, 50)}00元（{c.F(c.staff)}）；审批日期：{c.D(c.today, FORMAL_DATES)}；"
        f"发放方式：打卡，{c.bank_text()}"
    )


@template("referral")
def t_charity_referral(c: Ctx) -> str:
    pt = c.patient
    return (
        f"转介至{c.pick('省慈善总会', '县红十字会', '某儿童大病救助基金', '县慈善协会')}的个案摘要\n"
        f"受助对象：{c.F(pt)}，{age_text(c.rng, pt)}，{c.H(c.diag)}，现于{c.hospital}接受{c.H(c.treat)}（住院号{c.hosp()}）。"
        f"家住{c.addr()}。已获医保、大病保险、医疗救助后仍自付{money(c.rng)}。"
        f"联系人：{c.F(c.head)}，{c.phone()}；转介人：{c.F(c.worker)}（{c.worker.rel}），邮箱{c.email(c.worker)}。"
    )


@template("casework")
def t_soap(c: Ctx) -> str:
    h, pt = c.head, c.patient
    return (
        f"个案服务记录　第{c.rng.randint(2, 9)}次　{c.D(c.d_visit, ANY_DATES)}\n"
        f"S：案主{c.S(h)}说“{pt.rel if pt is not h else '我'}这个{c.H(c.diag)}，天天要钱，我真的扛不住了”，夜里只睡三四个小时。\n"
        f"O：案主面色憔悴，说话时多次流泪；家中{c.pick('堂屋', '床头', '桌上')}堆着药盒，有{c.H(c.med)}等。\n"
        f"A：照护压力大，经济困难，有抑郁倾向，需评估自伤风险。\n"
        f"P：1.协助申请医疗救助；2.联系{c.cadre.rel}{c.F(c.cadre)}；3.{c.D(c.d_other, SPOKEN_DATES)}复访。\n"
        f"社工：{c.F(c.worker)}"
    )


@template("bill")
def t_hospital_arrears(c: Ctx) -> str:
    pt = c.patient
    return (
        f"{c.hospital}财务科　欠费情况说明\n"
        f"患者{c.F(pt)}（住院号{c.hosp()}，身份证{c.idn(pt)}）自{c.D(c.d_event)}入院，现仍在{c.pick('ICU', '血液科', '烧伤科', '新生儿科')}治疗，"
        f"诊断{c.H(c.diag)}，累计欠费{money(c.rng)}。家属{c.F(c.head) if pt is not c.head else c.F(c.second or c.head)}表示无力支付，"
        f"请{c.county}民政局协调医疗救助。联系人：{c.F(c.worker)}，{c.phone(c.worker)}"
    )


@template("school")
def t_rainbow_plan(c: Ctx) -> str:
    kid = next((k for k in c.kids if k.age >= 15), None)
    if kid is None:
        return t_school_aid(c)
    return (
        f"雨露计划补助申请：学生{c.F(kid)}，身份证号{c.idn(kid)}，就读于{c.school(kid)}，家庭住址{c.addr()}，"
        f"户主{c.F(c.head)}，脱贫户，{c.pick('家中有病人', '单亲家庭', '父母残疾')}。收款卡号：{c.bank_text()}（户名{c.F(c.head)}）。"
        f"申请日期：{c.D(c.d_apply, FORMAL_DATES)}。"
    )


@template("ledger")
def t_distribution_list(c: Ctx) -> str:
    h, nb = c.head, c.nbr
    return (
        f"{mark(c.home.township, 'address', True)}冬春救助物资发放签收表（{c.D(c.today, ('ymd', 'md'))}）\n"
        f"序号　姓名　　身份证号　　　　　　物资　　　　签字\n"
        f"1　　{c.F(h)}　{c.idn(h)}　棉被2床、米1袋　{c.F(h)}\n"
        f"2　　{c.F(nb)}　{c.num(c.other_id(nb), False)}　棉衣1件　{c.S(nb)}代\n"
        f"3　　{c.F(c.nbr2)}　（未带身份证）　油1桶　按手印\n"
        f"发放人：{c.F(c.cadre)}　监督人：{c.F(c.cadre2)}"
    )


@template("hotline")
def t_12345_transfer(c: Ctx) -> str:
    caller = c.nbr if c.rng.random() < 0.5 else (c.contact or c.nbr)
    return (
        f"12345政务服务便民热线转办单（{c.order_no()}）\n"
        f"来电人：{c.F(caller)}　来电号码：{c.phone(caller) if caller.phone else c.phone()}\n"
        f"来电内容：来电人反映{c.town()}{c.village()}{c.F(c.head)}家{c.pick('房子漏雨', '没饭吃', '老人生病没人管')}，"
        f"{c.patient.rel if c.patient is not c.head else '户主'}{c.H(c.diag)}，希望相关部门关注。\n"
        f"转办单位：{c.county}民政局（12349）　办理时限：{c.D(c.d_other, FORMAL_DATES, False)}前"
    )


@template("hotline")
def t_callback(c: Ctx) -> str:
    h = c.head
    return (
        f"电话回访记录：{c.D(c.d_visit, SPOKEN_DATES)}回访{c.F(h)}（{c.phone()}），{he(h)}说救助金已收到，"
        f"{c.patient.rel if c.patient is not h else '自己'}{c.H(c.diag)}还在{c.hospital}复查，{medicine(c)}不能停。"
        f"对办理结果{c.pick('满意', '基本满意', '不满意，嫌少')}。回访人：{c.F(c.operator)}。"
    )


@template("report")
def t_housing(c: Ctx) -> str:
    h = c.head
    return (
        "农村住房安全性鉴定报告（摘要）\n"
        f"房屋坐落：{c.addr()}（{c.landmark()}）\n户主：{c.F(h)}　身份证号：{c.idn(h)}　联系电话：{c.phone()}\n"
        f"结构类型：{c.pick('土木', '砖木', '石木')}　建造年代：{c.rng.randint(1975, 1998)}年　层数：1\n"
        f"鉴定结论：D级危房，建议拆除重建。户内有{c.H(c.dis)}人员1名。\n"
        f"鉴定人：{c.F(c.staff)}　鉴定日期：{c.D(c.d_visit, FORMAL_DATES)}"
    )


@template("assessment")
def t_nursing_home(c: Ctx) -> str:
    h = c.head
    return (
        f"{c.county}社会福利中心入住评估：申请人{c.F(h)}，{h.age}岁，{'无配偶' if not c.spouse else '配偶' + c.F(c.spouse) + '已无照护能力'}，"
        f"特困供养证号{c.num(c.tekun)}。患{c.H(c.chronic)}、{c.H(c.diag2)}，长期服用{medicine(c, c.med2)}。原住{c.addr()}。"
        f"{'委托人：' + c.contact.rel + c.F(c.contact) + '，' + c.phone(c.contact) + '。' if c.contact else ''}"
        f"拟于{c.D(c.d_other, SPOKEN_DATES)}入住。"
    )


@template("diary")
def t_returnee(c: Ctx) -> str:
    p = c.contact or c.head
    return (
        f"返乡人员情况：{c.F(p)}，{p.age}岁，原在{c.pick('东莞', '苏州', '宁波', '厦门')}{c.employer(p.household)}上班，"
        f"{c.D(c.d_event, SPOKEN_DATES)}因{c.pick('厂子倒闭', '被辞退', '生病')}回乡，现住{c.addr()}。"
        f"{c.pick('他', '她')}家{c.patient.rel if c.patient is not c.head else '户主'}{c.N(c.patient)}{c.H(c.diag)}，正需要钱。"
        f"本人想在县里找活，已推荐到人社局。电话{c.phone(p) if p.phone else c.phone()}。"
    )


@template("report")
def t_village_doctor(c: Ctx) -> str:
    pt = c.patient
    doc = c.doctor
    doc.rel = "村医"
    return (
        f"我是{c.vname()}{'村医' if c.home.kind == 'rural' else '社区医生'}{c.F(doc)}，{c.D(c.today, SPOKEN_DATES)}给{c.F(pt)}量血压，收缩压{c.rng.randint(160, 210)}，"
        f"{he(pt)}{c.H(c.diag)}，又有{c.H(c.chronic)}，药断了{c.rng.randint(3, 15)}天，说没钱去镇上拿。"
        f"我先垫了一盒{c.H(c.med)}。{he(pt)}家住{c.landmark()}，路不好走。请镇里想办法。村医电话{c.phone_text(new_phone(c.rng), False)}"
    )


@template("application")
def t_funeral(c: Ctx) -> str:
    h = c.head
    dead = c.elder or c.spouse or c.patient
    if dead is h:
        dead = c.spouse or c.second or h
    return (
        "困难群众丧葬补助申请\n"
        f"申请人：{c.F(h)}，{c.addr()}\n"
        f"逝者：{c.F(dead)}（{dead.rel}），{dead.age}岁，{c.D(c.d_event, FORMAL_DATES)}因{c.H(c.diag if dead is c.patient else c.diag2)}在家中去世，"
        f"已于{c.lunar(True)}安葬。火化证明编号{c.num(digits(c.rng, 10), False)}。"
        f"身份证号{c.idn(dead)}已注销。申请丧葬补助{c.rng.randint(10, 30)}00元，打入{c.F(h)}名下卡号{c.bank_text()}。"
    )


@template("visit")
def t_run_on_cadre(c: Ctx) -> str:
    h, pt = c.head, c.patient
    return (
        f"{c.S(h)}家的情况我再说下哈，{he(h)}家住{c.village()}最里头{c.landmark()}，"
        f"{pt.rel if pt is not h else he(h)}{c.K(pt)}那个{c.H(c.diag)}一直没好，{c.pick('上个月', '前两天', '正月里')}又住进去了，"
        f"{c.lunar(True, bare=True)}那天我去看了一趟，药是{c.H(c.med)}，一天{c.rng.choice(('两', '三'))}次，"
        f"一个月光药钱就{c.rng.randint(3, 15)}00多，低保那点钱根本不够，{c.contact.rel + c.K(c.contact) if c.contact else '也没个亲戚'}"
        f"{'电话' + c.phone(c.contact) + '打了几次都说在忙' if c.contact else ''}，你们看能不能再给{he(h)}弄个临时救助，材料我{c.pick('明天', '周一')}送过来。"
        f"——{c.cadre.rel}{c.F(c.cadre)}"
    )


@template("referral")
def t_school_referral(c: Ctx) -> str:
    kid = next((k for k in c.kids if 6 <= k.age < 18), None)
    if kid is None:
        return t_hospital_referral(c)
    return (
        f"学校转来情况：{c.school(kid)}学生{c.F(kid)}，{age_text(c.rng, kid)}，近一个月{c.rng.randint(5, 15)}天没来上学。"
        f"班主任{c.F(c.teacher)}家访发现，{he(kid)}{rel_to(c, c.head, kid) if kid is not c.head else ''}{c.N(c.head)}"
        f"{c.H(c.diag) if c.patient is c.head else '外出打工联系不上'}，{he(kid)}在家照顾{c.pick('奶奶', '弟弟', '妹妹', '病人')}。"
        f"{'孩子本人有' + c.H(c.diag) + '，' if kid is c.patient else ''}家住{c.addr()}。"
        f"老师微信：{c.wechat(c.teacher)}，电话{c.phone(c.teacher)}。"
    )


@template("chat")
def t_voice_transcript(c: Ctx) -> str:
    h, pt = c.head, c.patient
    phone = c.phone(h, spoken=True) if not h.phone.startswith("0") else c.phone(h)
    return (
        f"（语音转写，{c.S(h)}发给{c.cadre.rel}的）\n"
        f"喂，{c.S(c.cadre)}啊，我是{c.F(h)}，就是{c.village()}那个{'老' if h.age > 50 else ''}{'头' if h.sex == 'M' and h.age > 50 else '婆婆' if h.age > 50 else ''}……"
        f"{pt.rel if pt is not h else '我'}今天又去{c.hospital}了，医生说{c.H(c.diag)}要{c.H(c.treat)}，要交{c.rng.randint(1, 5)}万块押金，我哪有嘛……"
        f"你帮我问问那个救助咋申请，我电话是{phone}，你回我一个哈。"
    )


@template("meeting")
def t_monitor_list(c: Ctx) -> str:
    h = c.head
    return (
        f"防返贫监测对象信息采集：户主{c.F(h)}；身份证{c.idn(h)}；{c.addr()}；人口{len(c.members)}；"
        f"风险类型：{c.pick('因病', '因残', '因灾', '因意外事故')}；风险描述：{c.patient.rel if c.patient is not h else '户主'}{c.F(c.patient)}{c.H(c.diag)}，"
        f"年内医疗支出{money(c.rng)}；识别日期：{c.D(c.d_apply, ('iso', 'ymd', 'compact'))}；帮扶责任人：{c.F(c.cadre)}（{c.phone(c.cadre)}）；"
        f"帮扶措施：医疗救助、临时救助、公益岗位（{c.pick('护林员', '保洁员', '护路员')}）。"
    )


@template("application")
def t_proxy_application(c: Ctx) -> str:
    h = c.head
    proxy = c.cadre
    return (
        "代办申请委托书\n"
        f"委托人：{c.F(h)}，身份证{c.idn(h)}，住{c.addr()}。\n"
        f"受托人：{c.F(proxy)}，{proxy.rel}，电话{c.phone(proxy)}。\n"
        f"委托事项：因本人{c.H(c.dis) if c.disabled is h else c.H(c.chronic)}，行动不便，委托{c.S(proxy)}代为办理"
        f"{c.pick('低保', '临时救助', '残疾人两项补贴')}申请及相关手续。\n"
        f"委托期限：{c.D(c.today, FORMAL_DATES)}至{c.D(c.today + dt.timedelta(days=90), FORMAL_DATES)}\n"
        f"委托人签字（手印）：{c.F(h)}"
    )


@template("federation")
def t_cdpf_household(c: Ctx) -> str:
    p = c.disabled
    return (
        f"残疾人家庭入户调查：{c.F(p)}{'（' + mark(p.nick, 'name', True) + '）' if p.nick else ''}，{p.age}岁，{c.H(c.dis)}，"
        f"证号{c.num(c.dis_cert)}，领证时间{c.D(c.d_event - dt.timedelta(days=700), FORMAL_DATES)}。"
        f"{'有' + c.H(c.rng.choice(MENTAL)) + '，' if c.rng.random() < 0.3 else ''}需要{c.rng.choice(DEVICES.get(c.dis_kind(), '轮椅 护理床').split())}一{c.pick('台', '副', '套')}。"
        f"家住{c.addr()}，{filler(c)}"
        + (
            f"联系人{c.F(c.head)}，{c.phone()}。"
            if p is not c.head
            else f"联系人{c.contact.rel}{c.F(c.contact)}，{c.phone(c.contact)}。"
            if c.contact
            else f"本人电话{c.phone()}。"
        )
    )


@template("visit")
def t_ethnic_visit(c: Ctx) -> str:
    h = c.head
    pasture = {
        "mongol": "冬营盘",
        "tibetan": "夏季牧场",
        "uyghur": "果园",
        "yi": "高山上的老房子",
    }.get(c.style, "老屋")
    return (
        f"走访{c.town()}{c.village()}牧（农）户{c.F(h)}（{NATIONS[c.name_style]}族，{h.age}岁），翻译：{c.F(c.cadre2)}。"
        f"{c.S(h)}家{len(c.members)}口人，牲畜{c.rng.randint(3, 60)}头（只），{c.pick('去冬雪灾死了一半', '草场退化', '今年果子卖不出去')}。"
        f"{c.patient.rel if c.patient is not h else '本人'}{c.N(c.patient)}患{c.H(c.diag)}，"
        f"要去{c.hospital}看，路上{c.rng.randint(2, 9)}个小时。人平时在{pasture if c.rng.random() < 0.5 else '家里'}。"
        f"联系电话{c.phone()}（{c.pick('汉语不太会', '能听懂一点汉语')}）。{c.D(c.d_other, SPOKEN_DATES)}再来送药。"
    )


# ---------------------------------------------------------------------------------------------
# Fragments a writer adds at the end of a document


def f_contact(c: Ctx) -> str:
    if not c.contact:
        return f"\n户主电话：{c.phone()}"
    return f"\n联系人：{c.contact.rel}{c.F(c.contact)}　{c.phone(c.contact)}"


def f_filler(c: Ctx) -> str:
    return "\n" + filler(c, c.rng.randint(1, 2))


def f_bank(c: Ctx) -> str:
    return f"\n补助资金发放账户：{c.county}农村商业银行，户名{c.F(c.head)}，卡号{c.bank_text()}"


def f_neighbour(c: Ctx) -> str:
    nb = c.nbr
    return (
        f"\n邻居{c.F(nb)}补充：{c.S(c.head)}{c.pick('人老实', '脾气犟', '不爱求人')}，"
        f"{'我们家' + c.pick('老头', '老太婆', '那口子') + '也是' + c.H(c.rng.choice(ADULT_DIAGNOSES), False) + '，' if c.rng.random() < 0.5 else ''}"
        f"有事打我电话{c.phone(nb)}。"
    )


def f_recorder(c: Ctx) -> str:
    return f"\n记录人：{c.F(c.staff)}　{c.D(c.today, ANY_DATES)}"


def f_online_ids(c: Ctx) -> str:
    who = c.contact or c.head
    return c.pick(
        f"\n微信：{c.wechat(who)}",
        f"\nQQ：{c.qq(who)}（{who.rel if who is not c.head else '户主'}的）",
        f"\n材料电子版发到{c.email(who)}",
        f"\n微信号{c.wechat(who)}，QQ{c.qq(who)}",
    )


def f_plate(c: Ctx) -> str:
    return f"\n（该户名下登记有{c.pick('农用三轮车', '二手面包车', '摩托车')}一辆，号牌{c.plate()}，已核实{c.pick('报废', '价值不足1万元', '用于运输农产品')}。）"


def f_next(c: Ctx) -> str:
    return f"\n下一步：{c.D(c.d_other, ANY_DATES)}前{c.pick('再次入户', '补齐材料', '回访')}；{c.pick('前天', '上周三', '昨天下午')}已电话告知户主。"


def f_birthday(c: Ctx) -> str:
    h = c.head
    return f"\n{c.S(h)}说自己是{c.lunar(True)}生的，身份证上登记的是{c.birth(h)}，{h.age}岁。"


def f_documents(c: Ctx) -> str:
    return c.pick(
        f"\n附：户口簿（户号{c.num(c.hukou)}）、残疾证（{c.num(c.dis_cert)}）复印件各一份。",
        f"\n附件：低保证{c.num(c.dibao)}复印件；医保卡{c.num(c.insurance)}复印件。",
        f"\n附：住院病历首页（住院号{c.hosp()}）、费用清单。",
    )


def f_spouse(c: Ctx) -> str:
    s = c.spouse
    if s is None:
        return f"\n{c.S(c.head)}{'丧偶多年' if c.head.age > 50 else '离异'}，一个人拉扯孩子。"
    return f"\n{s.rel}{c.N(s)}，{age_text(c.rng, s)}，身份证{c.idn(s)}，{c.H(c.chronic) if s.age > 50 else c.pick('在家务农', '在镇上打零工')}。"


FRAGMENTS = {
    "contact": f_contact,
    "filler": f_filler,
    "bank": f_bank,
    "neighbour_remark": f_neighbour,
    "recorder": f_recorder,
    "online_ids": f_online_ids,
    "plate": f_plate,
    "next_step": f_next,
    "birthday": f_birthday,
    "documents": f_documents,
    "spouse": f_spouse,
}


# ---------------------------------------------------------------------------------------------


def one(rng: random.Random, name: str | None = None) -> Narrative:
    c = Ctx(rng)
    name = name or rng.choice(sorted(TEMPLATES))
    style, fn = TEMPLATES[name]
    body = fn(c)  # type: ignore[operator]
    used = [name]
    extra = rng.choices((0, 1, 2), weights=(5, 4, 2))[0]
    for fragment in rng.sample(sorted(FRAGMENTS), extra):
        body += FRAGMENTS[fragment](c)
        used.append(fragment)
    text, labels = parse(body)
    return Narrative(text=text, labels=labels, known=c.known(), templates=tuple(used), style=style)


def generate(count: int = 300, seed: int = 2026) -> list[Narrative]:
    """``count`` narratives; the same seed gives the same narratives. The templates are taken
    in turn (shuffled), so every one appears once ``count`` reaches their number."""
    rng = random.Random(seed)
    names = sorted(TEMPLATES)
    order: list[str] = []
    narratives = []
    for i in range(count):
        if not order:
            order = names[:]
            rng.shuffle(order)
        narratives.append(one(random.Random(f"{seed}-{i}"), order.pop()))
    return narratives


if __name__ == "__main__":
    import sys

    for n in generate(
        int(sys.argv[1]) if len(sys.argv) > 1 else 3,
        int(sys.argv[2]) if len(sys.argv) > 2 else 2026,
    ):
        print(f"--- {n.style} {n.templates}")
        print(n.text)
        print("labels:", [(n.label_text(lb), lb.kind, lb.household) for lb in n.labels])


@template("report")
def t_grid_event(c: Ctx) -> str:
    h = c.head
    no = c.num(f"WG{c.today:%Y%m%d}{digits(c.rng, 6)}", False)
    return (
        "网格事件上报（手机端导出）\n"
        f"事件编号：{no}\n事件类型：特殊人群-困难群众\n上报人：{c.F(c.cadre)}（{c.cadre.rel}）\n"
        f"上报时间：{c.D(c.today, ('iso', 'ydot', 'yslash'))} {clock(c.rng)}\n"
        f"事件地点：{c.addr()}\n"
        f"事件描述：{c.F(h)}（{h.age}岁）家{c.patient.rel if c.patient is not h else ''}{c.H(c.diag)}，"
        f"{c.pick('昨晚', '今早', '前天')}病情加重，家中无人照顾，{'孩子' + c.K(c.minor) + '一个人在家，' if c.minor else ''}需民政、卫健介入。\n"
        f"处置状态：已流转至{c.town()}社会事务办"
    )


@template("accident")
def t_self_employed(c: Ctx) -> str:
    p = next((a for a in c.adults if a.age < 62), c.head)
    return (
        f"{c.F(p)}是个体户，{c.D(c.d_event - dt.timedelta(days=200), SPOKEN_DATES)}在{c.town()}街上租门面开了家{c.employer(shop=True)}，"
        f"投了{money(c.rng)}，生意一直不好。{c.pick('今年', '去年底')}{p.rel if p is not c.head else '本人'}查出{c.H(c.diag) if c.patient is p else c.H(c.chronic)}，"
        f"店子转不出去，房租还欠着{c.rng.randint(3, 12)}000。房东{c.F(c.boss)}催得紧，说{c.D(c.d_other, ('md_hao', 'day', 'md'), False)}前不交就收铺子。"
        f"营业执照上的经营者是{c.F(p)}，电话{c.phone()}。{filler(c)}"
    )


@template("visit")
def t_rental_tenant(c: Ctx) -> str:
    h = c.head
    home = c.home
    if home.kind == "rural":
        where = mark(c.rng.choice(ESTATES) + f"{c.rng.randint(1, 20)}栋", "address", True)
        room = mark(f"{c.rng.randint(1, 7)}0{c.rng.randint(1, 4)}室", "address", True)
        origin = f"，户籍在{c.addr()}"
    else:
        where = mark(home.estate + f"{home.bldg}栋", "address", True)
        room = mark(f"{home.room}室", "address", True)
        origin = ""
    return (
        f"流动人口困难家庭走访：{c.F(h)}一家在{c.county}城区租房，住{where}{room}（{c.pick('顶楼加盖的', '隔出来的单间', '合租')}），"
        f"房东{c.F(c.boss)}{c.pick('人还不错', '已经催了两次房租')}{origin}。"
        f"{c.patient.rel if c.patient is not h else '户主'}{c.N(c.patient)}{c.H(c.diag)}，"
        f"每月房租{c.rng.randint(3, 9)}00元。走访人：{c.F(c.worker)}，{c.D(c.d_visit, SPOKEN_DATES)}。"
    )


@template("hotline")
def t_insurance_call(c: Ctx) -> str:
    pt = c.patient
    return (
        f"医保局来电（{c.F(c.staff)}接）：参保人{c.F(pt)}，医保卡号{c.num(c.insurance)}，"
        f"{c.D(c.d_event, FORMAL_DATES)}至{c.D(c.d_apply, FORMAL_DATES)}在{c.hospital}住院，住院号{c.hosp()}，"
        f"诊断{c.H(c.diag)}，因{c.pick('转诊手续不全', '异地就医未备案', '超出目录')}未能即时结算。"
        f"请民政部门协调，家属{c.F(c.head) if pt is not c.head else c.F(c.second or c.head)}电话{c.phone()}，住{c.village()}。"
    )
