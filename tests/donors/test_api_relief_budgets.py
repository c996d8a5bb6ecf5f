"""Government relief budgets through the staff API (issue 15, item 4): scoped lists, a
budget's statement, recording an appropriation once, refusals that write nothing."""

from __future__ import annotations

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from donors.models import Appropriation, ReliefBudget

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year
URL = "/api/v1/relief-budgets/"


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def first_error(response) -> tuple[str | None, str]:
    error = response.json()["errors"][0]
    return error["field"], error["code"]


def test_budgets_are_listed_within_the_readers_jurisdiction(world):
    names = {b["office_name"] for b in api(world.caseworker).get(URL).json()["results"]}
    assert "朝阳区民政局" in names and "东湖区民政局" not in names
    names = {b["office_name"] for b in api(world.supervisor).get(URL).json()["results"]}
    assert {"朝阳区民政局", "南关区民政局", "长春市民政局"} <= names
    assert "东湖区民政局" not in names
    assert api(world.charity_staff).get(URL).status_code == 403


def test_a_budget_statement_for_a_period(world):
    world.relieved(relief=400_000)
    budget = ReliefBudget.objects.get(office=world.chaoyang, year=YEAR, scheme="temporary")
    response = api(world.supervisor).get(
        f"{URL}{budget.pk}/statement/", {"start": f"{YEAR}-01-01", "end": f"{YEAR}-12-31"}
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["opening_fen"], body["appropriated_fen"], body["granted_fen"]) == (
        0,
        100_000_000,
        400_000,
    )
    assert body["closing_fen"] == 99_600_000 and body["grants_without_proof"] == 1
    assert "张建国" not in response.content.decode()
    assert api(world.donghu_caseworker).get(f"{URL}{budget.pk}/statement/").status_code == 404
    bad = api(world.supervisor).get(
        f"{URL}{budget.pk}/statement/", {"start": f"{YEAR}-12-31", "end": f"{YEAR}-01-01"}
    )
    assert bad.status_code == 400 and first_error(bad)[0] == "end"


def test_a_supervisor_records_an_appropriation_once(world):
    body = {
        "office": world.nanguan.pk,
        "year": YEAR,
        "scheme": "temporary",
        "amount_fen": 5_000_000,
        "reference": "长财社〔2026〕99号",
    }
    client = api(world.supervisor)
    first = client.post(
        f"{URL}appropriations/", body, format="json", HTTP_IDEMPOTENCY_KEY="appr-0001"
    )
    assert first.status_code == 201, first.content
    again = client.post(
        f"{URL}appropriations/", body, format="json", HTTP_IDEMPOTENCY_KEY="appr-0001"
    )
    assert again.json()["id"] == first.json()["id"]
    assert Appropriation.objects.filter(reference="长财社〔2026〕99号").count() == 1


def test_bad_or_unauthorised_appropriations_write_nothing(world):
    before = Appropriation.objects.count()
    body = {
        "office": world.chaoyang.pk,
        "year": YEAR,
        "scheme": "temporary",
        "amount_fen": 0,
        "reference": "x",
    }
    bad = api(world.supervisor).post(
        f"{URL}appropriations/",
        body,
        format="json",
        HTTP_IDEMPOTENCY_KEY="appr-bad-1",
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert bad.status_code == 400 and first_error(bad) == ("amount_fen", "min_value")
    body["amount_fen"] = 100
    for user in (world.caseworker, world.auditor):
        refused = api(user).post(
            f"{URL}appropriations/", body, format="json", HTTP_IDEMPOTENCY_KEY=f"appr-no-{user.pk}"
        )
        assert refused.status_code == 403
    assert Appropriation.objects.count() == before


def test_the_public_transparency_api_carries_government_relief_aggregated(world):
    world.relieved(relief=400_000)
    body = APIClient().get("/api/v1/public/transparency/").json()
    chaoyang = [r for r in body["government_relief"] if r["office"] == "朝阳区民政局"]
    temporary = next(r for r in chaoyang if r["paid_fen"])
    assert temporary["county"] == "朝阳区" and temporary["year"] == YEAR
    assert (temporary["appropriated_fen"], temporary["paid_fen"], temporary["grants"]) == (
        100_000_000,
        400_000,
        1,
    )
    assert set(temporary) == {
        "county",
        "office",
        "year",
        "scheme",
        "appropriated_fen",
        "paid_fen",
        "grants",
    }


def test_the_payment_of_relief_is_recorded_through_the_api_once(world):
    case = world.relieved(relief=400_000)
    grant = case.relief_grants.get()
    url = f"/api/v1/relief-grants/{grant.pk}/payment/"
    bad = api(world.caseworker).post(
        url, {"paid_via": "cash"}, format="json", HTTP_IDEMPOTENCY_KEY="payment-bad-0"
    )
    assert bad.status_code == 400 and first_error(bad)[0] == "payment_reference"
    body = {"paid_via": "bank_transfer", "payment_reference": "ICBC-0099"}
    ok = api(world.caseworker).post(url, body, format="json", HTTP_IDEMPOTENCY_KEY="pay-0001")
    assert ok.status_code == 200 and ok.json()["payment_reference"] == "ICBC-0099"
    again = api(world.caseworker).post(url, body, format="json", HTTP_IDEMPOTENCY_KEY="pay-0002")
    assert again.status_code == 400 and first_error(again)[1] == "already_paid"
    hidden = api(world.donghu_caseworker).post(
        url, body, format="json", HTTP_IDEMPOTENCY_KEY="payment-0003"
    )
    assert hidden.status_code == 404
