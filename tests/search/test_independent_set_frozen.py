"""The independent relevance-judgement set (issue 22, item 4) is frozen before any tuning.

The file's checksum is recorded in ``bench/data/matching_independent.sha256``; a change to the
judgements must be a deliberate re-freeze, never a silent edit. The structure is checked too, so
that the benchmark can rely on every case having a grade for every project.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[2] / "bench" / "data"
SET_FILE = DATA / "matching_independent.json"
SUM_FILE = DATA / "matching_independent.sha256"

CASE_CATEGORIES = {"disaster", "accident", "illness", "fire", "breadwinner", "child", "other"}
STATUSES = {"is_dibao", "is_tekun", "is_dibao_edge", "is_expenditure_hardship"}
KEY_GROUPS = {
    "kg_elderly_disabled_ill",
    "kg_no_work_capacity",
    "kg_unstable_ex_poverty",
    "kg_earlier_applicant",
    "kg_hotline_caller",
    "kg_disaster_hit",
    "kg_hardship_after_relief",
    "kg_other",
}
REGION = re.compile(r"^[1-8][0-9]{5}$")


@pytest.fixture(scope="module")
def data() -> dict:
    return json.loads(SET_FILE.read_text(encoding="utf-8"))


def test_checksum_matches_the_recorded_one():
    recorded = SUM_FILE.read_text(encoding="utf-8").split()
    assert recorded[1].endswith("bench/data/matching_independent.json")
    actual = hashlib.sha256(SET_FILE.read_bytes()).hexdigest()
    assert actual == recorded[0], "the frozen independent set was changed: re-freeze deliberately"


def test_sizes_and_unique_ids(data):
    projects, cases = data["projects"], data["cases"]
    assert len(projects) >= 60
    assert len(cases) >= 40
    project_ids = [p["id"] for p in projects]
    case_ids = [c["id"] for c in cases]
    assert len(set(project_ids)) == len(project_ids)
    assert len(set(case_ids)) == len(case_ids)


def test_every_case_has_a_grade_for_every_project(data):
    project_ids = {p["id"] for p in data["projects"]}
    grades = data["grades"]
    assert set(grades) == {c["id"] for c in data["cases"]}
    for case_id, row in grades.items():
        assert set(row) == project_ids, case_id
        for project_id, grade in row.items():
            assert type(grade) is int and 0 <= grade <= 3, (case_id, project_id, grade)


def test_every_case_has_a_relevant_project(data):
    for case_id, row in data["grades"].items():
        assert max(row.values()) >= 2, case_id


def test_projects_are_well_formed(data):
    vocabulary = set(data["conditions"])
    for p in data["projects"]:
        assert p["title"] and p["charity"] and p["purpose"] and p["description"], p["id"]
        assert p["category"] and set(p["category"]) <= CASE_CATEGORIES, p["id"]
        assert p["region_codes"] and all(REGION.match(code) for code in p["region_codes"]), p["id"]
        assert type(p["cap_yuan"]) is int and p["cap_yuan"] > 0, p["id"]
        assert type(p["accepts_partial"]) is bool and type(p["verified"]) is bool, p["id"]
        assert 0 <= p["answer_rate"] <= 1 and p["completed_referrals"] >= 0, p["id"]
        limits = p["limits"]
        if limits["age_min"] is not None and limits["age_max"] is not None:
            assert limits["age_min"] <= limits["age_max"], p["id"]
        assert limits["sex"] in (None, "F", "M"), p["id"]
        assert set(limits["conditions"]) <= vocabulary, p["id"]
        assert set(limits["statuses"]) <= STATUSES, p["id"]
        assert set(limits["key_groups"]) <= KEY_GROUPS, p["id"]
        assert limits["residence"] in (None, "hukou", "resident"), p["id"]


def test_cases_are_well_formed(data):
    vocabulary = set(data["conditions"])
    for c in data["cases"]:
        assert c["category"] in CASE_CATEGORIES, c["id"]
        assert c["region_code"].startswith("22") and REGION.match(c["region_code"]), c["id"]
        assert not c["region_code"].endswith("00"), c["id"]  # a county, not a city
        assert c["story"] and type(c["gap_yuan"]) is int and c["gap_yuan"] > 0, c["id"]
        assert c["urgency"] in (1, 2, 3) and c["days_waiting"] >= 0, c["id"]
        assert set(c["household"]["statuses"]) <= STATUSES, c["id"]
        assert set(c["household"]["key_groups"]) <= KEY_GROUPS, c["id"]
        patient = c["patient"]
        assert patient["sex"] in ("F", "M") and patient["age"] >= 0, c["id"]
        assert patient["condition"] is None or patient["condition"] in vocabulary, c["id"]
