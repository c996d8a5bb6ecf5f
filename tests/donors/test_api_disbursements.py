"""Payments to households through the staff API: requested by the delivering charity, approved
(by a second person above the four-eyes threshold), paid with proof, or cancelled."""

from __future__ import annotations

import pytest
from django.conf import settings
from rest_framework.test import APIClient

from core.factories import UserFactory, staff
from core.models import Membership
from donors import services
from donors.models import Allocation, Disbursement, Entry, Transaction

pytestmark = pytest.mark.django_db
Role = Membership.Role


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def first_error(response) -> tuple[str | None, str]:
    error = response.json()["errors"][0]
    return error["field"], error["code"]


def rows() -> tuple[int, int, int]:
    return Disbursement.objects.count(), Transaction.objects.count(), Entry.objects.count()


@pytest.fixture
def allocation(money) -> Allocation:
    """¥8,000 of the fund committed to an accepted referral to the charity's project."""
    money.give(1_000_000)
    return services.allocation_create(
        by=money.fund_manager,
        referral=money.accepted_referral(),
        amount_fen=800_000,
        fund=money.fund,
    )


def request_payment(user, of, **change):
    payload = {"allocation": of.pk, "amount_fen": 200_000, "method": "hospital", **change}
    return api(user).post("/api/v1/disbursements/", payload, format="json")


def pending(money, allocation, amount_fen=200_000, **kwargs) -> Disbursement:
    return services.disbursement_request(
        by=money.world.charity_staff,
        allocation=allocation,
        amount_fen=amount_fen,
        method="hospital",
        **kwargs,
    )


def approved(money, allocation, amount_fen=200_000, **kwargs) -> Disbursement:
    disbursement = pending(money, allocation, amount_fen, **kwargs)
    return services.disbursement_approve(by=money.second_charity_staff, disbursement=disbursement)


def test_the_delivering_charity_requests_approves_and_pays_with_proof(money, allocation):
    charity = api(money.world.charity_staff)
    response = request_payment(money.world.charity_staff, allocation, note="住院押金")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "pending"
    assert body["referral"] == allocation.referral_id
    assert body["case_category"] == "illness"
    assert body["project_title"] == money.world.project.title
    assert body["requested_by"] == money.world.charity_staff.username
    assert "张建国" not in response.content.decode()
    url = f"/api/v1/disbursements/{body['id']}"

    approve = charity.post(f"{url}/approve/")
    assert approve.status_code == 200, approve.json()
    assert approve.json()["status"] == "approved"

    paid = charity.post(f"{url}/pay/", {"proof_reference": "INV-2026-0042"}, format="json")
    assert paid.status_code == 200, paid.json()
    assert paid.json()["status"] == "paid"
    assert paid.json()["proof_reference"] == "INV-2026-0042"
    allocation_body = charity.get(f"/api/v1/allocations/{allocation.pk}/").json()
    assert allocation_body["undisbursed_fen"] == 600_000


def test_paying_the_whole_allocation_spends_it(money, allocation):
    disbursement = approved(money, allocation, 800_000, proof_reference="BANK-88")
    response = api(money.second_charity_staff).post(
        f"/api/v1/disbursements/{disbursement.pk}/pay/", {}, format="json"
    )
    assert response.status_code == 200, response.json()
    allocation.refresh_from_db()
    assert allocation.status == Allocation.Status.SPENT


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        ({"amount_fen": 0}, "amount_fen", "min_value"),
        ({"amount_fen": -5}, "amount_fen", "min_value"),
        ({"amount_fen": 2000.0}, "amount_fen", "invalid"),
        ({"amount_fen": "20.00"}, "amount_fen", "invalid"),
        ({"amount_fen": 800_001}, "amount_fen", "insufficient_balance"),
        ({"method": "crypto"}, "method", "invalid_choice"),
        ({"allocation": 999_999}, "allocation", "does_not_exist"),
    ],
)
def test_bad_payment_requests_name_the_field_and_write_nothing(
    money, allocation, change, field, code
):
    before = rows()
    response = request_payment(money.world.charity_staff, allocation, **change)
    assert response.status_code == 400
    assert first_error(response) == (field, code)
    assert rows() == before


def test_pending_payments_count_against_what_is_left(money, allocation):
    pending(money, allocation, 600_000)
    before = rows()
    response = request_payment(money.world.charity_staff, allocation, amount_fen=300_000)
    assert response.status_code == 400
    assert first_error(response) == ("amount_fen", "insufficient_balance")
    assert rows() == before


@pytest.mark.parametrize(
    "who", ["fund_manager", "other_charity_staff", "caseworker", "supervisor", "auditor", "nobody"]
)
def test_only_the_delivering_charity_requests_payments(money, allocation, who):
    user = {"fund_manager": money.fund_manager, "nobody": None}.get(
        who, getattr(money.world, who, None)
    )
    before = rows()
    response = request_payment(user, allocation)
    assert response.status_code == (401 if user is None else 403)
    assert rows() == before


def test_a_large_payment_needs_a_second_person_to_approve_it(money, allocation):
    large = settings.DISBURSEMENT_FOUR_EYES_FEN + 100
    disbursement = pending(money, allocation, large)
    before = rows()
    response = api(money.world.charity_staff).post(
        f"/api/v1/disbursements/{disbursement.pk}/approve/"
    )
    assert response.status_code == 400
    assert first_error(response) == (None, "four_eyes")
    disbursement.refresh_from_db()
    assert disbursement.status == Disbursement.Status.PENDING
    assert rows() == before

    response = api(money.second_charity_staff).post(
        f"/api/v1/disbursements/{disbursement.pk}/approve/"
    )
    assert response.status_code == 200
    assert response.json()["approved_by"] == money.second_charity_staff.username


def test_a_small_payment_may_be_approved_by_whoever_asked(money, allocation):
    disbursement = pending(money, allocation, settings.DISBURSEMENT_FOUR_EYES_FEN)
    response = api(money.world.charity_staff).post(
        f"/api/v1/disbursements/{disbursement.pk}/approve/"
    )
    assert response.status_code == 200


def test_a_payment_is_booked_only_with_proof(money, allocation):
    disbursement = approved(money, allocation)
    before = rows()
    response = api(money.world.charity_staff).post(
        f"/api/v1/disbursements/{disbursement.pk}/pay/", {"proof_reference": "  "}, format="json"
    )
    assert response.status_code == 400
    assert first_error(response) == ("proof_reference", "required")
    assert rows() == before
    disbursement.refresh_from_db()
    assert disbursement.status == Disbursement.Status.APPROVED


def test_an_unapproved_payment_cannot_be_paid(money, allocation):
    disbursement = pending(money, allocation)
    before = rows()
    response = api(money.world.charity_staff).post(
        f"/api/v1/disbursements/{disbursement.pk}/pay/", {"proof_reference": "X"}, format="json"
    )
    assert response.status_code == 400
    assert first_error(response) == (None, "invalid_transition")
    assert rows() == before


def test_who_may_approve_pay_or_cancel(money, allocation):
    disbursement = pending(money, allocation)
    base = f"/api/v1/disbursements/{disbursement.pk}"
    other_enterprise = staff(Role.FUND_MANAGER, "220000", username="other.fund")
    before = rows()
    actions = [("approve", None), ("pay", {"proof_reference": "X"}), ("cancel", {"reason": "重"})]
    for action, payload in actions:
        # The fund's holder sees the payment (403: not theirs to make); outsiders do not (404).
        assert api(money.fund_manager).post(f"{base}/{action}/", payload).status_code == 403
        assert api(money.world.caseworker).post(f"{base}/{action}/", payload).status_code == 403
        assert api(money.world.auditor).post(f"{base}/{action}/", payload).status_code == 403
        assert (
            api(money.world.other_charity_staff).post(f"{base}/{action}/", payload).status_code
            == 404
        )
        assert api(other_enterprise).post(f"{base}/{action}/", payload).status_code == 403
        assert api().post(f"{base}/{action}/", payload).status_code == 401
    assert rows() == before
    disbursement.refresh_from_db()
    assert disbursement.status == Disbursement.Status.PENDING


def test_cancelling_needs_a_reason_and_frees_the_money(money, allocation):
    disbursement = pending(money, allocation, 800_000)
    url = f"/api/v1/disbursements/{disbursement.pk}/cancel/"
    client = api(money.world.charity_staff)
    no_reason = client.post(url, {}, format="json")
    assert no_reason.status_code == 400
    assert first_error(no_reason) == ("reason", "required")
    response = client.post(url, {"reason": "家属已自行支付"}, format="json")
    assert response.status_code == 200
    assert response.json()["status"] == "cancelled"
    assert request_payment(money.world.charity_staff, allocation).status_code == 201
    again = client.post(url, {"reason": "再次"}, format="json")
    assert again.status_code == 400
    assert first_error(again) == (None, "invalid_transition")


def test_a_retried_payment_is_booked_once(money, allocation):
    disbursement = approved(money, allocation)
    client = api(money.world.charity_staff)
    headers = {"HTTP_IDEMPOTENCY_KEY": "pay-inv-0042"}
    url = f"/api/v1/disbursements/{disbursement.pk}/pay/"
    first = client.post(url, {"proof_reference": "INV-42"}, format="json", **headers)
    second = client.post(url, {"proof_reference": "INV-42"}, format="json", **headers)
    assert first.status_code == second.status_code == 200
    assert second["Idempotent-Replayed"] == "true"
    assert Transaction.objects.filter(kind=Transaction.Kind.DISBURSEMENT).count() == 1


def test_a_retried_payment_request_is_recorded_once(money, allocation):
    headers = {"HTTP_IDEMPOTENCY_KEY": "request-0001"}
    client = api(money.world.charity_staff)
    payload = {"allocation": allocation.pk, "amount_fen": 200_000, "method": "hospital"}
    client.post("/api/v1/disbursements/", payload, format="json", **headers)
    client.post("/api/v1/disbursements/", payload, format="json", **headers)
    assert Disbursement.objects.count() == 1


# ---- who sees which payment ----


def ids(user, **params) -> set[int]:
    response = api(user).get("/api/v1/disbursements/", params)
    assert response.status_code == 200, response.json()
    return {row["id"] for row in response.json()["results"]}


def test_payments_are_seen_by_those_who_see_the_allocation(money, allocation):
    world = money.world
    disbursement = pending(money, allocation)
    for reader in (
        world.charity_staff,
        money.fund_manager,
        world.caseworker,
        world.supervisor,
        world.auditor,
        UserFactory(username="root", is_superuser=True),
    ):
        assert ids(reader) == {disbursement.pk}
    for outsider in (
        world.other_charity_staff,
        world.nanguan_caseworker,
        staff(Role.FUND_MANAGER, "220000", username="other.fund"),
    ):
        assert ids(outsider) == set()
    assert api().get("/api/v1/disbursements/").status_code == 401
    assert ids(world.auditor, status="pending", method="hospital") == {disbursement.pk}
    assert ids(world.auditor, referral=allocation.referral_id) == {disbursement.pk}
    assert ids(world.auditor, status="paid") == set()


def test_the_charitys_delivery_notes_are_not_shown_to_the_funds_holder(money, allocation):
    disbursement = pending(money, allocation, note="张建国住院押金，经手人李秀兰")
    url = f"/api/v1/disbursements/{disbursement.pk}/"
    assert api(money.world.charity_staff).get(url).json()["note"].startswith("张建国")
    assert api(money.world.caseworker).get(url).json()["note"].startswith("张建国")
    holder_view = api(money.fund_manager).get(url)
    assert holder_view.status_code == 200
    assert holder_view.json()["note"] == ""
    assert "张建国" not in holder_view.content.decode()
