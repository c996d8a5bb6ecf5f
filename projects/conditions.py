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
