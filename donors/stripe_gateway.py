"""Online donations through Stripe Checkout (card, Alipay, WeChat Pay; CNY).

A donation starts pending here: the donor and the donation are recorded by the money services,
then a Checkout Session is created through the real ``stripe`` client and its id is kept as the
donation's external reference. Nothing is booked until Stripe's signed webhook says the money
arrived (``donors.stripe_webhooks``); the processor's fee is then its own ledger transaction.

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
from donors.models import Donation, Fund
from donors.rules import refuse
from donors.services import donation_create, donation_fail, donor_create

logger = logging.getLogger(__name__)

CURRENCY = "cny"
PAYMENT_METHOD_TYPES = ["card", "alipay", "wechat_pay"]
# Stripe's largest charge is eight digits in the currency's smallest unit: ¥999,999.99.
MAX_ONLINE_FEN = 99_999_999
# The client retries connection errors and 5xx answers; the idempotency key makes that safe.
MAX_NETWORK_RETRIES = 2
TIMEOUT_SECONDS = 20


class PaymentUnavailableError(Exception):
    """Online payment cannot be used now (not configured, or Stripe failed): the message is
    for the donor, in their language, and says what to do instead."""

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
        base_addresses=base_addresses,
        max_network_retries=MAX_NETWORK_RETRIES,
        http_client=stripe.RequestsClient(timeout=TIMEOUT_SECONDS),
    )


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


def checkout_start(
    *,
    donor_name: str,
    email: str,
    is_anonymous: bool,
    amount_fen: int,
    fund: Fund | None = None,
    project=None,
    need=None,
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
    if isinstance(amount_fen, int) and amount_fen > MAX_ONLINE_FEN:
        refuse(
            "amount_fen",
            _("Online donations are limited to ¥999,999.99; give larger gifts by bank transfer."),
            "max_value",
        )
    with transaction.atomic():  # no donor is left behind if the donation is refused
        donor = donor_create(name=donor_name, email=email, is_anonymous=is_anonymous)
        donation = donation_create(
            donor=donor,
            amount_fen=amount_fen,
            channel=Donation.Channel.STRIPE,
            fund=fund,
            project=project,
            need=need,
            message=message,
        )
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
        "payment_method_types": PAYMENT_METHOD_TYPES,
        "payment_method_options": {"wechat_pay": {"client": "web"}},
        "client_reference_id": reference,
        "metadata": {"donation": reference},
        # Copied to the PaymentIntent and its charge: failures and refunds find the donation.
        "payment_intent_data": {"metadata": {"donation": reference}},
        "success_url": success_url,
        "cancel_url": cancel_url,
        "locale": _checkout_locale(),
    }
    if donor.email:
        params["customer_email"] = donor.email
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
