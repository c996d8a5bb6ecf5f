"""The projects back office: charity staff run their own charity's projects through the
services; a refused change shows on the form and writes nothing."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages

from core.models import AuditEvent
from projects.models import Project

pytestmark = pytest.mark.django_db

FORM = {
    "title": "困境儿童关爱计划",
    "description": "为失去父母照顾的儿童提供助学和生活补助。",
    "categories": ["child", "breadwinner"],
    "regions": "220100、220200",
    "eligible_statuses": ["is_dibao"],
    "eligible_key_groups": ["kg_hardship_after_relief"],
    "eligibility_note": "",
    "per_case_cap": "5,000.50",
    "budget_target": "500000",
    "accepts_partial_funding": "on",
}


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


# ---- menu and roles ----


def test_the_projects_menu_item_is_shown_to_charity_staff_only(client, world):
    client.force_login(world.charity_staff)
    assert "/admin/projects/" in client.get("/admin/").content.decode()

    client.force_login(world.caseworker)
    assert "/admin/projects/" not in client.get("/admin/").content.decode()


@pytest.mark.parametrize("who", ["caseworker", "fund_manager"])
def test_staff_without_a_charity_role_get_403(client, world, who):
    client.force_login(getattr(world, who))
    assert client.get("/admin/projects/").status_code == 403
    assert client.get("/admin/projects/new/").status_code == 403


def test_auditors_read_projects_but_cannot_post_or_edit(client, world):
    client.force_login(world.auditor)
    assert client.get("/admin/projects/").status_code == 200
    page = client.get(f"/admin/projects/{world.other_draft.pk}/").content.decode()
    assert "邻里互助金（筹备中）" in page
    assert f"/admin/projects/{world.other_draft.pk}/edit/" not in page
    assert client.get("/admin/projects/new/").status_code == 403
    assert client.get(f"/admin/projects/{world.draft.pk}/edit/").status_code == 403


# ---- the list ----


def test_charity_staff_see_only_their_own_charitys_projects(client, world):
    client.force_login(world.charity_staff)
    html = client.get("/admin/projects/").content.decode()
    assert "受灾家庭安居援助（筹备中）" in html and "大病医疗救助项目" in html
    assert "邻里" not in html
    assert "¥20,000.00" in html  # the per-case cap, the Chinese way


def test_the_list_filters_by_status(client, world):
    client.force_login(world.charity_staff)
    html = client.get("/admin/projects/?status=open").content.decode()
    assert "大病医疗救助项目" in html
    assert "受灾家庭安居援助（筹备中）" not in html


def test_charity_cannot_open_another_charitys_project_page(client, world):
    client.force_login(world.charity_staff)
    assert client.get(f"/admin/projects/{world.other_open.pk}/").status_code == 404
    assert client.get(f"/admin/projects/{world.other_open.pk}/edit/").status_code == 404


# ---- posting and editing ----


def test_charity_staff_post_a_project_through_the_form(client, world):
    client.force_login(world.charity_staff)
    form = client.get("/admin/projects/new/")
    assert form.status_code == 200

    response = client.post("/admin/projects/new/", FORM)

    project = Project.objects.get(title="困境儿童关爱计划")
    assert response.status_code == 302
    assert response.url == f"/admin/projects/{project.pk}/"
    assert project.organisation == world.charity
    assert project.status == Project.Status.DRAFT
    assert project.per_case_cap_fen == 500_050
    assert project.budget_target_fen == 50_000_000
    assert sorted(project.regions.values_list("code", flat=True)) == ["220100", "220200"]
    assert AuditEvent.objects.filter(action="project.create", object_id=str(project.pk)).exists()


def test_the_same_form_posted_twice_creates_one_project(client, world):
    client.force_login(world.charity_staff)
    data = {**FORM, "organisation": world.charity.pk, "submission": "a1b2c3d4e5f6"}
    client.post("/admin/projects/new/", data)
    again = client.post("/admin/projects/new/", data)
    assert again.status_code == 302
    assert Project.objects.filter(title="困境儿童关爱计划").count() == 1


def test_an_unknown_region_code_shows_on_the_form_and_writes_nothing(client, world):
    client.force_login(world.charity_staff)
    response = client.post("/admin/projects/new/", {**FORM, "regions": "220100 999999"})
    assert response.status_code == 200
    assert "999999" in response.content.decode()
    assert not Project.objects.filter(title="困境儿童关爱计划").exists()
    assert not AuditEvent.objects.filter(action="project.create").exists()


def test_a_rule_broken_in_the_service_shows_on_the_form(client, world):
    client.force_login(world.charity_staff)
    response = client.post("/admin/projects/new/", {**FORM, "per_case_cap": "600000"})
    assert response.status_code == 200
    form = response.context["form"]
    assert [e.code for e in form.errors.as_data()["per_case_cap"]] == ["cap_above_target"]
    assert not Project.objects.filter(title="困境儿童关爱计划").exists()


def test_charity_staff_edit_their_project(client, world):
    client.force_login(world.charity_staff)
    page = client.get(f"/admin/projects/{world.open_project.pk}/edit/")
    assert page.context["form"]["per_case_cap"].value() == "20000.00"

    response = client.post(
        f"/admin/projects/{world.open_project.pk}/edit/",
        {**FORM, "title": "大病医疗救助项目（二期）", "categories": ["illness"]},
    )

    assert response.status_code == 302
    world.open_project.refresh_from_db()
    assert world.open_project.title == "大病医疗救助项目（二期）"
    assert world.open_project.categories == ["illness"]
    assert AuditEvent.objects.filter(action="project.update").exists()


def test_an_open_project_cannot_lose_its_categories_in_the_form(client, world):
    client.force_login(world.charity_staff)
    response = client.post(
        f"/admin/projects/{world.open_project.pk}/edit/", {**FORM, "categories": []}
    )
    assert response.status_code == 200
    assert "categories" in response.context["form"].errors
    world.open_project.refresh_from_db()
    assert world.open_project.categories == ["illness"]


# ---- status ----


def test_charity_staff_open_their_draft_from_its_page(client, world):
    client.force_login(world.charity_staff)
    page = client.get(f"/admin/projects/{world.draft.pk}/").content.decode()
    assert f"/admin/projects/{world.draft.pk}/status/" in page

    response = client.post(f"/admin/projects/{world.draft.pk}/status/", {"status": "open"})

    assert response.status_code == 302
    assert Project.objects.get(pk=world.draft.pk).status == Project.Status.OPEN
    assert AuditEvent.objects.filter(action="project.open").exists()


def test_an_illegal_status_move_is_refused_with_a_message(client, world):
    client.force_login(world.charity_staff)
    response = client.post(
        f"/admin/projects/{world.draft.pk}/status/", {"status": "closed"}, follow=True
    )
    assert any("draft" in m or "草稿" in m for m in messages_of(response))
    assert Project.objects.get(pk=world.draft.pk).status == Project.Status.DRAFT
    assert not AuditEvent.objects.filter(action__startswith="project.").exists()


def test_auditors_cannot_change_a_projects_status(client, world):
    client.force_login(world.auditor)
    response = client.post(f"/admin/projects/{world.draft.pk}/status/", {"status": "open"})
    assert response.status_code == 403
    assert Project.objects.get(pk=world.draft.pk).status == Project.Status.DRAFT


def test_a_closed_project_offers_neither_edit_nor_status_buttons(client, world):
    Project.objects.filter(pk=world.draft.pk).update(status=Project.Status.CLOSED)
    client.force_login(world.charity_staff)
    page = client.get(f"/admin/projects/{world.draft.pk}/").content.decode()
    assert f"/admin/projects/{world.draft.pk}/edit/" not in page
    assert f"/admin/projects/{world.draft.pk}/status/" not in page
