"""The four-eyes rule weighs a referral's payments together (issue 16, item 6): splitting a
payment in two, or across allocations, does not let the requester approve it alone."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone
from rest_framework.test import APIClient

from donors import services
from donors.models import Disbursement

pytestmark = pytest.mark.django_db

THRESHOLD = 500_000  # ¥5,000.00, the default


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def approve(user, disbursement):
    return api(user).post(f"/api/v1/disbursements/{disbursement.pk}/approve/")


def request(user, allocation, amount_fen):
    response = api(user).post(
        "/api/v1/disbursements/",
        {"allocation": allocation.pk, "amount_fen": amount_fen, "method": "hospital"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    return Disbursement.objects.get(pk=response.json()["id"])


@pytest.fixture
def allocation(money):
    money.give(1_000_000)
    return services.allocation_create(
        by=money.fund_manager,
        referral=money.accepted_referral(),
        amount_fen=900_000,
        fund=money.fund,
    )


@override_settings(DISBURSEMENT_FOUR_EYES_FEN=THRESHOLD, DISBURSEMENT_FOUR_EYES_DAYS=30)
def test_two_payments_under_the_threshold_whose_sum_is_above_need_a_second_person(
    money, allocation
):
    staff, second = money.world.charity_staff, money.second_charity_staff
    first = request(staff, allocation, 300_000)
    assert approve(staff, first).status_code == 200  # alone, under the threshold
    split = request(staff, allocation, 300_000)
    refused = approve(staff, split)
    assert refused.status_code == 400
    error = refused.json()["errors"][0]
    assert (error["field"], error["code"]) == (None, "four_eyes")
    split.refresh_from_db()
    assert split.status == Disbursement.Status.PENDING and split.approved_by is None
    ok = approve(second, split)
    assert ok.status_code == 200
    assert ok.json()["approved_by"] == second.username


@override_settings(DISBURSEMENT_FOUR_EYES_FEN=THRESHOLD)
def test_the_order_of_approval_does_not_matter(money, allocation):
    """Both halves requested first: neither is approved by the requester alone."""
    staff = money.world.charity_staff
    first = services.disbursement_request(
        by=staff, allocation=allocation, amount_fen=250_001, method="cash"
    )
    second = services.disbursement_request(
        by=staff, allocation=allocation, amount_fen=250_000, method="cash"
    )
    for half in (first, second):
        with pytest.raises(ValidationError) as error:
            services.disbursement_approve(by=staff, disbursement=half)
        assert error.value.error_list[0].code == "four_eyes"
    assert set(Disbursement.objects.values_list("status", flat=True)) == {"pending"}


@override_settings(DISBURSEMENT_FOUR_EYES_FEN=THRESHOLD)
def test_splitting_across_two_allocations_of_one_referral_counts_too(money, allocation):
    world = money.world
    money.give(500_000, project=world.project)
    from_project = services.allocation_create(
        by=world.charity_staff,
        referral=allocation.referral,
        amount_fen=400_000,
        project=world.project,
    )
    staff = world.charity_staff
    assert approve(staff, request(staff, allocation, 400_000)).status_code == 200
    other = request(staff, from_project, 200_000)
    assert approve(staff, other).status_code == 400


@override_settings(DISBURSEMENT_FOUR_EYES_FEN=THRESHOLD, DISBURSEMENT_FOUR_EYES_DAYS=30)
def test_cancelled_and_old_payments_and_other_referrals_do_not_count(money, allocation):
    staff = money.world.charity_staff
    cancelled = request(staff, allocation, 300_000)
    services.disbursement_cancel(by=staff, disbursement=cancelled, reason="重复申请")
    alone = request(staff, allocation, 300_000)
    assert approve(staff, alone).status_code == 200
    # Requested 31 days ago: outside the period.
    Disbursement.objects.filter(pk=alone.pk).update(
        requested_at=timezone.now() - timedelta(days=31)
    )
    later = request(staff, allocation, 300_000)
    assert approve(staff, later).status_code == 200
    # Another referral's payments are weighed on their own.
    other = services.allocation_create(
        by=money.fund_manager,
        referral=money.accepted_referral(),
        amount_fen=100_000,
        fund=money.fund,
    )
    assert approve(staff, request(staff, other, 100_000)).status_code == 200


@override_settings(DISBURSEMENT_FOUR_EYES_FEN=THRESHOLD)
def test_a_single_payment_above_the_threshold_still_needs_a_second_person(money, allocation):
    staff = money.world.charity_staff
    large = request(staff, allocation, THRESHOLD + 1)
    assert approve(staff, large).status_code == 400
    assert approve(money.second_charity_staff, large).status_code == 200
