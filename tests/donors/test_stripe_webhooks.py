"""Stripe's webhook: signatures checked by the real ``stripe`` library, each event acted on
once, the fee as its own ledger row, refunds (also of money already allocated), and every
bad delivery answered with a clear error and no write."""

from __future__ import annotations

import json
import logging
import time

import pytest
import stripe
from django.test import Client
from rest_framework.test import APIClient

from donors import selectors, services
from donors.models import Account, Donation, Refund, StripeEvent, Transaction
from tests.donors import stripe_double as double
from tests.donors.stripe_double import WEBHOOK_SECRET, event, post_event, sign

# The double's fixtures, used by name.
no_network = double.no_network
stripe_double = double.stripe_double

TKind = Transaction.Kind


@pytest.fixture
def online(money, stripe_double):
    """Start online donations through the public API, as a donor would."""

    def start(amount: str = "100.00", **target) -> Donation:
        target = target or {"target_type": "fund", "target_id": str(money.fund.pk)}
        response = APIClient().post(
            "/api/v1/public/donations/",
            {"amount": amount, "name": "陈爱心", "email": "chen@example.com", **target},
            format="json",
        )
        assert response.status_code == 201, response.json()
        return Donation.objects.get(public_id=response.json()["donation"])

    return start


def paid_session(donation: Donation, pi: str = "pi_test_1", **overrides) -> dict:
    return {
        "id": donation.external_reference,
        "object": "checkout.session",
        "payment_status": "paid",
        "status": "complete",
        "payment_intent": pi,
        "amount_total": donation.amount_fen,
        "currency": "cny",
        "client_reference_id": str(donation.public_id),
        "metadata": {"donation": str(donation.public_id)},
        "customer_details": {"email": "chen@example.com", "name": "陈爱心"},
        **overrides,
    }


def charge_refunded(donation: Donation, amount_refunded: int, pi: str = "pi_test_1") -> dict:
    return {
        "id": f"ch_test_{pi}",
        "object": "charge",
        "amount": donation.amount_fen,
        "amount_refunded": amount_refunded,
        "currency": "cny",
        "payment_intent": pi,
        "refunded": amount_refunded == donation.amount_fen,
        "metadata": {"donation": str(donation.public_id)},
    }


def stripe_refund(
    donation: Donation,
    amount: int,
    status: str,
    *,
    refund_id: str = "re_dash_1",
    pi: str = "pi_test_1",
    **fields,
) -> dict:
    """A Refund object as Stripe's refund.* and charge.refund.updated events carry it (one
    made in the Dashboard: no metadata of ours)."""
    return {
        "id": refund_id,
        "object": "refund",
        "amount": amount,
        "currency": "cny",
        "charge": f"ch_test_{pi}",
        "payment_intent": pi,
        "status": status,
        "reason": "requested_by_customer",
        "failure_reason": None,
        "metadata": {},
        **fields,
    }


def fees_fen() -> int:
    account = Account.objects.filter(key=Account.Kind.FEES).first()
    return account.balance_fen if account else 0


def kinds(donation: Donation) -> list[str]:
    return list(donation.transactions.order_by("pk").values_list("kind", flat=True))


@pytest.fixture
def client():
    return Client()


@pytest.fixture
def paid(money, online, stripe_double, client):
    """A ¥100.00 online gift to the fund, paid, with a ¥3.20 fee."""
    donation = online("100.00")
    stripe_double.add_payment_intent("pi_test_1", amount=10_000, fee=320)
    response = post_event(client, event("checkout.session.completed", paid_session(donation)))
    assert response.status_code == 200, response.content
    donation.refresh_from_db()
    return donation


# ---- payment succeeded ----


def test_a_completed_checkout_books_the_gift_and_the_fee_as_separate_rows(
    money, online, stripe_double, client
):
    donation = online("100.00")
    stripe_double.add_payment_intent("pi_test_1", amount=10_000, fee=320)

    response = post_event(client, event("checkout.session.completed", paid_session(donation)))

    assert response.status_code == 200
    assert response.json() == {"status": "processed", "outcome": "succeeded"}
    donation.refresh_from_db()
    assert donation.status == Donation.Status.SUCCEEDED
    assert donation.fee_fen == 320 and donation.payment_intent == "pi_test_1"
    assert donation.receipt_number and donation.receipt_number.startswith(
        f"{donation.succeeded_at.year}-"
    )
    assert kinds(donation) == [TKind.DONATION, TKind.FEE]
    fee_txn = donation.transactions.get(kind=TKind.FEE)
    assert sorted(fee_txn.entries.values_list("amount_fen", flat=True)) == [-320, 320]
    assert selectors.available_fen(money.fund) == 10_000 - 320
    assert fees_fen() == 320
    record = StripeEvent.objects.get()
    assert record.type == "checkout.session.completed" and record.outcome == "succeeded"
    assert record.donation == donation
    [asked] = stripe_double.calls("GET", "/v1/payment_intents/pi_test_1")
    assert asked.params == {"expand[0]": "latest_charge.balance_transaction"}


def test_the_status_page_shows_the_receipt_once_paid(paid):
    answer = APIClient().get(f"/api/v1/public/donations/{paid.public_id}/").json()

    assert answer["status"] == "succeeded"
    assert answer["receipt_number"] == paid.receipt_number


def test_a_replayed_event_is_processed_once(money, online, stripe_double, client):
    donation = online("100.00")
    stripe_double.add_payment_intent("pi_test_1", amount=10_000, fee=320)
    completed = event("checkout.session.completed", paid_session(donation))

    first = post_event(client, completed)
    again = post_event(client, completed)  # Stripe redelivers, or someone replays it

    assert first.json()["outcome"] == "succeeded"
    assert again.status_code == 200 and again.json() == {"status": "already processed"}
    assert kinds(donation) == [TKind.DONATION, TKind.FEE]
    assert StripeEvent.objects.count() == 1
    assert selectors.available_fen(money.fund) == 9_680 and fees_fen() == 320
    assert len(stripe_double.calls("GET", "/v1/payment_intents/")) == 1


def test_a_second_success_event_for_the_same_session_books_nothing(
    money, paid, stripe_double, client
):
    response = post_event(
        client, event("checkout.session.async_payment_succeeded", paid_session(paid))
    )

    assert response.json() == {"status": "processed", "outcome": "already settled"}
    assert kinds(paid) == [TKind.DONATION, TKind.FEE]
    assert StripeEvent.objects.count() == 2


def test_an_unpaid_completed_session_waits_for_the_async_payment(
    money, online, stripe_double, client
):
    donation = online("100.00")
    stripe_double.add_payment_intent("pi_test_1", amount=10_000, fee=0)

    waiting = post_event(
        client,
        event("checkout.session.completed", paid_session(donation, payment_status="unpaid")),
    )
    succeeded = post_event(
        client, event("checkout.session.async_payment_succeeded", paid_session(donation))
    )

    assert waiting.json()["outcome"] == "awaiting payment"
    assert succeeded.json()["outcome"] == "succeeded"
    assert kinds(donation) == [TKind.DONATION]  # no fee, no fee row
    assert selectors.available_fen(money.fund) == 10_000


def test_a_paid_amount_that_differs_from_the_donation_is_not_booked(
    money, online, stripe_double, client
):
    donation = online("100.00")
    stripe_double.add_payment_intent("pi_test_1", amount=100, fee=3)

    response = post_event(
        client, event("checkout.session.completed", paid_session(donation, amount_total=100))
    )

    assert response.json()["outcome"] == "amount mismatch"
    donation.refresh_from_db()
    assert donation.status == Donation.Status.PENDING
    assert not Transaction.objects.filter(donation=donation).exists()


def test_when_the_fee_cannot_be_read_the_event_is_left_for_stripe_to_redeliver(
    money, online, stripe_double, client
):
    donation = online("100.00")
    stripe_double.add_payment_intent("pi_test_1", amount=10_000, fee=320)
    completed = event("checkout.session.completed", paid_session(donation))
    stripe_double.fail_with = 500

    down = post_event(client, completed)

    assert down.status_code == 503 and down.json()["code"] == "fee_unavailable"
    assert not StripeEvent.objects.exists()
    donation.refresh_from_db()
    assert donation.status == Donation.Status.PENDING
    assert not Transaction.objects.filter(donation=donation).exists()

    stripe_double.fail_with = None
    redelivered = post_event(client, completed)

    assert redelivered.json()["outcome"] == "succeeded"
    assert kinds(donation) == [TKind.DONATION, TKind.FEE]


# ---- signatures ----


def test_the_signature_helper_follows_stripes_own_scheme():
    payload = json.dumps(event("ping", {}))
    timestamp = int(time.time())

    assert sign(payload, timestamp=timestamp) == (
        stripe.WebhookSignature.generate_signature_header(payload, WEBHOOK_SECRET, timestamp)
    )


@pytest.mark.parametrize(
    "signature",
    [
        pytest.param(lambda payload: sign(payload, secret="whsec_forged"), id="other-secret"),
        pytest.param(lambda payload: sign(payload + " "), id="other-body"),
        pytest.param(lambda payload: sign(payload, timestamp=int(time.time()) - 600), id="stale"),
        pytest.param(lambda payload: "", id="missing"),
        pytest.param(lambda payload: "t=abc,v1=def", id="garbled"),
        pytest.param(lambda payload: sign(payload).replace("v1=", "v0="), id="wrong-scheme"),
    ],
)
def test_a_bad_signature_is_refused_and_nothing_is_written(
    money, online, stripe_double, client, signature
):
    donation = online("100.00")
    stripe_double.add_payment_intent("pi_test_1", amount=10_000, fee=320)
    completed = event("checkout.session.completed", paid_session(donation))

    response = post_event(
        client,
        completed,
        signature=signature(json.dumps(completed)),
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 400
    answer = response.json()
    assert answer["code"] == "invalid_signature"
    assert answer["message"] == (
        "The Stripe signature is missing, forged or too old; the event was not accepted."
    )
    assert answer["errors"] == [
        {"field": None, "code": "invalid_signature", "message": answer["message"]}
    ]
    assert not StripeEvent.objects.exists()
    assert not Transaction.objects.exclude(kind="appropriation").exists()
    donation.refresh_from_db()
    assert donation.status == Donation.Status.PENDING
    assert stripe_double.calls("GET", "/v1/payment_intents/") == []


def test_a_fresh_signature_within_the_tolerance_is_accepted(money, online, stripe_double, client):
    donation = online("100.00")
    stripe_double.add_payment_intent("pi_test_1", amount=10_000, fee=0)
    completed = event("checkout.session.completed", paid_session(donation))
    payload = json.dumps(completed)

    response = post_event(
        client, completed, signature=sign(payload, timestamp=int(time.time()) - 200)
    )

    assert response.json()["outcome"] == "succeeded"


def test_a_signed_body_that_is_not_an_event_is_refused(db, stripe_double, client):
    payload = "not json"

    response = client.post(
        "/api/v1/stripe/webhook/",
        data=payload,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=sign(payload),
    )

    assert response.status_code == 400 and response.json()["code"] == "invalid_payload"
    assert not StripeEvent.objects.exists()


def test_stripe_needs_no_csrf_token_but_only_post_is_allowed(db, stripe_double):
    strict = Client(enforce_csrf_checks=True)
    ping = event("customer.created", {"id": "cus_1", "object": "customer"})

    assert post_event(strict, ping).json() == {"status": "processed", "outcome": "ignored"}
    assert strict.get("/api/v1/stripe/webhook/").status_code == 405


def test_without_stripe_configured_the_webhook_is_unavailable(db, settings, no_network, client):
    settings.STRIPE_SECRET_KEY = ""
    settings.STRIPE_PUBLISHABLE_KEY = ""
    settings.STRIPE_WEBHOOK_SECRET = ""

    response = post_event(client, event("checkout.session.completed", {"id": "cs_x"}))

    assert response.status_code == 503
    assert response.json()["code"] == "online_payment_unavailable"
    assert not StripeEvent.objects.exists()


# ---- payment failed ----


def test_a_declined_attempt_keeps_the_donation_open_and_books_nothing(
    money, online, stripe_double, client
):
    donation = online("100.00")
    intent = {
        "id": "pi_test_failed",
        "object": "payment_intent",
        "status": "requires_payment_method",
        "metadata": {"donation": str(donation.public_id)},
        "last_payment_error": {"code": "card_declined", "decline_code": "insufficient_funds"},
    }

    response = post_event(client, event("payment_intent.payment_failed", intent))

    assert response.json() == {"status": "processed", "outcome": "attempt failed"}
    donation.refresh_from_db()
    assert donation.status == Donation.Status.PENDING
    assert donation.failure_reason == "stripe: insufficient_funds"
    assert not Transaction.objects.exclude(kind="appropriation").exists()
    assert StripeEvent.objects.get().donation == donation


def test_a_retry_that_pays_after_a_declined_card_is_booked(money, online, stripe_double, client):
    donation = online("100.00")
    declined = {
        "id": "pi_test_1",
        "object": "payment_intent",
        "metadata": {"donation": str(donation.public_id)},
        "last_payment_error": {"code": "card_declined"},
    }
    post_event(client, event("payment_intent.payment_failed", declined))
    stripe_double.add_payment_intent("pi_test_1", amount=10_000, fee=320)

    response = post_event(client, event("checkout.session.completed", paid_session(donation)))

    assert response.json()["outcome"] == "succeeded"
    donation.refresh_from_db()
    assert donation.status == Donation.Status.SUCCEEDED
    assert kinds(donation) == [TKind.DONATION, TKind.FEE]


def test_an_expired_checkout_fails_the_donation(money, online, stripe_double, client):
    donation = online("100.00")

    response = post_event(
        client,
        event("checkout.session.expired", paid_session(donation, payment_status="unpaid")),
    )

    assert response.json()["outcome"] == "failed"
    donation.refresh_from_db()
    assert donation.status == Donation.Status.FAILED
    assert not Transaction.objects.exclude(kind="appropriation").exists()


def test_a_payment_after_a_failure_is_flagged_not_booked(
    money, online, stripe_double, client, caplog
):
    donation = online("100.00")
    services.donation_fail(donation=donation, reason="stripe: card_declined")
    stripe_double.add_payment_intent("pi_test_1", amount=10_000, fee=320)

    with caplog.at_level(logging.ERROR, logger="donors.stripe_webhooks"):
        response = post_event(client, event("checkout.session.completed", paid_session(donation)))

    assert response.json()["outcome"] == "paid after failure"
    assert "paid after it was marked failed" in caplog.text
    assert not Transaction.objects.exclude(kind="appropriation").exists()


# ---- refunds made in Stripe's Dashboard (staff refunds: test_stripe_refunds.py) ----


def test_a_dashboard_refund_is_recorded_pending_and_booked_when_it_succeeds(money, paid, client):
    pending = post_event(client, event("refund.created", stripe_refund(paid, 10_000, "pending")))

    assert pending.json()["outcome"] == "refund pending"
    refund = Refund.objects.get()
    assert (refund.stripe_refund_id, refund.status, refund.amount_fen) == (
        "re_dash_1",
        Refund.Status.PENDING,
        10_000,
    )
    assert refund.requested_by is None and refund.transaction is None
    assert kinds(paid) == [TKind.DONATION, TKind.FEE]  # nothing booked while pending

    done = post_event(client, event("refund.updated", stripe_refund(paid, 10_000, "succeeded")))

    # The fee stays with Stripe, so ¥3.20 of the ¥100.00 cannot come from the fund.
    assert done.json()["outcome"] == "refunded with shortfall"
    paid.refresh_from_db()
    assert paid.status == Donation.Status.REFUNDED and paid.refunded_fen == 10_000
    assert kinds(paid) == [TKind.DONATION, TKind.FEE, TKind.REFUND]
    refund.refresh_from_db()
    assert refund.status == Refund.Status.SUCCEEDED and refund.transaction is not None
    assert selectors.available_fen(money.fund) == 0
    assert Account.objects.get(key=Account.Kind.REFUNDS).balance_fen == 10_000
    assert Account.objects.get(kind=Account.Kind.REFUND_SHORTFALL).balance_fen == -320


def test_the_same_refund_reported_by_several_events_is_booked_once(money, paid, client):
    succeeded = stripe_refund(paid, 3_000, "succeeded")

    outcomes = [
        post_event(client, event(kind, succeeded)).json()["outcome"]
        for kind in ("refund.created", "charge.refund.updated", "refund.updated")
    ]

    assert outcomes == ["refunded", "refund already booked", "refund already booked"]
    paid.refresh_from_db()
    assert paid.refunded_fen == 3_000 and paid.status == Donation.Status.SUCCEEDED
    assert kinds(paid) == [TKind.DONATION, TKind.FEE, TKind.REFUND]
    assert selectors.available_fen(money.fund) == 10_000 - 320 - 3_000


def test_two_partial_dashboard_refunds_are_two_refunds(money, paid, client):
    first = stripe_refund(paid, 3_000, "succeeded", refund_id="re_dash_1")
    second = stripe_refund(paid, 7_000, "succeeded", refund_id="re_dash_2")

    assert post_event(client, event("refund.created", first)).json()["outcome"] == "refunded"
    assert post_event(client, event("refund.created", second)).json()["outcome"] == (
        "refunded with shortfall"
    )
    paid.refresh_from_db()
    assert paid.status == Donation.Status.REFUNDED and paid.refunded_fen == 10_000
    assert Refund.objects.count() == 2


def test_a_refund_after_the_money_was_allocated_books_a_shortfall(
    money, online, stripe_double, client
):
    donation = online("100.00")
    stripe_double.add_payment_intent("pi_test_1", amount=10_000, fee=0)
    post_event(client, event("checkout.session.completed", paid_session(donation)))
    allocation = services.allocation_create(
        by=money.fund_manager,
        referral=money.accepted_referral(),
        amount_fen=8_000,
        fund=money.fund,
    )

    response = post_event(
        client, event("refund.updated", stripe_refund(donation, 10_000, "succeeded"))
    )

    assert response.json()["outcome"] == "refunded with shortfall"
    donation.refresh_from_db()
    assert donation.status == Donation.Status.REFUNDED
    assert selectors.available_fen(money.fund) == 0
    shortfall = Account.objects.get(kind=Account.Kind.REFUND_SHORTFALL)
    assert shortfall.balance_fen == -8_000
    assert Account.objects.get(allocation=allocation).balance_fen == 8_000  # not clawed back
    refund = donation.transactions.get(kind=TKind.REFUND)
    assert sum(refund.entries.values_list("amount_fen", flat=True)) == 0


def test_a_refund_found_by_its_payment_intent_alone(money, paid, client):
    refund = stripe_refund(paid, 1_000, "succeeded")
    refund["metadata"] = {}

    response = post_event(client, event("refund.updated", refund))

    assert response.json()["outcome"] == "refunded"


def test_charge_refunded_is_stored_but_books_nothing(money, paid, client):
    # The charge's amount_refunded counts refunds still pending: the refund's events book.
    response = post_event(client, event("charge.refunded", charge_refunded(paid, 10_000)))

    assert response.json() == {"status": "processed", "outcome": "ignored"}
    assert kinds(paid) == [TKind.DONATION, TKind.FEE]
    assert not Refund.objects.exists()


@pytest.mark.parametrize(
    ("change", "outcome"),
    [
        pytest.param({"currency": "usd"}, "not a refund in yuan", id="other-currency"),
        pytest.param({"amount": 0}, "not a refund in yuan", id="zero"),
        pytest.param({"object": "charge"}, "not a refund", id="not-a-refund"),
        pytest.param({"amount": 10_001}, "refund beyond the donation", id="beyond"),
    ],
)
def test_a_refund_event_that_cannot_be_right_books_nothing(money, paid, client, change, outcome):
    response = post_event(
        client, event("refund.updated", {**stripe_refund(paid, 1_000, "succeeded"), **change})
    )

    assert response.json()["outcome"] == outcome
    assert kinds(paid) == [TKind.DONATION, TKind.FEE]
    assert not Refund.objects.exists()


def test_a_refund_reported_before_its_payment_waits_for_stripe_to_deliver_it_again(
    money, online, stripe_double, client
):
    donation = online("100.00")
    stripe_double.add_payment_intent(
        "pi_test_1", amount=10_000, fee=0, metadata={"donation": str(donation.public_id)}
    )
    refunded = event("refund.created", stripe_refund(donation, 4_000, "succeeded"))

    early = post_event(client, refunded)

    assert early.status_code == 503 and early.json()["code"] == "not_ready"
    assert not StripeEvent.objects.exists() and not Refund.objects.exists()
    post_event(client, event("checkout.session.completed", paid_session(donation)))
    again = post_event(client, refunded)  # Stripe's redelivery

    assert again.json()["outcome"] == "refunded"
    assert kinds(donation) == [TKind.DONATION, TKind.REFUND]


def test_a_refund_of_a_payment_stripe_does_not_know_for_us_is_stored_as_unknown(
    db, stripe_double, client
):
    refund = {
        "id": "re_elsewhere",
        "object": "refund",
        "amount": 500,
        "currency": "cny",
        "payment_intent": "pi_elsewhere",
        "status": "succeeded",
        "metadata": {},
    }

    response = post_event(client, event("refund.updated", refund))

    assert response.json()["outcome"] == "unknown donation"
    assert not Refund.objects.exists()


def test_a_refund_is_left_for_redelivery_while_stripe_cannot_say_whose_it_is(
    money, paid, stripe_double, client
):
    refund = stripe_refund(paid, 1_000, "succeeded", pi="pi_not_known_here")
    stripe_double.fail_with = 500

    response = post_event(client, event("refund.updated", refund))

    assert response.status_code == 503 and response.json()["code"] == "not_ready"
    assert not Refund.objects.exists()
    assert StripeEvent.objects.count() == 1  # only the payment's own event


def test_a_refund_of_a_failed_donation_books_nothing(money, online, stripe_double, client):
    donation = online("100.00")
    stripe_double.add_payment_intent(
        "pi_test_1", amount=10_000, fee=0, metadata={"donation": str(donation.public_id)}
    )
    services.donation_fail(donation=donation, reason="stripe: expired")

    response = post_event(
        client, event("refund.created", stripe_refund(donation, 4_000, "succeeded"))
    )

    assert response.json()["outcome"] == "refund of unsettled donation"
    assert (
        not Refund.objects.exists()
        and not Transaction.objects.exclude(kind="appropriation").exists()
    )


def test_a_dashboard_refund_that_failed_before_we_heard_of_it_records_nothing(money, paid, client):
    response = post_event(client, event("refund.failed", stripe_refund(paid, 1_000, "failed")))

    assert response.json()["outcome"] == "unknown refund not made"
    assert not Refund.objects.exists()


# ---- events we do not act on ----


def test_an_event_for_an_unknown_donation_is_stored_and_logged_without_personal_data(
    db, stripe_double, client, caplog
):
    session = {
        "id": "cs_test_elsewhere",
        "object": "checkout.session",
        "payment_status": "paid",
        "payment_intent": None,
        "amount_total": 500,
        "currency": "cny",
        "metadata": {"donation": "not-a-uuid"},
        "customer_details": {"email": "someone@example.com", "name": "王某某"},
    }
    completed = event("checkout.session.completed", session)

    with caplog.at_level(logging.WARNING, logger="donors.stripe_webhooks"):
        response = post_event(client, completed)

    assert response.status_code == 200
    assert response.json() == {"status": "processed", "outcome": "unknown donation"}
    record = StripeEvent.objects.get()
    assert record.event_id == completed["id"] and record.donation is None
    assert completed["id"] in caplog.text
    assert "someone@example.com" not in caplog.text and "王某某" not in caplog.text
    assert not Transaction.objects.exclude(kind="appropriation").exists()


def test_an_event_type_we_do_not_handle_is_stored_and_ignored(db, stripe_double, client):
    response = post_event(client, event("customer.created", {"id": "cus_1"}))

    assert response.json() == {"status": "processed", "outcome": "ignored"}
    assert StripeEvent.objects.get().outcome == "ignored"


@pytest.mark.parametrize(
    "payload",
    [
        "[]",
        '[{"id": "evt_1", "type": "checkout.session.completed"}]',
        '"evt_1"',
        "42",
        '{"id": "evt_1", "type": "checkout.session.completed", "data": "a string"}',
        '{"id": "evt_1", "type": "checkout.session.completed", "data": {"object": "a string"}}',
        '{"id": "evt_1", "type": "checkout.session.completed", "data": {"object": []}}',
        '{"id": "' + "e" * 300 + '", "type": "refund.updated", "data": {"object": {}}}',
        '{"id": 12345, "type": "refund.updated", "data": {"object": {}}}',
        '{"id": "evt_1", "type": ["checkout.session.completed"], "data": {"object": {}}}',
        '{"id": "evt_1", "type": "' + "t" * 300 + '", "data": {"object": {}}}',
        '{"id": "evt_\\u0000", "type": "refund.updated", "data": {"object": {}}}',
        '{"type": "refund.updated", "data": {"object": {}}}',
    ],
)
def test_a_signed_but_malformed_body_is_a_400_and_writes_nothing(
    db, stripe_double, client, payload, caplog
):
    """Stripe signs what it sends; a body that verifies but is not an event (a leaked secret,
    a proxy that rewrote it, a bug) is refused, never a 500, and logged without its content."""
    caplog.set_level(logging.INFO)
    response = client.post(
        "/api/v1/stripe/webhook/",
        data=payload,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=sign(payload),
    )

    assert response.status_code == 400, response.content
    assert response.json()["code"] == "invalid_payload"
    assert not StripeEvent.objects.exists()
    assert "a string" not in caplog.text
