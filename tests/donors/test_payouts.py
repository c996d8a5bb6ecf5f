"""Allocations to accepted referrals, releases and disbursements, through the services."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from donors import selectors, services
from donors.ledger import account_for
from donors.models import Account, Allocation, Disbursement, Transaction
from needs import services as needs_services

AKind = Account.Kind


def _code(error: ValidationError, field: str | None = None) -> str:
    if field is None:
        return error.error_list[0].code
    return error.error_dict[field][0].code


@pytest.fixture
def funded(money):
    money.give(1_000_000)
    return money


def _allocate(money, referral, amount=300_000, **source):
    source = source or {"fund": money.fund}
    # A need's gifts are committed by the charity that received them (world.project's).
    by = money.fund_manager if "fund" in source else money.world.charity_staff
    return services.allocation_create(by=by, referral=referral, amount_fen=amount, **source)


def _paid(money, allocation, amount, proof="ZY-INV-0001"):
    staff = money.world.charity_staff
    d = services.disbursement_request(
        by=staff, allocation=allocation, amount_fen=amount, method="hospital"
    )
    services.disbursement_approve(by=staff, disbursement=d)
    return services.disbursement_mark_paid(by=staff, disbursement=d, proof_reference=proof)


def test_an_allocation_moves_money_from_the_fund_to_the_referral(funded):
    referral = funded.accepted_referral()
    allocation = _allocate(funded, referral)
    assert selectors.available_fen(funded.fund) == 700_000
    assert account_for(AKind.ALLOCATION, allocation).balance_fen == 300_000
    assert allocation.status == Allocation.Status.ACTIVE


def test_more_than_the_fund_holds_is_refused(funded):
    referral = funded.accepted_referral()
    with pytest.raises(ValidationError) as error:
        _allocate(funded, referral, amount=1_000_001)
    assert _code(error.value, "amount_fen") == "insufficient_balance"
    assert not Allocation.objects.exists()
    assert selectors.available_fen(funded.fund) == 1_000_000


def _service_statements(captured) -> list[str]:
    """The statements a money service itself runs: not the test transaction's savepoints, nor
    what Wagtail's reference index does after an audit event is saved (it indexes audit
    events once the admin's URLs are loaded, as they are by earlier tests in the run)."""
    return [
        q["sql"]
        for q in captured
        if "SAVEPOINT" not in q["sql"]
        and "wagtailcore_referenceindex" not in q["sql"]
        and "django_tasks" not in q["sql"]
        and not q["sql"].startswith('SELECT "core_auditevent"')
    ]


def _is_gap_statement(sql: str) -> bool:
    """A statement of needs.gap.gap_refresh, run after the money's own."""
    return (
        sql.startswith(('SELECT "needs_case"', 'UPDATE "needs_case"', 'UPDATE "needs_need"'))
        or '"search_index' in sql
    )


def test_an_allocation_and_its_release_take_a_bounded_number_of_statements(funded):
    """The fund's balance row is the lock every allocation queues on: the services read and
    check everything first and keep the statements few (a regression guard, not a timing)."""
    referral = funded.accepted_referral()
    warm = _allocate(funded, referral, amount=1_000)  # caches: content types, user's roles
    services.allocation_release(allocation=warm, reason="warm-up", by=funded.fund_manager)
    with CaptureQueriesContext(connection) as create:
        allocation = _allocate(funded, referral, amount=1_000)
    with CaptureQueriesContext(connection) as release:
        services.allocation_release(allocation=allocation, reason="test", by=funded.fund_manager)
    # Allocation: share-lock and read the referral, the fund with its account, the owner's
    # staff, the fund's regions; then 5 inserts and the fund's balance update, the last
    # money statement; only the case's gap follows it (needs.gap: lock the case, derive, write
    # the case and its need, tell matching).
    statements = _service_statements(create.captured_queries)
    money = [sql for sql in statements if not _is_gap_statement(sql)]
    assert len(money) <= 11, "\n".join(money)
    assert sum(sql.startswith("UPDATE") for sql in money) == 1
    assert money[-1].startswith('UPDATE "donors_account"')
    gap = statements[statements.index(money[-1]) + 1 :]
    assert len(gap) <= 7 and all(map(_is_gap_statement, gap)), "\n".join(gap)
    statements = _service_statements(release.captured_queries)
    assert len([sql for sql in statements if not _is_gap_statement(sql)]) <= 10, statements
    assert len([sql for sql in statements if _is_gap_statement(sql)]) <= 7, statements
    assert account_for(AKind.ALLOCATION, allocation).balance_fen == 0
    assert selectors.available_fen(funded.fund) == 1_000_000


def test_a_referral_not_yet_accepted_receives_nothing(funded):
    _case, referral = funded.world.referred()
    with pytest.raises(ValidationError) as error:
        _allocate(funded, referral)
    assert _code(error.value, "referral") == "referral_not_accepted"
    assert not Allocation.objects.exists()


def test_the_funds_category_restriction_binds(funded):
    referral = funded.accepted_referral(category="fire")
    with pytest.raises(ValidationError) as error:
        _allocate(funded, referral)
    assert _code(error.value, "fund") == "restriction_category"


def test_the_funds_region_restriction_binds(funded):
    from core.models import Region

    funded.fund.regions.set([Region.objects.get(code="220102")])  # Nanguan only
    referral = funded.accepted_referral()  # a Chaoyang case
    with pytest.raises(ValidationError) as error:
        _allocate(funded, referral)
    assert _code(error.value, "fund") == "restriction_region"


def test_only_the_fund_owner_allocates_its_money(funded):
    referral = funded.accepted_referral()
    with pytest.raises(PermissionDenied):
        services.allocation_create(
            by=funded.world.charity_staff, referral=referral, amount_fen=1, fund=funded.fund
        )
    assert not Allocation.objects.exists()


def test_a_project_pays_at_most_its_per_case_cap(money):
    project = money.world.project
    project.per_case_cap_fen = 200_000
    project.save()
    money.give(1_000_000, project=project)
    referral = money.accepted_referral()
    _allocate(money, referral, amount=150_000, project=project)
    with pytest.raises(ValidationError) as error:
        _allocate(money, referral, amount=50_001, project=project)
    assert _code(error.value, "amount_fen") == "per_case_cap"
    _allocate(money, referral, amount=50_000, project=project)
    assert selectors.available_fen(project) == 800_000


def test_a_project_allocates_only_to_its_own_referrals(money):
    services.donation_record_offline(
        by=money.world.other_charity_staff,
        donor=money.donor,
        amount_fen=10_000,
        channel="cash",
        reference="CASH-77",
        project=money.world.other_project,
    )
    referral = money.accepted_referral()  # referred to world.project
    with pytest.raises((ValidationError, PermissionDenied)):
        services.allocation_create(
            by=money.world.other_charity_staff,
            referral=referral,
            amount_fen=1_000,
            project=money.world.other_project,
        )
    assert not Allocation.objects.exists()


def test_a_needs_donations_go_to_its_own_case_only(money):
    need = money.published_need()
    money.give(80_000, need=need)
    other_referral = money.accepted_referral()
    with pytest.raises(ValidationError) as error:
        _allocate(money, other_referral, amount=10_000, need=need)
    assert _code(error.value, "need") == "other_case"
    referral = needs_services.referral_create(
        by=money.world.caseworker, case=need.case, project=money.world.project
    )
    needs_services.referral_accept(by=money.world.charity_staff, referral=referral)
    _allocate(money, referral, amount=80_000, need=need)
    progress = selectors.need_funding_progress(need)
    assert progress.allocated_fen == 80_000


def test_a_release_returns_what_was_not_paid(funded):
    referral = funded.accepted_referral()
    allocation = _allocate(funded, referral)
    _paid(funded, allocation, 100_000)
    services.allocation_release(allocation=allocation, reason="治疗结束", by=funded.fund_manager)
    allocation.refresh_from_db()
    assert allocation.status == Allocation.Status.RELEASED
    assert allocation.released_fen == 200_000
    assert selectors.available_fen(funded.fund) == 900_000
    with pytest.raises(ValidationError):
        services.allocation_release(allocation=allocation, reason="again", by=funded.fund_manager)


def test_a_failed_referral_gives_its_money_back(funded):
    referral = funded.accepted_referral()
    allocation = _allocate(funded, referral)
    staff = funded.world.charity_staff
    pending = services.disbursement_request(
        by=staff, allocation=allocation, amount_fen=10_000, method="cash"
    )
    needs_services.referral_complete(
        by=staff, referral=referral, outcome="not_resolved", reason="联系不上家属"
    )
    allocation.refresh_from_db()
    pending.refresh_from_db()
    assert allocation.status == Allocation.Status.RELEASED
    assert pending.status == Disbursement.Status.CANCELLED
    assert selectors.available_fen(funded.fund) == 1_000_000


def test_a_cancelled_referral_gives_its_money_back(funded):
    referral = funded.accepted_referral()
    _allocate(funded, referral)
    needs_services.referral_cancel(by=funded.world.caseworker, referral=referral, reason="重复转介")
    assert selectors.available_fen(funded.fund) == 1_000_000


def test_paying_moves_money_to_the_beneficiary_with_proof(funded):
    referral = funded.accepted_referral()
    allocation = _allocate(funded, referral)
    disbursement = _paid(funded, allocation, 300_000)
    assert disbursement.status == Disbursement.Status.PAID
    allocation.refresh_from_db()
    assert allocation.status == Allocation.Status.SPENT
    assert account_for(AKind.BENEFICIARY, referral).balance_fen == 300_000
    assert Transaction.objects.filter(kind="disbursement", disbursement=disbursement).count() == 1


def test_a_payment_needs_proof(funded):
    referral = funded.accepted_referral()
    allocation = _allocate(funded, referral)
    staff = funded.world.charity_staff
    d = services.disbursement_request(
        by=staff, allocation=allocation, amount_fen=1_000, method="cash"
    )
    services.disbursement_approve(by=staff, disbursement=d)
    with pytest.raises(ValidationError) as error:
        services.disbursement_mark_paid(by=staff, disbursement=d, proof_reference="  ")
    assert _code(error.value, "proof_reference") == "required"
    assert not Transaction.objects.filter(kind="disbursement").exists()


def test_a_payment_must_be_approved_before_it_is_paid(funded):
    referral = funded.accepted_referral()
    allocation = _allocate(funded, referral)
    staff = funded.world.charity_staff
    d = services.disbursement_request(
        by=staff, allocation=allocation, amount_fen=1_000, method="cash"
    )
    with pytest.raises(ValidationError) as error:
        services.disbursement_mark_paid(by=staff, disbursement=d, proof_reference="X")
    assert _code(error.value) == "invalid_transition"


def test_payments_cannot_exceed_the_allocation_counting_pending_ones(funded):
    referral = funded.accepted_referral()
    allocation = _allocate(funded, referral, amount=10_000)
    staff = funded.world.charity_staff
    services.disbursement_request(by=staff, allocation=allocation, amount_fen=6_000, method="cash")
    with pytest.raises(ValidationError) as error:
        services.disbursement_request(
            by=staff, allocation=allocation, amount_fen=4_001, method="cash"
        )
    assert _code(error.value, "amount_fen") == "insufficient_balance"


@override_settings(DISBURSEMENT_FOUR_EYES_FEN=100_000)
def test_above_the_threshold_a_second_person_approves(funded):
    referral = funded.accepted_referral()
    allocation = _allocate(funded, referral)
    staff, second = funded.world.charity_staff, funded.second_charity_staff
    small = services.disbursement_request(
        by=staff, allocation=allocation, amount_fen=100_000, method="hospital"
    )
    services.disbursement_approve(by=staff, disbursement=small)  # at the threshold: allowed
    large = services.disbursement_request(
        by=staff, allocation=allocation, amount_fen=100_001, method="hospital"
    )
    with pytest.raises(ValidationError) as error:
        services.disbursement_approve(by=staff, disbursement=large)
    assert _code(error.value) == "four_eyes"
    large.refresh_from_db()
    assert large.status == Disbursement.Status.PENDING
    services.disbursement_approve(by=second, disbursement=large)
    large.refresh_from_db()
    assert large.status == Disbursement.Status.APPROVED and large.approved_by == second


def test_another_charity_cannot_pay_out(funded):
    referral = funded.accepted_referral()
    allocation = _allocate(funded, referral)
    with pytest.raises(PermissionDenied):
        services.disbursement_request(
            by=funded.world.other_charity_staff,
            allocation=allocation,
            amount_fen=1_000,
            method="cash",
        )
    assert not Disbursement.objects.exists()


def test_a_release_waits_for_pending_payments(funded):
    referral = funded.accepted_referral()
    allocation = _allocate(funded, referral)
    services.disbursement_request(
        by=funded.world.charity_staff, allocation=allocation, amount_fen=1_000, method="cash"
    )
    with pytest.raises(ValidationError) as error:
        services.allocation_release(allocation=allocation, reason="x", by=funded.fund_manager)
    assert _code(error.value) == "pending_disbursements"
