"""The conditions charities limit their projects to, and a case's assessment records: one
controlled vocabulary, so a project's limits and a patient's condition can be compared.

The categories are the ones relief charities use in their own rules (白血病及儿童肿瘤, 先心病,
尿毒症透析, 烧烫伤, 重性精神疾病, 残疾 by kind); a case records the one nearest its diagnosis,
never the diagnosis itself (DESIGN.md section 7: medical details beyond a category stay out).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Condition(models.TextChoices):
    LEUKAEMIA = "leukaemia", _("leukaemia and other blood cancers")
    CHILDHOOD_CANCER = "childhood_cancer", _("childhood solid tumours")
    BREAST_CERVICAL_CANCER = "breast_cervical_cancer", _("breast or cervical cancer")
    LUNG_CANCER = "lung_cancer", _("lung cancer")
    DIGESTIVE_CANCER = "digestive_cancer", _("stomach, liver, bowel or other digestive cancer")
    OTHER_CANCER = "other_cancer", _("other adult cancer")
    URAEMIA = "uraemia", _("uraemia and dialysis")
    CONGENITAL_HEART = "congenital_heart", _("congenital heart disease")
    BURNS = "burns", _("burns")
    MENTAL_ILLNESS = "mental_illness", _("severe mental illness")
    STROKE = "stroke", _("stroke")
    TRAUMA = "trauma", _("injury and trauma")
    RARE_DISEASE = "rare_disease", _("rare disease")
    DISABILITY_PHYSICAL = "disability_physical", _("physical disability")
    DISABILITY_VISUAL = "disability_visual", _("visual disability")
    DISABILITY_HEARING = "disability_hearing", _("hearing or speech disability")
    DISABILITY_INTELLECTUAL = "disability_intellectual", _("intellectual disability")
    DISABILITY_MENTAL = "disability_mental", _("mental disability")
    OTHER = "other", _("other condition")


class Sex(models.TextChoices):
    FEMALE = "female", _("female")
    MALE = "male", _("male")


DISABILITY_GRADES = (1, 2, 3, 4)  # 残疾等级: grade 1 the most severe


def condition_codes() -> set[str]:
    return set(Condition.values)


def condition_label(code: str) -> str:
    return str(dict(Condition.choices).get(code, code))
