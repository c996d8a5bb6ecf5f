"""Offline donations, receipts, fees and refunds, through the services."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.models import AuditEvent
from donors import selectors, services
from donors.ledger import account_for
from donors.models import Account, Donation, Transaction

AKind = Account.Kind


def _code(error: ValidationError, field: str | None = None) -> str:
    if field is None:
        return error.error_list[0].code
    return error.error_dict[field][0].code


def test_an_offline_donation_succeeds_at_once_with_a_receipt(money):
    donation = money.give(250_000, reference="ICBC-20261122-0001")
    assert donation.status == Donation.Status.SUCCEEDED
    # The charity holding the enterprise's fund receives it (issue 15, item 5).
    assert donation.receiving_organisation == money.holder
    assert donation.receipt_number.endswith("-000001")
    assert selectors.available_fen(money.fund) == 250_000
    assert AuditEvent.objects.filter(action="donation.succeed", object_id=str(donation.pk)).exists()


def test_receipt_numbers_are_sequential_per_organisation(money):
    first = money.give(100)
    second = money.give(200)
    charity_gift = money.give(300, project=money.world.project)
    assert first.receipt_number[-6:] == "000001"
    assert second.receipt_number[-6:] == "000002"
    assert charity_gift.receipt_number[-6:] == "000001"  # the charity's own sequence
    assert len({first.receipt_number, second.receipt_number, charity_gift.receipt_number}) == 3


def test_the_same_bank_reference_is_refused_and_nothing_is_written(money):
    money.give(1_000, reference="ICBC-1")
    with pytest.raises(ValidationError) as error:
        money.give(1_000, reference="ICBC-1")
    assert _code(error.value, "reference") == "duplicate_reference"
    assert Donation.objects.count() == 1
    assert Transaction.objects.filter(kind="donation").count() == 1


@pytest.mark.parametrize("amount", [0, -100, 12.5, "100", True])
def test_bad_amounts_are_refused(money, amount):
    with pytest.raises(ValidationError) as error:
        money.give(amount)
    assert _code(error.value, "amount_fen") in ("min_value", "invalid")
    assert not Donation.objects.exists()


def test_only_staff_of_the_receiver_record_its_donations(money):
    with pytest.raises(PermissionDenied):
        services.donation_record_offline(
            by=money.world.other_charity_staff,
            donor=money.donor,
            amount_fen=1_000,
            channel="cash",
            reference="CASH-1",
            fund=money.fund,
        )
    assert not Donation.objects.exists()
    assert not Transaction.objects.exclude(kind="appropriation").exists()


def test_a_closed_fund_takes_no_donations(money):
    services.fund_close(by=money.fund_manager, fund=money.fund)
    with pytest.raises(ValidationError) as error:
        money.give(1_000)
    assert _code(error.value, "fund") == "fund_closed"


def test_a_draft_project_takes_no_donations(money):
    project = money.world.project
    project.status = "draft"
    project.save()
    with pytest.raises(ValidationError) as error:
        money.give(1_000, project=project)
    assert _code(error.value, "project") == "project_not_open"


def test_a_donation_to_a_published_need_is_received_by_a_qualified_charity_project(money):
    # Changed by the Charity Law fit (issue 15): the civil-affairs office raises nothing.
    need = money.published_need()
    donation = money.give(50_000, need=need)
    assert donation.receiving_organisation == money.world.charity
    assert donation.receiving_project == money.world.project
    assert selectors.available_fen(need) == 50_000
    progress = selectors.need_funding_progress(need)
    assert progress.donated_fen == 50_000


def test_a_caseworker_elsewhere_cannot_record_a_gift_to_the_need(money):
    need = money.published_need()
    with pytest.raises(PermissionDenied):
        services.donation_record_offline(
            by=money.world.donghu_caseworker,
            donor=money.donor,
            amount_fen=1_000,
            channel="cash",
            reference="CASH-9",
            need=need,
            receiving_project=money.world.project,
        )
    assert not Donation.objects.exists()


def test_the_processor_fee_is_its_own_ledger_row(money):
    donation = services.donation_create(
        donor=money.donor, amount_fen=10_000, channel="stripe", fund=money.fund
    )
    services.donation_succeed(donation=donation, fee_fen=60, payment_intent="pi_1")
    kinds = sorted(Transaction.objects.filter(donation=donation).values_list("kind", flat=True))
    assert kinds == ["donation", "fee"]
    assert selectors.available_fen(money.fund) == 9_940
    assert account_for(AKind.FEES).balance_fen == 60


def test_a_settled_donation_cannot_succeed_twice(money):
    donation = money.give(1_000)
    with pytest.raises(ValidationError) as error:
        services.donation_succeed(donation=donation)
    assert _code(error.value) == "already_settled"
    assert Transaction.objects.filter(kind="donation").count() == 1


def test_a_failed_donation_books_nothing(money):
    donation = services.donation_create(
        donor=money.donor, amount_fen=10_000, channel="stripe", fund=money.fund
    )
    services.donation_fail(donation=donation, reason="card_declined")
    donation.refresh_from_db()
    assert donation.status == Donation.Status.FAILED
    assert not Transaction.objects.exclude(kind="appropriation").exists()


def test_a_full_refund_returns_the_money_and_marks_the_donation(money):
    donation = money.give(10_000)
    result = services.donation_refund(
        donation=donation, amount_fen=10_000, reason="捐赠人申请", by=money.fund_manager
    )
    donation.refresh_from_db()
    assert donation.status == Donation.Status.REFUNDED
    assert result.from_unallocated_fen == 10_000 and result.shortfall_fen == 0
    assert selectors.available_fen(money.fund) == 0
    assert account_for(AKind.REFUNDS).balance_fen == 10_000


def test_a_refund_larger_than_the_donation_is_refused(money):
    donation = money.give(10_000)
    services.donation_refund(
        donation=donation, amount_fen=4_000, reason="部分退款", by=money.fund_manager
    )
    with pytest.raises(ValidationError) as error:
        services.donation_refund(
            donation=donation, amount_fen=6_001, reason="再退", by=money.fund_manager
        )
    assert _code(error.value, "amount_fen") == "exceeds_donation"
    donation.refresh_from_db()
    assert donation.refunded_fen == 4_000
    assert donation.status == Donation.Status.SUCCEEDED


def test_staff_cannot_refund_money_already_allocated(money):
    donation = money.give(10_000)
    referral = money.accepted_referral()
    services.allocation_create(
        by=money.fund_manager, referral=referral, amount_fen=8_000, fund=money.fund
    )
    with pytest.raises(ValidationError) as error:
        services.donation_refund(
            donation=donation, amount_fen=5_000, reason="申请退款", by=money.fund_manager
        )
    assert _code(error.value, "amount_fen") == "allocated"
    assert not Transaction.objects.filter(kind="refund").exists()


def test_a_processor_refund_of_allocated_money_books_a_shortfall_and_says_where_it_went(money):
    donation = money.give(10_000)
    referral = money.accepted_referral()
    allocation = services.allocation_create(
        by=money.fund_manager, referral=referral, amount_fen=8_000, fund=money.fund
    )
    result = services.donation_refund(
        donation=donation, amount_fen=10_000, reason="", from_processor=True
    )
    assert result.from_unallocated_fen == 2_000
    assert result.shortfall_fen == 8_000
    assert result.allocations_reached == [allocation.pk]
    assert f"A{allocation.pk}" in result.summary
    assert selectors.available_fen(money.fund) == 0
    shortfall = Account.objects.get(kind=AKind.REFUND_SHORTFALL)
    assert shortfall.balance_fen == -8_000
    assert (
        account_for(AKind.ALLOCATION, allocation).balance_fen == 8_000
    )  # the household's help stays


def test_only_the_receiver_refunds_and_a_refusal_changes_nothing(money):
    donation = money.give(10_000)
    for stranger in (money.world.charity_staff, money.world.caseworker, None):
        with pytest.raises(PermissionDenied):
            services.donation_refund(
                donation=donation, amount_fen=10_000, reason="冒名退款", by=stranger
            )
    donation.refresh_from_db()
    assert donation.status == Donation.Status.SUCCEEDED and donation.refunded_fen == 0
    assert not Transaction.objects.filter(kind="refund").exists()


def test_a_stranger_cannot_probe_which_offline_references_exist(money):
    money.give(10_000, reference="BANK-SECRET-1")
    with pytest.raises(PermissionDenied):
        services.donation_record_offline(
            by=money.world.charity_staff,
            donor=money.donor,
            amount_fen=10_000,
            channel=Donation.Channel.BANK_TRANSFER,
            reference="BANK-SECRET-1",
            fund=money.fund,
        )
    assert Donation.objects.count() == 1


def test_a_pending_donation_cannot_be_refunded(money):
    donation = services.donation_create(
        donor=money.donor, amount_fen=10_000, channel="stripe", fund=money.fund
    )
    with pytest.raises(ValidationError) as error:
        services.donation_refund(
            donation=donation, amount_fen=10_000, reason="x", by=money.fund_manager
        )
    assert _code(error.value) == "not_succeeded"
