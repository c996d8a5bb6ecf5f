"""The dashboard opens on each role's own work (待办), and the API shows the same lists."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from needs import services

pytestmark = pytest.mark.django_db


def dashboard(client, user) -> str:
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_caseworker_starts_on_the_case_to_accept(client, world):
    case = world.report()
    user = world.caseworker
    user.first_name, user.last_name = "芳", "王"
    user.save()
    page = dashboard(client, user)
    assert f'href="/admin/cases/{case.pk}/"' in page and case.number in page
    assert 'id="work-cases_to_accept"' in page
    assert "王芳" in page and "芳 王" not in page
    # The platform's name, not Wagtail's search box or editor guide.
    assert "救急难" in page
    assert "Search all pages" not in page and "editor guide" not in page
    # Nothing of the household.
    assert "张建国" not in page and "13912345678" not in page


def test_the_supervisor_starts_on_the_approval_and_the_overdue_steps(client, world):
    case = world.accepted()
    services.case_assess(
        by=world.caseworker, case=case, assessed_need_fen=2_000_000, assessed_gap_fen=2_000_000
    )
    services.relief_grant(
        by=world.caseworker, case=case, kind="temporary", amount_fen=800_000, reason="特别困难"
    )
    page = dashboard(client, world.supervisor)
    assert 'id="work-relief_approvals"' in page
    assert f'href="/admin/cases/{case.pk}/#case-relief"' in page
    assert "¥8,000.00" in page
    assert 'id="work-cases_to_accept"' not in page


def test_the_charity_starts_on_the_referral_to_answer(client, world):
    case, referral = world.referred()
    page = dashboard(client, world.charity_staff)
    assert f'href="/admin/referrals/{referral.pk}/"' in page and case.number in page
    assert "张建国" not in page
    other = dashboard(client, world.other_charity_staff)
    assert case.number not in other


def test_the_department_starts_on_the_referral_sent_to_it(client, world):
    case = world.relieved()
    referral = services.referral_create(by=world.caseworker, case=case, department=world.department)
    page = dashboard(client, world.department_staff)
    assert f'href="/admin/referrals/{referral.pk}/"' in page


def test_the_auditor_is_told_that_nothing_waits(client, world):
    world.report()
    page = dashboard(client, world.auditor)
    assert 'class="worklist"' in page and "worklist__tile" not in page


def test_the_api_lists_the_same_work_for_the_signed_in_user_only(world):
    case = world.report()
    api = APIClient()
    assert api.get("/api/v1/me/worklist/").status_code in (401, 403)
    api.force_authenticate(world.caseworker)
    # The API answers in the request's language (the Chinese default without a header).
    data = api.get("/api/v1/me/worklist/", HTTP_ACCEPT_LANGUAGE="en").json()
    lists = {work["kind"]: work for work in data["lists"]}
    accept = lists["cases_to_accept"]
    assert accept["count"] == 1 and data["count"] >= 1
    [item] = accept["items"]
    assert item["title"] == case.number and item["link"] == f"/admin/cases/{case.pk}/"
    assert item["due_at"] and item["due_text"].startswith("due")
    api.force_authenticate(world.nanguan_caseworker)
    data = api.get("/api/v1/me/worklist/").json()
    assert case.number not in str(data)
    api.force_authenticate(world.charity_staff)
    kinds = {work["kind"] for work in api.get("/api/v1/me/worklist/").json()["lists"]}
    assert "cases_to_accept" not in kinds
