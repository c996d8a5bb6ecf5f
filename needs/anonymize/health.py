"""Diagnoses and treatments become their category (DESIGN.md 7.1: health facts only as a
category, details only with the household's separate consent, PIPL's sensitive information).

患尿毒症，每周透析三次 becomes 患重病，每周治疗三次; 急性白血病需骨髓移植 becomes 重病需治疗.
Read from a vocabulary of treatments and of the words diagnoses end in (癌, 瘤, 白血病, 症,
衰竭, 梗死...), with the qualifiers in front of them (急性, 晚期, 二级); the category words
themselves (重病, 大病, 慢性病, 残疾, 住院, 手术) are what the public may read.
"""

from __future__ import annotations

import re

from needs.anonymize.spans import Span

ILLNESS = "重病"
CHRONIC = "慢性病"
TREATMENT = "治疗"
DISABILITY = "残疾"

# fmt: off
# Treatments and examinations that tell the illness.
_TREATMENTS = (
    "血液透析", "腹膜透析", "透析", "化疗", "放疗", "放化疗", "靶向治疗", "靶向药", "免疫治疗",
    "骨髓移植", "造血干细胞移植", "干细胞移植", "肾移植", "肝移植", "心脏移植", "肺移植",
    "角膜移植", "器官移植", "移植手术", "搭桥手术", "心脏搭桥", "支架手术", "心脏支架",
    "介入治疗", "介入手术", "开颅手术", "开颅", "截肢", "截肢手术", "人工关节置换", "关节置换",
    "髋关节置换", "膝关节置换", "换肾", "换肝", "胰岛素", "呼吸机", "气管切开", "插管",
    "鼻饲", "造瘘", "结肠造口", "起搏器", "人工耳蜗", "康复训练", "电休克治疗", "抗病毒治疗",
    "抗排异", "抗凝治疗", "溶栓", "清创", "植皮", "植皮手术", "瓣膜置换", "先心病手术",
    "心脏手术", "肿瘤切除", "切除手术", "剖腹产", "剖宫产", "穿刺", "活检", "病理检查",
    "骨穿", "腰穿", "胃镜", "肠镜", "核磁共振", "PET-CT", "输血", "血浆置换", "ICU", "高压氧",
    "针灸", "理疗", "针灸理疗", "造口", "支架", "人工耳蜗", "耳蜗", "呼吸机", "鼻胃管", "导尿",
    "康复治疗", "物理治疗", "心理治疗", "中医理疗", "推拿", "牵引", "石膏固定", "内固定",
    "抗精神病药", "美沙酮",
)
# Diagnoses named outright (the endings below catch most others).
_DIAGNOSES = (
    "尿毒症", "糖尿病足", "白血病", "淋巴瘤", "骨髓瘤", "艾滋病", "HIV", "乙肝", "丙肝", "肝硬化",
    "肺结核",
    "结核病", "脑瘫", "脑梗", "脑梗死", "脑梗塞", "脑出血", "脑溢血", "中风", "脑卒中", "偏瘫",
    "截瘫", "高位截瘫", "瘫痪", "植物人", "帕金森", "阿尔茨海默", "老年痴呆", "痴呆", "癫痫",
    "精神分裂", "抑郁", "双相", "躁郁", "自闭", "孤独症", "唐氏", "红斑狼疮", "狼疮",
    "再生障碍性贫血", "再障", "地中海贫血", "血友病", "先心病", "先天性心脏病", "法洛四联症",
    "心梗", "心肌梗死", "心肌梗塞", "肾病", "糖尿病", "高血压",
    "冠心病", "心脏病", "肺心病", "慢阻肺", "哮喘", "尘肺", "矽肺", "渐冻", "肌无力",
    "肌营养不良", "脊髓损伤", "颅脑损伤", "脑外伤", "骨折", "粉碎性骨折", "烧伤", "烫伤",
    "股骨头坏死", "强直性脊柱炎", "类风湿", "痛风", "胆结石", "肾结石", "白内障", "青光眼",
    "失明", "弱视", "耳聋", "聋哑", "智力障碍", "智障", "脑积水", "脑炎", "脑膜炎", "肺炎",
    "败血症", "脓毒症", "多器官衰竭", "器官衰竭", "重症肌无力", "甲亢", "甲减", "肝炎", "胃溃疡",
    "肿瘤", "恶性肿瘤", "良性肿瘤", "癌症", "新冠", "流产", "早产", "难产", "妊娠",
)
# A diagnosis ends in one of these (肺癌, 脑膜瘤, 精神分裂症, 肾功能衰竭, 系统性红斑狼疮).
_ENDINGS = (
    "癌", "瘤", "白血病", "综合征", "综合症", "衰竭", "梗死", "梗塞", "硬化", "坏死", "狭窄",
    "畸形", "缺损", "结石", "出血", "积液", "囊肿", "结节", "息肉", "感染", "中毒", "损伤",
    "障碍", "萎缩", "闭锁", "增生", "功能不全", "破裂", "脱落", "依赖", "纤维化", "突出",
    "穿孔",
    "侧弯",
    "失代偿期",
    "夹层",
    "腭裂",
    "断指",
    "失代偿", "扩张", "肥大", "缺血", "麻痹", "瘫", "失常", "异常", "不全", "溃疡", "症", "病",
    "炎",
)
# Qualifiers that belong to a diagnosis: they say as much as the diagnosis.
_QUALIFIERS = (
    "急性", "慢性", "晚期", "早期", "中期", "末期", "终末期", "恶性", "良性", "重度", "中度",
    "轻度", "重症", "原发性", "继发性", "转移性", "复发性", "先天性", "遗传性", "小细胞",
    "非小细胞", "淋巴细胞", "髓系", "粒细胞", "双侧", "左侧", "右侧",
    "[一二三四1234IⅡⅢⅣ]期", "多发性", "弥漫性", "浸润性", "系统性", "病毒性", "细菌性",
)
# What the public may read: the categories, and everyday words that end like a diagnosis.
_ALLOWED = frozenset({
    "重病", "大病", "疾病", "生病", "看病", "治病", "患病", "毛病", "慢性病", "老毛病", "因病",
    "病", "病情", "病人", "病房", "病床", "发病", "犯病", "得病", "病重", "病倒", "久病",
    "病症", "重症", "炎", "症", "急症", "病痛", "伤病", "职业病", "传染病", "地方病", "常见病",
    "多发病", "罕见病", "重大疾病", "大病医保", "慢病", "特殊病", "门诊慢特病", "后遗症",
    "并发症", "感染", "损伤", "障碍", "中毒", "出血", "狭窄", "症状", "病因", "病史",
    "心病", "通病", "弊病", "语病", "病假", "病退", "病故", "病逝", "病危",
    "炎热", "发炎", "消炎", "炎症", "癌症", "肿瘤", "残疾", "出血量",
})
# fmt: on
# Kept as a category rather than masked: these say what kind of illness the family faces.
_CATEGORY_OF = {"高血压": CHRONIC, "糖尿病": CHRONIC, "冠心病": CHRONIC, "哮喘": CHRONIC}
MEDICINE = "药物"

# What follows a treatment and belongs to it (呼吸机辅助通气, 胰岛素注射, 心脏支架手术).
_CONTINUATIONS = ("辅助通气", "辅助呼吸", "植入术", "植入", "注射", "手术", "治疗", "术")
# Procedure endings: what stands before them names the treatment (脊柱矫形手术, 肝癌切除术,
# 激素冲击治疗, 感统训练); alone (做了手术, 住院治疗) they are the category.
_PROCEDURES = (
    "置入术", "植入术", "切除术", "移植术", "矫形术", "修补术", "成形术", "摘除术", "根治术",
    "手术", "疗法", "治疗", "训练", "氧疗", "吸氧", "冲击", "换药", "喂养",
)  # fmt: skip
_GENERIC_PROCEDURES = frozenset({
    "手术", "治疗", "住院治疗", "门诊治疗", "长期治疗", "继续治疗", "后续治疗", "对症治疗",
    "保守治疗", "常规治疗", "积极治疗", "及时治疗", "进一步治疗", "医疗", "免费治疗", "做手术",
    "动手术", "大手术", "小手术", "术", "训练", "冲击", "喂养", "技术", "学术", "艺术", "算术",
    "美术", "武术", "战术", "手术费", "需手术", "要手术", "康复治疗", "职业训练",
    "技能训练", "中医治疗", "药物治疗", "物理治疗",
})  # fmt: skip
_WORD_RE = re.compile(
    "(?P<named>"
    + "|".join(sorted(map(re.escape, _DIAGNOSES), key=len, reverse=True))
    + ")|(?P<treatment>"
    + "|".join(sorted(map(re.escape, _TREATMENTS), key=len, reverse=True))
    + ")|(?P<procedure>"
    + "|".join(sorted(map(re.escape, _PROCEDURES), key=len, reverse=True))
    + ")|(?P<ending>"
    + "|".join(sorted(map(re.escape, _ENDINGS), key=len, reverse=True))
    + ")"
)
# Characters that do not occur inside the name of one illness: two words joined by them are
# two things (病人需要呼吸机: 病 and 呼吸机 are not one name).
_NOT_IN_A_NAME = frozenset("需要说是在和与及的了后前又也还就都被把给做行因为由")
# Where a treatment is given (乡卫生院治疗): the place is no part of its name.
_PLACES_OF_CARE = ("院", "所", "室", "站", "中心", "里", "科", "病房")
# A word ending like a diagnosis that names a part of the body is one (双眼视网膜脱落).
_BODY_PARTS = re.compile(
    "眼|膜|肝|肾|心|肺|脑|骨|胃|肠|脊|椎|关节|血|皮|耳|鼻|喉|腰|腿|手|足|脚|颈|胸|腹|脾|胆|胰|"
    "卵巢|子宫|乳腺|甲状腺|神经|肌|髓|淋巴|瓣|动脉|静脉|膀胱|前列腺|食管|口腔|牙"
)
# Treatments that say nothing alone (做了手术, 住院治疗); 吸氧, 输血, 换药 do.
_BARE_PROCEDURES = frozenset({"手术", "治疗", "疗法", "训练", "冲击", "喂养"})
# What separates the items of a list or a form (，谢玉，精神分裂症，; 诊断：X⏎).
_SEPARATORS = frozenset("，,；;。：:、|｜\n—（）()")
_QUALIFIER_AFTER_RE = re.compile("(?:" + "|".join(sorted(_QUALIFIERS, key=len, reverse=True)) + ")")
_CONTINUATION_RE = re.compile("|".join(map(re.escape, _CONTINUATIONS)))
# Verbs that say an illness follows: an ending word alone (病, 炎, 障碍) is read as a
# diagnosis only after one of these (患有抑郁症; not 主要劳动力病倒).
_DIAGNOSIS_VERBS = (
    "患有", "患上", "患了", "患", "罹患", "突发", "突患", "确诊为", "确诊", "诊断为", "诊断",
    "查出", "检查出", "得了", "因为", "因", "造成", "导致", "引发", "伴有", "合并", "并发",
    "疑似", "诊断证明：", "诊断证明:", "诊断：", "诊断:", "病名：", "病情：", "疾病：",
    "所患疾病：",
)  # fmt: skip
# Where the name of an illness or a treatment starts: after one of these verbs or words
# (患有尿毒症, 造成股骨骨折, 需要胃造瘘), which stay; the characters between it and the ending
# word are part of the name (股骨, 慢性肾, 进行性肌). The person it is about ends it too
# (她老父亲肺癌晚期).
_INTRODUCERS = (
    *_DIAGNOSIS_VERBS,
    "行", "引起", "伴", "出现", "发现", "属于", "需要", "需", "建议", "进行", "开始", "做了",
    "做", "接受", "一直", "长期", "每周", "每月", "每天", "每日", "隔天", "目前", "现在", "又",
    "也", "还", "已", "了", "的", "在", "被", "于", "和", "及", "与", "是", "为", "有", "从",
    "后", "前", "次", "年", "月", "日", "号", "岁", "父亲", "母亲", "她", "他", "其", "妻子",
    "丈夫", "儿子", "女儿", "孙子", "孙女", "爷爷", "奶奶", "老伴", "老公", "老婆", "媳妇",
    "本人", "自己", "户主", "患者",
)  # fmt: skip
_MEDICINE_RE = re.compile(
    r"(?:服用|口服|服|注射|吃|用药|靠吃)(?P<drug>[\u4e00-\u9fffA-Za-z]{2,6}?)"
    r"(?=[，。；、,.;！!？?\s]|$|等|治疗|控制|维持|度日|过日子)"
)
_EVERYDAY_FOOD = frozenset({"饭", "药", "中药", "西药", "止痛药", "低保", "救济粮", "剩饭"})
_DISABILITY_RE = re.compile(
    r"(?:视力|听力|言语|肢体|智力|精神|多重)(?:残疾|障碍)(?:[一二三四1234]级)?"
    r"|(?:一|二|三|四|[1-4])级(?:视力|听力|言语|肢体|智力|精神|多重)?残疾"
)
# Endings that make a diagnosis wherever they stand.
_ALWAYS_DIAGNOSES = ("癌", "瘤", "白血病", "衰竭", "综合征", "综合症")
_LEFT_LIMIT = 8


def _introduced(text: str, start: int, words: tuple[str, ...]) -> bool:
    before = text[max(0, start - 5) : start]
    return before.endswith(words) or start == 0 or not _is_cjk(text[start - 1])


def _is_cjk(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def _left(text: str, start: int) -> int:
    """Extend over the characters that name the body part or kind (股骨, 慢性肾, 进行性肌),
    up to the word that introduces the illness."""
    limit = max(0, start - _LEFT_LIMIT)
    while start > limit and _is_cjk(text[start - 1]):
        # 进行性肌营养不良: 进行 before 性 is part of the name, not 进行 (a treatment).
        if _introduced(text, start, _INTRODUCERS) and text[start] != "性":
            break
        start -= 1
    return start


def find(text: str) -> list[Span]:
    spans: list[Span] = []
    groups: list[list] = []  # [start, end, named, treatment, procedure]
    for m in _WORD_RE.finditer(text):
        kinds = [bool(m.group(k)) for k in ("named", "treatment", "procedure")]
        start, end = m.span()
        gap = text[groups[-1][1] : start] if groups else ""
        previous = text[groups[-1][0] : groups[-1][1]] if groups else ""
        if (
            groups
            and start <= groups[-1][1] + 4
            and all(map(_is_cjk, gap))
            and not any(c in _NOT_IN_A_NAME for c in gap)
            and len(previous) > 1
        ):
            group = groups[-1]  # 肾病 + 综合征, 双相 + 情感 + 障碍: one illness
            group[1] = end
            group[2:] = [a or b for a, b in zip(group[2:], kinds, strict=True)]
        else:
            groups.append([start, end, *kinds])
    for start, core_end, named, treatment, procedure in groups:
        start = _left(text, start)
        end = core_end
        while m := (_QUALIFIER_AFTER_RE.match(text, end) or _CONTINUATION_RE.match(text, end)):
            end = m.end()
        word, core = text[start:end], text[start:core_end]
        if word in _ALLOWED or word.endswith(("的病", "种病", "身病")):
            continue
        if procedure and not (named or treatment):
            for place in _PLACES_OF_CARE:
                at = core.rfind(place)
                if at != -1:
                    start = start + at + len(place)  # 乡卫生院治疗: 治疗 alone is the category
                    core, word = text[start:core_end], text[start:end]
            if (
                core in _GENERIC_PROCEDURES
                or word in _GENERIC_PROCEDURES
                or core in _BARE_PROCEDURES
            ):
                continue
            spans.append(Span(start, end, "health", TREATMENT))
            continue
        if not (named or treatment):
            # An ending word alone (病, 障碍) is a diagnosis only after a verb that says so,
            # or as an item of a list or a form on its own (，苯丙酮尿症。).
            introduced = text[max(0, start - 6) : start].endswith(_DIAGNOSIS_VERBS)
            alone = (start == 0 or text[start - 1] in _SEPARATORS) and (
                end == len(text) or text[end] in _SEPARATORS
            )
            bodily = len(core) >= 3 and _BODY_PARTS.search(core[:-1]) is not None
            said = introduced or core.endswith(_ALWAYS_DIAGNOSES) or (alone and len(core) >= 3)
            if not (said or bodily):
                continue
        category = TREATMENT if treatment and not named else _CATEGORY_OF.get(word, ILLNESS)
        spans.append(Span(start, end, "health", category))
    for m in _DISABILITY_RE.finditer(text):
        spans.append(Span(*m.span(), "health", DISABILITY))
    for m in _MEDICINE_RE.finditer(text):
        if m.group("drug") not in _EVERYDAY_FOOD and not m.group("drug").endswith("饭"):
            spans.append(Span(*m.span("drug"), "health", MEDICINE, sure=False))
    return spans
