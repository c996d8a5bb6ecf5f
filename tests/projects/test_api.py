"""The projects API: everyone reads open projects; charity staff post and run their own;
errors name the field and the rule, and a refused request writes nothing."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from core.models import AuditEvent
from projects.models import Project

pytestmark = pytest.mark.django_db

NEW_PROJECT = {
    "title": "困境儿童关爱计划",
    "description": "为失去父母照顾的儿童提供助学和生活补助。",
    "categories": ["child", "breadwinner"],
    "regions": ["220100"],
    "eligible_statuses": ["is_dibao"],
    "eligible_key_groups": ["kg_hardship_after_relief"],
    "eligibility_note": "需村（居）委会出具情况说明。",
    "per_case_cap_fen": 500_000,
    "budget_target_fen": 50_000_000,
    "accepts_partial_funding": False,
}


def client_for(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def titles(response) -> set[str]:
    assert response.status_code == 200, response.json()
    return {project["title"] for project in response.json()["results"]}


def errors(response) -> list[tuple[str | None, str]]:
    return [(e["field"], e["code"]) for e in response.json()["errors"]]


# ---- reading ----


def test_anonymous_visitors_read_only_open_projects(world):
    api = client_for()
    assert titles(api.get("/api/v1/projects/")) == {"大病医疗救助项目", "邻里急难互助金"}
    assert api.get(f"/api/v1/projects/{world.draft.pk}/").status_code == 404

    project = api.get(f"/api/v1/projects/{world.open_project.pk}/").json()
    assert project["regions"] == ["220000"]
    assert project["region_names"] == ["吉林省"]
    assert project["organisation_name"] == "吉林省慈善总会"
    assert project["per_case_cap_fen"] == 2_000_000
    assert project["status"] == "open"


def test_charity_staff_see_their_own_drafts_in_the_list(world):
    listed = titles(client_for(world.charity_staff).get("/api/v1/projects/"))
    assert listed == {"受灾家庭安居援助（筹备中）", "大病医疗救助项目", "邻里急难互助金"}


def test_charity_cannot_read_another_charitys_draft(world):
    response = client_for(world.charity_staff).get(f"/api/v1/projects/{world.other_draft.pk}/")
    assert response.status_code == 404


def test_auditors_read_every_project(world):
    assert len(titles(client_for(world.auditor).get("/api/v1/projects/"))) == 4


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=draft", {"受灾家庭安居援助（筹备中）"}),
        ("category=illness&status=open", {"大病医疗救助项目", "邻里急难互助金"}),
        ("category=fire", set()),
        ("within=220100", {"邻里急难互助金"}),
        ("covers=220104&status=open", {"大病医疗救助项目", "邻里急难互助金"}),
        ("covers=360102", set()),
    ],
)
def test_projects_can_be_filtered(world, query, expected):
    assert titles(client_for(world.charity_staff).get(f"/api/v1/projects/?{query}")) == expected


def test_projects_can_be_filtered_by_charity(world):
    response = client_for().get(f"/api/v1/projects/?organisation={world.other_charity.pk}")
    assert titles(response) == {"邻里急难互助金"}


def test_an_unknown_region_in_a_filter_is_a_clear_error(world):
    response = client_for().get("/api/v1/projects/?covers=999999")
    assert response.status_code == 400
    assert errors(response) == [("covers", "unknown_region")]


# ---- posting ----


def test_charity_staff_post_a_project_as_a_draft(world):
    response = client_for(world.charity_staff).post("/api/v1/projects/", NEW_PROJECT)

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "draft"
    assert body["organisation"] == world.charity.pk
    assert body["regions"] == ["220100"]
    assert body["categories"] == ["child", "breadwinner"]
    assert body["budget_target_fen"] == 50_000_000
    assert AuditEvent.objects.filter(action="project.create", object_id=str(body["id"])).exists()


def test_a_repeated_post_with_the_same_idempotency_key_creates_one_project(world):
    api = client_for(world.charity_staff)
    headers = {"Idempotency-Key": "new-project-0001"}
    first = api.post("/api/v1/projects/", NEW_PROJECT, headers=headers)
    again = api.post("/api/v1/projects/", NEW_PROJECT, headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again.headers["Idempotent-Replayed"] == "true"
    assert Project.objects.filter(title="困境儿童关爱计划").count() == 1


def test_a_platform_admin_says_which_charity_runs_the_project(world):
    api = client_for(world.admin)
    response = api.post("/api/v1/projects/", NEW_PROJECT)
    assert response.status_code == 400
    assert errors(response) == [("organisation", "required")]

    response = api.post(
        "/api/v1/projects/", {**NEW_PROJECT, "organisation": world.other_charity.pk}
    )
    assert response.status_code == 201, response.json()
    assert response.json()["organisation"] == world.other_charity.pk


def test_charity_cannot_post_for_another_charity(world):
    response = client_for(world.charity_staff).post(
        "/api/v1/projects/", {**NEW_PROJECT, "organisation": world.other_charity.pk}
    )
    assert response.status_code == 403
    assert not Project.objects.filter(title="困境儿童关爱计划").exists()


@pytest.mark.parametrize("who", ["caseworker", "auditor", "fund_manager"])
def test_only_charity_staff_and_admins_post_projects(world, who):
    response = client_for(getattr(world, who)).post("/api/v1/projects/", NEW_PROJECT)
    assert response.status_code == 403
    assert not Project.objects.filter(title="困境儿童关爱计划").exists()


def test_anonymous_visitors_must_sign_in_to_post(world):
    assert client_for().post("/api/v1/projects/", NEW_PROJECT).status_code == 401


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"regions": ["220100", "999999"]}, [("regions.1", "unknown_region")]),
        ({"regions": ["2201"]}, [("regions.0", "invalid")]),
        ({"categories": ["lottery"]}, [("categories.0", "invalid_choice")]),
        ({"eligible_statuses": ["is_rich"]}, [("eligible_statuses.0", "invalid_choice")]),
        ({"per_case_cap_fen": 1500.5}, [("per_case_cap_fen", "invalid")]),
        ({"per_case_cap_fen": "1500.50"}, [("per_case_cap_fen", "invalid")]),
        ({"budget_target_fen": 0}, [("budget_target_fen", "min_value")]),
        ({"per_case_cap_fen": 60_000_000}, [("per_case_cap_fen", "cap_above_target")]),
        ({"title": ""}, [("title", "blank")]),
        ({"status": "open"}, [("status", "read_only")]),
    ],
)
def test_bad_input_names_the_field_and_the_rule_and_writes_nothing(world, change, expected):
    response = client_for(world.charity_staff).post("/api/v1/projects/", {**NEW_PROJECT, **change})
    assert response.status_code == 400
    assert errors(response) == expected
    assert not Project.objects.filter(description=NEW_PROJECT["description"]).exists()
    assert not AuditEvent.objects.filter(action="project.create").exists()


# ---- changing ----


def test_charity_staff_change_their_project(world):
    response = client_for(world.charity_staff).patch(
        f"/api/v1/projects/{world.open_project.pk}/",
        {"regions": ["220100", "220200"], "per_case_cap_fen": None},
    )
    assert response.status_code == 200, response.json()
    assert response.json()["regions"] == ["220100", "220200"]
    assert response.json()["per_case_cap_fen"] is None
    assert AuditEvent.objects.filter(action="project.update").exists()


def test_charity_cannot_edit_another_charitys_project(world):
    api = client_for(world.charity_staff)
    response = api.patch(f"/api/v1/projects/{world.other_open.pk}/", {"title": "改名"})
    assert response.status_code == 403
    response = api.patch(f"/api/v1/projects/{world.other_draft.pk}/", {"title": "改名"})
    assert response.status_code == 404
    assert not Project.objects.filter(title="改名").exists()


def test_the_status_is_not_changed_by_a_patch(world):
    response = client_for(world.charity_staff).patch(
        f"/api/v1/projects/{world.draft.pk}/", {"status": "open", "title": "新名"}
    )
    assert response.status_code == 400
    assert errors(response) == [("status", "read_only")]
    world.draft.refresh_from_db()
    assert (world.draft.status, world.draft.title) == ("draft", "受灾家庭安居援助（筹备中）")


def test_put_is_not_offered(world):
    response = client_for(world.charity_staff).put(
        f"/api/v1/projects/{world.draft.pk}/", NEW_PROJECT
    )
    assert response.status_code == 405


# ---- status ----


def test_charity_staff_open_pause_and_close_their_project(world):
    api = client_for(world.charity_staff)
    url = f"/api/v1/projects/{world.draft.pk}/status/"
    for status in ["open", "paused", "open", "closed"]:
        response = api.post(url, {"status": status})
        assert response.status_code == 200, response.json()
        assert response.json()["status"] == status
    actions = list(
        AuditEvent.objects.filter(action__startswith="project.", object_id=str(world.draft.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["project.open", "project.pause", "project.resume", "project.close"]


def test_an_illegal_status_move_is_refused(world):
    api = client_for(world.charity_staff)
    response = api.post(f"/api/v1/projects/{world.draft.pk}/status/", {"status": "paused"})
    assert response.status_code == 400
    assert errors(response) == [("status", "status_move")]

    response = api.post(f"/api/v1/projects/{world.draft.pk}/status/", {"status": "draft"})
    assert errors(response) == [("status", "invalid_choice")]
    assert Project.objects.get(pk=world.draft.pk).status == "draft"


def test_charity_cannot_close_another_charitys_project(world):
    response = client_for(world.charity_staff).post(
        f"/api/v1/projects/{world.other_open.pk}/status/", {"status": "closed"}
    )
    assert response.status_code == 403
    assert Project.objects.get(pk=world.other_open.pk).status == "open"


def test_errors_are_in_chinese_by_default_and_english_on_request(world):
    url = f"/api/v1/projects/{world.draft.pk}/status/"
    api = client_for(world.charity_staff)
    chinese = api.post(url, {"status": "closed"}).json()
    english = api.post(url, {"status": "closed"}, headers={"Accept-Language": "en"}).json()
    assert chinese["message"] == "请求有误，请查看下列字段。"
    assert english["errors"][0]["message"] == "A project cannot go from draft to closed."


def test_projects_filter_by_the_money_they_hold_and_refuse_a_bad_amount(world):
    from donors import services as money
    from donors.models import Donation

    donor = money.donor_create(name="陈爱心")
    money.donation_record_offline(
        by=world.charity_staff,
        donor=donor,
        amount_fen=500_000,
        channel=Donation.Channel.BANK_TRANSFER,
        reference="BANK-FILTER-1",
        project=world.open_project,
    )
    api = client_for()
    assert titles(api.get("/api/v1/projects/", {"min_available_fen": 100_000})) == {
        world.open_project.title
    }
    assert world.open_project.title not in titles(
        api.get("/api/v1/projects/", {"max_available_fen": 100_000})
    )
    assert titles(
        api.get("/api/v1/projects/", {"min_available_fen": 500_000, "max_available_fen": 500_000})
    ) == {world.open_project.title}
    bad = api.get("/api/v1/projects/", {"min_available_fen": "很多"}, HTTP_ACCEPT_LANGUAGE="en")
    assert bad.status_code == 400
    assert [e["field"] for e in bad.json()["errors"]] == ["min_available_fen"]
    english = bad.json()["errors"][0]["message"]
    chinese = api.get("/api/v1/projects/", {"max_available_fen": "x"})
    assert chinese.status_code == 400
    assert [e["field"] for e in chinese.json()["errors"]] == ["max_available_fen"]
    assert chinese.json()["errors"][0]["message"] != english
