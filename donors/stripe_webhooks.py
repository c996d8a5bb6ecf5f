"""Stripe's webhook: the only way an online donation succeeds, fails or is refunded.

Every request is verified with the ``stripe`` library against ``STRIPE_WEBHOOK_SECRET``
(signature and a five-minute timestamp tolerance); a missing, forged or stale signature gets
400 and nothing is written. A verified event is stored (``StripeEvent``) in the same database
transaction that acts on it, so a redelivered or replayed event finds its id and does nothing
(DESIGN.md 7.2: a repeated webhook never books twice).

Events acted on:
- ``checkout.session.completed`` / ``checkout.session.async_payment_succeeded`` with
  ``payment_status`` paid: the donation succeeds, its fee is booked as its own transaction;
- ``payment_intent.payment_failed``: an attempt was declined; the donor may still pay on the
  same Checkout page, so the donation stays pending with the reason noted;
- ``checkout.session.async_payment_failed``, ``checkout.session.expired``: a pending
  donation fails;
- ``refund.created``, ``refund.updated``, ``refund.failed`` and ``charge.refund.updated``
  (each carries a Refund object): the refund is followed to its end
  (``donors.services.refunds.refund_follow_stripe``). Succeeded: booked once (a refund made
  in Stripe's Dashboard is recorded then; it cannot be refused, so money already allocated
  becomes a shortfall); failed or canceled: a pending refund is given up, a booked one
  reversed. Alipay and WeChat Pay refunds settle this way, sometimes days later.
``charge.refunded`` is stored and ignored: the charge's ``amount_refunded`` counts refunds
still pending, so the Refund objects' own events are what books.
Any other type is stored and ignored. Answers are 200 unless the event could not be handled
now (Stripe unreachable for the fee, or a refund of a payment whose own event has not come
yet: 503, nothing stored, Stripe delivers it again).
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass

import stripe
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from donors.models import Donation, StripeEvent
from donors.services import (
    donation_fail,
    donation_note_failed_attempt,
    donation_succeed,
    refund_follow_stripe,
)
from donors.stripe_gateway import (
    CURRENCY,
    FeeUnknownError,
    donation_reference_of_payment_intent,
    fee_for_payment_intent,
    stripe_enabled,
)

logger = logging.getLogger(__name__)

PAID_TYPES = ("checkout.session.completed", "checkout.session.async_payment_succeeded")
FAILED_SESSION_TYPES = ("checkout.session.async_payment_failed", "checkout.session.expired")
REFUND_TYPES = ("refund.created", "refund.updated", "refund.failed", "charge.refund.updated")


def _error(request: HttpRequest, status: int, code: str, message: str) -> JsonResponse:
    """The API's one error shape (core.api.errors), for this plain Django view."""
    return JsonResponse(
        {
            "status": status,
            "code": code,
            "message": message,
            "errors": [{"field": None, "code": code, "message": message}],
            "request_id": getattr(request, "request_id", ""),
        },
        status=status,
        json_dumps_params={"ensure_ascii": False},
    )


class RedeliverLaterError(Exception):
    """The event is about something not yet recorded here (a refund of a payment whose own
    event has not come yet): it is answered with an error, so that Stripe delivers it
    again."""


@dataclass
class Outcome:
    text: str
    donation: Donation | None = None


def _donation(*, session_id: str = "", payment_intent: str = "", metadata=None):
    """The online donation an event is about: by its Checkout Session id, its PaymentIntent,
    or the donation id we put in the metadata."""
    online = Donation.objects.filter(channel=Donation.Channel.STRIPE)
    if session_id:
        found = online.filter(external_reference=session_id).first()
        if found:
            return found
    if payment_intent:
        found = online.filter(payment_intent=payment_intent).first()
        if found:
            return found
    reference = (metadata or {}).get("donation") or ""
    try:
        return online.filter(public_id=reference).first() if reference else None
    except ValidationError:  # not a UUID
        return None


def _unknown(event: dict) -> Outcome:
    # Ids and type only: the event may carry the payer's email or name.
    logger.warning("Stripe event %s (%s) names no known donation", event["id"], event["type"])
    return Outcome("unknown donation")


def _on_paid(event: dict, obj: dict, fee_fen: int | None) -> Outcome:
    donation = _donation(session_id=obj.get("id", ""), metadata=obj.get("metadata"))
    if donation is None:
        return _unknown(event)
    if obj.get("payment_status") != "paid":
        return Outcome("awaiting payment", donation)
    if (obj.get("currency") or "").lower() != CURRENCY or obj.get(
        "amount_total"
    ) != donation.amount_fen:
        logger.error(
            "Stripe event %s: paid amount differs from donation %s; not booked",
            event["id"],
            donation.pk,
        )
        return Outcome("amount mismatch", donation)
    if donation.status != Donation.Status.PENDING:
        if donation.status == Donation.Status.FAILED:
            # A payment that succeeds after a failed attempt: money arrived but the donation
            # was closed as failed. Staff must look at it; we do not book it silently.
            logger.error(
                "Stripe event %s: donation %s was paid after it was marked failed",
                event["id"],
                donation.pk,
            )
            return Outcome("paid after failure", donation)
        return Outcome("already settled", donation)
    donation_succeed(
        donation=donation, fee_fen=fee_fen or 0, payment_intent=obj.get("payment_intent") or ""
    )
    return Outcome("succeeded", donation)


def _fail(event: dict, donation: Donation | None, reason: str) -> Outcome:
    if donation is None:
        return _unknown(event)
    if donation.status != Donation.Status.PENDING:
        return Outcome("already settled", donation)
    donation_fail(donation=donation, reason=reason)
    return Outcome("failed", donation)


def _on_payment_failed(event: dict, obj: dict, _fee) -> Outcome:
    donation = _donation(payment_intent=obj.get("id", ""), metadata=obj.get("metadata"))
    error = obj.get("last_payment_error") or {}
    code = error.get("decline_code") or error.get("code") or "payment_failed"
    if donation is None:
        return _unknown(event)
    if donation.status != Donation.Status.PENDING:
        return Outcome("already settled", donation)
    donation_note_failed_attempt(donation=donation, reason=f"stripe: {code}")
    return Outcome("attempt failed", donation)


def _on_session_failed(event: dict, obj: dict, _fee) -> Outcome:
    donation = _donation(session_id=obj.get("id", ""), metadata=obj.get("metadata"))
    return _fail(event, donation, f"stripe: {event['type'].rsplit('.', 1)[-1]}")


def _donation_of_refund(obj: dict):
    return _donation(payment_intent=obj.get("payment_intent") or "", metadata=obj.get("metadata"))


def _with_donation_reference(obj: dict) -> dict:
    """The refund object with the donation its PaymentIntent names added to its metadata
    (when it has a PaymentIntent and it names one). Raises ``stripe.StripeError`` when Stripe
    cannot answer now."""
    payment_intent = obj.get("payment_intent")
    if not isinstance(payment_intent, str) or not payment_intent:
        return obj
    try:
        reference = donation_reference_of_payment_intent(payment_intent)
    except stripe.InvalidRequestError:  # no such payment on this account: not one of ours
        return obj
    if not reference:
        return obj
    return {**obj, "metadata": {**(obj.get("metadata") or {}), "donation": reference}}


def _on_refund(event: dict, obj: dict, _fee) -> Outcome:
    """A Refund object's news: the refund is found by its id, or the request we sent, or
    recorded as made in Stripe's Dashboard; then followed (booked, given up or reversed)."""
    if obj.get("object") != "refund":
        return Outcome("not a refund")
    donation = _donation_of_refund(obj)
    if donation is None:
        return _unknown(event)
    if donation.status == Donation.Status.PENDING:
        # Events come in any order: the payment's own event books the gift first.
        raise RedeliverLaterError("refund of a payment not booked yet")
    if donation.status == Donation.Status.FAILED:
        logger.error("Stripe event %s: refund of failed donation %s", event["id"], donation.pk)
        return Outcome("refund of unsettled donation", donation)
    followed = refund_follow_stripe(donation=donation, stripe_refund=obj)
    if followed.outcome in ("refund beyond the donation", "refund differs from the request"):
        logger.error(
            "Stripe event %s: %s (donation %s)", event["id"], followed.outcome, donation.pk
        )
    return Outcome(followed.outcome, donation)


HANDLERS: dict[str, Callable[[dict, dict, int | None], Outcome]] = {
    **dict.fromkeys(PAID_TYPES, _on_paid),
    **dict.fromkeys(FAILED_SESSION_TYPES, _on_session_failed),
    "payment_intent.payment_failed": _on_payment_failed,
    **dict.fromkeys(REFUND_TYPES, _on_refund),
}


def _already_processed() -> JsonResponse:
    return JsonResponse({"status": "already processed"})


_EVENT_ID = re.compile(r"[A-Za-z0-9_\-]{1,255}")
_EVENT_TYPE = re.compile(r"[a-z0-9_.]{1,64}")


def event_of(body: bytes) -> dict | None:
    """The Stripe event in a verified webhook body, or None if the body is not one: a JSON
    object with an ``id`` and a ``type`` of the shapes Stripe uses (short, ASCII, no control
    characters: they are stored and indexed) and ``data.object`` an object."""
    try:
        event = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(event, dict):
        return None
    event_id, event_type, data = event.get("id"), event.get("type"), event.get("data")
    if not (isinstance(event_id, str) and _EVENT_ID.fullmatch(event_id)):
        return None
    if not (isinstance(event_type, str) and _EVENT_TYPE.fullmatch(event_type)):
        return None
    if not (isinstance(data, dict) and isinstance(data.get("object"), dict)):
        return None
    return event


@csrf_exempt
@require_POST
def stripe_webhook(request: HttpRequest) -> JsonResponse:
    """POST /api/v1/stripe/webhook/ (Stripe's servers only)."""
    if not stripe_enabled():
        # 503, not 404: the address exists but cannot verify anything without the secret.
        # Stripe redelivers on any non-2xx answer, so events sent while the keys were
        # missing are processed once they are back.
        return _error(
            request,
            503,
            "online_payment_unavailable",
            _("Online payment is not configured on this server."),
        )
    try:
        stripe.WebhookSignature.verify_header(
            request.body.decode("utf-8", "replace"),
            request.headers.get("Stripe-Signature"),
            settings.STRIPE_WEBHOOK_SECRET,
            stripe.Webhook.DEFAULT_TOLERANCE,
        )
    except stripe.SignatureVerificationError:
        return _error(
            request,
            400,
            "invalid_signature",
            _("The Stripe signature is missing, forged or too old; the event was not accepted."),
        )
    event = event_of(request.body)
    if event is None:
        # Signed but not an event (a bug, a proxy that rewrote it, a leaked secret): refused,
        # and logged by its size only, since the body may carry a payer's details.
        logger.warning("Signed Stripe webhook body of %d bytes is not an event", len(request.body))
        return _error(request, 400, "invalid_payload", _("The webhook body is not a Stripe event."))
    event_id, event_type, obj = event["id"], event["type"], event["data"]["object"]
    if StripeEvent.objects.filter(event_id=event_id).exists():
        return _already_processed()

    # Ask Stripe for the fee before the database transaction: no lock waits on the network.
    fee_fen = None
    if (
        event_type in PAID_TYPES
        and obj.get("payment_status") == "paid"
        and obj.get("payment_intent")
    ):
        try:
            fee_fen = fee_for_payment_intent(obj["payment_intent"])
        except (stripe.StripeError, FeeUnknownError) as error:
            logger.warning(
                "Stripe event %s: fee not available yet (%s); Stripe will redeliver",
                event_id,
                type(error).__name__,
            )
            return _error(
                request,
                503,
                "fee_unavailable",
                _("The payment's fee could not be read from Stripe yet; try again later."),
            )

    # A refund made in Stripe's Dashboard names only its payment: if that payment is not known
    # here yet (its own event may come later), the PaymentIntent's metadata names the gift.
    if event_type in REFUND_TYPES and _donation_of_refund(obj) is None:
        try:
            obj = _with_donation_reference(obj)
        except stripe.StripeError as error:
            logger.warning(
                "Stripe event %s: payment %s not readable (%s); Stripe will redeliver",
                event_id,
                obj.get("payment_intent"),
                type(error).__name__,
            )
            return _error(
                request,
                503,
                "not_ready",
                _("This event cannot be applied yet; Stripe will deliver it again."),
            )

    try:
        with transaction.atomic():
            try:
                with transaction.atomic():
                    record = StripeEvent.objects.create(event_id=event_id, type=event_type)
            except IntegrityError:  # a concurrent delivery of the same event committed first
                return _already_processed()
            handler = HANDLERS.get(event_type)
            if handler is None:
                outcome = Outcome("ignored")
            else:
                try:
                    outcome = handler(event, obj, fee_fen)
                except ValidationError as error:
                    # A rule refused it (say, a concurrent event settled the donation first):
                    # the event is still processed once; the reason is kept on its record.
                    logger.warning(
                        "Stripe event %s (%s) refused: %s", event_id, event_type, error.messages
                    )
                    outcome = Outcome(f"refused: {getattr(error, 'code', None) or 'invalid'}")
            record.outcome = outcome.text[:64]
            record.donation = outcome.donation
            record.save(update_fields=["outcome", "donation"])
    except RedeliverLaterError as later:
        # Nothing stored: Stripe delivers the event again (for up to three days).
        logger.info("Stripe event %s (%s) left for later: %s", event_id, event_type, later)
        return _error(
            request,
            503,
            "not_ready",
            _("This event cannot be applied yet; Stripe will deliver it again."),
        )
    return JsonResponse({"status": "processed", "outcome": record.outcome})
