"""A case carries the patient's facts that projects' limits read (issue 22): the condition
category, age and sex (or read from an ID number, never stored), disability and household
registration, recorded by the assessment and read by matching."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from core.models import AuditEvent
from needs import services
from needs.services.cases import id_number_facts
from search.engine import pair_rules
from search.facts import case_facts

pytestmark = pytest.mark.django_db


def test_id_numbers_give_age_and_sex():
    today = dt.date(2026, 12, 6)
    assert id_number_facts("220104198001011234", today) == (46, "male")
    assert id_number_facts("22010420200607122X", today) == (6, "female")
    with pytest.raises(ValueError):
        id_number_facts("2201041980", today)


def test_the_assessment_records_the_patients_facts_and_matching_reads_them(world):
    case = world.accepted()
    services.case_assess(
        by=world.caseworker,
        case=case,
        assessed_need_fen=3_000_000,
        assessed_gap_fen=3_000_000,
        condition="uraemia",
        patient_id_number="220104198001011234",
        disability_kind="disability_physical",
        disability_grade=2,
        hukou_elsewhere=True,
    )
    case.refresh_from_db()
    assert (case.condition, case.patient_sex, case.disability_grade) == ("uraemia", "male", 2)
    assert case.patient_age >= 45
    event = AuditEvent.objects.get(action="case.assess", object_id=str(case.pk))
    assert "condition" in str(event.changes) and "220104198001011234" not in str(event.changes)
    facts = case_facts(case)
    assert (facts.condition, facts.sex, facts.age) == ("uraemia", "male", case.patient_age)
    assert (facts.disability_kind, facts.disability_grade, facts.hukou_elsewhere) == (
        "disability_physical",
        2,
        True,
    )


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"condition": "flu_of_the_soul"}, "condition"),
        ({"patient_age": 200}, "patient_age"),
        ({"patient_sex": "x"}, "patient_sex"),
        ({"disability_grade": 9}, "disability_grade"),
        ({"disability_kind": "tired"}, "disability_kind"),
        ({"patient_id_number": "12345"}, "patient_id_number"),
    ],
)
def test_a_bad_patient_fact_refuses_the_assessment_and_writes_nothing(world, change, field):
    case = world.accepted()
    with pytest.raises(ValidationError) as refused:
        services.case_assess(
            by=world.caseworker,
            case=case,
            assessed_need_fen=3_000_000,
            assessed_gap_fen=3_000_000,
            **change,
        )
    assert field in refused.value.error_dict
    case.refresh_from_db()
    assert case.assessed_need_fen is None and case.condition == ""
    assert not AuditEvent.objects.filter(action="case.assess").exists()


def test_a_childrens_fund_is_ruled_out_for_an_adult_by_the_rule_check(world):
    case = world.relieved()
    services.case_assess(
        by=world.caseworker,
        case=case,
        assessed_need_fen=3_000_000,
        assessed_gap_fen=3_000_000,
        condition="uraemia",
        patient_age=41,
    )
    project = world.project
    project.age_max, project.conditions = 18, ["congenital_heart"]
    project.save()
    failed = {rule.code for rule in pair_rules(case, project) if not rule.passed}
    assert {"age", "condition"} <= failed
