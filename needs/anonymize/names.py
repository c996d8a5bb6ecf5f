"""Personal names nobody recorded: relatives, neighbours, cadres, doctors, callers.

Case notes name people in a few ways, and each is read here:

- a full name after the word that says who the person is (户主李建国, 妻子王秀英, 邻居孙立平,
  村支书刘长海, 主治医生陈明, 网格员周晓燕, 来电人赵文), or before the words that follow a
  name (李建国，男，52岁; 马桂兰（78岁）; 陈明医生; 孙立平一家; 张和平说);
- a given name alone, or a nickname, after a relation word (女儿小雨, 其子浩浩, 阿强);
- a name the word segmenter (jieba's dictionary, via rjieba) tags as a person's name;
- once a name is found, every other place it or its two-character given name appears.

A surname alone is no name (高, 于, 和, 平 are everyday words), so a surname is read as the start
of a name only with one of those signals; 张某, 王大妈, 老张, 刘书记 carry nothing beyond the
surname and are left as they are. Names become the surname and 某 (``mask_name``), given names
alone 某某.
"""

from __future__ import annotations

import re
from functools import lru_cache

import rjieba

from needs.anonymize.known import MASK_CHAR, mask_name
from needs.anonymize.spans import Span
from needs.anonymize.surnames import ALL_COMPOUND_SURNAMES, SINGLE_SURNAMES

GIVEN_NAME_MASK = MASK_CHAR * 2

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

# fmt: off
# Words that say who the next words name. Longest first in the pattern.
_BEFORE = (
    "户主", "申请人", "求助人", "当事人", "来电人", "来电者", "来访人", "来访者", "报告人",
    "反映人", "举报人", "联系人", "紧急联系人", "监护人", "代理人", "代办人", "受托人", "患者",
    "病人", "伤者", "老人", "村民", "居民", "孤儿", "儿童", "学生", "困难户", "低保户", "特困户",
    "妻子", "丈夫", "爱人", "老伴", "前妻", "前夫", "儿子", "女儿", "长子", "次子", "三子",
    "长女", "次女", "三女", "之子", "之女", "之妻", "之夫", "之母", "之父", "其子", "其女",
    "其妻", "其夫", "其母", "其父", "孙子", "孙女", "外孙", "外孙女", "儿媳", "女婿", "继子",
    "继女", "养子", "养女", "父亲", "母亲", "继父", "继母", "爸爸", "妈妈", "爷爷", "奶奶",
    "外公", "外婆", "姥姥", "姥爷", "祖父", "祖母", "哥哥", "弟弟", "姐姐", "妹妹", "兄长",
    "胞弟", "胞妹", "胞兄", "胞姐", "侄子", "侄女", "外甥", "外甥女", "叔叔", "婶婶", "伯伯",
    "伯父", "伯母", "叔父", "舅舅", "舅妈", "姑姑", "姑父", "姨妈", "姨父", "小姨", "表哥",
    "表姐", "表弟", "表妹", "堂哥", "堂姐", "堂弟", "堂妹", "亲戚", "邻居", "同事", "朋友",
    "同学", "工友", "老乡", "室友", "房东", "雇主", "老板", "包工头", "网格员", "网格长",
    "协理员", "信息员", "社工", "志愿者", "村支书", "支书", "村书记", "党支部书记", "书记",
    "村主任", "村委会主任", "主任", "村长", "组长", "队长", "村干部", "包村干部", "驻村干部",
    "第一书记", "社区干部", "楼长", "民警", "片警", "警官", "医生", "大夫", "护士", "护工",
    "主治医生", "主治医师", "医师", "老师", "班主任", "校长", "院长", "负责人", "工作人员",
    "经办人", "经办人员", "乡镇干部", "帮扶人", "帮扶干部", "结对干部", "名叫", "叫做",
    "姓名", "名字叫", "名为", "一个叫", "登记人", "填表人", "记录人", "走访人", "核查人",
    "会计", "村会计", "报账员", "出纳", "嘎查达", "村医", "乡村医生", "妇女主任", "妇联主任",
    "治保主任", "调解员", "网格管理员", "计生专干", "文书", "学生", "班长", "驾驶员", "司机",
    "家长", "亲属",
    "家属", "户主是", "户主为", "未婚妻", "未婚夫", "男朋友", "女朋友", "对象", "干女儿",
    "干儿子", "义子", "义女", "保姆", "护工", "律师", "法官", "记者", "显示", "发现",
    "小名", "大名", "乳名", "学名", "原名", "曾用名", "真名", "本名", "昵称", "网名",
    "老娘", "老爹", "老公", "老婆", "媳妇", "媳婦", "男人", "婆姨", "孩他爸", "孩他妈",
    "老丈人", "丈母娘", "公公", "婆婆", "大伯", "小叔子", "小姑子", "大舅子", "妯娌", "连襟",
    "签名", "交接人", "核对人", "经办", "信访人", "来信人", "我叫", "自己叫", "我是", "叫",
    "谢谢", "感谢", "麻烦", "孩子", "两个孩子", "大班", "中班", "小班", "→", "@", "叫他", "叫她",
)
# Words that may follow a full name; a role after a bare surname (王大妈, 刘书记) is no name.
_ROLES = (
    "书记", "支书", "主任", "村长", "组长", "队长", "医生", "大夫", "护士", "老师", "校长",
    "院长", "社工", "网格员", "协理员", "同志", "先生", "女士", "小姐", "阿姨", "大爷", "大妈",
    "大娘", "大婶", "大姐", "大哥", "大叔", "奶奶", "爷爷", "婆婆", "老汉", "老太", "师傅",
    "老板", "警官", "家", "夫妇", "夫妻", "一家", "全家", "老人", "等人", "姐弟", "兄弟",
    "兄妹", "姐妹", "母子", "母女", "父子", "父女",
)
_AFTER_WORDS = (
    "今年", "现年", "年仅", "身份证", "电话", "手机", "联系方式", "家住", "住在", "居住在",
    "家中", "家里", "说", "表示", "反映", "介绍", "告诉", "患有", "的妻子", "的丈夫",
    "的儿子", "的女儿", "的父亲", "的母亲", "的家", "的孩子", "的爱人", "的老伴", "的邻居",
    "独自", "一人", "本人", "同志",
)
# fmt: on
_BEFORE_SET = frozenset(_BEFORE)
_PLACE_UNITS = frozenset("县区市旗镇乡村州省盟屯寨")
# After 家 these say "the family of" (张兵家老伴, 王芳家的孩子), not a name ending in 家.
_FAMILY_AFTER = frozenset("的里中人老孩小大因生断主是在有住离门房庭境属一两三四五六七八九十")
_BEFORE_RE = re.compile(
    "(?:" + "|".join(sorted(map(re.escape, _BEFORE), key=len, reverse=True)) + r")"
    r"(?:[是叫为]|名叫|叫做)?[:：]?\s?"
)
# After a name: a sex, an age, a bracket, or one of the words above.
_AFTER_RE = re.compile(
    r"(?:[，,、]?\s?[男女](?=$|[，,、；;。\s(（\d])|[，,]?\s?[(（]?\d{1,3}\s?(?:周)?岁|[（(]|"
    r"家(?![村庄屯湾寨沟坪堡园乡镇])|于(?=\d|[一二三四五六七八九十〇]{1,4}[年月]|今年|去年|本月|上月)|"
    + "|".join(sorted(map(re.escape, _AFTER_WORDS + _ROLES), key=len, reverse=True))
    + ")"
)
# Characters that end a name when they follow the first given-name character.
_STOP_CHARS = frozenset(
    "在于因患是等和与及跟同说讲称被把给对将向从到去来也都还又就已曾的了着过得地今现系为所一"
    "住靠没带打回做病自家确原另可报"
)
# Surnames that are everyday words on their own (和 and, 于 at, 高 tall, 平 flat).
_EVERYDAY_SURNAMES = frozenset(
    "和于从向时能都那后相公全安常平成万文国东明方云花山谷车白水金石田高强路江林夏秋宁甘武龙"
    "叶司印申通边农温别庄连习鱼容古易居步广利冷辛简沙关查红游权益代但过原初门战帅来有年爱阳"
    "才智达区双单计应支经干家井富全仰宫暴符景幸宿怀从能苍党劳扶宰通尚充慕宦终衡都满弘禄越隆"
    "师融空养须丰相后荆红竺盖益公晋楚法归海有商伯赏年爱佟付但过卿母原初线续折库兰练战门代"
)
# Compound surnames that are also everyday words (东方 east, 第五 fifth, 上官 an official).
_EVERYDAY_COMPOUNDS = frozenset(
    {"东方", "第五", "百里", "南门", "东门", "西门", "北宫", "公门", "上官"}
)
# A given name does not start with a pronoun or a demonstrative (向他们说, 和我们一起).
_NOT_GIVEN_FIRST = frozenset("他她它我你们这那哪其该此每各让请叫转")
# 与小花家相邻, 和阿兰家是邻居: whoever is named before 家 there is a person.
_NEIGHBOUR_RE = re.compile(
    r"(?:与|和|跟|同)(?P<name>[\u4e00-\u9fff]{2,4}?)家(?:相邻|是邻居|隔壁|挨着|紧挨|住对门)"
)
# After someone speaks, a word that is in no dictionary is most likely who they speak of
# (老师说婷珍成绩很好); read like a name after a relation word.
_SAID_RE = re.compile(r"(?:说|称|讲|告诉我们|表示|反映|介绍)[，,：:]?")
# Verbs and adverbs said twice are words, not nicknames (问问, 看看, 常常, 刚刚).
_SAID_TWICE = frozenset(
    "问看想说听走等试谈聊找帮做写读学玩跑跳笑哭常刚渐慢仅偏稍万个样星谢请快好轻悄"
)
# Verbs, adverbs and the like: said twice they stay words (问问, 看看, 常常).
_VERB_TAGS = frozenset({"v", "vd", "vn", "d", "a", "ad", "m", "q", "p", "c", "u", "y", "e", "o"})
# Words after which whatever follows is what someone is called (叫石头, 小名狗蛋).
_NAMING = (
    "叫",
    "名叫",
    "叫做",
    "小名",
    "大名",
    "乳名",
    "学名",
    "原名",
    "曾用名",
    "真名",
    "本名",
    "昵称",
    "网名",
)
# Roles after a given name (彬旭医生, 美雪老师).
_ROLE_AFTER_RE = re.compile(r"(?:医生|大夫|老师|书记|主任|护士|社工|网格员|阿姨|师傅|同学)")
# Field labels a dictionary older than them does not know (微信：, 抖音：).
_FIELD_LABELS = frozenset({"微信", "微信号", "抖音", "快手", "支付宝", "钉钉", "邮箱", "网址"})
# A speaker in a chat log or a dialogue, at the start of a line: 鸣达：…
_SPEAKER_RE = re.compile(r"(?m)^[【\[]?(?P<name>[\u4e00-\u9fff]{2,4})[】\]]?\s?[：:](?!\s*$)")
_SEX_AGE_RE = re.compile(
    r"[，,、]?\s?[男女](?=$|[，,、；;。\s(（\d])|[，,]?\s?[(（]?\d{1,3}\s?(?:周)?岁"
)
# A surname and a title (谢支书, 王大妈): a person, after whom a list of people may go on.
_TITLED_RE = re.compile(
    "["
    + "".join(sorted(SINGLE_SURNAMES))
    + "](?:支书|书记|主任|村长|组长|大妈|大爷|老师|医生|大夫|阿姨)"
)
_LIST_ITEM_RE = re.compile(r"[\u4e00-\u9fff]{2,4}(?=$|[、，,；;。｜|→\n）)（(])")
# Between two people in a list: 、 and 和, details in brackets between (李蓓彩（红池家坪2组）、).
_LIST_NEXT_RE = re.compile(
    r"(?:[（(][^）)\n]{0,20}[）)])?\s?(?:[、，,→]\s?(?:和|及|与)?|和|及|与)\s?"
)
# Tags rjieba gives a person's name.
_NAME_TAGS = frozenset({"nr", "nrfg", "nrt"})
# Parts of speech that make a two-character dictionary word no name (明确 ad, 常年 d, 高兴 a).
_WORD_TAGS = frozenset(
    {"a", "ad", "an", "d", "v", "vd", "vn", "t", "m", "q", "p", "c", "u", "f", "r", "i", "l", "b"}
)
_NICKNAME_RE = re.compile(r"(?:小|阿)[\u4e00-\u9fff]|([\u4e00-\u9fff])\1")
# Words that look like nicknames and are not (小学, 小时, 阿姨, 常常).
_NOT_NICKNAMES = frozenset(
    {"小学", "小时", "小孩", "小组", "小区", "小卖", "小儿", "小型", "小额", "小便", "小康",
     "小麦", "小心", "小姐", "小伙", "小病", "小吃", "小镇", "小队", "小说", "小姑", "小姨",
     "小叔", "小舅", "小妹", "小弟", "阿姨", "阿婆", "阿公", "常常", "渐渐", "慢慢", "刚刚",
     "仅仅", "天天", "年年", "人人", "往往", "偏偏", "稍稍", "万万", "个个", "样样", "星星",
     "哥哥", "弟弟", "姐姐", "妹妹", "爸爸", "妈妈", "爷爷", "奶奶", "叔叔", "伯伯", "舅舅",
     "姑姑", "婶婶", "姥姥", "宝宝", "公公", "婆婆", "太太", "娃娃", "孩孩"}
)  # fmt: skip


@lru_cache(maxsize=4096)
def _word_tag(word: str) -> str | None:
    """The tag rjieba gives ``word`` alone if its dictionary holds it as one word."""
    if not rjieba.has_word(word):
        return None
    tagged = rjieba.tag(word)
    return tagged[0][1] if len(tagged) == 1 else None


def _is_cjk(char: str) -> bool:
    return bool(_CJK.match(char))


def _surname_length(text: str, i: int) -> int:
    if text[i : i + 2] in ALL_COMPOUND_SURNAMES and i + 2 < len(text) and _is_cjk(text[i + 2]):
        return 2
    return 1 if text[i] in SINGLE_SURNAMES else 0


def _role_at(text: str, i: int) -> bool:
    return any(text.startswith(role, i) for role in _ROLES if role not in ("家",))


def _name_end(
    text: str, start: int, surname: int, tokens: dict | None = None
) -> tuple[int, bool] | None:
    """Where a name starting at ``start`` ends, and whether a stop after it makes that sure:
    one or two given-name characters, ending where the text stops reading like a name."""
    first = start + surname
    if first >= len(text) or not _is_cjk(text[first]) or text[first] == MASK_CHAR:
        return None
    after_first = text[first + 1 : first + 2]
    family = text.startswith(("家", "氏"), first) and (
        not after_first or not _is_cjk(after_first) or after_first in _STOP_CHARS
    )
    if _role_at(text, first) or family:
        return None  # 王大妈, 刘书记, 张家的, 李氏: the surname alone (not 谢家朋)
    for end in (first + 1, first + 2):
        if end >= len(text):
            return (min(end, len(text)), True)
        char = text[end]
        if char in _PLACE_UNITS:
            return None  # 徐汇县, 白云旗, 花溪旗: a place, not a person
        if char == "家":
            # 张兵家老伴: the family of 张兵; 蔡绍家。: a name ending in 家.
            if text[end + 1 : end + 2] in _FAMILY_AFTER:
                return (end, True)
        elif not _is_cjk(char) or char in _STOP_CHARS or _role_at(text, end):
            return (end, True)
        # A dictionary word starting here (反映, 介绍, 签字, 电话) is what the text goes on with,
        # unless the text stops right after a second given-name character (钟离楠明说).
        token = (tokens or {}).get(end)
        after_two = text[end + 1 : end + 2]
        stops_after_two = not after_two or not _is_cjk(after_two) or after_two in _STOP_CHARS
        if (
            end == first + 1
            and not stops_after_two
            and token
            and token[0] - end >= 2
            and token[1] not in _NAME_TAGS
            and rjieba.has_word(text[end : token[0]])
        ):
            return (end, True)
        if char == MASK_CHAR:
            return None
    return (first + 2, False)


def _tagged(text: str) -> dict[int, tuple[int, str]]:
    """rjieba's tokens by start: (end, tag)."""
    tokens: dict[int, tuple[int, str]] = {}
    position = 0
    for word, tag in rjieba.tag(text):
        tokens[position] = (position + len(word), tag)
        position += len(word)
    return tokens


def _common_word(text: str, start: int, end: int, surname: int, *, cue: bool = False) -> bool:
    """A dictionary word that is no name: 明确, 高兴, 常年, 平安, 谢谢, 康复 (rjieba tags some of
    these as names, so its dictionary is asked whether the word exists, not what it is).
    After a cue (社区主任宁阳, 网格员李娜) a word the dictionary knows as a name or a place
    may still be one."""
    word = text[start:end]
    if not rjieba.has_word(word):
        return False
    tag = _word_tag(word)
    if cue and tag in (None, *_NAME_TAGS, "ns", "nz"):
        return False  # 书记常成, 主任宁阳: after a cue, only a word of a known other kind is none
    if end - start - surname == 1:
        return True
    return tag is not None and tag not in _NAME_TAGS


def _nickname(text: str, start: int, *, after_cue: bool = False) -> bool:
    """小雨, 阿强, 浩浩: a nickname unless the dictionary holds it as an ordinary word (小学,
    阿姨, 常常); after a relation word (女儿小海) only the plain exceptions count."""
    word = text[start : start + 2]
    if len(word) < 2 or not _NICKNAME_RE.fullmatch(word) or word in _NOT_NICKNAMES:
        return False
    if MASK_CHAR in word:
        return False
    if after_cue:
        return True
    tag = _word_tag(word)
    if word[0] == word[1] and word[0] in "户家人天年月个次处位区村组":
        return False
    if word[0] == word[1]:
        # 浩浩, 皓皓 are names; 问问, 看看, 常常 are a verb or an adverb said twice.
        return word[0] not in _SAID_TWICE and tag not in _VERB_TAGS
    if word[0] == "阿":
        return tag is None or tag not in _WORD_TAGS
    return tag is None or tag in _NAME_TAGS


def _given_name_after_cue(text: str, start: int, tokens: dict) -> int | None:
    """A given name or nickname right after a relation word: 女儿小雨, 其子浩浩, 儿子阿强,
    丈夫辉东 (two characters that make no dictionary word), 母亲娟华; after 叫 or 小名
    whatever follows (叫石头)."""
    if text[start] in _STOP_CHARS | _NOT_GIVEN_FIRST or MASK_CHAR in text[start : start + 2]:
        return None
    if text[max(0, start - 3) : start].endswith(_NAMING):
        end = start
        while (
            end < len(text)
            and end - start < 3
            and _is_cjk(text[end])
            and (end == start or text[end] not in _STOP_CHARS)
        ):
            end += 1
        return end if end - start >= 2 else None
    if text[start : start + 2] in _NOT_NICKNAMES or text[start : start + 2] in _BEFORE_SET:
        return None
    following = tokens.get(start + 1)
    if (
        following
        and following[0] - start - 1 >= 2
        and rjieba.has_word(text[start + 1 : following[0]])
    ):
        return None  # 求助人可申请: 申请 is what follows, not a name
    token = tokens.get(start)
    if token and token[1] in _NAME_TAGS and 2 <= token[0] - start <= 3:
        return token[0]
    if _nickname(text, start, after_cue=True):
        return start + 2
    word = text[start : start + 2]
    if _SEX_AGE_RE.match(text, start + 2) and all(map(_is_cjk, word)):
        return start + 2  # 我儿子胖墩，10岁: whatever stands before an age is someone
    role_after = _ROLE_AFTER_RE.match(text, start + 2) is not None
    if (
        len(word) == 2
        and all(_is_cjk(c) and c not in _STOP_CHARS for c in word)
        and not _role_at(text, start)
        and (
            _word_tag(word) in (None, "ns", "nz", "nr", "nrt", "nrfg")
            or (role_after and _word_tag(word) not in _WORD_TAGS)
        )
    ):
        return start + 2
    return None


def find(text: str, *, known_names: tuple[str, ...] = ()) -> list[Span]:
    tokens = _tagged(text)
    cue_ends = {m.end() for m in _BEFORE_RE.finditer(text)}
    said = {m.end() for m in _SAID_RE.finditer(text)}
    found: list[Span] = []
    for i, char in enumerate(text):
        if not _is_cjk(char) or (found and i < found[-1].end):
            continue
        cue = i in cue_ends
        surname = _surname_length(text, i)
        # A surname starts a word (邻居 holds the surname 居 but starts no name), unless a cue
        # says a name follows; 老张, 小李 are the surname alone.
        at_word = (cue or i in tokens) and (i == 0 or text[i - 1] not in "老小")
        relation = text[i : i + 2] in _BEFORE_SET or text[i : i + 3] in _BEFORE_SET
        if (
            surname
            and at_word
            and not relation
            and (span := _full_name(text, i, surname, cue, tokens))
        ):
            found.append(span)
            continue
        if (cue or (i in said and not surname)) and not (surname and _role_at(text, i + surname)):
            end = _given_name_after_cue(text, i, tokens)
            if end is not None:
                found.append(Span(i, end, "name", GIVEN_NAME_MASK, False))
                continue
        if (
            i in tokens
            and _nickname(text, i)
            and (i == 0 or not _is_cjk(text[i - 1]) or cue or tokens[i][0] == i + 2)
        ):
            found.append(Span(i, i + 2, "name", GIVEN_NAME_MASK, False))
    found += [
        Span(*m.span("name"), "name", GIVEN_NAME_MASK, False) for m in _NEIGHBOUR_RE.finditer(text)
    ]
    found += _listed(text, found, tokens)
    for m in _SPEAKER_RE.finditer(text):
        # A field label (住院号：, 患者姓名：, 微信：) is made of dictionary words; a name is not.
        if m.group("name") in _FIELD_LABELS:
            continue
        words = [w for w, _tag in rjieba.tag(m.group("name"))]
        if not any(len(w) >= 2 and rjieba.has_word(w) for w in words) and MASK_CHAR not in m.group(
            "name"
        ):
            found.append(Span(*m.span("name"), "name", GIVEN_NAME_MASK, False))
    for m in _ROLE_AFTER_RE.finditer(text):
        start = m.start() - 2
        word = text[start : m.start()]
        if (
            start >= 0
            and all(_is_cjk(c) for c in word)
            and not any(c in _STOP_CHARS | _NOT_GIVEN_FIRST for c in word)
            and _word_tag(word) is None
            and not rjieba.has_word(text[start - 1 : m.start()])
            and not rjieba.has_word(text[start : m.end()])
            and not any(s.start < m.start() and start < s.end for s in found)
        ):
            found.append(Span(start, m.start(), "name", GIVEN_NAME_MASK, False))
    return _everywhere(text, found, known_names)


def _listed(text: str, found: list[Span], tokens: dict) -> list[Span]:
    """Names listed after a name (签名：李蓓彩、范琛健、施策; 温坚和温德成): whoever follows a
    person in a list of people is one too."""
    listed: list[Span] = []
    ends = sorted({s.end for s in found} | {m.end() for m in _TITLED_RE.finditer(text)})
    while ends:
        end = ends.pop(0)
        m = _LIST_NEXT_RE.match(text, end)
        if not m:
            continue
        start = m.end()
        surname = _surname_length(text, start)
        span = _full_name(text, start, surname, True, tokens) if surname else None
        if span is None and not surname and m.group(0).strip()[:1] in "、→|｜":
            # In a list of people whatever stands between the separators is one (英荷, 策来);
            # after a comma the text may go on with anything (，性别女), so not there.
            item = _LIST_ITEM_RE.match(text, start)
            word = item.group(0) if item else ""
            if word and word[0] not in _STOP_CHARS | _NOT_GIVEN_FIRST and MASK_CHAR not in word:
                span = Span(start, item.end(), "name", GIVEN_NAME_MASK, False)
        if span is not None and not any(s.start == span.start for s in found + listed):
            listed.append(span)
            ends.append(span.end)
    return listed


def _full_name(text: str, i: int, surname: int, cue: bool, tokens: dict) -> Span | None:
    """A surname and one or two given-name characters at ``i``, if something says it is a
    name: a word before it (cue), a word after it, rjieba's name tag, or a rare compound
    surname (子车, 亓官). A surname that is an everyday word (和, 高, 向) needs a cue, a
    telling word after it or the name tag."""
    ended = _name_end(text, i, surname, tokens)
    if ended is None:
        return None
    end, stopped = ended
    # 张梁来，男，4岁: a third character before a sex or an age belongs to the name.
    if end == i + surname + 1 and _SEX_AGE_RE.match(text, end + 1) and _is_cjk(text[end : end + 1]):
        end = end + 1
    if text[i + surname] in _NOT_GIVEN_FIRST:
        return None  # 向他们说, 和我们
    # rjieba's name tag alone is trusted for a surname and two given characters only: it
    # tags 张罗, 齐鲁, 康复科 as names too.
    token = tokens.get(i)
    tagged = (
        token is not None
        and token[1] in _NAME_TAGS
        and token[0] == end
        and end - i >= surname + 1
        and _word_tag(text[i:end]) in (None, *_NAME_TAGS)
        and (surname == 2 or not rjieba.has_word(text[i : i + 2]))
    )
    after = _AFTER_RE.match(text, end) is not None
    rare = surname == 2 and text[i : i + 2] not in _EVERYDAY_COMPOUNDS
    if surname == 1 and text[i] in _EVERYDAY_SURNAMES and not (cue or after or tagged):
        return None
    # At the start of a sentence, three characters that make no dictionary word (章建平到村委会说).
    opening = (
        end - i - surname == 2
        and (i == 0 or text[i - 1] in "。！？!?\n：:；;")
        and _word_tag(text[i:end]) is None
        and rjieba.has_word(text[i:end]) is False
        and (surname == 2 or _word_tag(text[i : i + 2]) in (None, *_NAME_TAGS))
    )
    if not (cue or after or tagged or rare or opening):
        return None
    head_tag = _word_tag(text[i : i + 2]) if surname == 1 else None
    word_runs_on = rjieba.has_word(text[i + 2 : i + 4]) if surname == 1 else False
    if head_tag in _WORD_TAGS or (
        end - i == 3 and head_tag in ("n", "vn", "j", "l") and word_runs_on
    ):
        return None  # 平时由爷爷照顾, 书记高度重视: a word, not a surname and a name
    # A dictionary word is no name (年龄, 居委会), except a place name used as a given name
    # where a cue says a person is meant (社区主任宁阳).
    if _common_word(text, i, end, surname, cue=cue or after):
        return None
    return Span(i, end, "name", mask_name(text[i:end]), cue or stopped)


def _everywhere(text: str, found: list[Span], known_names: tuple[str, ...]) -> list[Span]:
    """Each name found once is masked wherever it appears, and so is a two-character given
    name of a found or recorded name standing alone (秀英 after 王秀英)."""
    full = {text[s.start : s.end] for s in found if s.replacement != GIVEN_NAME_MASK}
    full |= {"".join(n.split()) for n in known_names}
    given: set[str] = set()
    for name in full:
        surname = 2 if name[:2] in ALL_COMPOUND_SURNAMES and len(name) > 3 else 1
        if len(name) - surname == 2:
            given.add(name[surname:])
    given |= {text[s.start : s.end] for s in found if s.replacement == GIVEN_NAME_MASK}
    spans = list(found)
    taken = {(s.start, s.end) for s in found}
    for value in sorted(full | given, key=len, reverse=True):
        if len(value) < 2:
            continue
        replacement = mask_name(value) if value in full else GIVEN_NAME_MASK
        start = text.find(value)
        while start != -1:
            end = start + len(value)
            if (start, end) not in taken:
                spans.append(Span(start, end, "name", replacement, True))
                taken.add((start, end))
            start = text.find(value, start + 1)
    return spans
