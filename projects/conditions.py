"""The conditions charities limit their projects to, and a case's assessment records: one
controlled vocabulary, so a project's limits and a patient's condition can be compared.

The categories are the ones relief charities use in their own rules (白血病及儿童肿瘤, 先心病,
尿毒症透析, 烧烫伤, 重性精神疾病, 残疾 by kind); a case records the one nearest its diagnosis,
never the diagnosis itself (DESIGN.md section 7: medical details beyond a category stay out).
"""

from __future__ import annotations

import re

from django.db import models
from django.utils.translation import gettext_lazy as _


class Condition(models.TextChoices):
    LEUKAEMIA = "leukaemia", _("leukaemia")
    CHILDHOOD_CANCER = "childhood_cancer", _("other childhood cancer")
    BREAST_CANCER = "breast_cancer", _("breast cancer")
    CERVICAL_CANCER = "cervical_cancer", _("cervical cancer")
    LUNG_CANCER = "lung_cancer", _("lung cancer")
    LIVER_CANCER = "liver_cancer", _("liver cancer")
    GASTRIC_CANCER = "gastric_cancer", _("stomach cancer")
    COLORECTAL_CANCER = "colorectal_cancer", _("colorectal cancer")
    OTHER_CANCER = "other_cancer", _("other adult cancer")
    URAEMIA = "uraemia", _("uraemia and dialysis")
    ORGAN_TRANSPLANT = "organ_transplant", _("organ transplant")
    CONGENITAL_HEART = "congenital_heart", _("congenital heart disease")
    HEART_DISEASE = "heart_disease", _("acquired heart disease")
    APLASTIC_ANAEMIA = "aplastic_anaemia", _("aplastic anaemia")
    THALASSAEMIA = "thalassaemia", _("thalassaemia")
    HAEMOPHILIA = "haemophilia", _("haemophilia")
    BURNS = "burns", _("burns")
    TRAUMA = "trauma", _("injury and trauma")
    STROKE = "stroke", _("stroke")
    MENTAL_ILLNESS = "mental_illness", _("severe mental illness")
    CEREBRAL_PALSY = "cerebral_palsy", _("cerebral palsy")
    AUTISM = "autism", _("autism")
    CLEFT_LIP = "cleft_lip", _("cleft lip and palate")
    PRETERM_INFANT = "preterm_infant", _("preterm or critically ill newborn")
    RARE_DISEASE = "rare_disease", _("rare disease")
    DISABILITY_PHYSICAL = "disability_physical", _("physical disability")
    DISABILITY_VISUAL = "disability_visual", _("visual disability")
    DISABILITY_HEARING = "disability_hearing", _("hearing disability")
    DISABILITY_SPEECH = "disability_speech", _("speech disability")
    DISABILITY_INTELLECTUAL = "disability_intellectual", _("intellectual disability")
    DISABILITY_MENTAL = "disability_mental", _("mental disability")
    DISABILITY_MULTIPLE = "disability_multiple", _("multiple disabilities")
    OTHER = "other", _("other condition")


DISABILITY_KINDS = tuple(c for c in Condition.values if c.startswith("disability_"))


class Sex(models.TextChoices):
    FEMALE = "female", _("female")
    MALE = "male", _("male")


DISABILITY_GRADES = (1, 2, 3, 4)  # 残疾等级: grade 1 the most severe


def condition_codes() -> set[str]:
    return set(Condition.values)


def condition_label(code: str) -> str:
    return str(dict(Condition.choices).get(code, code))


# Words charities write for each condition in their notes (limits_from_text).
CONDITION_WORDS = {
    "leukaemia": ("白血病",),
    "congenital_heart": ("先心病", "先天性心脏病"),
    "uraemia": ("尿毒症", "透析", "肾衰竭"),
    "breast_cancer": ("乳腺癌",),
    "cervical_cancer": ("宫颈癌",),
    "lung_cancer": ("肺癌",),
    "liver_cancer": ("肝癌",),
    "gastric_cancer": ("胃癌",),
    "colorectal_cancer": ("结直肠癌", "肠癌"),
    "burns": ("烧伤", "烫伤"),
    "stroke": ("脑卒中", "中风", "脑梗"),
    "mental_illness": ("严重精神障碍", "精神分裂"),
    "cleft_lip": ("唇腭裂",),
    "thalassaemia": ("地中海贫血", "地贫"),
    "haemophilia": ("血友病",),
    "aplastic_anaemia": ("再生障碍性贫血", "再障"),
    "cerebral_palsy": ("脑瘫", "脑性瘫痪"),
    "autism": ("孤独症", "自闭症"),
    "organ_transplant": ("器官移植", "肾移植", "肝移植"),
}
_AGE_RANGE = re.compile(r"(\d{1,3})\s*(?:至|到|-|~|－|—|～)\s*(\d{1,3})\s*周?岁")
_AGE_UNDER = re.compile(r"(\d{1,3})\s*周?岁(?:及|或)?以下")
_AGE_OVER = re.compile(r"(\d{1,3})\s*周?岁(?:及|或)?以上")


def limits_from_text(text: str) -> dict:
    """The limits a project's note or description states in words, as structured fields:
    an age range (0至18岁, 14岁以下, 60岁以上) and the conditions it names. Used once, by the
    data migration that reads the notes of projects posted before the fields existed; what
    it cannot read stays in the note for staff."""
    text = text or ""
    limits: dict = {}
    if found := _AGE_RANGE.search(text):
        low, high = int(found.group(1)), int(found.group(2))
        if low <= high <= 150:
            limits.update(age_min=low, age_max=high)
    else:
        if (under := _AGE_UNDER.search(text)) and int(under.group(1)) <= 150:
            limits["age_max"] = int(under.group(1))
        if (over := _AGE_OVER.search(text)) and int(over.group(1)) <= 150:
            limits["age_min"] = int(over.group(1))
        if limits.get("age_min", 0) > limits.get("age_max", 150):
            limits = {}
    conditions = [code for code, words in CONDITION_WORDS.items() if any(w in text for w in words)]
    if conditions:
        limits["conditions"] = conditions
    return limits
