"""Matching, the allocation proposal and the public need page apply one policy (issue 22,
item 6): a project that a hard rule of search.policy rules out for a case is ranked nowhere,
proposed nowhere and offered to no donor of the case's public need; a project within every
rule, structured limits included, is in all three."""

from __future__ import annotations

import datetime

import pytest
from rest_framework.test import APIClient

from core.models import Region
from donors.need_gifts import need_receivers
from needs import services as needs_services
from needs.models import Case
from projects.models import Project
from search.proposal_report import proposal_for

pytestmark = pytest.mark.django_db

# One project per hard rule it breaks for the case below (a man of 41 on dialysis in 朝阳区,
# a gap of ¥26,000, household neither 低保 nor 特困).
BREAKING = {
    "age": {"age_min": 0, "age_max": 18},
    "sex": {"sex": "female"},
    "condition": {"conditions": ["congenital_heart"]},
    "cap": {"per_case_cap_fen": 100_000, "accepts_partial_funding": False},
    "category": {"categories": ["fire"]},
    "region": {"region": "360000"},
    "eligibility": {"eligible_statuses": ["is_dibao"]},
}


def open_project(world, title, **facts) -> Project:
    """An open project with a filed fundraising plan (donors may give through it), for
    illness in 吉林省 and partial funding unless ``facts`` say otherwise."""
    region = facts.pop("region", "220000")
    values = {
        "organisation": world.charity,
        "title": title,
        "status": Project.Status.OPEN,
        "categories": ["illness"],
        "accepts_partial_funding": True,
        "filing_number": f"备案-{title}",
        "filing_starts_on": datetime.date(2024, 1, 1),
        "filing_ends_on": datetime.date(2099, 12, 31),
        **facts,
    }
    project = Project.objects.create(**values)
    project.regions.add(Region.objects.get(code=region))
    return project


@pytest.fixture
def scene(money):
    world = money.world
    need = money.published_need()
    case = need.case
    Case.objects.filter(pk=case.pk).update(condition="uraemia", patient_age=41, patient_sex="male")
    # Within every rule, structured limits included: in all three.
    fitting = open_project(
        world,
        "成人尿毒症透析救助",
        conditions=["uraemia"],
        age_min=18,
        age_max=60,
    )
    breaking = {
        rule: open_project(world, f"规则外项目-{rule}", **limits)
        for rule, limits in BREAKING.items()
    }
    for project in [fitting, *breaking.values()]:
        money.give(300_000, project=project)
    return world, case, need, fitting, breaking


def matched(world, case) -> set[int]:
    client = APIClient()
    client.force_authenticate(world.caseworker)
    response = client.get(f"/api/v1/cases/{case.pk}/matches/", {"limit": 100})
    assert response.status_code == 200, response.json()
    return {row["project"]["id"] for row in response.json()}


def proposed(case) -> set[int]:
    data = proposal_for(Case.objects.filter(pk=case.pk))
    return {share["project"] for row in data["referrals"] for share in row["shares"]}


def receivers(need) -> set[int]:
    need.refresh_from_db()
    return {project.pk for project in need_receivers(need).projects}


def test_a_project_within_every_rule_is_matched_proposed_and_offered_to_donors(scene):
    _world, case, need, fitting, _breaking = scene
    world = scene[0]
    assert fitting.pk in matched(world, case)
    assert fitting.pk in proposed(case)
    # The public need page read its own facts without the patient's: a project with an age
    # range or conditions was never listed there.
    assert fitting.pk in receivers(need)


@pytest.mark.parametrize("rule", sorted(BREAKING))
def test_a_project_a_hard_rule_rules_out_is_proposed_nowhere(scene, rule):
    world, case, need, fitting, breaking = scene
    project = breaking[rule]
    assert project.pk not in matched(world, case)
    assert project.pk not in proposed(case)
    assert project.pk not in receivers(need)
    # The same case is covered by what the rules admit: the proposal was not empty.
    assert fitting.pk in proposed(case)


def test_a_project_that_declined_the_case_is_proposed_nowhere(scene):
    world, case, need, fitting, _breaking = scene
    referral = needs_services.referral_create(by=world.caseworker, case=case, project=fitting)
    needs_services.referral_reject(by=world.charity_staff, referral=referral, reason="no_capacity")
    assert fitting.pk not in matched(world, case)
    assert fitting.pk not in proposed(case)
    assert fitting.pk not in receivers(need)


def test_a_project_holding_an_open_referral_is_not_proposed_again(scene):
    world, case, need, fitting, _breaking = scene
    needs_services.referral_create(by=world.caseworker, case=case, project=fitting)
    assert fitting.pk not in matched(world, case)
    assert fitting.pk not in proposed(case)
    # A donor may still give through it: the referral waits for its answer (need_gifts).
    assert fitting.pk in receivers(need)
