"""Enterprise special funds at work (issue 15, item 5): a fund manager finds the accepted
referrals their fund's rules admit, reads them anonymized, and commits money from their own
fund only, from the screen and the API; everything else stays closed."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from core import services as core_services
from core.factories import OrganisationFactory, UserFactory
from core.models import IdempotencyKey, Membership, Organisation, Region
from donors import services
from donors.models import Allocation, Entry, Transaction
from donors.selectors import available_fen, fundable_referrals

pytestmark = pytest.mark.django_db
Role = Membership.Role

PERSONAL = ["张建国", "李秀兰", "13912345678", "幸福小区"]


def snapshot() -> tuple[int, ...]:
    return (
        Allocation.objects.count(),
        Transaction.objects.count(),
        Entry.objects.count(),
        IdempotencyKey.objects.count(),
    )


def form_errors(response, field: str) -> list[str]:
    forms = [panel["form"] for panel in response.context["actions"] if panel["form"].is_bound]
    assert forms, "the posted form is not shown again"
    return [str(e) for e in forms[0].errors.get(field, [])]


@pytest.fixture
def funded(money):
    """¥10,000 in the enterprise's fund and an accepted grave-illness referral in 朝阳区."""
    money.give(1_000_000)
    return money.accepted_referral()


@pytest.fixture
def other_enterprise(money):
    """Another enterprise whose fund pays for accidents only, with its own fund manager."""
    enterprise = OrganisationFactory(
        name="长白山药业",
        kind=Organisation.Kind.ENTERPRISE,
        region=Region.objects.get(code="220000"),
    )
    manager = UserFactory(username="cbs.fund")
    core_services.membership_grant(
        by=None, user=manager, organisation=enterprise, role=Role.FUND_MANAGER
    )
    fund = services.fund_create(
        by=manager,
        owner=enterprise,
        name="长白山意外救助基金",
        purpose="意外伤害",
        categories=["accident"],
    )
    services.donation_record_offline(
        by=manager,
        donor=money.donor,
        amount_fen=500_000,
        channel="bank_transfer",
        reference="CBS-0001",
        fund=fund,
    )
    return manager, fund


def post_allocate(client, referral, source: str, amount: str = "3000", submission="a" * 32):
    return client.post(
        f"/admin/money/referrals/{referral.pk}/allocate/",
        {"source": source, "amount": amount, "note": "企业专项资助", "submission": submission},
    )


# ---- finding a case ----


def test_a_fund_manager_finds_the_accepted_referrals_their_fund_admits(client, money, funded):
    client.force_login(money.fund_manager)
    response = client.get("/admin/money/allocations/")
    assert response.status_code == 200  # was 403: the screen was for charity staff only
    html = response.content.decode()
    assert f"#{funded.pk}" in html
    assert funded.case.region.name in html
    assert funded.case.number not in html  # the referral's number is the key on money screens
    for personal in PERSONAL:
        assert personal not in html

    fund_page = client.get(f"/admin/money/funds/{money.fund.pk}/").content.decode()
    assert f"/admin/money/referrals/{funded.pk}/" in fund_page


def test_the_referral_page_shows_the_situation_anonymized_and_the_allocate_form(
    client, money, funded
):
    client.force_login(money.fund_manager)
    response = client.get(f"/admin/money/referrals/{funded.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "突发重病住院" in html  # the situation, as an accepting charity reads it
    assert "脑出血" not in html  # health details beyond a category stay in the case file
    for personal in PERSONAL:
        assert personal not in html
    assert [panel["name"] for panel in response.context["actions"]] == ["allocate"]
    choices = dict(response.context["actions"][0]["form"].fields["source"].choices)
    assert not any(key.startswith("project:") for key in choices if isinstance(key, str))


def test_a_referral_not_yet_accepted_is_not_offered(client, money):
    money.give(1_000_000)
    _case, requested = money.world.referred()
    assert not fundable_referrals(money.fund).filter(pk=requested.pk).exists()
    client.force_login(money.fund_manager)
    assert f"#{requested.pk}" not in client.get("/admin/money/allocations/").content.decode()
    assert client.get(f"/admin/money/referrals/{requested.pk}/").status_code == 404


def test_a_case_the_funds_rules_do_not_admit_stays_hidden(client, money, funded, other_enterprise):
    manager, fund = other_enterprise  # accidents only; the referral is a grave illness
    assert not fundable_referrals(fund).filter(pk=funded.pk).exists()
    client.force_login(manager)
    assert client.get("/admin/money/allocations/").status_code == 200
    assert f"#{funded.pk}" not in client.get("/admin/money/allocations/").content.decode()
    assert client.get(f"/admin/money/referrals/{funded.pk}/").status_code == 404
    before = snapshot()
    assert post_allocate(client, funded, f"fund:{fund.pk}").status_code == 404
    assert snapshot() == before


def test_a_closed_fund_offers_no_cases(money, funded):
    services.fund_close(by=money.fund_manager, fund=money.fund)
    money.fund.refresh_from_db()
    assert not fundable_referrals(money.fund).exists()


def test_a_fund_manager_still_cannot_read_the_case_file_or_the_referral_inbox(
    client, money, funded
):
    client.force_login(money.fund_manager)
    assert client.get(f"/admin/cases/{funded.case.pk}/").status_code in (403, 404)
    assert client.get(f"/admin/referrals/{funded.pk}/").status_code in (403, 404)
    api = APIClient()
    api.force_authenticate(money.fund_manager)
    assert api.get(f"/api/v1/cases/{funded.case.pk}/").status_code in (403, 404)


# ---- committing money from the screen ----


def test_a_fund_manager_commits_their_funds_money_from_the_screen(client, money, funded):
    client.force_login(money.fund_manager)
    response = post_allocate(client, funded, f"fund:{money.fund.pk}")
    assert response.status_code == 302, response.content.decode()[:2000]
    allocation = Allocation.objects.get()
    assert allocation.referral == funded and allocation.source.fund == money.fund
    assert allocation.amount_fen == 300_000
    assert available_fen(money.fund) == 700_000
    # The same form posted again acts once.
    again = post_allocate(client, funded, f"fund:{money.fund.pk}")
    assert again.status_code == 302
    assert Allocation.objects.count() == 1


def test_a_fund_manager_cannot_allocate_the_projects_money(client, money, funded):
    money.give(500_000, project=money.world.project)
    client.force_login(money.fund_manager)
    before = snapshot()
    response = post_allocate(client, funded, f"project:{money.world.project.pk}")
    assert response.status_code == 200
    assert form_errors(response, "source")
    assert snapshot() == before


def test_a_fund_manager_cannot_allocate_another_organisations_fund(
    client, money, funded, other_enterprise
):
    _manager, other_fund = other_enterprise
    client.force_login(money.fund_manager)
    before = snapshot()
    response = post_allocate(client, funded, f"fund:{other_fund.pk}")
    assert response.status_code == 200
    assert form_errors(response, "source")
    assert snapshot() == before


def test_more_than_the_fund_holds_is_refused_in_chinese_and_writes_nothing(client, money, funded):
    client.force_login(money.fund_manager)
    before = snapshot()
    response = post_allocate(client, funded, f"fund:{money.fund.pk}", amount="10001")
    assert response.status_code == 200
    errors = form_errors(response, "amount")
    assert errors and "¥10,000.00" in errors[0]
    assert snapshot() == before


def test_bad_amounts_are_refused_on_the_field(client, money, funded):
    client.force_login(money.fund_manager)
    before = snapshot()
    for amount in ["0", "-5", "1.234", "abc"]:
        response = post_allocate(client, funded, f"fund:{money.fund.pk}", amount=amount)
        assert response.status_code == 200
        assert form_errors(response, "amount")
    assert snapshot() == before


def test_a_fund_manager_records_no_payments(client, money, funded):
    services.allocation_create(
        by=money.fund_manager, referral=funded, amount_fen=300_000, fund=money.fund
    )
    client.force_login(money.fund_manager)
    page = client.get(f"/admin/money/referrals/{funded.pk}/")
    assert "disbursement_request" not in [p["name"] for p in page.context["actions"]]


# ---- the API ----


def test_the_api_lists_the_cases_a_fund_may_pay_for_anonymized(money, funded):
    api = APIClient()
    api.force_authenticate(money.fund_manager)
    response = api.get(f"/api/v1/funds/{money.fund.pk}/cases/")
    assert response.status_code == 200, response.json()
    rows = response.json()["results"]
    assert [row["referral"] for row in rows] == [funded.pk]
    row = rows[0]
    assert "case_number" not in row and funded.case.number not in response.content.decode()
    assert row["case_category"] == "illness"
    assert row["region"] == funded.case.region_id
    assert row["remaining_gap_fen"] == funded.case.remaining_gap_fen
    assert "突发重病住院" in row["story"] and "脑出血" not in row["story"]
    text = response.content.decode()
    for personal in PERSONAL:
        assert personal not in text

    created = api.post(
        "/api/v1/allocations/",
        {"referral": funded.pk, "amount_fen": 200_000, "fund": money.fund.pk},
        format="json",
        HTTP_IDEMPOTENCY_KEY="fund-commit-1",
    )
    assert created.status_code == 201, created.json()


def test_only_the_funds_holder_reads_its_cases(money, funded, other_enterprise):
    manager, _fund = other_enterprise
    for user in (manager, money.world.charity_staff, money.world.caseworker):
        api = APIClient()
        api.force_authenticate(user)
        assert api.get(f"/api/v1/funds/{money.fund.pk}/cases/").status_code == 403


def test_the_api_refuses_a_case_the_fund_does_not_admit(money, funded, other_enterprise):
    manager, fund = other_enterprise
    api = APIClient()
    api.force_authenticate(manager)
    before = snapshot()
    response = api.post(
        "/api/v1/allocations/",
        {"referral": funded.pk, "amount_fen": 100_000, "fund": fund.pk},
        format="json",
        HTTP_IDEMPOTENCY_KEY="other-commit-1",
    )
    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert (error["field"], error["code"]) == ("fund", "restriction_category")
    assert snapshot()[:3] == before[:3]
