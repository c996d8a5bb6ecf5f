"""Labelled Chinese case narratives for the anonymizer's benchmark (issue 14, item 5).

    from bench.anonymize_corpus import generate
    narratives = generate(count=400, seed=14)

    .venv/bin/python bench/anonymize_corpus.py [--count 5] [--seed 14]   # print samples

Each narrative is written the way staff write: walk-in intake notes (来访登记), 12349 hotline
summaries, grid workers' visit notes, data cross-check notes, neighbours' and village cadres'
reports, hospital and school referrals. A narrative is a header sentence of its style, 2 to 6
body sentences drawn from a pool of templates in random order and sometimes a closing one.

Every identifying span carries a label ``(start, end, kind)`` with kind in ``KINDS``, and a
flag ``household``: True for the household's own facts (what its record holds or would hold:
the members' and named contacts' names, the home address, their numbers, the members'
diagnoses and treatments, birth dates, their own accounts, car, school class and employer),
False for anyone else's (a neighbour, a doctor, a cadre, a teacher, a grid worker) and for
dates of events. ``Narrative.known`` is the ``KnownIdentifiers`` a household record would
hold, in the record's own canonical form (digits only, Arabic numerals in addresses), while
the narrative writes them as people do (spaces, dashes, full-width digits, zero-width spaces,
Chinese numerals).

Sources: surnames, given names, cities, districts and street-name patterns come from Faker's
zh_CN providers (its person and address data); village, community and estate names are
built from characters of that data; compound surnames are Faker's plus the compound surnames
of the classical 百家姓. Nothing here is taken from the anonymizer's own lists. Provinces,
cities, counties, ages, amounts, month-level dates, hospitals and the 12349 hotline number
appear unlabelled: they are not identifiers, and the benchmark measures over-redaction on them.
Deterministic for a seed (and a given Faker version).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import random
import re
import string
import sys
from collections.abc import Callable
from pathlib import Path

from faker import Faker
from faker.providers.address.zh_CN import Provider as AddressZhCN
from faker.providers.company.zh_CN import Provider as CompanyZhCN
from faker.providers.person.zh_CN import Provider as PersonZhCN

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from needs.anonymize import KnownIdentifiers

KINDS = ("name", "address", "number", "health", "date", "other")


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


@dataclasses.dataclass(frozen=True)
class Label:
    start: int
    end: int
    kind: str
    household: bool
    # Dates only: the day part (start, end) in the narrative; a date counts as caught when
    # the day part is covered, since the public text keeps the month.
    day: tuple[int, int] | None = None


@dataclasses.dataclass(frozen=True)
class Narrative:
    text: str
    labels: tuple[Label, ...]
    known: KnownIdentifiers
    style: str
    on_record: bool
    templates: tuple[str, ...]

    def label_text(self, label: Label) -> str:
        return self.text[label.start : label.end]


# ---------------------------------------------------------------------------------------------
# Material from Faker's zh_CN data
# ---------------------------------------------------------------------------------------------

_LAST = list(PersonZhCN.last_names)
_LAST_WEIGHTS = [float(w) for w in PersonZhCN.last_names.values()]
_SINGLE_SURNAMES = [s for s in _LAST if len(s) == 1]
_SINGLE_WEIGHTS = [w for s, w in zip(_LAST, _LAST_WEIGHTS, strict=True) if len(s) == 1]
# Compound surnames: the classical 百家姓's, and Faker's.
_BAIJIAXING_COMPOUND = _words(
    "万俟 司马 上官 欧阳 夏侯 诸葛 闻人 东方 赫连 皇甫 尉迟 公羊 澹台 公冶 宗政 濮阳 "
    "淳于 单于 太叔 申屠 公孙 仲孙 轩辕 令狐 钟离 宇文 长孙 慕容 鲜于 闾丘 司徒 司空 "
    "亓官 司寇 子车 颛孙 端木 巫马 公西 漆雕 乐正 壤驷 公良 拓跋 夹谷 宰父 谷梁 段干 "
    "百里 东郭 南门 呼延 羊舌 微生 梁丘 左丘 东门 西门 南宫"
)
_COMPOUND_SURNAMES = tuple(
    dict.fromkeys((*_BAIJIAXING_COMPOUND, *(s for s in _LAST if len(s) > 1)))
)
_GIVEN_MALE = list(PersonZhCN.first_names_male)
_GIVEN_FEMALE = list(PersonZhCN.first_names_female)
_CHARS_MALE = sorted({c for g in _GIVEN_MALE for c in g})
_CHARS_FEMALE = sorted({c for g in _GIVEN_FEMALE for c in g})
_NOT_IN_PLACES = set("市县区省村镇乡组号路街巷楼室栋某") | set(string.digits)
# Characters for made-up village, community, estate and shop names: Faker's districts,
# cities and given names.
_PLACE_CHARS = sorted(
    {
        c
        for word in (*AddressZhCN.districts, *AddressZhCN.cities, *PersonZhCN.first_names)
        for c in word
        if c not in _NOT_IN_PLACES
    }
)
_CITIES = [
    c
    for c in AddressZhCN.cities
    if c not in ("北京", "上海", "天津", "重庆", "香港", "澳门", "台北")
]
_DISTRICTS = list(AddressZhCN.districts)
_PROVINCES = [p for p in AddressZhCN.provinces if p[:2] not in ("台湾", "香港", "澳门")]
_COMPANY_PREFIXES = [p for p in CompanyZhCN.company_prefixes if "公司" not in p]

PROVINCE_CODES = (11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44)
PROVINCE_CODES += (45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65)
MOBILE_PREFIXES = _words(
    "130 131 132 133 134 135 136 137 138 139 147 150 151 152 153 155 156 157 158 159 "
    "166 172 173 175 176 177 178 180 181 182 183 184 185 186 187 188 189 191 198 199"
)
AREA_CODES = ("010", "022", "024", "0431", "0451", "0471", "0531", "0551", "0731", "0851")
AREA_CODES += ("0898", "0931", "0991", "028", "023", "0871", "0771", "0797", "0719")
CARD_BINS = ("622202", "621700", "622848", "621799", "623058", "622700", "621226", "622908")
BANKS = ("中国农业银行", "农村信用社", "邮政储蓄银行", "中国建设银行", "中国工商银行", "农商银行")
PLATE_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"

# ---------------------------------------------------------------------------------------------
# Health vocabulary, written from medical knowledge: diagnoses and treatments
# ---------------------------------------------------------------------------------------------

DIAGNOSES = _words(
    "尿毒症 慢性肾衰竭 肾病综合征 急性白血病 急性髓系白血病 急性淋巴细胞白血病 慢性粒细胞白血病 "
    "淋巴瘤 多发性骨髓瘤 再生障碍性贫血 肺癌晚期 肺癌 肝癌 胃癌 食管癌 结肠癌 直肠癌 胰腺癌 "
    "乳腺癌 宫颈癌 卵巢癌 鼻咽癌 甲状腺癌 膀胱癌 胆管癌 骨肉瘤 脑胶质瘤 脑梗 脑梗死 脑出血 "
    "脑溢血 冠心病 急性心肌梗死 心力衰竭 风湿性心脏病 扩张型心肌病 糖尿病 糖尿病足 高血压 "
    "肝硬化 乙肝 肺结核 慢阻肺 尘肺病 肺纤维化 系统性红斑狼疮 类风湿性关节炎 强直性脊柱炎 "
    "帕金森病 阿尔茨海默病 癫痫 重症肌无力 渐冻症 多发性硬化 精神分裂症 抑郁症 双相情感障碍 "
    "强迫症 酒精依赖 艾滋病 白内障 青光眼 视网膜脱落 股骨头坏死 腰椎间盘突出"
)
CHILD_DIAGNOSES = _words(
    "先天性心脏病 脑瘫 自闭症 地中海贫血 血友病 神经母细胞瘤 唐氏综合征 脑积水 "
    "视网膜母细胞瘤 肾母细胞瘤 急性淋巴细胞白血病 苯丙酮尿症 先天性耳聋 癫痫 "
    "注意缺陷多动障碍 进行性肌营养不良 川崎病 先天性胆道闭锁"
)
INJURIES = _words(
    "股骨骨折 腰椎骨折 胫腓骨骨折 骨盆骨折 肋骨骨折 颅脑损伤 脊髓损伤 高位截瘫 偏瘫 "
    "大面积烧伤 颅内出血 脾破裂"
)
TREATMENTS = _words(
    "透析 血液透析 腹膜透析 化疗 放疗 骨髓移植 造血干细胞移植 肾移植 肝移植 心脏搭桥 "
    "心脏支架手术 开颅手术 截肢手术 靶向治疗 免疫治疗 髋关节置换 植皮手术 气管切开 "
    "呼吸机辅助通气 胰岛素注射 电休克治疗 康复训练 人工耳蜗植入 胃造瘘"
)
WEEKLY_TREATMENTS = ("透析", "血液透析", "化疗", "康复训练", "针灸理疗", "高压氧治疗")
DRUGS = _words(
    "伊马替尼 格列卫 奥氮平 利培酮 氯氮平 胰岛素 华法林 他克莫司 环孢素 吉非替尼 奥希替尼 "
    "丙戊酸钠 左旋多巴 恩替卡韦 替诺福韦"
)

DIALECT_SUFFIXES = ("屯", "坪", "坳", "垸", "岗", "洼", "营子", "堡", "寨", "湾")
HOSPITAL_KINDS = ("人民医院", "中心医院", "第一人民医院", "中医院", "妇幼保健院")
INDUSTRIES = _words(
    "建材有限公司 物流有限公司 食品厂 服装厂 电子有限公司 家具厂 砖厂 养殖合作社 "
    "装饰工程有限公司 汽修厂 快递站 保洁服务有限公司 水泥厂 木材加工厂"
)
SHOPS = ("超市", "小卖部", "加油站", "粮站", "砖厂", "卫生室", "农资店", "修车铺", "饭店", "养猪场")

_DIG = "〇一二三四五六七八九"
_FULL = str.maketrans("0123456789", "０１２３４５６７８９")


def cn_number(n: int) -> str:
    """Chinese numerals as written in addresses and dates: 12 -> 十二, 305 -> 三百零五."""
    if n < 10:
        return _DIG[n]
    if n < 20:
        return "十" + (_DIG[n % 10] if n % 10 else "")
    if n < 100:
        return _DIG[n // 10] + "十" + (_DIG[n % 10] if n % 10 else "")
    hundreds, rest = divmod(n, 100)
    head = _DIG[hundreds] + "百"
    if rest == 0:
        return head
    if rest < 10:
        return head + "零" + _DIG[rest]
    return head + ("一" + cn_number(rest) if rest < 20 else cn_number(rest))


def full_width(text: str) -> str:
    return text.translate(_FULL)


def id_check_character(body17: str) -> str:
    """GB 11643 check character of the first 17 digits."""
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return "10X98765432"[sum(int(d) * w for d, w in zip(body17, weights, strict=True)) % 11]


def luhn_check_digit(body: str) -> str:
    total = 0
    for i, d in enumerate(reversed(body)):
        v = int(d)
        if i % 2 == 0:
            v *= 2
            if v > 9:
                v -= 9
        total += v
    return str((10 - total % 10) % 10)


def luhn_valid(number: str) -> bool:
    return luhn_check_digit(number[:-1]) == number[-1]


# ---------------------------------------------------------------------------------------------
# Pieces and people
# ---------------------------------------------------------------------------------------------

# A piece of narrative: its text, its label kind (None: not labelled), household flag and,
# for dates, the day part relative to the piece.
Piece = tuple[str, str | None, bool, tuple[int, int] | None]


def lit(text: str) -> list[Piece]:
    return [(text, None, False, None)]


def lab(text: str, kind: str, household: bool, day: tuple[int, int] | None = None) -> list[Piece]:
    return [(text, kind, household, day)]


@dataclasses.dataclass
class Person:
    surname: str
    given: str
    male: bool
    birth: dt.date
    nick: str

    @property
    def full(self) -> str:
        return self.surname + self.given

    @property
    def age(self) -> int:
        return 2026 - self.birth.year


@dataclasses.dataclass
class Address:
    """A home below county level: parts in order, each (text with {n} for a number, n)."""

    parts: list[tuple[str, int | None]]
    township: str
    village: str  # village, gacha or community
    extra_names: list[str]  # natural village, street or estate

    def render(self, rng: random.Random, start: int = 0, stop: int | None = None) -> str:
        style = rng.choices(("arabic", "chinese", "full"), (6, 3, 1))[0]
        out = []
        for text, n in self.parts[start:stop]:
            if n is None:
                out.append(text)
                continue
            if style == "chinese" and n < 100 and "室" not in text:
                num = cn_number(n)
            elif style == "full":
                num = full_width(str(n))
            else:
                num = str(n)
            out.append(text.replace("{n}", num))
        return "".join(out)

    def canonical(self) -> str:
        return "".join(t.replace("{n}", str(n)) if n is not None else t for t, n in self.parts)


class World:
    """One household and the people around it, and how to write each of their facts."""

    def __init__(self, rng: random.Random, fake: Faker, style: str, on_record: bool) -> None:
        self.rng = rng
        self.fake = fake
        self.style = style
        self.on_record = on_record
        self.province = rng.choice(_PROVINCES)
        municipal = self.province.endswith("市")
        self.city = "" if municipal else rng.choice(_CITIES) + "市"
        self.county = rng.choice(_DISTRICTS) + rng.choice(("区", "县", "县", "区", "旗"))
        self.hospital = rng.choice(
            (
                self.county + rng.choice(HOSPITAL_KINDS),
                (self.city or self.province) + rng.choice(HOSPITAL_KINDS),
                rng.choice(("县", "市", "省")) + rng.choice(HOSPITAL_KINDS),
                "乡卫生院",
            )
        )
        self.home = self._address(rural=rng.random() < 0.6)
        self.contact_home = self._address(rural=rng.random() < 0.3)

        base = dt.date(2026, 1, 1)
        app_male = rng.random() < 0.55
        self.applicant = self._person(app_male, rng.randint(24, 78), surname=None)
        sp_male = not app_male
        self.spouse = self._person(sp_male, max(22, self.applicant.age + rng.randint(-6, 6)))
        ch_age_max = max(1, min(self.applicant.age - 20, 40))
        self.children = [
            self._person(
                rng.random() < 0.5,
                # The first child is of school age: a grandchild where the applicant is old.
                rng.randint(6, min(17, ch_age_max + 6)) if i == 0 else rng.randint(1, ch_age_max),
                surname=self.applicant.surname if app_male else self.spouse.surname,
                child=True,
            )
            for i in range(rng.choice((1, 1, 2, 2, 3)))
        ]
        self.parent = self._person(
            rng.random() < 0.4,
            min(99, self.applicant.age + rng.randint(20, 32)),
            surname=self.applicant.surname if rng.random() < 0.6 else None,
        )
        self.contact = self._person(rng.random() < 0.5, self.applicant.age + rng.randint(-12, 12))
        self.contact_rel = (
            rng.choice(("弟弟", "哥哥", "表哥", "侄子", "堂弟"))
            if self.contact.male
            else rng.choice(("姐姐", "妹妹", "表妹", "侄女", "小姑子"))
        )
        if self.contact_rel in ("弟弟", "哥哥", "堂弟", "侄子", "姐姐", "妹妹", "侄女"):
            self.contact.surname = self.applicant.surname
        self.neighbours = [self._person(rng.random() < 0.5, rng.randint(30, 80)) for _ in range(2)]
        self.doctor = self._person(rng.random() < 0.5, rng.randint(30, 60))
        self.cadre = self._person(rng.random() < 0.7, rng.randint(35, 62))
        self.teacher = self._person(rng.random() < 0.3, rng.randint(25, 55))
        self.worker = self._person(rng.random() < 0.4, rng.randint(23, 50))
        self.staff = self._person(rng.random() < 0.4, rng.randint(23, 55))

        sick = rng.choice(("applicant", "spouse", "child", "parent"))
        self.patient_key = sick
        self.patient = {
            "applicant": self.applicant,
            "spouse": self.spouse,
            "child": self.children[0],
            "parent": self.parent,
        }[sick]
        self.dx = rng.choice(CHILD_DIAGNOSES if sick == "child" else DIAGNOSES)
        self.own_dx = self.dx if sick == "applicant" else rng.choice(DIAGNOSES)
        self.tx = rng.choice(TREATMENTS)
        self.event = base + dt.timedelta(days=rng.randint(-420, 330))

        self.id_numbers = {
            "applicant": self._id_number(self.applicant),
            "spouse": self._id_number(self.spouse),
            "child": self._id_number(self.children[0]),
        }
        self.mobile = rng.choice(MOBILE_PREFIXES) + "".join(rng.choices(string.digits, k=8))
        self.mobile_alt = rng.choice(MOBILE_PREFIXES) + "".join(rng.choices(string.digits, k=8))
        self.contact_mobile = rng.choice(MOBILE_PREFIXES) + "".join(rng.choices(string.digits, k=8))
        self.area = rng.choice(AREA_CODES)
        local_len = 8
        self.landline = (
            self.area
            + "-"
            + str(rng.randint(2, 8))
            + "".join(rng.choices(string.digits, k=local_len - 1))
        )
        self.neighbour_mobile = rng.choice(MOBILE_PREFIXES) + "".join(
            rng.choices(string.digits, k=8)
        )
        self.cadre_mobile = rng.choice(MOBILE_PREFIXES) + "".join(rng.choices(string.digits, k=8))
        card_len = rng.choice((16, 19, 19))
        body = rng.choice(CARD_BINS)
        body += "".join(rng.choices(string.digits, k=card_len - 1 - len(body)))
        self.card = body + luhn_check_digit(body)
        self.bank = rng.choice(BANKS)
        self.hospital_no = rng.choice(
            (
                f"ZY{rng.randint(2019, 2026)}-{rng.randint(1, 99999):05d}",
                f"{rng.randint(2019, 2026)}{rng.randint(0, 999999):06d}",
                f"{rng.choice('ABMZ')}{rng.randint(100000, 9999999)}",
                f"{rng.randint(10000000, 99999999)}",
                f"BA{rng.randint(100000, 999999)}",
            )
        )
        self.disability_no = (
            self.id_numbers["applicant"] + str(rng.randint(1, 7)) + str(rng.randint(1, 4))
        )
        county_code = self.id_numbers["applicant"][:6]
        self.dibao_no = rng.choice(
            (
                f"{county_code}{rng.randint(2015, 2026)}{rng.randint(1, 9999):04d}",
                f"DB{county_code}{rng.randint(1, 99999):05d}",
                f"{county_code}-{rng.randint(2015, 2026)}-{rng.randint(1, 99999):05d}",
            )
        )
        self.wechat = rng.choice(
            (
                "wxid_" + "".join(rng.choices(string.ascii_lowercase + string.digits, k=14)),
                fake.user_name() + str(rng.randint(1, 99)),
                fake.user_name() + "_" + str(self.applicant.birth.year),
            )
        )
        self.qq = str(rng.randint(10000, 3999999999))
        self.email = rng.choice(
            (
                f"{fake.user_name()}@{rng.choice(('163.com', '126.com', 'sina.com', '139.com'))}",
                f"{self.qq}@qq.com",
                fake.free_email(),
            )
        )
        self.plate = self._plate()
        self.neighbour_plate = self._plate()
        self.cadre_wechat = fake.user_name() + str(rng.randint(60, 99))
        self.employer = self._employer()
        self.neighbour_employer = self._employer()
        self.url = rng.choice(
            (
                f"https://{fake.domain_name()}/p/{self._token(8)}",
                f"http://m.{fake.domain_name()}/cf/{rng.randint(100000, 9999999)}",
                f"https://t.cn/{self._token(7)}",
                f"www.{fake.domain_name()}/help/{self._token(6)}",
            )
        )
        self.landmark = self._place_word() + rng.choice(SHOPS)
        self.school_class = self._school_class(self.children[0])
        self.caller = rng.choice(("self", "contact", "neighbour"))
        self.mentioned_dates: list[dt.date] = []

    # -- building blocks ----------------------------------------------------------------------

    def _token(self, k: int) -> str:
        return "".join(self.rng.choices(string.ascii_letters + string.digits, k=k))

    def _place_word(self) -> str:
        return "".join(self.rng.sample(_PLACE_CHARS, 2))

    def _person(
        self, male: bool, age: int, surname: str | None = None, child: bool = False
    ) -> Person:
        rng = self.rng
        if surname is None:
            if rng.random() < 0.1:
                surname = rng.choice(_COMPOUND_SURNAMES)
            else:
                surname = rng.choices(_SINGLE_SURNAMES, _SINGLE_WEIGHTS)[0]
        pool = _GIVEN_MALE if male else _GIVEN_FEMALE
        chars = _CHARS_MALE if male else _CHARS_FEMALE
        composed = child or rng.random() < 0.35
        given = "".join(rng.sample(chars, 2)) if composed else rng.choice(pool)
        if len(given) == 1:
            nick = rng.choice(("阿", "小")) + given
        else:
            nick = rng.choice(("小" + given[-1], given[-1] * 2, "阿" + given[-1]))
        year = 2026 - age
        birth = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
        return Person(surname, given, male, birth, nick)

    def _id_number(self, person: Person) -> str:
        rng = self.rng
        area = f"{rng.choice(PROVINCE_CODES)}{rng.randint(1, 20):02d}{rng.randint(1, 30):02d}"
        sex = rng.choice("13579" if person.male else "02468")
        body = area + person.birth.strftime("%Y%m%d") + f"{rng.randint(0, 99):02d}" + sex
        return body + id_check_character(body)

    def _address(self, rural: bool) -> Address:
        rng = self.rng
        w = self._place_word
        parts: list[tuple[str, int | None]] = []
        extra: list[str] = []
        if rural:
            gacha = rng.random() < 0.12
            township = w() + ("苏木" if gacha else rng.choice(("镇", "乡", "镇")))
            village = w() + ("嘎查" if gacha else "村")
            parts += [(township, None), (village, None)]
            shape = rng.choice(("group", "group", "natural", "natural_no", "she", "small_group"))
            if shape == "natural" or shape == "natural_no":
                surname = rng.choices(_SINGLE_SURNAMES, _SINGLE_WEIGHTS)[0]
                natural = rng.choice((surname + "家", w())) + rng.choice(DIALECT_SUFFIXES)
                extra.append(natural)
                parts.append((natural, None))
                if shape == "natural":
                    parts.append(("{n}号", rng.randint(1, 88)))
            elif shape == "she":
                parts.append(("{n}社", rng.randint(1, 12)))
                if rng.random() < 0.5:
                    parts.append(("{n}号", rng.randint(1, 60)))
            elif shape == "small_group":
                parts.append(("第{n}村民小组", rng.randint(1, 15)))
            else:
                parts.append(("{n}组", rng.randint(1, 15)))
                parts.append(("{n}号", rng.randint(1, 120)))
        else:
            township = w() + "街道"
            village = w() + rng.choice(("社区", "社区", "居委会"))
            parts += [(township, None), (village, None)]
            shape = rng.choice(("street", "estate", "estate", "lane", "tower"))
            if shape == "street":
                street = rng.choice((rng.choice(_CITIES), rng.choice(_SINGLE_SURNAMES), w()))
                street += rng.choice(("路", "街", "大街", "巷", "胡同"))
                extra.append(street)
                parts.append((street, None))
                parts.append(("{n}号", rng.randint(1, 399)))
                if rng.random() < 0.4:
                    parts.append(("{n}号楼", rng.randint(1, 30)))
                    parts.append(("{n}室", rng.randint(1, 6) * 100 + rng.randint(1, 4)))
            elif shape == "lane":
                street = rng.choice((rng.choice(_CITIES), w())) + "路"
                extra.append(street)
                parts += [(street, None), ("{n}弄", rng.randint(1, 999))]
                parts += [("{n}号", rng.randint(1, 80)), ("{n}室", rng.randint(101, 604))]
            elif shape == "tower":
                estate = w() + "大厦"
                extra.append(estate)
                parts += [(estate, None), ("{n}楼", rng.randint(2, 30))]
                parts.append(("{n}室", rng.randint(1, 30) * 100 + rng.randint(1, 12)))
            else:
                estate = w() + rng.choice(("小区", "苑", "花园", "家园", "小区"))
                extra.append(estate)
                parts.append((estate, None))
                parts.append((rng.choice(("{n}栋", "{n}幢", "{n}号楼")), rng.randint(1, 40)))
                parts.append(("{n}单元", rng.randint(1, 6)))
                parts.append(("{n}室", rng.randint(1, 18) * 100 + rng.randint(1, 4)))
        return Address(parts, township, village, extra)

    def _plate(self) -> str:
        rng = self.rng
        head = rng.choice(PLATE_PROVINCES) + rng.choice("ABCDEFGHJK")
        tail = "".join(rng.choices(string.digits, k=4)) + rng.choice(string.digits + "ABCDX")
        if rng.random() < 0.2:
            tail = rng.choice("DF") + "".join(rng.choices(string.digits, k=5))
        return head + rng.choice(("·", "", "-", " ")) + tail

    def _employer(self) -> str:
        rng = self.rng
        head = rng.choice((rng.choice(_COMPANY_PREFIXES), self._place_word()))
        return head + rng.choice(INDUSTRIES)

    def _school_class(self, child: Person) -> str:
        rng = self.rng
        place = rng.choice((self.home.township[:-1] if len(self.home.township) > 2 else "", ""))
        place = place or self._place_word()
        if child.age <= 12:
            school = place + rng.choice(("实验小学", "中心小学", "第二小学", "希望小学", "小学"))
            grade = cn_number(max(1, min(6, child.age - 6))) + "年级"
        else:
            school = place + rng.choice(("中学", "第一中学", "初级中学", "民族中学"))
            grade = rng.choice(("初", "高")) + cn_number(rng.randint(1, 3))
        k = rng.randint(1, 12)
        klass = rng.choice((cn_number(k) + "班", f"({k})班", f"（{k}）班", f"{k}班"))
        return school + grade + klass

    # -- rendering helpers ---------------------------------------------------------------------

    def fmt_id(self, number: str) -> str:
        rng = self.rng
        shape = rng.choices(
            ("plain", "x", "space684", "space4", "zwsp", "full"), (8, 1, 2, 1, 2, 1)
        )
        shape = shape[0]
        if shape == "x":
            return number[:-1] + number[-1].lower()
        if shape == "space684":
            return f"{number[:6]} {number[6:14]} {number[14:]}"
        if shape == "space4":
            return " ".join((number[:6], number[6:10], number[10:14], number[14:]))
        if shape == "zwsp":
            cuts = sorted(rng.sample(range(1, 18), rng.randint(1, 3)))
            pieces = [number[i:j] for i, j in zip([0, *cuts], [*cuts, 18], strict=True)]
            return "\u200b".join(pieces)
        if shape == "full":
            return full_width(number)
        return number

    def fmt_mobile(self, number: str) -> list[Piece]:
        rng, hh = self.rng, True
        shape = rng.choices(("plain", "dash", "space", "cc", "full", "zwsp"), (8, 2, 2, 1, 1, 1))
        shape = shape[0]
        if shape == "dash":
            return lab(f"{number[:3]}-{number[3:7]}-{number[7:]}", "number", hh)
        if shape == "space":
            return lab(f"{number[:3]} {number[3:7]} {number[7:]}", "number", hh)
        if shape == "cc":
            return lit(rng.choice(("+86 ", "+86-", "86-", "（+86）"))) + lab(number, "number", hh)
        if shape == "full":
            return lab(full_width(number), "number", hh)
        if shape == "zwsp":
            return lab(number[:3] + "\u200b" + number[3:7] + "\u200b" + number[7:], "number", hh)
        return lab(number, "number", hh)

    def fmt_landline(self, number: str) -> str:
        area, local = number.split("-")
        shape = self.rng.choice(("dash", "space", "paren", "fullparen", "local", "dash"))
        if shape == "space":
            return f"{area} {local[:4]} {local[4:]}"
        if shape == "paren":
            return f"({area}){local}"
        if shape == "fullparen":
            return f"（{area}）{local}"
        if shape == "local":
            return local
        return number

    def fmt_card(self, number: str) -> str:
        shape = self.rng.choice(("plain", "plain", "space4", "full", "dash4"))
        if shape == "space4":
            return " ".join(number[i : i + 4] for i in range(0, len(number), 4))
        if shape == "dash4":
            return "-".join(number[i : i + 4] for i in range(0, len(number), 4))
        if shape == "full":
            return full_width(number)
        return number

    def fmt_date(self, d: dt.date, birth: bool = False) -> tuple[str, int]:
        """A date as staff write it and where its day part starts (it runs to the end)."""
        rng = self.rng
        shapes = (
            ("ymd", "cn_ymd", "dot", "iso")
            if birth
            else (
                "md",
                "md",
                "ymd",
                "ymd",
                "cn_md",
                "cn_ymd",
                "hao",
                "md_hao",
                "iso",
                "dot",
                "slash",
            )
        )
        shape = rng.choice(shapes)
        y, m, day = d.year, d.month, d.day
        if shape == "md":
            tail = f"{day}日"
            text = f"{m}月" + tail
        elif shape == "ymd":
            tail = f"{day}日"
            text = f"{y}年{m}月" + tail
        elif shape == "cn_md":
            tail = cn_number(day) + "日"
            text = cn_number(m) + "月" + tail
        elif shape == "cn_ymd":
            tail = cn_number(day) + rng.choice(("日", "号"))
            text = "".join(_DIG[int(c)] for c in str(y)) + "年" + cn_number(m) + "月" + tail
        elif shape == "hao":
            tail = f"{day}号"
            text = tail
        elif shape == "md_hao":
            tail = f"{day}号"
            text = f"{m}月" + tail
        elif shape == "iso":
            tail = f"{day:02d}"
            text = f"{y}-{m:02d}-" + tail
        elif shape == "dot":
            tail = str(day)
            text = f"{y}.{m}." + tail
        else:
            tail = f"{day:02d}"
            text = f"{y}/{m:02d}/" + tail
        return text, len(text) - len(tail)

    def date_piece(self, d: dt.date, household: bool = False, birth: bool = False) -> list[Piece]:
        text, day_start = self.fmt_date(d, birth=birth)
        prefix: list[Piece] = []
        if text.endswith("号") and "月" not in text:
            prefix = lit(self.rng.choice(("本月", "上月", "这个月", "")))
        self.mentioned_dates.append(d)
        return prefix + lab(text, "date", household, (day_start, len(text)))

    def name_piece(self, p: Person, household: bool, form: str = "any") -> list[Piece]:
        """A person's name: full, given name only, nickname, or the unlabelled masked forms."""
        rng = self.rng
        if form == "any":
            form = rng.choices(("full", "given", "nick", "mou"), (6, 2, 2, 1))[0]
        if form == "given" and len(p.given) < 2:
            form = "nick"
        if form == "full":
            return lab(p.full, "name", household)
        if form == "given":
            return lab(p.given, "name", household)
        if form == "nick":
            return lab(p.nick, "name", household)
        return lit(p.surname + rng.choice(("某", "某某", "某")))

    def titled(self, p: Person, title: str, household: bool = False) -> list[Piece]:
        """A title and a name (村支书欧阳建国), or the surname and title only (王书记)."""
        if self.rng.random() < 0.15:
            return lit(p.surname + self.rng.choice(("书记", "主任", "医生", "老师", "大夫")))
        return lit(title) + self.name_piece(p, household, form="full")

    def address_piece(self, a: Address, household: bool, region: bool, start: int = 0) -> list:
        prefix = ""
        if region:
            prefix = self.rng.choice(
                (self.province + self.city + self.county, self.city + self.county, self.county)
            )
        return lit(prefix) + lab(a.render(self.rng, start), "address", household)

    def rel(self, p: Person) -> str:
        if p is self.spouse:
            return self.rng.choice(("妻子", "爱人", "老伴") if not p.male else ("丈夫", "爱人"))
        if p in self.children:
            if self.applicant.age - p.age > 45:
                return "孙子" if p.male else "孙女"
            return "儿子" if p.male else "女儿"
        if p is self.parent:
            return self.rng.choice(("父亲", "老父亲") if p.male else ("母亲", "老母亲"))
        return ""

    def age_text(self, age: int) -> str:
        return self.rng.choice((f"{age}岁", f"{age}岁", f"{cn_number(age)}岁", f"{age}周岁"))

    def amount(self, small: bool = False) -> str:
        rng = self.rng
        if small:
            return rng.choice(
                (f"{rng.randint(3, 40) * 50}元", f"{rng.randint(2, 15) * 100}多元", "五百元")
            )
        return rng.choice(
            (
                f"{rng.randint(2, 40)}万元",
                f"{rng.randint(10, 300) / 10:.1f}万元",
                f"{rng.randint(1, 9) * 1000 + rng.randint(0, 9) * 100}元",
                f"{cn_number(rng.randint(2, 30))}万多元",
                f"近{rng.randint(3, 50)}万元",
            )
        )

    # -- the known record ----------------------------------------------------------------------

    def known(self) -> KnownIdentifiers:
        members = (self.applicant, self.spouse, *self.children, self.parent)
        addresses = [self.home.township, self.home.village, *self.home.extra_names]
        addresses.append(self.home.canonical())
        return KnownIdentifiers(
            names=tuple(p.full for p in (*members, self.contact)),
            id_numbers=tuple(self.id_numbers.values()),
            phones=(self.mobile, self.mobile_alt, self.landline, self.contact_mobile),
            addresses=tuple(dict.fromkeys(addresses)),
            bank_cards=(self.card,),
            hospital_record_numbers=(self.hospital_no,),
            document_numbers=(self.disability_no, self.dibao_no),
            birth_dates=tuple(p.birth for p in members),
        )


# ---------------------------------------------------------------------------------------------
# Slots: what a {placeholder} in a template becomes
# ---------------------------------------------------------------------------------------------


def _applicant_ref(w: World) -> list[Piece]:
    roll = w.rng.random()
    if roll < 0.45:
        return w.name_piece(w.applicant, True, "full")
    if roll < 0.6:
        return lit(w.applicant.surname + "某")
    if roll < 0.75:
        return lit(w.rng.choice(("户主", "该户户主", "当事人", "求助人")))
    if roll < 0.9:
        return w.name_piece(w.applicant, True, "nick")
    return w.name_piece(w.applicant, True, "given")


def _member(w: World, p: Person, forms=("full", "given", "nick")) -> list[Piece]:
    return lit(w.rel(p)) + w.name_piece(p, True, w.rng.choice(forms))


def _patient(w: World) -> list[Piece]:
    if w.patient is w.applicant:
        return lit("户主") + (
            w.name_piece(w.applicant, True, "full") if w.rng.random() < 0.5 else []
        )
    return _member(w, w.patient)


def _dx_phrase(w: World, own: bool = False) -> list[Piece]:
    verb = w.rng.choice(("患有", "确诊", "查出", "得了", "被诊断为", "患"))
    return lit(verb) + lab(w.own_dx if own else w.dx, "health", True)


def _neighbour(w: World) -> list[Piece]:
    n = w.neighbours[0]
    roll = w.rng.random()
    if roll < 0.55:
        return w.name_piece(n, False, "full")
    if roll < 0.7:
        return w.name_piece(n, False, "nick")
    if roll < 0.85:
        return lit(n.surname + w.rng.choice(("大爷", "大娘", "婶", "大姐", "师傅", "奶奶")))
    return lit(n.surname + "某")


def _cadre_titles(w: World) -> tuple[str, ...]:
    if w.home.village.endswith("嘎查"):
        return ("嘎查达", "嘎查书记", "妇女主任")
    if w.home.village.endswith("村"):
        return ("村支书", "村主任", "村会计", "妇女主任")
    return ("社区书记", "社区主任", "居委会主任", "网格长")


def _caller(w: World) -> list[Piece]:
    if w.caller == "self":
        return w.name_piece(w.applicant, True, "full") + lit("本人")
    if w.caller == "contact":
        return w.name_piece(w.contact, True, "full") + lit(f"（户主{w.contact_rel}）")
    return w.name_piece(w.neighbours[1], False, "full") + lit("（邻居）")


def _caller_phone(w: World) -> list[Piece]:
    if w.caller == "self":
        return w.fmt_mobile(w.mobile)
    if w.caller == "contact":
        return w.fmt_mobile(w.contact_mobile)
    return [(t, k, False, d) for t, k, _h, d in w.fmt_mobile(w.neighbour_mobile)]


def _neighbour_addr(w: World) -> list[Piece]:
    rng = w.rng
    shape = rng.choice(("same", "next", "village"))
    rural = w.home.village.endswith(("村", "嘎查"))
    if shape == "same" and rural:
        return lit("同组") + lab(f"{rng.randint(1, 99)}号", "address", False)
    if shape == "same":
        room = rng.randint(1, 18) * 100 + rng.randint(1, 4)
        return lit("同楼") + lab(f"{room}室", "address", False)
    if shape == "next":
        return lit("隔壁") + lab(f"{cn_number(rng.randint(1, 60))}号", "address", False)
    parts: list[tuple[str, int | None]] = [(w.home.village, None)]
    if rural:
        parts += [("{n}组", rng.randint(1, 12)), ("{n}号", rng.randint(1, 90))]
    else:
        parts += [("{n}号楼", rng.randint(1, 30)), ("{n}室", rng.randint(101, 1804))]
    other = Address(parts, w.home.township, w.home.village, [])
    return lab(other.render(rng), "address", False)


def _accident_place(w: World) -> list[Piece]:
    rng = w.rng
    a = rng.choice(_CITIES) + rng.choice(("路", "街", "大道"))
    b = w._place_word() + rng.choice(("路", "街"))
    return lit(w.county if rng.random() < 0.4 else "") + lab(f"{a}与{b}交叉口", "address", False)


def _other_hh(w: World, attr: str) -> list[Piece]:
    return lab(getattr(w, attr), "other", True)


def _date(w: World) -> list[Piece]:
    shift = 0 if w.rng.random() < 0.5 else w.rng.randint(-40, 40)
    return w.date_piece(w.event + dt.timedelta(days=shift))


def _date2(w: World) -> list[Piece]:
    return w.date_piece(w.event + dt.timedelta(days=w.rng.randint(3, 90)))


def _month(w: World) -> list[Piece]:
    d = w.event - dt.timedelta(days=w.rng.randint(30, 300))
    return lit(w.rng.choice((f"{d.year}年{d.month}月", f"去年{d.month}月", f"{d.month}月份")))


SLOTS: dict[str, Callable[[World], list[Piece]]] = {
    # names
    "applicant": lambda w: w.name_piece(w.applicant, True, "full"),
    "applicant_ref": _applicant_ref,
    "spouse": lambda w: _member(w, w.spouse),
    "spouse_given": lambda w: w.name_piece(w.spouse, True, w.rng.choice(("given", "nick"))),
    "child": lambda w: _member(w, w.rng.choice(w.children)),
    "child0": lambda w: _member(w, w.children[0]),
    "child_full": lambda w: _member(w, w.children[0], ("full",)),
    "child_name": lambda w: w.name_piece(w.children[0], True, "full"),
    "child_given": lambda w: w.name_piece(w.children[0], True, w.rng.choice(("given", "nick"))),
    "parent": lambda w: _member(w, w.parent, ("full", "full", "given")),
    "patient": _patient,
    "contact": lambda w: lit(w.contact_rel) + w.name_piece(w.contact, True, "full"),
    "neighbour": _neighbour,
    "neighbour_full": lambda w: w.name_piece(w.neighbours[0], False, "full"),
    "neighbour_nick": lambda w: w.name_piece(w.neighbours[1], False, "nick"),
    "doctor": lambda w: w.titled(w.doctor, w.rng.choice(("主治医生", "医生", "主任医师", "大夫"))),
    "cadre": lambda w: w.titled(w.cadre, w.rng.choice(_cadre_titles(w))),
    "teacher": lambda w: w.titled(w.teacher, w.rng.choice(("班主任", "老师", "校长"))),
    "worker": lambda w: lit("网格员") + w.name_piece(w.worker, False, "full"),
    "staff": lambda w: w.name_piece(w.staff, False, "full"),
    "caller": _caller,
    # addresses
    "home": lambda w: w.address_piece(w.home, True, region=True),
    "home_tail": lambda w: w.address_piece(w.home, True, region=False),
    "home_short": lambda w: w.address_piece(w.home, True, region=False, start=1),
    "village": lambda w: lab(w.home.village, "address", True),
    "township": lambda w: (
        lit(w.county if w.rng.random() < 0.5 else "") + lab(w.home.township, "address", True)
    ),
    "landmark": lambda w: (
        lab(w.landmark, "address", False)
        + lit(w.rng.choice(("对面", "旁边", "后面", "东边", "斜对面", "后头")))
    ),
    "neighbour_addr": _neighbour_addr,
    "contact_addr": lambda w: (
        lit(w.rng.choice(_CITIES) + "市") + lab(w.contact_home.render(w.rng), "address", False)
    ),
    "accident_place": _accident_place,
    # numbers
    "id": lambda w: lab(w.fmt_id(w.id_numbers["applicant"]), "number", True),
    "spouse_id": lambda w: lab(w.fmt_id(w.id_numbers["spouse"]), "number", True),
    "child_id": lambda w: lab(w.fmt_id(w.id_numbers["child"]), "number", True),
    "phone": lambda w: w.fmt_mobile(w.mobile),
    "phone_alt": lambda w: w.fmt_mobile(w.mobile_alt),
    "contact_phone": lambda w: w.fmt_mobile(w.contact_mobile),
    "caller_phone": _caller_phone,
    "landline": lambda w: lab(w.fmt_landline(w.landline), "number", True),
    "neighbour_phone": lambda w: [
        (t, k, False, d) for t, k, _h, d in w.fmt_mobile(w.neighbour_mobile)
    ],
    "cadre_phone": lambda w: [(t, k, False, d) for t, k, _h, d in w.fmt_mobile(w.cadre_mobile)],
    "card": lambda w: lab(w.fmt_card(w.card), "number", True),
    "hospital_no": lambda w: lab(w.hospital_no, "number", True),
    "disability_no": lambda w: lab(w.disability_no, "number", True),
    "dibao_no": lambda w: lab(w.dibao_no, "number", True),
    # health
    "dx": lambda w: lab(w.dx, "health", True),
    "dx_phrase": _dx_phrase,
    "own_dx": lambda w: lab(w.own_dx, "health", True),
    "own_dx_phrase": lambda w: _dx_phrase(w, own=True),
    "tx": lambda w: lab(w.tx, "health", True),
    "tx_weekly": lambda w: lab(w.rng.choice(WEEKLY_TREATMENTS), "health", True),
    "drug": lambda w: lab(w.rng.choice(DRUGS), "health", True),
    "injury": lambda w: lab(w.rng.choice(INJURIES), "health", True),
    "child_dx": lambda w: lab(w.rng.choice(CHILD_DIAGNOSES), "health", True),
    "parent_dx": lambda w: lab(w.rng.choice(DIAGNOSES), "health", True),
    "neighbour_dx": lambda w: lab(w.rng.choice(DIAGNOSES), "health", False),
    # dates
    "date": _date,
    "date2": _date2,
    "birth": lambda w: w.date_piece(w.applicant.birth, household=True, birth=True),
    "parent_birth": lambda w: w.date_piece(w.parent.birth, household=True, birth=True),
    # other
    "wechat": lambda w: _other_hh(w, "wechat"),
    "qq": lambda w: _other_hh(w, "qq"),
    "email": lambda w: _other_hh(w, "email"),
    "plate": lambda w: _other_hh(w, "plate"),
    "school_class": lambda w: _other_hh(w, "school_class"),
    "employer": lambda w: _other_hh(w, "employer"),
    "url": lambda w: _other_hh(w, "url"),
    "neighbour_employer": lambda w: lab(w.neighbour_employer, "other", False),
    "neighbour_plate": lambda w: lab(w.neighbour_plate, "other", False),
    "cadre_wechat": lambda w: lab(w.cadre_wechat, "other", False),
    # not identifiers (left in the public text)
    "age": lambda w: lit(w.age_text(w.applicant.age)),
    "child_age": lambda w: lit(w.age_text(w.children[0].age)),
    "parent_age": lambda w: lit(w.age_text(w.parent.age)),
    "gender": lambda w: lit("男" if w.applicant.male else "女"),
    "amount": lambda w: lit(w.amount()),
    "amount_small": lambda w: lit(w.amount(small=True)),
    "county": lambda w: lit(w.county),
    "city": lambda w: lit(w.city or w.province),
    "region": lambda w: lit(w.province + w.city + w.county),
    "hospital": lambda w: lit(w.hospital),
    "bank": lambda w: lit(w.bank),
    "month": _month,
    "family_size": lambda w: lit(
        "一家" + cn_number(2 + len(w.children) + (w.rng.random() < 0.5)) + "口"
    ),
    "months": lambda w: lit(w.rng.choice(("三个月", "半年", "两个多月", "一年多", "十来天"))),
    "pct": lambda w: lit(f"{w.rng.randint(3, 9) * 10}%"),
    "land": lambda w: lit(w.rng.choice(("3亩", "五亩", "两亩半", "1.5亩", "十亩"))),
    "record_phrase": lambda w: lit(
        w.rng.choice(
            ("已在低保系统中登记", "已纳入特困供养", "有在册记录", "曾于前年申请过临时救助")
        )
        if w.on_record
        else w.rng.choice(("暂无记录", "未查到在册信息", "不在低保名单内", "尚未建档"))
    ),
    "trouble": lambda w: lit(
        w.rng.choice(
            (
                "生活十分困难",
                "因病致贫",
                "房屋漏雨无钱修缮",
                "孩子面临辍学",
                "主要劳动力病倒",
                "断了收入来源",
                "冬季取暖困难",
            )
        )
    ),
}


# ---------------------------------------------------------------------------------------------
# Templates: headers by style, a pool of body sentences, closings
# ---------------------------------------------------------------------------------------------

HEADERS: dict[str, tuple[str, ...]] = {
    "intake": (
        "{date}上午，{applicant}（{gender}，{age}）到{township}便民服务中心来访登记，现住{home}。",
        "来访登记：姓名{applicant}，性别{gender}，年龄{age}，身份证号{id}，联系电话{phone}，"
        "住址{home}。",
        "{applicant}于{date}来{county}民政局窗口求助，自称家住{home_tail}，{family_size}。",
    ),
    "hotline": (
        "12349热线{date}来电：来电人{caller}，来电号码{caller_phone}，反映{applicant}家{trouble}。",
        "12349热线来电人{caller}反映，住在{home}的{applicant}（{age}）{trouble}，希望政府帮一把。",
        "12349热线工单：{date}接到来电反映，{home_short}有一户{trouble}，户主{applicant}，{age}。",
    ),
    "visit": (
        "{worker}于{date}走访{home}，见到户主{applicant}，{age}，{trouble}。",
        "{date}，{worker}入户走访发现，{applicant}{family_size}，住在{landmark}的平房里。",
    ),
    "crosscheck": (
        "数据比对发现，{applicant}（身份证号{id}）{month}起无社保缴费记录，家庭收入明显下降。",
        "比对发现：{county}医保结算数据显示{applicant}于{date}在{hospital}住院，"
        "住院号{hospital_no}，自付费用{amount}。",
    ),
    "neighbour": (
        "邻居{neighbour_full}反映，住在{landmark}的{applicant}家{trouble}，已经{months}没见人出门。",
        "{neighbour}到村委会说，{applicant}家{patient}{dx_phrase}，家里就剩{child}一个人照顾。",
    ),
    "cadre": (
        "{cadre}介绍，{applicant}家住{home_short}，{trouble}。",
        "{village}{cadre}电话反映，本村{applicant}（{age}）{own_dx_phrase}，{trouble}。",
    ),
    "referral": (
        "{hospital}医务社工转介：患者{applicant}，{gender}，{age}，住院号{hospital_no}，"
        "诊断为{own_dx}，{doctor}建议{tx}。",
        "{school_class}{teacher}反映，学生{child_name}近期经常缺课，家里{trouble}。",
    ),
}

BODY: tuple[str, ...] = (
    "户主{applicant}，{age}，联系电话{phone}。",
    "其身份证号为{id}。",
    "身份证号码：{id}，户籍地址{home}。",
    "家庭住址：{home}。",
    "现住{home_tail}，每月房租{amount_small}。",
    "{patient}{dx_phrase}，需要{tx}，每月医药费约{amount_small}。",
    "{child0}今年{child_age}，在{school_class}读书。",
    "{child}平时由爷爷奶奶照顾。",
    "其{contact}在{city}打工，电话{contact_phone}，偶尔寄钱回家。",
    "紧急联系人：{contact}，{contact_phone}。",
    "邻居{neighbour}说，{applicant_ref}平时靠捡废品为生。",
    "住在{neighbour_addr}的邻居{neighbour_full}，电话{neighbour_phone}，愿意帮忙照看。",
    "{doctor}说病人需要{tx}，费用约{amount}。",
    "{date}在{hospital}确诊{dx}，{date2}开始{tx}。",
    "目前每周{tx_weekly}三次，每次花费{amount_small}。",
    "已在{hospital}做了{{两|三|五|六}}次{tx}，医保报销后自付{amount}。",
    "银行卡号{card}，开户行{bank}。",
    "救助金请打入{applicant}名下的{bank}卡，卡号{card}。",
    "残疾证号{disability_no}，已享受两项补贴。",
    "该户已纳入低保，低保证号{dibao_no}，每月领取{amount_small}。",
    "经查，该户在{county}系统中{record_phrase}。",
    "{applicant_ref}的微信号是{wechat}，可通过微信联系。",
    "家属QQ：{qq}，邮箱{email}。",
    "家里有一辆旧面包车，车牌号{plate}，已{months}未开。",
    "{spouse}原在{employer}打工，{date}受伤后失业。",
    "{applicant_ref}之前在{employer}上班，月收入约{amount_small}。",
    "亲友已在网上发起筹款，链接{url}。",
    "{cadre}表示村里会协助办理材料。",
    "{cadre}的电话是{cadre_phone}。",
    "{teacher}说{child_given}成绩很好，但家里可能供不起。",
    "{parent}，{parent_age}，患{parent_dx}多年，常年卧床。",
    "{applicant_ref}出生于{birth}，今年{age}。",
    "{parent}{parent_birth}出生，身体一直不好。",
    "住院号：{hospital_no}，在{hospital}治疗。",
    "另据了解，{neighbour}自己也患有{neighbour_dx}，帮不上忙。",
    "{neighbour_full}在{neighbour_employer}上班，{date}曾借给该户{amount_small}。",
    "家住{landmark}，门口有一棵大槐树。",
    "{date}下午，{applicant_ref}在{accident_place}摔倒，造成{injury}。",
    "{applicant_ref}{date}因{own_dx}住进{hospital}，至今已花费{amount}。",
    "医生建议尽快进行{tx}，预计费用{amount}。",
    "{family_size}全靠{spouse}打零工维持生活。",
    "来电号码：{phone}（{applicant_ref}本人）。",
    "另留有座机{landline}。",
    "{applicant_ref}另有一个号码{phone_alt}，平时不常用。",
    "{contact}住在{contact_addr}，每月来看一次。",
    "{child_full}的身份证号是{child_id}。",
    "{applicant_ref}说{patient}{date}查出{dx}，医生让每周{tx_weekly}两次。",
    "{applicant_ref}自述{age}，{own_dx_phrase}多年，一直服用{drug}。",
    "{date}村委会组织募捐，共筹得{amount}。",
    "{township}民政办已于{date}受理。",
    "{hospital}的{doctor}出具了诊断证明：{dx}。",
    "家中有{land}地、两头牛，年收入不足{amount}。",
    "与{neighbour_nick}家相邻，{neighbour_nick}常来送饭。",
    "{worker}于{date}再次回访，{applicant_ref}情况{{稳定|有所好转|更加困难}}。",
    "{child0}今年{child_age}，患有{child_dx}，需要{tx}。",
    "户籍在{village}，现居{home}。",
    "{applicant}的手机{phone}常打不通，可联系{contact}：{contact_phone}。",
    "孩子在{school_class}上学，{teacher}多次家访。",
    "病案号{hospital_no}，{date}入院，{date2}出院。",
    "{applicant_ref}在{employer}做保洁，{date}被辞退。",
    "邻居{neighbour_full}家住{neighbour_addr}，是最先发现情况的人。",
    "{cadre}的微信{cadre_wechat}，可以拉群沟通。",
    "{applicant_ref}的邮箱是{email}，材料已发送。",
    "经核实，{applicant}名下有小型汽车一辆（{plate}），已报废。",
    "邻居{neighbour_full}的车（{neighbour_plate}）{date}送病人去了医院。",
    "{spouse}的身份证号{spouse_id}，{month}外出务工至今未归。",
    "{applicant_ref}{{早年|前些年|三年前}}因{injury}落下残疾，{date}又查出{own_dx}。",
    "住{home_short}，离{township}政府约{{5|八|十二}}公里。",
    "{patient}{dx_phrase}，{month}开始{tx}，花费{amount}。",
    "QQ号{qq}，平时用来和孩子视频。",
)

CLOSINGS: tuple[str, ...] = (
    "建议给予临时救助{amount}。",
    "已转{county}民政局审核，{date}前回复。",
    "请{worker}跟进。",
    "拟纳入{county}救急难项目，待{cadre}签字确认。",
    "登记人：{staff}，登记日期{date}。",
    "已告知{applicant_ref}可申请医疗救助，预计报销{pct}。",
)

ALL_TEMPLATES: tuple[str, ...] = (
    *(t for ts in HEADERS.values() for t in ts),
    *BODY,
    *CLOSINGS,
)

_SLOT = re.compile(r"\{\{([^{}]+)\}\}|\{([a-z_0-9]+)\}")


def render(template: str, w: World) -> list[Piece]:
    """The pieces of one sentence: literal text between slots, each slot's pieces."""
    pieces: list[Piece] = []
    pos = 0
    for m in _SLOT.finditer(template):
        if m.start() > pos:
            pieces += lit(template[pos : m.start()])
        if m.group(1) is not None:
            pieces += lit(w.rng.choice(m.group(1).split("|")))
        else:
            pieces += SLOTS[m.group(2)](w)
        pos = m.end()
    if pos < len(template):
        pieces += lit(template[pos:])
    return pieces


def _assemble(pieces: list[Piece]) -> tuple[str, tuple[Label, ...]]:
    out: list[str] = []
    labels: list[Label] = []
    offset = 0
    for text, kind, household, day in pieces:
        if kind is not None and text:
            day_abs = (offset + day[0], offset + day[1]) if day else None
            labels.append(Label(offset, offset + len(text), kind, household, day_abs))
        out.append(text)
        offset += len(text)
    return "".join(out), tuple(labels)


STYLES = tuple(HEADERS)


def generate(count: int = 400, seed: int = 14) -> list[Narrative]:
    """``count`` labelled narratives, the same for the same seed."""
    master = random.Random(seed)
    fake = Faker("zh_CN")
    narratives = []
    for i in range(count):
        rng = random.Random(master.getrandbits(64))
        fake.seed_instance(rng.getrandbits(32))
        style = STYLES[i % len(STYLES)] if i < len(STYLES) * 4 else rng.choice(STYLES)
        world = World(rng, fake, style, on_record=rng.random() < 0.6)
        chosen = [rng.choice(HEADERS[style])]
        chosen += rng.sample(BODY, rng.randint(2, 6))
        if rng.random() < 0.5:
            chosen.append(rng.choice(CLOSINGS))
        pieces: list[Piece] = []
        for template in chosen:
            pieces += render(template, world)
        text, labels = _assemble(pieces)
        narratives.append(
            Narrative(
                text=text,
                labels=labels,
                known=world.known(),
                style=style,
                on_record=world.on_record,
                templates=tuple(chosen),
            )
        )
    return narratives


def show(narrative: Narrative) -> str:
    """The narrative with its labels marked: [text|kind] for the household's, <text|kind> else."""
    out, pos = [], 0
    for label in narrative.labels:
        out.append(narrative.text[pos : label.start])
        inner = narrative.text[label.start : label.end].replace("\u200b", "⁀")
        out.append(f"[{inner}|{label.kind}]" if label.household else f"<{inner}|{label.kind}>")
        pos = label.end
    out.append(narrative.text[pos:])
    return "".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=5)
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()
    for n in generate(args.count, args.seed):
        print(f"--- {n.style}, {'on record' if n.on_record else 'not on record'}")
        print(show(n))
        print(n.known)


if __name__ == "__main__":
    main()
