"""GET /api/v1/proposals/: the proposal for the reader's jurisdiction; nothing is referred."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from needs.factories import household_input, id_number
from needs.models import Referral

pytestmark = pytest.mark.django_db


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def household(n: int):
    return household_input(
        phone=f"1380000{n:04d}", head=f"户主{n}", head_id=id_number(f"22010419800101{n:03d}")
    )


def test_scarce_money_goes_to_the_critical_case_first_and_nothing_is_referred(money):
    world = money.world
    money.give(3_500_000, project=world.project)
    critical = world.relieved(urgency=3, gap=3_000_000, household=household(1))
    normal = world.relieved(urgency=1, gap=3_000_000, household=household(2))
    response = api(world.caseworker).get("/api/v1/proposals/")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["cases"] == 2
    assert body["covered_fen"] == 3_500_000
    assert [r["case"] for r in body["referrals"]] == [critical.pk, normal.pk]
    critical.refresh_from_db()
    assert critical.remaining_gap_fen == 2_600_000  # the relief given came off the gap
    assert body["referrals"][0]["shares"] == [
        {
            "project": world.project.pk,
            "title": world.project.title,
            "amount_fen": 2_600_000,
            "sources": [
                {
                    "kind": "project",
                    "id": world.project.pk,
                    "name": world.project.title,
                    "amount_fen": 2_600_000,
                }
            ],
        }
    ]
    assert body["referrals"][1]["shares"][0]["amount_fen"] == 900_000
    assert body["uncovered"] == [
        {"case": normal.pk, "number": normal.number, "urgency": 1, "uncovered_fen": 1_700_000}
    ]
    assert not Referral.objects.exists()


def test_the_proposal_stays_in_the_readers_jurisdiction(money):
    world = money.world
    money.give(1_000_000, project=world.project)
    world.relieved(household=household(3))
    assert api(world.donghu_caseworker).get("/api/v1/proposals/").json()["cases"] == 0
    assert api(world.supervisor).get("/api/v1/proposals/").json()["cases"] == 1


def test_only_government_staff_get_proposals(money):
    assert api(money.world.charity_staff).get("/api/v1/proposals/").status_code == 403
    assert APIClient().get("/api/v1/proposals/").status_code == 401


def test_a_charitys_special_fund_pays_where_the_project_holds_too_little(money):
    from tests.search.test_fund_sources import charity_fund

    world = money.world
    money.give(1_000_000, project=world.project)
    fund = charity_fund(money, "慈善总会大病专项", 2_000_000, categories=["illness"])
    world.relieved(urgency=3, gap=3_000_000, household=household(4))  # gap 2,600,000 after relief
    body = api(world.caseworker).get("/api/v1/proposals/").json()
    assert body["covered_fen"] == 2_600_000
    (share,) = body["referrals"][0]["shares"]
    assert (
        sorted((s["kind"], s["name"], s["amount_fen"]) for s in share["sources"])
        == [
            ("fund", fund.name, 1_600_000),
            ("project", world.project.title, 1_000_000),
        ]
        or sum(s["amount_fen"] for s in share["sources"]) == 2_600_000
    )
    assert sum(s["amount_fen"] for s in share["sources"] if s["kind"] == "fund") <= 2_000_000


def test_the_proposal_takes_the_case_filters_and_refuses_bad_ones(money):
    world = money.world
    money.give(3_500_000, project=world.project)
    critical = world.relieved(urgency=3, gap=1_000_000, household=household(8))
    world.relieved(urgency=1, gap=1_000_000, household=household(9))
    api_client = api(world.caseworker)
    body = api_client.get("/api/v1/proposals/", {"urgency": 3}).json()
    assert body["cases"] == 1
    assert [row["case"] for row in body["referrals"]] == [critical.pk]
    refused = api_client.get("/api/v1/proposals/", {"within": "999999", "urgency": "9"})
    assert refused.status_code == 400
    assert {error["field"] for error in refused.json()["errors"]} == {"within", "urgency"}
    nowhere = api_client.get("/api/v1/proposals/", {"within": world.donghu.region.code})
    assert nowhere.status_code == 200 and nowhere.json()["cases"] == 0  # outside: nothing


@pytest.mark.parametrize("limits", [{"PROPOSAL_MAX_CASES": 1}, {"PROPOSAL_MAX_PAIRS": 1}])
def test_too_many_cases_at_once_are_refused_with_what_to_choose(money, settings, limits):
    from needs.models import Case
    from search.engine import get_engine
    from search.facts import need_facts

    world = money.world
    money.give(3_500_000, project=world.project)
    critical = world.relieved(urgency=3, gap=1_000_000, household=household(10))
    world.relieved(urgency=1, gap=1_000_000, household=household(11))
    for name, value in limits.items():
        setattr(settings, name, value)
    pairs = get_engine().candidate_pairs(need_facts(Case.objects.all()))
    said = "2" if "PROPOSAL_MAX_CASES" in limits else str(pairs)  # cases, or (case, project)s
    refused = api(world.caseworker).get("/api/v1/proposals/")
    assert refused.status_code == 400
    (error,) = refused.json()["errors"]
    assert error["code"] == "proposal_too_large" and error["field"] is None
    assert said in error["message"] and "1" in error["message"]
    narrowed = api(world.caseworker).get("/api/v1/proposals/", {"urgency": 3})
    if "PROPOSAL_MAX_CASES" in limits:  # one case fits; one case and one project too
        assert narrowed.status_code == 200
        assert [row["case"] for row in narrowed.json()["referrals"]] == [critical.pk]
    assert not Referral.objects.exists()
