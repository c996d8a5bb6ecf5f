"""Money in the 待办 and its notifications: a payment awaiting the second person (four eyes),
and money allocated for a referral."""

from __future__ import annotations

import pytest

from core.models import Notification
from donors import services
from needs import worklist as w

pytestmark = pytest.mark.django_db


@pytest.fixture
def allocation(money):
    money.give(5_000_000)
    referral = money.accepted_referral()
    return services.allocation_create(
        by=money.fund_manager, referral=referral, amount_fen=2_000_000, fund=money.fund
    )


def _request(user, allocation, amount_fen):
    return services.disbursement_request(
        by=user, allocation=allocation, amount_fen=amount_fen, method="hospital"
    )


def test_a_payment_above_the_threshold_asks_the_other_staff_once(money, allocation):
    world = money.world
    payment = _request(world.charity_staff, allocation, 600_000)
    [asked] = Notification.objects.filter(key=f"payment-second-approval:{payment.pk}")
    assert asked.recipient == money.second_charity_staff
    assert asked.link == f"/admin/money/referrals/{allocation.referral_id}/"
    assert allocation.referral.case.number in asked.message and "张建国" not in asked.message
    # In the second person's 待办, not in the requester's.
    assert [i.title for i in w.payment_approvals(money.second_charity_staff).items] == [
        allocation.referral.case.number
    ]
    assert w.payment_approvals(world.charity_staff).count == 0
    assert w.payment_approvals(world.other_charity_staff).count == 0
    services.disbursement_approve(by=money.second_charity_staff, disbursement=payment)
    assert w.payment_approvals(money.second_charity_staff).count == 0


def test_a_small_payment_asks_nobody_and_the_requester_may_approve_it(money, allocation):
    payment = _request(money.world.charity_staff, allocation, 100_000)
    assert not Notification.objects.filter(key__startswith="payment-second-approval:").exists()
    assert w.payment_approvals(money.world.charity_staff).count == 1
    services.disbursement_approve(by=money.world.charity_staff, disbursement=payment)


def test_an_allocation_tells_the_case_owner_after_the_commit(
    money, django_capture_on_commit_callbacks
):
    money.give(5_000_000)
    referral = money.accepted_referral()
    with django_capture_on_commit_callbacks(execute=True):
        allocation = services.allocation_create(
            by=money.fund_manager, referral=referral, amount_fen=1_000_000, fund=money.fund
        )
    [told] = Notification.objects.filter(key=f"allocation-made:{allocation.pk}")
    assert told.recipient == money.world.caseworker
    assert told.kind == Notification.Kind.ALLOCATION
    assert "¥10,000.00" in told.message and referral.case.number in told.message


def test_the_fund_manager_finds_the_referral_its_fund_may_pay_for(money):
    money.give(5_000_000)
    referral = money.accepted_referral()
    work = w.referrals_to_fund(money.fund_manager)
    assert [i.link for i in work.items] == [f"/admin/money/referrals/{referral.pk}/"]
    assert w.referrals_to_fund(money.world.caseworker) is None
    services.allocation_create(
        by=money.fund_manager, referral=referral, amount_fen=1_000_000, fund=money.fund
    )
    assert w.referrals_to_fund(money.fund_manager).count == 0
