"""The money loop closed: a referral is not closed as resolved while payments to the household
are still waiting, and closing it (either way) returns what was allocated and not paid out to
where it came from."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from core.models import AuditEvent
from donors import selectors, services
from donors.ledger import account_for
from donors.models import Account, Allocation, Disbursement, Entry, Transaction
from needs import services as needs_services
from needs.admin_views.referrals import ReferralCompleteView
from needs.models import Referral

pytestmark = pytest.mark.django_db


@pytest.fixture
def referral(money) -> Referral:
    money.give(1_000_000)
    return money.accepted_referral()


@pytest.fixture
def allocation(money, referral) -> Allocation:
    return services.allocation_create(
        by=money.fund_manager, referral=referral, amount_fen=300_000, fund=money.fund
    )


def request(money, allocation, amount_fen) -> Disbursement:
    return services.disbursement_request(
        by=money.world.charity_staff,
        allocation=allocation,
        amount_fen=amount_fen,
        method="hospital",
        proof_reference="ZY-1",
    )


def pay(money, allocation, amount_fen) -> Disbursement:
    payment = request(money, allocation, amount_fen)
    services.disbursement_approve(by=money.world.charity_staff, disbursement=payment)
    return services.disbursement_mark_paid(by=money.world.charity_staff, disbursement=payment)


def state(referral) -> tuple:
    referral.refresh_from_db()
    return (
        referral.status,
        sorted(Allocation.objects.filter(referral=referral).values_list("status", flat=True)),
        sorted(
            Disbursement.objects.filter(allocation__referral=referral).values_list(
                "status", flat=True
            )
        ),
        Transaction.objects.count(),
        Entry.objects.count(),
        AuditEvent.objects.count(),
    )


def complete(money, referral, outcome="resolved", reason=""):
    return needs_services.referral_complete(
        by=money.world.charity_staff, referral=referral, outcome=outcome, reason=reason
    )


@pytest.mark.parametrize("approve", [False, True])
def test_resolved_is_refused_while_a_payment_is_pending_or_approved(
    money, referral, allocation, approve
):
    pay(money, allocation, 100_000)
    waiting = request(money, allocation, 50_000)
    if approve:
        services.disbursement_approve(by=money.world.charity_staff, disbursement=waiting)
    before = state(referral)
    with pytest.raises(ValidationError) as error:
        complete(money, referral)
    refusal = error.value.error_dict["outcome"][0]
    assert refusal.code == "payments_pending"
    assert f"D{waiting.pk}" in refusal.message and "500.00" in refusal.message
    assert state(referral) == before
    assert selectors.available_fen(money.fund) == 700_000


def test_once_the_waiting_payment_is_cancelled_resolved_closes_and_the_rest_goes_back(
    money, referral, allocation
):
    pay(money, allocation, 100_000)
    waiting = request(money, allocation, 50_000)
    services.disbursement_cancel(
        by=money.world.charity_staff, disbursement=waiting, reason="家属已由医保报销"
    )
    complete(money, referral)

    referral.refresh_from_db()
    allocation.refresh_from_db()
    assert referral.status == Referral.Status.COMPLETED
    assert allocation.status == Allocation.Status.RELEASED
    assert allocation.released_fen == 200_000
    # The fund has back what the household was not paid; the household keeps what it got.
    assert selectors.available_fen(money.fund) == 700_000 + 200_000
    assert account_for(Account.Kind.BENEFICIARY, referral).balance_fen == 100_000
    assert AuditEvent.objects.filter(action="allocation.release", object_id=str(allocation.pk))


def test_a_fully_paid_referral_closes_as_resolved_with_nothing_to_return(
    money, referral, allocation
):
    pay(money, allocation, 300_000)
    complete(money, referral)
    allocation.refresh_from_db()
    assert allocation.status == Allocation.Status.SPENT
    assert selectors.available_fen(money.fund) == 700_000


def test_not_resolved_still_cancels_the_waiting_payments_and_returns_the_money(
    money, referral, allocation
):
    waiting = request(money, allocation, 50_000)
    complete(money, referral, outcome="not_resolved", reason="家庭已搬离本市")
    waiting.refresh_from_db()
    assert waiting.status == Disbursement.Status.CANCELLED
    assert selectors.available_fen(money.fund) == 1_000_000


def test_a_closed_referral_takes_no_new_payment(money, referral, allocation):
    complete(money, referral)
    with pytest.raises(ValidationError) as error:
        request(money, allocation, 10_000)
    assert error.value.error_dict["allocation"][0].code == "not_active"


def test_the_refusal_comes_back_on_the_finish_form_and_changes_nothing(
    client, money, referral, allocation
):
    waiting = request(money, allocation, 50_000)
    before = state(referral)
    client.force_login(money.world.charity_staff)
    url = reverse(f"needs_admin:{ReferralCompleteView.url_name()}", args=[referral.pk])
    response = client.post(url, {"outcome": "resolved", "reason": "", "submission": "z" * 32})
    assert response.status_code == 200
    page = response.content.decode()
    assert f"D{waiting.pk}" in page
    assert "mark them paid or cancel them" in page or "标记为已支付或取消" in page
    assert state(referral) == before


def test_the_refusal_through_the_api_names_the_field(money, referral, allocation):
    request(money, allocation, 50_000)
    before = state(referral)
    api = APIClient()
    api.force_authenticate(money.world.charity_staff)
    response = api.post(
        f"/api/v1/referrals/{referral.pk}/complete/", {"outcome": "resolved"}, format="json"
    )
    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert (error["field"], error["code"]) == ("outcome", "payments_pending")
    assert state(referral) == before
