"""The reports API: statements (JSON, CSV, Excel) for those who hold the money, a public
need's funding and the public transparency figures."""

from __future__ import annotations

import io
import uuid

import openpyxl
import pytest
from rest_framework.test import APIClient

from core import services as core_services
from core.factories import OrganisationFactory, UserFactory
from core.models import AuditEvent, Membership, Organisation, Region
from donors import services
from donors.models import Fund, Transaction
from needs import services as needs_services
from tests.donors.test_reports import (
    HOUSEHOLD_SECRETS,
    allocate,
    at,
    february,
    online_gift,
    pay,
)

Role = Membership.Role
PERIOD = "start=2026-02-01&end=2026-02-28"


def client_for(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def _statement_url(fund, query=PERIOD) -> str:
    return f"/api/v1/funds/{fund.pk}/statement/?{query}"


@pytest.fixture
def other_enterprise(money):
    """Another enterprise with its manager, a public fund and a private fund."""
    organisation = OrganisationFactory(
        name="长白山药业",
        kind=Organisation.Kind.ENTERPRISE,
        region=Region.objects.get(code="220000"),
    )
    manager = UserFactory(username="changbai.fund")
    core_services.membership_grant(
        by=None, user=manager, organisation=organisation, role=Role.FUND_MANAGER
    )
    public = services.fund_create(
        by=manager,
        owner=organisation,
        holder=money.world.charity,
        name="长白山助学基金",
        purpose="助学",
        is_public=True,
    )
    private = services.fund_create(
        by=manager,
        owner=organisation,
        holder=money.world.charity,
        name="长白山内部互助金",
        purpose="互助",
        is_public=False,
    )
    return manager, public, private


# ---- who reads a statement ----


def test_the_enterprise_reads_its_own_funds_statement(money):
    february(money)
    response = client_for(money.fund_manager).get(_statement_url(money.fund))
    assert response.status_code == 200
    body = response.json()
    assert body["holder_type"] == "fund"
    assert (body["opening_fen"], body["closing_fen"]) == (1_000_000, 1_354_000)
    assert body["closing_fen"] == body["opening_fen"] + (
        body["donations_fen"]
        - body["fees_fen"]
        - body["allocations_fen"]
        + body["releases_fen"]
        - body["refunds_fen"]
        + body["corrections_fen"]
    )
    assert body["disbursed_from_allocations_fen"] == 120_000
    assert len(body["rows"]) == 8
    assert body["disbursements"][0]["region"] == "朝阳区"
    for secret in HOUSEHOLD_SECRETS:
        assert secret not in response.content.decode()


def test_an_enterprise_gets_403_for_another_enterprises_public_fund(money, other_enterprise):
    _manager, public, _private = other_enterprise
    response = client_for(money.fund_manager).get(_statement_url(public))
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


def test_a_private_fund_of_another_enterprise_is_not_found(money, other_enterprise):
    _manager, _public, private = other_enterprise
    assert client_for(money.fund_manager).get(_statement_url(private)).status_code == 404


def test_the_other_enterprise_reads_its_own_private_fund(money, other_enterprise):
    manager, _public, private = other_enterprise
    assert client_for(manager).get(_statement_url(private)).status_code == 200


def test_the_charity_holding_a_fund_reads_its_statement(money, other_enterprise):
    """The private fund is held by world.charity: its staff received the gifts and issued the
    receipts, so they read the statement; another charity's staff do not even see the fund."""
    _manager, _public, private = other_enterprise
    assert client_for(money.world.charity_staff).get(_statement_url(private)).status_code == 200
    other = client_for(money.world.other_charity_staff).get(_statement_url(private))
    assert other.status_code == 404


@pytest.mark.parametrize("who", ["auditor", "admin"])
def test_auditors_and_administrators_read_every_statement(money, other_enterprise, who):
    _manager, _public, private = other_enterprise
    if who == "auditor":
        reader = money.world.auditor
    else:
        reader = UserFactory(username="root", is_superuser=True, is_staff=True)
    assert client_for(reader).get(_statement_url(private)).status_code == 200
    assert client_for(reader).get(_statement_url(money.fund)).status_code == 200


@pytest.mark.parametrize("who", ["caseworker", "supervisor", "charity_staff"])
def test_others_may_not_read_a_funds_statement(money, who):
    reader = getattr(money.world, who)
    assert client_for(reader).get(_statement_url(money.fund)).status_code == 403


def test_anonymous_readers_must_sign_in(money):
    assert client_for().get(_statement_url(money.fund)).status_code == 401


def test_an_unknown_fund_is_not_found(money):
    response = client_for(money.world.auditor).get(f"/api/v1/funds/999999/statement/?{PERIOD}")
    assert response.status_code == 404


def test_the_projects_charity_reads_the_projects_statement(money):
    with at(2026, 2, 3):
        money.give(80_000, project=money.world.project)
    url = f"/api/v1/project-statements/{money.world.project.pk}/?{PERIOD}"
    response = client_for(money.world.charity_staff).get(url)
    assert response.status_code == 200
    assert response.json()["donations_fen"] == 80_000
    assert client_for(money.world.auditor).get(url).status_code == 200
    assert client_for(money.world.other_charity_staff).get(url).status_code == 403
    assert client_for(money.fund_manager).get(url).status_code == 403
    missing = "/api/v1/project-statements/999999/?" + PERIOD
    assert client_for(money.world.auditor).get(missing).status_code == 404


# ---- bad periods ----


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("end=2026-02-28", "start"),
        ("start=2026-02-01", "end"),
        ("start=2026-13-01&end=2026-12-31", "start"),
        ("start=yesterday&end=2026-12-31", "start"),
        ("start=2026-03-01&end=2026-02-01", "end"),
        ("start=2023-01-01&end=2026-01-01", "end"),
        ("start=2026-02-01&end=2026-02-28&format=pdf", "format"),
    ],
)
def test_a_bad_period_is_refused_naming_the_field(money, query, field):
    response = client_for(money.fund_manager).get(_statement_url(money.fund, query))
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert [error["field"] for error in response.json()["errors"]] == [field]


def test_three_whole_years_are_allowed(money):
    query = "start=2023-01-01&end=2025-12-31"
    assert client_for(money.fund_manager).get(_statement_url(money.fund, query)).status_code == 200


def test_a_refused_file_request_answers_in_json(money, other_enterprise):
    _manager, public, _private = other_enterprise
    response = client_for(money.fund_manager).get(_statement_url(public, PERIOD + "&format=csv"))
    assert response.status_code == 403
    assert response["Content-Type"].startswith("application/json")


# ---- files ----


def test_the_statement_as_csv(money):
    february(money)
    transactions = Transaction.objects.count()
    response = client_for(money.fund_manager).get(
        _statement_url(money.fund, PERIOD + "&format=csv")
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="statement-fund-{money.fund.pk}-2026-02-01-2026-02-28.csv"'
    )
    assert response.content.startswith(b"\xef\xbb\xbf")
    text = response.content.decode("utf-8-sig")
    assert "吉安大病救助专项基金" in text
    assert "13540.00" in text
    for secret in HOUSEHOLD_SECRETS:
        assert secret not in text
    assert Transaction.objects.count() == transactions


def test_the_statement_as_excel(money):
    february(money)
    response = client_for(money.fund_manager).get(
        _statement_url(money.fund, PERIOD + "&format=xlsx"), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = {row[0]: row[1] for row in sheet.iter_rows(values_only=True) if row[0]}
    assert values["Closing balance"] == 13_540
    assert values["Donations received"] == 7_100
    text = repr(list(sheet.iter_rows(values_only=True)))
    for secret in HOUSEHOLD_SECRETS:
        assert secret not in text


# ---- a public need's funding ----


def _need_with_money(money):
    need = money.published_need()
    referral = needs_services.referral_create(
        by=money.world.caseworker, case=need.case, project=money.world.project
    )
    needs_services.referral_accept(by=money.world.charity_staff, referral=referral)
    money.give(200_000, need=need)
    allocation = services.allocation_create(
        by=money.world.charity_staff, referral=referral, amount_fen=150_000, need=need
    )
    pay(money, allocation, 50_000)
    return need


def test_anyone_reads_a_published_needs_funding(money):
    need = _need_with_money(money)
    audit_events = AuditEvent.objects.count()
    response = client_for().get(f"/api/v1/public/needs/{need.public_id}/funding/")
    assert response.status_code == 200
    assert response.json() == {
        "need": str(need.public_id),
        "title": need.title,
        "gap_fen": need.remaining_gap_fen,
        "donated_fen": 200_000,
        "allocated_fen": 150_000,
        "disbursed_fen": 50_000,
        "missing_fen": need.remaining_gap_fen - 150_000,
    }
    for secret in HOUSEHOLD_SECRETS:
        assert secret not in response.content.decode()
    assert AuditEvent.objects.count() == audit_events


def test_an_unpublished_or_unknown_need_has_no_public_funding(money):
    need = _need_with_money(money)
    needs_services.need_unpublish(by=money.world.caseworker, need=need)
    assert client_for().get(f"/api/v1/public/needs/{need.public_id}/funding/").status_code == 404
    draft_case = money.world.relieved()
    needs_services.consent_record(
        by=money.world.caseworker,
        case=draft_case,
        scope="publish_need",
        method="written",
        given_by_name="张建国",
    )
    draft = needs_services.need_preview(by=money.world.caseworker, case=draft_case)
    assert client_for().get(f"/api/v1/public/needs/{draft.public_id}/funding/").status_code == 404
    assert client_for().get(f"/api/v1/public/needs/{uuid.uuid4()}/funding/").status_code == 404


# ---- transparency ----


def test_the_public_transparency_figures_come_from_the_ledger(money, other_enterprise):
    _manager, public, private = other_enterprise
    money.give(1_000_000)
    online_gift(money, 200_000, 6_000)
    kept = allocate(money, money.accepted_referral(), 300_000)
    released = allocate(money, money.accepted_referral(), 100_000)
    services.allocation_release(allocation=released, reason="转介取消", by=None)
    pay(money, kept, 100_000)
    refunded = money.give(80_000)
    services.donation_refund(
        donation=refunded, amount_fen=50_000, reason="捐赠人要求", by=money.fund_manager
    )
    money.give(40_000, project=money.world.project)
    response = client_for().get("/api/v1/public/transparency/")
    assert response.status_code == 200
    body = response.json()
    assert body["currency"] == "CNY"
    assert body["totals"] == {
        "raised_fen": 1_320_000,
        "fees_fen": 6_000,
        "allocated_fen": 300_000,
        "disbursed_fen": 100_000,
        "refunded_fen": 50_000,
    }
    funds = {fund["name"]: fund for fund in body["funds"]}
    assert private.name not in funds
    assert funds["吉安大病救助专项基金"] == {
        "id": money.fund.pk,
        "name": "吉安大病救助专项基金",
        "owner_name": "吉安实业有限公司",
        "status": Fund.Status.ACTIVE,
        "raised_fen": 1_280_000,
        "available_fen": 1_280_000 - 6_000 - 300_000 - 50_000,
        # Committed net of the release, and the part of it that reached the household.
        "committed_fen": 300_000,
        "paid_fen": 100_000,
    }
    assert funds[public.name]["raised_fen"] == funds[public.name]["available_fen"] == 0
    text = response.content.decode()
    for secret in (*HOUSEHOLD_SECRETS, "陈爱心"):
        assert secret not in text


def test_transparency_with_an_empty_ledger(db):
    body = client_for().get("/api/v1/public/transparency/").json()
    assert body["totals"] == dict.fromkeys(
        ["raised_fen", "fees_fen", "allocated_fen", "disbursed_fen", "refunded_fen"], 0
    )
    assert body["funds"] == []
