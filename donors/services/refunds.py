"""Refunds: staff give (part of) a gift back; an online gift's money goes back through Stripe.

An offline gift is refunded at once (``donation_refund``: booked in the ledger in the same
transaction). An online gift is refunded through Stripe's Refund API
(``donors.stripe_gateway.refund_start``): the refund is recorded here as pending and
committed, Stripe is asked for it outside any transaction, and the ledger is booked only when
Stripe says it succeeded, in its answer or in a later event (``refund_follow_stripe``; Alipay
and WeChat Pay refunds settle later); a refusal marks it failed (``refund_refused``). While
pending, its amount cannot be asked for again, so repeated or concurrent requests never refund
more than was given (``refund_open`` checks under the donation's row lock).

A pending refund does not reserve the target's money in the ledger: if the money is
allocated before Stripe confirms, the confirmed refund books the part the target no longer
holds as its refund shortfall, as for any refund Stripe made (``book_refund``).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.money import format_money
from donors.ledger import lock_accounts, post
from donors.models import Donation, Refund, Transaction
from donors.rules import may_act_for_receiver, refuse, require_positive_fen
from donors.services.donations import (
    RefundResult,
    book_refund,
    donation_refund,
    refundable_fen,
    target_account,
)

RStatus = Refund.Status
STRIPE_REFUND_CURRENCY = "cny"


@dataclass
class RefundOutcome:
    """What a refund request did: booked at once (``result``), or asked of Stripe and pending
    until Stripe confirms it (``refund`` without ``result``)."""

    donation: Donation
    amount_fen: int
    refund: Refund | None = None
    result: RefundResult | None = None

    @property
    def status(self) -> str:
        """succeeded (booked), or the refund's status at Stripe."""
        if self.result is not None or self.refund is None:
            return RStatus.SUCCEEDED
        return self.refund.status

    @property
    def summary(self) -> str:
        if self.result is not None:
            return self.result.summary
        if self.status == RStatus.SUCCEEDED:
            return _("%(amount)s was refunded.") % {"amount": format_money(self.amount_fen)}
        if self.status != RStatus.PENDING:
            return _("Stripe did not make the refund of %(amount)s (%(reason)s).") % {
                "amount": format_money(self.amount_fen),
                "reason": self.refund.failure_reason or self.refund.get_status_display(),
            }
        return _(
            "%(amount)s asked of Stripe: the refund is booked when Stripe confirms it (Alipay "
            "and WeChat Pay refunds can take days)."
        ) % {"amount": format_money(self.amount_fen)}


def refund_request_key(*, donation: Donation, request: str) -> str:
    """The refund request's key: a digest of the donation and the request's own key (who sent
    it and their Idempotency-Key or form token). Stripe's idempotency key is derived from it,
    so the same request repeated refunds at most once, also after an error."""
    return hashlib.sha256(f"{donation.public_id}\n{request}".encode()).hexdigest()


def donation_refund_request(
    *, donation: Donation, amount_fen: int, reason: str, by, request: str = ""
) -> RefundOutcome:
    """Staff of the receiving organisation give (part of) a gift back: an offline gift at
    once, an online gift through Stripe. ``request`` identifies the request (see
    ``refund_request_key``); empty, each call is a new refund."""
    if not may_act_for_receiver(by, donation):
        raise PermissionDenied(_("Only staff of the receiving organisation refund its donations."))
    if donation.channel != Donation.Channel.STRIPE:
        result = donation_refund(donation=donation, amount_fen=amount_fen, reason=reason, by=by)
        return RefundOutcome(result.donation, amount_fen, result=result)
    from donors.stripe_gateway import refund_start

    refund, result = refund_start(
        donation=donation, amount_fen=amount_fen, reason=reason, by=by, request=request
    )
    refund.donation.refresh_from_db()
    return RefundOutcome(refund.donation, refund.amount_fen, refund=refund, result=result)


def _same_target(donation: Donation) -> Q:
    if donation.fund_id:
        return Q(donation__fund_id=donation.fund_id)
    if donation.project_id:
        return Q(donation__project_id=donation.project_id)
    return Q(donation__need_id=donation.need_id)


@transaction.atomic
def refund_open(
    *, donation: Donation, amount_fen: int, reason: str, by, request_key: str
) -> Refund:
    """Record a refund of an online gift as pending, before Stripe is asked for it.

    The rules of a staff refund: the receiver's staff, a reason, a gift that succeeded, at most
    what is left of it (less refunds pending at Stripe), and only money the target has not
    allocated (less what its pending refunds will take). The same request again finds its
    refund, unchanged."""
    if not may_act_for_receiver(by, donation):
        raise PermissionDenied(_("Only staff of the receiving organisation refund its donations."))
    require_positive_fen("amount_fen", amount_fen)
    if not (reason or "").strip():
        refuse("reason", _("This field is required."), "required")
    donation = Donation.objects.select_for_update().get(pk=donation.pk)
    if donation.channel != Donation.Channel.STRIPE:
        raise ValueError("Only online donations are refunded through Stripe")
    existing = Refund.objects.filter(request_key=request_key).first() if request_key else None
    if existing is not None:
        return existing
    if donation.status not in (Donation.Status.SUCCEEDED, Donation.Status.REFUNDED):
        refuse(None, _("Only a donation that succeeded can be refunded."), "not_succeeded")
    if not donation.payment_intent:
        refuse(
            None,
            _("Stripe has not said which payment this was; refund it in Stripe's Dashboard."),
            "no_payment_intent",
        )
    left = refundable_fen(donation)
    if amount_fen > left:
        refuse(
            "amount_fen",
            _("A refund cannot exceed what is left of the donation (%(left)s).")
            % {"left": format_money(max(left, 0))},
            "exceeds_donation",
        )
    pending_here = Refund.objects.filter(_same_target(donation), status=RStatus.PENDING)
    reserved = pending_here.aggregate(total=Sum("amount_fen"))["total"] or 0
    # Under the account's row lock: two refunds of different gifts to the same fund must not
    # both read the same unallocated money (the donation's own lock does not cover that).
    target = target_account(donation)
    available = lock_accounts([target])[target.pk].balance_fen - reserved
    if amount_fen > available:
        refuse(
            "amount_fen",
            _(
                "Only %(available)s of the money is unallocated; release allocations before "
                "refunding more."
            )
            % {"available": format_money(max(available, 0))},
            "allocated",
        )
    refund = Refund.objects.create(
        donation=donation,
        amount_fen=amount_fen,
        reason=reason.strip()[:200],
        request_key=request_key,
        requested_by=by,
    )
    audit_record(
        actor=by,
        action="donation.refund_request",
        obj=donation,
        changes={"refund": (None, refund.pk), "amount_fen": (None, amount_fen)},
    )
    return refund


@transaction.atomic
def refund_refused(refund: Refund, reason: str) -> Refund:
    """Stripe said no to a pending refund (a request it will refuse again): it is recorded as
    failed with Stripe's reason, and its amount is no longer held back. Nothing was booked."""
    refund = Refund.objects.select_for_update().get(pk=refund.pk)
    if refund.status != RStatus.PENDING:
        return refund
    _settle(refund, RStatus.FAILED, reason)
    audit_record(
        actor=refund.requested_by,
        action="donation.refund_refused",
        obj=refund.donation,
        changes={"refund": (None, refund.pk), "status": (RStatus.PENDING, RStatus.FAILED)},
    )
    return refund


@dataclass
class Followed:
    """What Stripe's word on one of its refunds did (``outcome`` is stored on the event)."""

    outcome: str
    refund: Refund | None = None
    result: RefundResult | None = None


def _stripe_refund_facts(stripe_refund: dict) -> tuple[str, int, str] | None:
    """(id, amount in fen, status) of a Stripe refund object, or None if it is not one in
    CNY."""
    refund_id, amount = stripe_refund.get("id"), stripe_refund.get("amount")
    currency = (stripe_refund.get("currency") or "").lower()
    if (
        stripe_refund.get("object") != "refund"
        or not isinstance(refund_id, str)
        or not refund_id
        or not isinstance(amount, int)
        or isinstance(amount, bool)
        or amount <= 0
        or currency != STRIPE_REFUND_CURRENCY
    ):
        return None
    return refund_id, amount, str(stripe_refund.get("status") or "")


def _find(donation: Donation, stripe_id: str, stripe_refund: dict) -> Refund | None:
    found = Refund.objects.filter(stripe_refund_id=stripe_id).first()
    if found is not None:
        return found
    request_key = ((stripe_refund.get("metadata") or {}).get("refund_request") or "")[:64]
    if request_key:
        return Refund.objects.filter(donation=donation, request_key=request_key).first()
    return None


def _settle(refund: Refund, status: str, failure_reason: str = "") -> None:
    refund.status = status
    refund.failure_reason = failure_reason[:200]
    refund.settled_at = timezone.now()
    refund.save(update_fields=["status", "failure_reason", "settled_at", "stripe_refund_id"])


def _reverse(donation: Donation, refund: Refund) -> Transaction:
    """A booked refund that Stripe later reports failed: the money came back to the account,
    so the refund's entries are reversed by a refund transaction that names it."""
    lines = [(entry.account, -entry.amount_fen) for entry in refund.transaction.entries.all()]
    txn = post(
        kind=Transaction.Kind.REFUND,
        lines=lines,
        memo=f"refund {refund} of donation {donation.pk} failed at Stripe: reversed",
        donation=donation,
        corrects=refund.transaction,
    )
    donation.refunded_fen -= refund.amount_fen
    donation.status = Donation.Status.SUCCEEDED
    donation.save(update_fields=["refunded_fen", "status"])
    return txn


@transaction.atomic
def refund_follow_stripe(
    *, donation: Donation, stripe_refund: dict, refund: Refund | None = None
) -> Followed:
    """Apply what Stripe says of one of its refunds of ``donation``: its answer to our
    request, or a ``refund.*`` / ``charge.refund.updated`` event, any number of times and in
    any order. Stripe is the truth:

    - succeeded: the refund is booked, once (a refund made in Stripe's Dashboard is recorded
      the first time Stripe reports it);
    - failed or canceled: a pending refund is given up, nothing is booked; a refund already
      booked is reversed (Stripe may report a refund failed after it succeeded);
    - pending or requires_action: nothing changes yet.
    Failed and canceled are final: a "succeeded" or "pending" report arriving after them is
    an older one."""
    donation = Donation.objects.select_for_update().get(pk=donation.pk)
    facts = _stripe_refund_facts(stripe_refund)
    if facts is None:
        return Followed("not a refund in yuan")
    stripe_id, amount_fen, status = facts
    refund = refund or _find(donation, stripe_id, stripe_refund)
    if refund is None:
        if status in ("failed", "canceled"):
            return Followed("unknown refund not made")
        if amount_fen > refundable_fen(donation):
            return Followed("refund beyond the donation")
        # Made in Stripe's Dashboard, or asked by a request whose transaction did not commit
        # after Stripe answered: that request, repeated, finds it by its key.
        request_key = (stripe_refund.get("metadata") or {}).get("refund_request") or ""
        refund = Refund.objects.create(
            donation=donation,
            amount_fen=amount_fen,
            stripe_refund_id=stripe_id,
            request_key=request_key if re.fullmatch(r"[0-9a-f]{64}", request_key) else "",
        )
        audit_record(
            actor=None,
            action="donation.refund_at_stripe",
            obj=donation,
            changes={"refund": (None, refund.pk), "amount_fen": (None, amount_fen)},
        )
    else:
        refund = Refund.objects.select_for_update().get(pk=refund.pk)
    if refund.donation_id != donation.pk or refund.amount_fen != amount_fen:
        return Followed("refund differs from the request", refund)
    if refund.stripe_refund_id and refund.stripe_refund_id != stripe_id:
        return Followed("refund differs from the request", refund)
    if not refund.stripe_refund_id:
        refund.stripe_refund_id = stripe_id
        refund.save(update_fields=["stripe_refund_id"])
    if status == "succeeded":
        if refund.status != RStatus.PENDING:
            return Followed(
                "refund already booked"
                if refund.status == RStatus.SUCCEEDED
                else "refund already settled",
                refund,
            )
        result = book_refund(
            donation=donation,
            amount_fen=refund.amount_fen,
            reason=refund.reason or "Stripe refund",
            allow_shortfall=True,
        )
        refund.transaction = result.transaction
        refund.save(update_fields=["transaction"])
        _settle(refund, RStatus.SUCCEEDED)
        audit_record(
            actor=None,
            action="donation.refund_succeeded",
            obj=donation,
            changes={"refund": refund.pk, "status": ("pending", "succeeded")},
        )
        return Followed(
            "refunded with shortfall" if result.shortfall_fen else "refunded", refund, result
        )
    if status in ("failed", "canceled"):
        final = RStatus.FAILED if status == "failed" else RStatus.CANCELED
        reason = str(stripe_refund.get("failure_reason") or status)
        if refund.status == RStatus.PENDING:
            _settle(refund, final, reason)
            outcome = f"refund {status}"
        elif refund.status == RStatus.SUCCEEDED:
            refund.reversal = _reverse(donation, refund)
            refund.save(update_fields=["reversal"])
            _settle(refund, final, reason)
            outcome = "refund reversed"
        else:
            return Followed("refund already settled", refund)
        audit_record(
            actor=None,
            action="donation.refund_" + status,
            obj=donation,
            changes={"refund": refund.pk, "status": (None, final), "reason": reason[:200]},
        )
        return Followed(outcome, refund)
    if refund.status != RStatus.PENDING:  # an older report than the one already applied
        return Followed("refund already settled", refund)
    return Followed("refund pending", refund)
