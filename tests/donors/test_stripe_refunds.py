"""Refunds of online gifts through Stripe's Refund API (the local double, through the real
client): asked from the API and the back office, pending until Stripe confirms, booked once,
given up or reversed when Stripe says it failed, never more than was given, and every bad
request refused with nothing written."""

from __future__ import annotations

import json
import uuid

import pytest
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.test import Client
from rest_framework.test import APIClient

from core.factories import UserFactory
from donors import reconcile, selectors, services
from donors.models import Account, Donation, Entry, Refund, StripeEvent, Transaction
from tests.donors import stripe_double as double
from tests.donors.stripe_double import event, post_event
from tests.donors.test_stripe_webhooks import paid_session

no_network = double.no_network
stripe_double = double.stripe_double

TKind = Transaction.Kind


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def refund_url(donation: Donation) -> str:
    return f"/api/v1/donations/{donation.pk}/refund/"


def errors_of(response) -> list[tuple[str | None, str]]:
    return [(e["field"], e["code"]) for e in response.json()["errors"]]


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def kinds(donation: Donation) -> list[str]:
    return list(donation.transactions.order_by("pk").values_list("kind", flat=True))


def written() -> tuple[int, ...]:
    """Everything a refused refund must leave untouched."""
    return (
        Refund.objects.count(),
        Transaction.objects.count(),
        Entry.objects.count(),
        StripeEvent.objects.count(),
    )


def refund_calls(stripe_double) -> list:
    return stripe_double.calls("POST", "/v1/refunds")


@pytest.fixture
def webhook():
    return Client()


@pytest.fixture
def give_online(money, stripe_double, webhook):
    """A paid online gift to the fund: ¥100.00 by default, with a ¥3.20 fee, paid by card,
    Alipay or WeChat Pay."""
    count = iter(range(1, 100))

    def give(*, amount: str = "100.00", fee: int = 320, method: str = "card") -> Donation:
        cache.clear()  # throttle counters
        response = APIClient().post(
            "/api/v1/public/donations/",
            {
                "target_type": "fund",
                "target_id": str(money.fund.pk),
                "amount": amount,
                "name": "陈爱心",
                "email": "chen@example.com",
            },
            format="json",
        )
        assert response.status_code == 201, response.json()
        donation = Donation.objects.get(public_id=response.json()["donation"])
        pi = f"pi_test_{next(count)}"
        stripe_double.add_payment_intent(
            pi, amount=donation.amount_fen, fee=fee, payment_method=method
        )
        paid = post_event(webhook, event("checkout.session.completed", paid_session(donation, pi)))
        assert paid.json()["outcome"] == "succeeded"
        donation.refresh_from_db()
        return donation

    return give


def ask(money, donation, amount_fen=5_000, *, key: str | None = None, user=None, **extra):
    """A staff refund request; each call is a new request (its own key) unless ``key`` is
    given, and ``key=""`` sends none."""
    key = f"refund-{uuid.uuid4()}" if key is None else key
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
    return api(user or money.fund_manager).post(
        refund_url(donation),
        {"amount_fen": amount_fen, "reason": "捐赠人要求退回", **extra},
        format="json",
        **headers,
    )


def settle(stripe_double, webhook, refund: Refund, status: str, kind: str = "refund.updated"):
    """Stripe settles the refund and tells the webhook."""
    obj = stripe_double.settle_refund(
        refund.stripe_refund_id, status, "lost_or_stolen_card" if status == "failed" else None
    )
    return post_event(webhook, event(kind, obj))


# ---- the happy paths ----


def test_a_card_refund_is_made_by_stripe_and_booked_from_its_answer(
    money, give_online, stripe_double
):
    donation = give_online()

    response = ask(money, donation, 5_000, key="refund-key-0001")

    assert response.status_code == 200, response.json()
    answer = response.json()
    refund = Refund.objects.get()
    assert answer["status"] == "succeeded" and answer["refund_id"] == refund.pk
    assert answer["amount_fen"] == 5_000 and answer["from_unallocated_fen"] == 5_000
    assert answer["donation"]["refunded_fen"] == 5_000
    [sent] = refund_calls(stripe_double)
    assert sent.params == {
        "payment_intent": donation.payment_intent,
        "amount": "5000",
        "reason": "requested_by_customer",
        "metadata[donation]": str(donation.public_id),
        "metadata[refund_request]": refund.request_key,
    }
    assert sent.header("Idempotency-Key") == f"donation-refund-{refund.request_key}"
    assert "捐赠人" not in str(sent.params)  # the staff's reason stays here
    assert refund.status == Refund.Status.SUCCEEDED and refund.stripe_refund_id == "re_test_0002"
    assert refund.requested_by == money.fund_manager and refund.transaction is not None
    assert kinds(donation) == [TKind.DONATION, TKind.FEE, TKind.REFUND]
    assert selectors.available_fen(money.fund) == 10_000 - 320 - 5_000
    assert stripe_double.refunded_fen(donation.payment_intent) == 5_000


@pytest.mark.parametrize("method", ["alipay", "wechat_pay"])
def test_an_alipay_or_wechat_refund_is_pending_until_stripe_confirms_it(
    money, give_online, stripe_double, webhook, method
):
    donation = give_online(method=method)

    response = ask(money, donation, 6_000)

    assert response.status_code == 202, response.json()
    answer = response.json()
    assert answer["status"] == "pending" and answer["from_unallocated_fen"] == 0
    assert answer["donation"]["refunded_fen"] == 0
    refund = Refund.objects.get()
    assert refund.status == Refund.Status.PENDING and refund.transaction is None
    assert kinds(donation) == [TKind.DONATION, TKind.FEE]  # nothing booked yet
    assert selectors.available_fen(money.fund) == 9_680

    confirmed = settle(stripe_double, webhook, refund, "succeeded", "charge.refund.updated")
    again = settle(stripe_double, webhook, refund, "succeeded", "refund.updated")

    assert confirmed.json()["outcome"] == "refunded"
    assert again.json()["outcome"] == "refund already booked"
    refund.refresh_from_db()
    donation.refresh_from_db()
    assert refund.status == Refund.Status.SUCCEEDED and refund.settled_at is not None
    assert donation.refunded_fen == 6_000 and donation.status == Donation.Status.SUCCEEDED
    assert kinds(donation) == [TKind.DONATION, TKind.FEE, TKind.REFUND]
    assert selectors.available_fen(money.fund) == 9_680 - 6_000
    assert reconcile.reconcile_report().is_clean


@pytest.mark.parametrize(
    ("stripe_status", "kind", "outcome", "final"),
    [
        ("failed", "refund.failed", "refund failed", Refund.Status.FAILED),
        ("failed", "charge.refund.updated", "refund failed", Refund.Status.FAILED),
        ("canceled", "refund.updated", "refund canceled", Refund.Status.CANCELED),
    ],
)
def test_a_refund_stripe_could_not_make_is_given_up_and_may_be_asked_again(
    money, give_online, stripe_double, webhook, stripe_status, kind, outcome, final
):
    donation = give_online(method="alipay")
    ask(money, donation, 9_000)
    refund = Refund.objects.get()

    response = settle(stripe_double, webhook, refund, stripe_status, kind)

    assert response.json()["outcome"] == outcome
    refund.refresh_from_db()
    assert refund.status == final and refund.transaction is None
    assert refund.failure_reason == (
        "lost_or_stolen_card" if stripe_status == "failed" else "canceled"
    )
    assert kinds(donation) == [TKind.DONATION, TKind.FEE]
    assert ask(money, donation, 9_000).status_code == 202  # the amount is free again
    assert Refund.objects.filter(status=Refund.Status.PENDING).count() == 1


def test_a_refund_that_fails_after_it_was_booked_is_reversed(
    money, give_online, stripe_double, webhook
):
    donation = give_online()  # card: booked at once
    ask(money, donation, 4_000)
    refund = Refund.objects.get()
    assert refund.status == Refund.Status.SUCCEEDED

    response = settle(stripe_double, webhook, refund, "failed", "refund.failed")

    assert response.json()["outcome"] == "refund reversed"
    refund.refresh_from_db()
    donation.refresh_from_db()
    assert refund.status == Refund.Status.FAILED and refund.reversal.corrects == refund.transaction
    assert donation.refunded_fen == 0 and donation.status == Donation.Status.SUCCEEDED
    assert kinds(donation) == [TKind.DONATION, TKind.FEE, TKind.REFUND, TKind.REFUND]
    assert selectors.available_fen(money.fund) == 9_680
    assert Account.objects.get(key=Account.Kind.REFUNDS).balance_fen == 0
    assert reconcile.reconcile_report().is_clean
    # Failed is final: an older "succeeded" report arriving late changes nothing.
    older = {**stripe_double.refunds[refund.stripe_refund_id], "status": "succeeded"}
    late = post_event(webhook, event("refund.updated", older))
    assert late.json()["outcome"] == "refund already settled"
    assert kinds(donation) == [TKind.DONATION, TKind.FEE, TKind.REFUND, TKind.REFUND]


def test_events_in_any_order_book_once(money, give_online, stripe_double, webhook):
    donation = give_online(method="wechat_pay")
    ask(money, donation, 2_000)
    refund = Refund.objects.get()
    created_pending = dict(stripe_double.refunds[refund.stripe_refund_id])

    succeeded = settle(stripe_double, webhook, refund, "succeeded")
    late_created = post_event(webhook, event("refund.created", created_pending))

    assert succeeded.json()["outcome"] == "refunded"
    assert late_created.json()["outcome"] == "refund already settled"
    assert kinds(donation) == [TKind.DONATION, TKind.FEE, TKind.REFUND]


def test_the_back_office_refunds_an_online_gift_through_stripe(
    money, give_online, stripe_double, webhook
):
    donation = give_online(method="alipay")
    browser = Client()
    browser.force_login(money.fund_manager)
    url = f"/admin/money/donations/{donation.pk}/refund/"
    form = {"amount": "30.00", "reason": "捐赠人要求退回", "submission": "tok-refund-0001"}

    first = browser.post(url, form)
    again = browser.post(url, form)  # a double click

    assert first.status_code == again.status_code == 302
    [asked] = messages_of(first)
    assert "¥30.00" in asked and ("Stripe" in asked)
    assert messages_of(again)[-1] != asked  # "already submitted; nothing was repeated"
    [refund] = Refund.objects.all()
    assert refund.amount_fen == 3_000 and refund.status == Refund.Status.PENDING
    assert len(refund_calls(stripe_double)) == 1
    page = browser.get(f"/admin/money/donations/{donation.pk}/").content.decode()
    assert "通过 Stripe 的退款" in page and refund.stripe_refund_id in page
    assert "¥70.00" in page  # what can still be refunded
    settle(stripe_double, webhook, refund, "succeeded")
    donation.refresh_from_db()
    assert donation.refunded_fen == 3_000


def test_the_same_form_sent_again_after_stripe_was_unreachable_refunds_once(
    money, give_online, stripe_double
):
    donation = give_online()
    browser = Client(HTTP_ACCEPT_LANGUAGE="en")
    browser.force_login(money.fund_manager)
    url = f"/admin/money/donations/{donation.pk}/refund/"
    form = {"amount": "20.00", "reason": "捐赠人要求退回", "submission": "tok-refund-0002"}
    stripe_double.lose_answers_with = 502

    failed = browser.post(url, form)

    assert failed.status_code == 200  # the page again, the form's error on it
    assert "tok-refund-0002" in failed.content.decode()  # the same token, to send again
    # Stripe may have made it: the refund stays pending (its amount held back), unbooked.
    pending = Refund.objects.get()
    assert pending.status == Refund.Status.PENDING and not pending.stripe_refund_id
    assert not Transaction.objects.filter(kind=Transaction.Kind.REFUND).exists()
    stripe_double.lose_answers_with = None
    assert browser.post(url, form).status_code == 302
    assert len(stripe_double.refunds) == 1
    donation.refresh_from_db()
    assert donation.refunded_fen == 2_000


# ---- repeated requests ----


def test_a_repeated_request_refunds_once(money, give_online, stripe_double):
    donation = give_online(method="alipay")

    first = ask(money, donation, 5_000, key="refund-key-0002")
    again = ask(money, donation, 5_000, key="refund-key-0002")

    assert first.status_code == again.status_code == 202
    assert again["Idempotent-Replayed"] == "true" and again.json() == first.json()
    assert Refund.objects.count() == 1 and len(refund_calls(stripe_double)) == 1


def test_a_retry_after_stripes_answer_was_lost_refunds_once(money, give_online, stripe_double):
    donation = give_online()
    stripe_double.lose_answers_with = 500  # Stripe refunds, the answer never arrives

    lost = ask(money, donation, 5_000, key="refund-key-0003")

    assert lost.status_code == 503 and lost.json()["code"] == "payment_provider_error"
    assert Refund.objects.get().status == Refund.Status.PENDING  # held back, not booked
    assert kinds(donation) == [TKind.DONATION, TKind.FEE]
    assert stripe_double.refunded_fen(donation.payment_intent) == 5_000

    stripe_double.lose_answers_with = None
    retried = ask(money, donation, 5_000, key="refund-key-0003")

    assert retried.status_code == 200, retried.json()
    calls = refund_calls(stripe_double)
    assert len(calls) == 2 and calls[0].header("Idempotency-Key") == calls[1].header(
        "Idempotency-Key"
    )
    assert len(stripe_double.refunds) == 1  # Stripe made one refund
    assert stripe_double.refunded_fen(donation.payment_intent) == 5_000
    donation.refresh_from_db()
    assert donation.refunded_fen == 5_000
    assert kinds(donation) == [TKind.DONATION, TKind.FEE, TKind.REFUND]


def test_a_refund_whose_answer_was_lost_is_recorded_from_its_event_and_found_by_a_retry(
    money, give_online, stripe_double, webhook
):
    donation = give_online(method="alipay")
    stripe_double.lose_answers_with = 500
    ask(money, donation, 5_000, key="refund-key-0004")
    stripe_double.lose_answers_with = None
    [made] = stripe_double.refunds.values()

    reported = post_event(webhook, event("refund.created", dict(made)))
    retried = ask(money, donation, 5_000, key="refund-key-0004")

    assert reported.json()["outcome"] == "refund pending"
    assert retried.status_code == 202
    assert Refund.objects.count() == 1 and len(stripe_double.refunds) == 1
    assert len(refund_calls(stripe_double)) == 1  # the retry found it: Stripe not asked again


# ---- refused: a clear error, nothing written ----


@pytest.mark.parametrize(
    ("amount_fen", "pending", "code"),
    [
        (10_001, 0, "exceeds_donation"),
        (5_000, 6_000, "exceeds_donation"),  # ¥60.00 pending at Stripe: ¥40.00 left
        (9_700, 0, "allocated"),  # ¥96.80 is all the fund holds after the fee
        (0, 0, "min_value"),
    ],
)
def test_a_refund_larger_than_what_is_left_is_refused_and_stripe_is_not_asked(
    money, give_online, stripe_double, amount_fen, pending, code
):
    donation = give_online(method="alipay")
    if pending:
        assert ask(money, donation, pending).status_code == 202
    before, calls = written(), len(refund_calls(stripe_double))

    response = ask(money, donation, amount_fen, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    assert errors_of(response) == [("amount_fen", code)]
    assert written() == before and len(refund_calls(stripe_double)) == calls


def test_the_refusal_says_how_much_is_left(money, give_online, stripe_double):
    donation = give_online(method="alipay")
    ask(money, donation, 6_000)

    response = api(money.fund_manager).post(
        refund_url(donation),
        {"amount_fen": 5_000, "reason": "退回"},
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
        HTTP_IDEMPOTENCY_KEY="refund-too-much",
    )

    assert response.json()["errors"][0]["message"] == (
        "A refund cannot exceed what is left of the donation (¥40.00)."
    )


def test_money_already_paid_out_cannot_be_refunded_by_staff(money, give_online, stripe_double):
    donation = give_online(fee=0)
    services.allocation_create(
        by=money.fund_manager,
        referral=money.accepted_referral(),
        amount_fen=9_000,
        fund=money.fund,
    )
    before = written()

    response = ask(money, donation, 5_000)

    # Only what is unallocated: money paid to a household cannot come back from the fund. A
    # refund made anyway in Stripe's Dashboard is booked as the holder's refund shortfall.
    assert errors_of(response) == [("amount_fen", "allocated")]
    assert written() == before and refund_calls(stripe_double) == []


def test_stripe_refusing_the_refund_is_a_clear_error_recorded_as_failed_and_books_nothing(
    money, give_online, stripe_double
):
    donation = give_online()
    # Someone refunded the whole charge in Stripe's Dashboard; its event has not come yet.
    stripe_double.refunds["re_dash"] = {
        "id": "re_dash",
        "object": "refund",
        "amount": 10_000,
        "currency": "cny",
        "payment_intent": donation.payment_intent,
        "status": "succeeded",
    }
    before = written()

    response = ask(money, donation, 5_000, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    assert errors_of(response) == [(None, "payment_provider_refused")]
    assert response.json()["errors"][0]["message"] == (
        "Stripe 拒绝了该退款（charge_already_refunded）；未退任何款项。"
    )
    refunds, *booked = written()
    assert refunds == before[0] + 1 and booked == list(before[1:])
    refused = Refund.objects.get()
    assert refused.status == Refund.Status.FAILED
    assert refused.failure_reason == "charge_already_refunded"
    donation.refresh_from_db()
    assert donation.refunded_fen == 0


@pytest.mark.parametrize("status", [500, 401])
def test_stripe_down_is_a_503_books_nothing_and_the_same_request_later_refunds_once(
    money, give_online, stripe_double, status
):
    donation = give_online()
    stripe_double.fail_with = status
    before = written()

    response = ask(money, donation, 5_000, key="refund-while-down-01")

    assert response.status_code == 503
    assert response.json()["code"] == "payment_provider_error"
    refunds, *booked = written()
    assert refunds == before[0] + 1 and booked == list(before[1:])  # pending, not booked
    stripe_double.fail_with = None
    assert ask(money, donation, 5_000, key="refund-while-down-01").status_code == 200
    assert len(stripe_double.refunds) == 1
    donation.refresh_from_db()
    assert donation.refunded_fen == 5_000


def test_reconcile_notes_a_refund_whose_answer_never_came(money, give_online, stripe_double):
    import datetime as dt

    from django.utils import timezone

    from donors.reconcile import reconcile_report

    donation = give_online()
    stripe_double.fail_with = 500
    assert ask(money, donation, 5_000).status_code == 503
    assert not [p for p in reconcile_report().problems if p.code == "refund_unanswered"]
    Refund.objects.update(created_at=timezone.now() - dt.timedelta(hours=2))
    noted = [p for p in reconcile_report().problems if p.code == "refund_unanswered"]
    assert len(noted) == 1 and noted[0].attention_only


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_stripe_is_asked_outside_any_transaction(money, give_online, stripe_double, monkeypatch):
    """A slow Stripe must not hold the donation's and the fund's rows locked: no transaction
    is open while the refund is asked for (through the API, idempotency key and all)."""
    from django.db import connection

    from donors import stripe_gateway

    donation = give_online()
    seen = []
    real_client = stripe_gateway.stripe_client

    def watching_client():
        client = real_client()
        create = client.v1.refunds.create

        def create_watched(*args, **kwargs):
            seen.append(connection.in_atomic_block)
            return create(*args, **kwargs)

        client.v1.refunds.create = create_watched
        return client

    monkeypatch.setattr(stripe_gateway, "stripe_client", watching_client)
    assert ask(money, donation, 5_000).status_code == 200
    assert seen == [False]


def test_without_stripe_configured_an_online_gift_cannot_be_refunded(money, give_online, settings):
    donation = give_online()
    settings.STRIPE_SECRET_KEY = ""
    before = written()

    response = ask(money, donation, 5_000)

    assert response.status_code == 503
    assert response.json()["code"] == "online_payment_unavailable"
    assert written() == before


def test_staff_cannot_book_an_online_refund_without_stripe(money, give_online, stripe_double):
    donation = give_online()

    with pytest.raises(ValidationError) as error:
        services.donation_refund(
            donation=donation, amount_fen=1_000, reason="退回", by=money.fund_manager
        )

    assert error.value.code == "refund_through_stripe"
    assert kinds(donation) == [TKind.DONATION, TKind.FEE]


def test_only_the_receivers_staff_refund(money, give_online, stripe_double):
    world = money.world
    donation = give_online(method="alipay")
    before = written()

    assert ask(money, donation, user=world.auditor).status_code == 403
    assert ask(money, donation, user=world.charity_staff).status_code == 404
    assert ask(money, donation, user=world.caseworker).status_code == 404
    assert api().post(refund_url(donation), {"amount_fen": 100, "reason": "x"}).status_code == 401
    assert written() == before and refund_calls(stripe_double) == []

    root = UserFactory(username="root", is_superuser=True)
    assert ask(money, donation, user=root).status_code == 202


# ---- forged and replayed refund events ----


def test_a_forged_refund_event_is_refused_and_books_nothing(
    money, give_online, stripe_double, webhook
):
    donation = give_online(method="alipay")
    ask(money, donation, 5_000)
    refund = Refund.objects.get()
    obj = stripe_double.settle_refund(refund.stripe_refund_id, "succeeded")
    forged = event("refund.updated", obj)
    before = written()

    response = post_event(
        webhook,
        forged,
        signature=double.sign(json.dumps(forged), secret="whsec_forged"),
    )

    assert response.status_code == 400 and response.json()["code"] == "invalid_signature"
    assert written() == before
    refund.refresh_from_db()
    assert refund.status == Refund.Status.PENDING


def test_a_replayed_refund_event_is_processed_once(money, give_online, stripe_double, webhook):
    donation = give_online(method="alipay")
    ask(money, donation, 5_000)
    refund = Refund.objects.get()
    succeeded = event(
        "refund.updated", stripe_double.settle_refund(refund.stripe_refund_id, "succeeded")
    )

    first = post_event(webhook, succeeded)
    replayed = post_event(webhook, succeeded)

    assert first.json()["outcome"] == "refunded"
    assert replayed.json() == {"status": "already processed"}
    assert kinds(donation) == [TKind.DONATION, TKind.FEE, TKind.REFUND]


def test_a_refund_event_naming_another_donations_refund_books_nothing(
    money, give_online, stripe_double, webhook
):
    first, second = give_online(method="alipay"), give_online(method="alipay")
    ask(money, first, 5_000)
    refund = Refund.objects.get()
    obj = stripe_double.settle_refund(refund.stripe_refund_id, "succeeded")

    response = post_event(
        webhook, event("refund.updated", {**obj, "payment_intent": second.payment_intent})
    )

    assert response.json()["outcome"] == "refund differs from the request"
    assert kinds(first) == kinds(second) == [TKind.DONATION, TKind.FEE]


def test_reconcile_finds_a_refund_whose_booking_does_not_match_stripe(money, give_online):
    donation = give_online(method="alipay")
    ask(money, donation, 2_000)
    assert reconcile.reconcile_report().is_clean
    Refund.objects.update(status=Refund.Status.SUCCEEDED)  # as if booked, with no booking

    problems = [p for p in reconcile.reconcile() if p.code == "refund_booking_mismatch"]

    assert len(problems) == 1 and problems[0].is_failure


def test_an_online_refund_without_an_idempotency_key_is_refused_and_nothing_is_refunded(
    money, give_online, stripe_double
):
    """Without a key a retry after a lost answer would reach Stripe with a new one and refund
    twice, so the request is refused before anything is written or sent."""
    donation = give_online()
    before = written()
    response = ask(money, donation, 5_000, key="")
    assert response.status_code == 400
    assert ("non_field_errors", "idempotency_key_required") in errors_of(response) or any(
        code == "idempotency_key_required" for _field, code in errors_of(response)
    )
    assert written() == before and refund_calls(stripe_double) == []
    assert stripe_double.refunded_fen(donation.payment_intent) == 0
