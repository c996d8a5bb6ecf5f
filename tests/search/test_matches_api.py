"""The matching API: a caseworker's case gets ranked open projects with explanations; a charity
gets ranked anonymized needs for its own open project; bad input is refused clearly."""

from __future__ import annotations

import datetime

import pytest
from rest_framework.test import APIClient

from core.models import Region
from needs import services as needs_services
from needs.factories import household_input, id_number
from projects.models import Project

pytestmark = pytest.mark.django_db


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def open_project(world, title, *, region="220000", description="", organisation=None, **extra):
    project = Project.objects.create(
        organisation=organisation or world.charity,
        title=title,
        description=description,
        status=Project.Status.OPEN,
        categories=["illness"],
        # A filed fundraising plan: the project may take gifts from the public.
        filing_number=f"备案-{title}",
        filing_starts_on=datetime.date(2024, 1, 1),
        filing_ends_on=datetime.date(2099, 12, 31),
        **extra,
    )
    project.regions.add(Region.objects.get(code=region))
    return project


@pytest.fixture
def funded(money):
    """Two funded projects of the same charity: a provincial one and a Chaoyang district one."""
    world = money.world
    province = world.project
    county = open_project(
        world, "朝阳区大病帮扶", region="220104", description="朝阳区突发重病住院家庭医疗费用帮扶"
    )
    money.give(2_000_000, project=province)
    money.give(2_000_000, project=county)
    return money


def matches(user, case, **params):
    response = api(user).get(f"/api/v1/cases/{case.pk}/matches/", params)
    assert response.status_code == 200, response.json()
    return response.json()


def test_a_caseworker_gets_ranked_projects_with_explanations(funded):
    world = funded.world
    case = world.relieved()
    results = matches(world.caseworker, case)
    assert [r["project"]["title"] for r in results] == ["朝阳区大病帮扶", world.project.title]
    best = results[0]
    assert {rule["code"] for rule in best["rules"]} == {
        "open",
        "category",
        "region",
        "eligibility",
        "age",
        "sex",
        "condition",
        "disability",
        "residence",
        "cap",
        "money",
        "not_declined",
        "not_referred",
    }
    assert all(rule["passed"] for rule in best["rules"])
    assert best["score"] == pytest.approx(sum(s["points"] for s in best["signals"]), abs=0.05)
    region = next(s for s in best["signals"] if s["code"] == "region")
    assert region["value"] == 1.0  # a district project: the most local there is
    assert results[0]["score"] > results[1]["score"]


def test_explanations_are_in_chinese_by_default_and_english_on_request(funded):
    world = funded.world
    case = world.relieved()
    chinese = matches(world.caseworker, case)[0]["rules"][0]["text"]
    english = (
        api(world.caseworker)
        .get(f"/api/v1/cases/{case.pk}/matches/", HTTP_ACCEPT_LANGUAGE="en")
        .json()[0]["rules"][0]["text"]
    )
    assert english == "The project is open for referrals."
    assert chinese != english


def test_projects_without_money_or_out_of_area_or_category_are_not_listed(funded):
    world = funded.world
    open_project(world, "无资金项目")  # open and fitting, but holds nothing
    elsewhere = open_project(world, "南昌项目", region="360000")
    funded.give(2_000_000, project=elsewhere)
    fire = open_project(world, "火灾救助")
    fire.categories = ["fire"]
    fire.save()
    funded.give(2_000_000, project=fire)
    titles = {r["project"]["title"] for r in matches(world.caseworker, world.relieved())}
    assert titles == {"朝阳区大病帮扶", world.project.title}


def test_a_project_that_declined_the_case_drops_out(funded):
    world = funded.world
    case, referral = world.referred()
    needs_services.referral_reject(by=world.charity_staff, referral=referral, reason="no_capacity")
    titles = [r["project"]["title"] for r in matches(world.caseworker, case)]
    assert world.project.title not in titles and "朝阳区大病帮扶" in titles


def test_a_new_project_is_seen_at_once(funded):
    world = funded.world
    case = world.relieved()
    assert len(matches(world.caseworker, case)) == 2
    late = open_project(world, "新设项目", region="220100")
    funded.give(1_000_000, project=late)
    assert "新设项目" in {r["project"]["title"] for r in matches(world.caseworker, case)}


def test_eligibility_limits_by_household_status(funded):
    world = funded.world
    world.project.eligible_statuses = ["is_tekun"]  # 特困 households only
    world.project.save()
    plain = world.relieved()
    tekun = world.relieved(
        household=household_input(
            phone="13800000001",
            flags={"is_tekun": True},
            head="王五",
            head_id=id_number("22010419800101234"),
        )
    )
    assert world.project.title not in {
        r["project"]["title"] for r in matches(world.caseworker, plain)
    }
    assert world.project.title in {r["project"]["title"] for r in matches(world.caseworker, tekun)}


# ---- bad input ----


def test_a_case_not_ready_for_referral_is_refused_clearly(funded):
    world = funded.world
    reported = world.report()
    response = api(world.caseworker).get(f"/api/v1/cases/{reported.pk}/matches/")
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "not_ready"


@pytest.mark.parametrize("limit", ["0", "101", "abc", "-5"])
def test_absurd_limits_are_refused(funded, limit):
    world = funded.world
    case = world.relieved()
    response = api(world.caseworker).get(f"/api/v1/cases/{case.pk}/matches/", {"limit": limit})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "limit"


def test_unknown_or_foreign_cases_are_not_found(funded):
    world = funded.world
    case = world.relieved()
    assert api(world.caseworker).get("/api/v1/cases/999999/matches/").status_code == 404
    # Nanchang's caseworker cannot see a Changchun case.
    assert api(world.donghu_caseworker).get(f"/api/v1/cases/{case.pk}/matches/").status_code == 404


def test_charity_staff_cannot_rank_projects_for_a_case(funded):
    world = funded.world
    case = world.relieved()
    assert api(world.charity_staff).get(f"/api/v1/cases/{case.pk}/matches/").status_code == 403
    assert APIClient().get(f"/api/v1/cases/{case.pk}/matches/").status_code == 401


# ---- the charity's direction ----


def test_a_charity_gets_anonymized_needs_for_its_own_project(funded):
    world = funded.world
    critical = world.relieved(urgency=3)
    world.relieved(
        urgency=1,
        household=household_input(
            phone="13800000002", head="赵六", head_id=id_number("22010419810202345")
        ),
    )
    response = api(world.charity_staff).get(f"/api/v1/projects/{world.project.pk}/matches/")
    assert response.status_code == 200, response.json()
    results = response.json()
    assert len(results) == 2
    assert results[0]["need"]["urgency"] == critical.urgency == 3
    assert results[0]["need"]["county"] == "朝阳区"
    text = response.content.decode()
    for personal in ("张建国", "李秀兰", "赵六", "13912345678", "幸福小区", "脑出血", "case_id"):
        assert personal not in text


def test_a_charity_cannot_rank_needs_for_another_charitys_project(funded):
    world = funded.world
    response = api(world.other_charity_staff).get(f"/api/v1/projects/{world.project.pk}/matches/")
    assert response.status_code == 404
    assert (
        api(world.caseworker).get(f"/api/v1/projects/{world.project.pk}/matches/").status_code
        == 403
    )


def test_a_project_that_is_not_open_has_no_matches(funded):
    world = funded.world
    draft = Project.objects.create(
        organisation=world.charity, title="草稿项目", categories=["illness"]
    )
    response = api(world.charity_staff).get(f"/api/v1/projects/{draft.pk}/matches/")
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "project_not_open"
