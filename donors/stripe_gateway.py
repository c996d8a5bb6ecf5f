"""Online donations through Stripe Checkout (card, Alipay, WeChat Pay; CNY).

A donation starts pending here: the donor and the donation are recorded by the money services,
then a Checkout Session is created through the real ``stripe`` client and its id is kept as the
donation's external reference. Nothing is booked until Stripe's signed webhook says the money
arrived (``donors.stripe_webhooks``); the processor's fee is then its own ledger transaction.

Refunds of online gifts go back through Stripe's Refund API (``refund_start``): recorded as
pending by the refund services, asked of Stripe with an idempotency key derived from the
request, booked when Stripe says the refund succeeded (``donors.services.refunds``).

Written for Stripe API version ``settings.STRIPE_API_VERSION`` (the version the locked library
sends; every request names it): Checkout Sessions take no ``payment_method_types`` any more
(removed in 2026-09-30.endive); payment methods are Stripe's dynamic ones, filtered with
``allowed_payment_method_types``. tests/donors/test_stripe_contract.py checks every parameter
sent against the library's own typed parameters.

Stripe is optional (DESIGN.md 6): without all three keys the online option is hidden and only
offline donations (bank transfer, cash) are recorded. ``STRIPE_API_BASE`` points the client at
another address (the test suite's local double of Stripe); empty means Stripe's own.
"""

from __future__ import annotations

import logging
from decimal import ROUND_HALF_UP, Decimal

import stripe
from django.conf import settings
from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.money import format_money
from donors.models import Donation, Fund, Refund
from donors.rules import refuse
from donors.services import donation_create, donation_fail, donor_create
from donors.services.donations import RefundResult
from donors.services.refunds import (
    refund_follow_stripe,
    refund_open,
    refund_refused,
    refund_request_key,
)

logger = logging.getLogger(__name__)

CURRENCY = "cny"
# A filter on the payment methods Stripe offers dynamically (those switched on in the
# Dashboard that suit the amount and currency): the ones the donate page names, whose refunds
# Stripe makes itself (some others, such as konbini or customer_balance, need the donor's
# instructions to refund, which this integration does not collect).
ALLOWED_PAYMENT_METHOD_TYPES = ["card", "alipay", "wechat_pay"]
# Stripe's smallest charge depends on the account's settlement currency (Stripe's "Minimum and
# maximum charge amounts", docs.stripe.com/currencies): HK$4.00 for a Hong Kong account
# settling in HKD, US$0.50 in USD; a charge in yuan must come to at least that once converted
# (about ¥3.70 and ¥3.60). ¥4.00 is above both, with room for the exchange rate.
MIN_ONLINE_FEN = 400
# Stripe's largest charge is eight digits in the currency's smallest unit: ¥999,999.99.
MAX_ONLINE_FEN = 99_999_999
# The client retries connection errors and 5xx answers; the idempotency key makes that safe.
MAX_NETWORK_RETRIES = 2
TIMEOUT_SECONDS = 20


class PaymentUnavailableError(Exception):
    """Online payment (or a refund through it) cannot be used now (not configured, or Stripe
    failed): the message is for the donor or the staff asking, in their language, and says
    what to do instead."""

    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.message = message
        self.code = code


def stripe_enabled() -> bool:
    """Online donations are offered only when the secret, publishable and webhook keys are all
    set: without the webhook secret a payment could never be confirmed."""
    return bool(
        settings.STRIPE_SECRET_KEY
        and settings.STRIPE_PUBLISHABLE_KEY
        and settings.STRIPE_WEBHOOK_SECRET
    )


def stripe_client() -> stripe.StripeClient:
    base_addresses = {"api": settings.STRIPE_API_BASE} if settings.STRIPE_API_BASE else None
    return stripe.StripeClient(
        settings.STRIPE_SECRET_KEY,
        stripe_version=settings.STRIPE_API_VERSION,
        base_addresses=base_addresses,
        max_network_retries=MAX_NETWORK_RETRIES,
        http_client=stripe.RequestsClient(timeout=TIMEOUT_SECONDS),
    )


def online_amount_problem(amount_fen: int) -> tuple[str, str] | None:
    """Why Stripe cannot take this amount in yuan, as (code, message for the donor), or None.
    The one rule behind the donate form, the public API and ``checkout_start``."""
    if amount_fen <= 0:
        return "min_value", _("The amount must be greater than zero.")
    if amount_fen < MIN_ONLINE_FEN:
        return "min_value", _(
            "The smallest online donation is %(minimum)s (Stripe's minimum charge); give "
            "smaller amounts by bank transfer."
        ) % {"minimum": format_money(MIN_ONLINE_FEN)}
    if amount_fen > MAX_ONLINE_FEN:
        return "max_value", _(
            "Online donations are limited to ¥999,999.99; give larger gifts by bank transfer."
        )
    return None


def _offline_hint() -> str:
    return _(
        "Online payment is not available at the moment. Nothing was charged: please try again "
        "later, or give by bank transfer to the receiving organisation (see its bank details)."
    )


def _item_name(donation: Donation) -> str:
    # Public words only: the fund's name, the project's title or the anonymized need's title.
    target = donation.fund or donation.project or donation.need
    title = getattr(target, "name", None) or getattr(target, "title", "")
    return (_("Donation: %(target)s") % {"target": title})[:250]


def _checkout_locale() -> str:
    return "en" if (get_language() or "").startswith("en") else "zh"


@transaction.atomic
def donation_attach_checkout(*, donation: Donation, session_id: str) -> Donation:
    """Keep the Checkout Session id as the pending online donation's external reference, so
    Stripe's webhook finds the donation (and a session books at most one donation)."""
    donation = Donation.objects.select_for_update().get(pk=donation.pk)
    if donation.channel != Donation.Channel.STRIPE or donation.status != Donation.Status.PENDING:
        refuse(None, _("Only a pending online donation can be sent to checkout."), "not_pending")
    session_id = (session_id or "").strip()
    if not session_id:
        refuse(None, _("Stripe did not return a checkout session."), "no_session")
    if donation.external_reference and donation.external_reference != session_id:
        refuse(None, _("This donation already has a checkout session."), "has_session")
    before = donation.external_reference
    donation.external_reference = session_id
    donation.save(update_fields=["external_reference"])
    audit_record(
        actor=None,
        action="donation.checkout",
        obj=donation,
        changes={"external_reference": (before, session_id)},
    )
    return donation


def checkout_session_params(
    *, donation: Donation, email: str, success_url: str, cancel_url: str
) -> dict:
    """What Stripe is sent to open the Checkout Session of a pending online donation."""
    reference = str(donation.public_id)
    params = {
        "mode": "payment",
        "submit_type": "donate",
        "line_items": [
            {
                "quantity": 1,
                "price_data": {
                    "currency": CURRENCY,
                    "unit_amount": donation.amount_fen,
                    "product_data": {"name": _item_name(donation)},
                },
            }
        ],
        "allowed_payment_method_types": ALLOWED_PAYMENT_METHOD_TYPES,
        # WeChat Pay in Checkout shows a QR code for the web (Stripe needs the client named).
        "payment_method_options": {"wechat_pay": {"client": "web"}},
        "client_reference_id": reference,
        "metadata": {"donation": reference},
        # Copied to the PaymentIntent and its charge: failures and refunds find the donation.
        "payment_intent_data": {"metadata": {"donation": reference}},
        "success_url": success_url,
        "cancel_url": cancel_url,
        "locale": _checkout_locale(),
    }
    if email:
        params["customer_email"] = email
    return params


def checkout_start(
    *,
    donor_name: str,
    email: str,
    is_anonymous: bool,
    amount_fen: int,
    fund: Fund | None = None,
    project=None,
    need=None,
    receiving_project=None,
    receiving_fund=None,
    success_url: str,
    cancel_url: str,
    message: str = "",
) -> tuple[Donation, str]:
    """Record a pending online donation and open a Stripe Checkout Session for it.

    Returns the donation and the address the donor pays at. The database work is committed
    before Stripe is called, so no lock is held during the network call (unless the caller
    holds a transaction, as the API's idempotency keys do). If Stripe refuses or
    cannot be reached the donation is marked failed, nothing is booked, and
    ``PaymentUnavailableError`` carries a message for the donor.
    """
    if not stripe_enabled():
        raise PaymentUnavailableError(_offline_hint(), "online_payment_unavailable")
    problem = online_amount_problem(amount_fen) if isinstance(amount_fen, int) else None
    if problem is not None:
        code, text = problem
        refuse("amount_fen", text, code)
    with transaction.atomic():  # no donor is left behind if the donation is refused
        donor = donor_create(name=donor_name, email=email, is_anonymous=is_anonymous)
        donation = donation_create(
            donor=donor,
            amount_fen=amount_fen,
            channel=Donation.Channel.STRIPE,
            fund=fund,
            project=project,
            need=need,
            receiving_project=receiving_project,
            receiving_fund=receiving_fund,
            message=message,
        )
    reference = str(donation.public_id)
    params = checkout_session_params(
        donation=donation, email=donor.email, success_url=success_url, cancel_url=cancel_url
    )
    try:
        session = stripe_client().v1.checkout.sessions.create(
            params=params, options={"idempotency_key": f"donation-checkout-{reference}"}
        )
        session_id, url = session.id, session.url
    except stripe.StripeError as error:
        # The class and Stripe's code only: the message may echo what was sent (the email).
        logger.warning(
            "Stripe checkout failed for donation %s: %s %s",
            donation.pk,
            type(error).__name__,
            getattr(error, "code", "") or "",
        )
        donation_fail(donation=donation, reason=f"stripe checkout: {type(error).__name__}")
        raise PaymentUnavailableError(_offline_hint(), "payment_provider_error") from None
    donation = donation_attach_checkout(donation=donation, session_id=session_id)
    return donation, url


def donation_reference_of_payment_intent(payment_intent_id: str) -> str:
    """The donation a PaymentIntent was for, from the metadata Checkout copied to it (our
    ``payment_intent_data``), or "". Raises ``stripe.StripeError`` when Stripe cannot answer."""
    intent = stripe_client().v1.payment_intents.retrieve(payment_intent_id).to_dict()
    return str((intent.get("metadata") or {}).get("donation") or "")


class FeeUnknownError(Exception):
    """Stripe has not (yet) reported the fee of a payment: the webhook is answered with an
    error so that Stripe delivers it again later."""


def fee_for_payment_intent(payment_intent_id: str) -> int:
    """The processor's fee of a payment, in fen, from the balance transaction of the
    PaymentIntent's latest charge.

    The fee is in the account's settlement currency; when that is not CNY it is converted back
    with the balance transaction's exchange rate (CNY amount × rate = settlement amount),
    rounded half up to the fen. Raises ``FeeUnknownError`` while Stripe has no balance
    transaction, and ``stripe.StripeError`` when Stripe cannot answer.
    """
    intent = (
        stripe_client()
        .v1.payment_intents.retrieve(
            payment_intent_id, params={"expand": ["latest_charge.balance_transaction"]}
        )
        .to_dict()
    )
    charge = intent.get("latest_charge")
    balance = charge.get("balance_transaction") if isinstance(charge, dict) else None
    if not isinstance(balance, dict) or not isinstance(balance.get("fee"), int):
        raise FeeUnknownError(payment_intent_id)
    fee = balance["fee"]
    if (balance.get("currency") or CURRENCY).lower() == CURRENCY:
        return fee
    rate = balance.get("exchange_rate")
    if not rate:
        raise FeeUnknownError(payment_intent_id)
    return int((Decimal(fee) / Decimal(str(rate))).quantize(Decimal(1), rounding=ROUND_HALF_UP))


# ---- refunds ----


def refund_params(refund: Refund) -> dict:
    """What Stripe is sent to refund (part of) an online gift. Our ids only in the metadata:
    the staff's reason may name people and stays with us."""
    donation = refund.donation
    return {
        "payment_intent": donation.payment_intent,
        "amount": refund.amount_fen,
        "reason": "requested_by_customer",
        "metadata": {"donation": str(donation.public_id), "refund_request": refund.request_key},
    }


def _refused_by_stripe(error: stripe.StripeError) -> bool:
    """Stripe answered and said no (a request it will refuse again), rather than being down,
    unreachable, or not letting us in."""
    return isinstance(error, stripe.InvalidRequestError | stripe.IdempotencyError)


def refund_start(
    *, donation: Donation, amount_fen: int, reason: str, by, request: str = ""
) -> tuple[Refund, RefundResult | None]:
    """Refund (part of) an online gift through Stripe's Refund API.

    Three steps, and Stripe is asked between two transactions, never inside one: a call that
    takes Stripe's whole timeout must not hold the donation's row and its fund's account row
    locked (every allocation from that fund would wait for it). So the refund is first
    recorded as pending and committed (``refund_open``: the rules, never more than is left;
    a pending refund's amount is held back from every other refund and from nothing else),
    then Stripe is asked with an idempotency key derived from the request, then its answer is
    applied in a transaction of its own (a card refund usually succeeds there and then and is
    booked; an Alipay or WeChat Pay one stays pending until Stripe's event says it succeeded).
    Returns the refund and, when it was booked, what the booking did.

    If Stripe refuses, the refund is recorded as failed with Stripe's reason and a
    ``ValidationError`` says why: nothing was refunded or booked. If Stripe cannot be reached,
    the refund stays pending (Stripe may have made it) and ``PaymentUnavailableError`` asks
    for the same request again: it gets the same idempotency key, so Stripe refunds at most
    once; a refund Stripe made whose answer we never stored is recorded from its event."""
    if not stripe_enabled():
        raise PaymentUnavailableError(
            _(
                "Online payment is not configured on this server, so Stripe cannot be asked "
                "for the refund; nothing was refunded."
            ),
            "online_payment_unavailable",
        )
    if not request:
        # A random key would let a retry after a lost answer refund a second time.
        refuse(
            None,
            _(
                "A refund through Stripe needs the request's Idempotency-Key, so that a retry "
                "cannot refund twice; nothing was refunded."
            ),
            "idempotency_key_required",
        )
    refund = refund_open(
        donation=donation,
        amount_fen=amount_fen,
        reason=reason,
        by=by,
        request_key=refund_request_key(donation=donation, request=request),
    )
    if refund.stripe_refund_id:  # the same request again: Stripe already has it
        return refund, None
    if refund.status != Refund.Status.PENDING:  # the same request, refused before
        refuse(
            None,
            _("This refund request was refused before (%(reason)s); start a new one.")
            % {"reason": refund.failure_reason or refund.get_status_display()},
            "payment_provider_refused",
        )
    try:
        answer = (
            stripe_client()
            .v1.refunds.create(
                params=refund_params(refund),
                options={"idempotency_key": f"donation-refund-{refund.request_key}"},
            )
            .to_dict()
        )
    except stripe.StripeError as error:
        code = getattr(error, "code", "") or ""
        logger.warning(
            "Stripe refund failed for donation %s: %s %s", donation.pk, type(error).__name__, code
        )
        if _refused_by_stripe(error):
            refund_refused(refund, code or type(error).__name__)
            refuse(
                None,
                _("Stripe refused the refund (%(code)s); nothing was refunded.")
                % {"code": code or type(error).__name__},
                "payment_provider_refused",
            )
        raise PaymentUnavailableError(
            _(
                "Stripe could not be reached, so it is not known whether the refund was made. "
                "Send the same request again (the same Idempotency-Key, or the same form): "
                "Stripe refunds at most once, and a refund it made is booked when it reports it."
            ),
            "payment_provider_error",
        ) from None
    followed = refund_follow_stripe(donation=donation, stripe_refund=answer, refund=refund)
    refund.refresh_from_db()
    if followed.refund is None or refund.stripe_refund_id != answer.get("id"):
        logger.error("Stripe's answer to refund %s does not match it", refund.pk)
    return refund, followed.result
