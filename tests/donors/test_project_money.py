"""A project's available money is read from its ledger account, in the API and the back
office: what was given to it, less what it allocated, plus what came back."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from donors import services

pytestmark = pytest.mark.django_db


def available_in_api(project) -> int:
    response = APIClient().get(f"/api/v1/projects/{project.pk}/")
    assert response.status_code == 200, response.json()
    return response.json()["available_fen"]


def test_a_project_without_money_has_zero_available(money):
    assert available_in_api(money.world.project) == 0
    listed = APIClient().get("/api/v1/projects/").json()["results"]
    assert {p["title"]: p["available_fen"] for p in listed}[money.world.project.title] == 0


def test_gifts_allocations_and_releases_move_the_available_money(money):
    project = money.world.project
    money.give(300_000, project=project)
    assert available_in_api(project) == 300_000
    referral = money.accepted_referral()
    allocation = services.allocation_create(
        by=money.world.charity_staff, referral=referral, amount_fen=120_000, project=project
    )
    assert available_in_api(project) == 180_000
    services.allocation_release(
        by=money.world.charity_staff, allocation=allocation, reason="转介未能完成"
    )
    assert available_in_api(project) == 300_000


def test_the_back_office_page_shows_the_available_money(client, money):
    project = money.world.project
    money.give(123_456, project=project)
    client.force_login(money.world.charity_staff)
    html = client.get(f"/admin/projects/{project.pk}/").content.decode()
    assert "¥1,234.56" in html
