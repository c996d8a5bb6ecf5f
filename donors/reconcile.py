"""Reconciliation: does the ledger still tell the truth? (DESIGN.md 7.2; Open Collective's
automated check that every group balances.)

``reconcile()`` checks, with aggregate queries (a handful of queries whatever the size of the
ledger, then one pass over accounts, donations and allocations in Python):

- every transaction has at least two entries and its entries sum to zero;
- no account that holds money (fund, project, need, allocation) has a negative balance
  derived from its entries;
- every account's cached ``balance_fen`` equals the sum of its entries;
- every succeeded or refunded donation has exactly one ``donation`` transaction for its
  amount, a ``fee`` transaction for its fee exactly when it has one, and refund transactions
  adding up to ``refunded_fen``; a donation that never succeeded has no money booked;
- every Stripe payment event that was processed (not merely "awaiting payment") has its
  donation succeeded;
- every refund through Stripe is booked exactly when Stripe said it succeeded: a succeeded
  refund has its refund transaction, a pending one none, a failed or cancelled one none or
  one reversed;
- every allocation's amount equals its ``allocation`` transaction, and what it released
  equals its ``release`` transactions;
- every case's stored remaining gap, and its public need's copy, equals the gap derived from
  its assessment, relief and allocations (needs.gap): one figure on every screen;
- every attached proof of payment is in its private storage with the SHA-256 it was checked
  with.

A refund-shortfall account is negative by design (a refund Stripe made beyond the money still
held, owed by the holder): it is listed for attention, not as a failure. So is a paid Checkout
Session this platform never created (another integration on the same Stripe account): no
donation of ours is affected. A second paid event for a donation booked once is fine.

An auditor (or the platform administrator) can acknowledge a failure with a reason
(``acknowledge``, audited): it is still listed, with who acknowledged it and why, but no
longer fails the check, so the report stays worth reading.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field, replace

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.jurisdiction import Role, has_role
from core.money import format_money
from donors.models import (
    Account,
    Allocation,
    Appropriation,
    Donation,
    Entry,
    ReconcileAcknowledgement,
    Refund,
    StripeEvent,
    Transaction,
)

AKind = Account.Kind
TKind = Transaction.Kind
# A refund asked of Stripe whose answer never came: Stripe's event would have come by now.
UNANSWERED_REFUND_AFTER = dt.timedelta(hours=1)
PAID_EVENT_TYPES = ("checkout.session.completed", "checkout.session.async_payment_succeeded")
SETTLED = (Donation.Status.SUCCEEDED, Donation.Status.REFUNDED)


@dataclass(frozen=True)
class Problem:
    """One thing reconciliation found: ``code`` names the rule, ``obj`` what breaks it."""

    code: str
    message: str
    obj: object = None
    attention_only: bool = False
    acknowledgement: ReconcileAcknowledgement | None = None

    @property
    def is_failure(self) -> bool:
        return not self.attention_only and self.acknowledgement is None

    @property
    def key(self) -> str:
        """What the finding is about, stable from one run to the next: ``app.model:pk``."""
        if self.obj is None or getattr(self.obj, "pk", None) is None:
            return ""
        return f"{self.obj._meta.label_lower}:{self.obj.pk}"


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    transactions_checked: int = 0
    accounts_checked: int = 0
    donations_checked: int = 0
    allocations_checked: int = 0
    stripe_events_checked: int = 0
    cases_checked: int = 0
    proofs_checked: int = 0

    @property
    def failures(self) -> list[Problem]:
        return [p for p in self.problems if p.is_failure]

    @property
    def is_clean(self) -> bool:
        return not self.failures


def reconcile() -> list[Problem]:
    """Everything that is broken (and the attention notes), in a stable order."""
    return reconcile_report().problems


def reconcile_report() -> Report:
    report = Report()
    _check_transactions(report)
    _check_accounts(report)
    _check_donations(report)
    _check_stripe_events(report)
    _check_refunds(report)
    _check_allocations(report)
    _check_government_relief(report)
    _check_gaps(report)
    _check_proofs(report)
    _apply_acknowledgements(report)
    return report


def _apply_acknowledgements(report: Report) -> None:
    acknowledged = {
        (ack.code, ack.key): ack
        for ack in ReconcileAcknowledgement.objects.select_related("acknowledged_by")
    }
    report.problems = [
        replace(problem, acknowledgement=acknowledged[(problem.code, problem.key)])
        if (problem.code, problem.key) in acknowledged and not problem.attention_only
        else problem
        for problem in report.problems
    ]


def may_acknowledge(user) -> bool:
    return has_role(user, Role.AUDITOR, Role.PLATFORM_ADMIN)


def acknowledge(*, by, code: str, key: str, reason: str) -> ReconcileAcknowledgement:
    """An auditor's word that a finding needs no correction, and why. Only a finding the check
    reports now, and only once (the same request again returns the first acknowledgement)."""
    from donors.rules import refuse

    if not may_acknowledge(by):
        raise PermissionDenied(_("Only an auditor or the platform administrator may do this."))
    reason = (reason or "").strip()
    if len(reason) < 10:
        refuse(
            "reason",
            _("Say in a sentence why this needs no correction (at least 10 characters)."),
            "reason_too_short",
        )
    existing = ReconcileAcknowledgement.objects.filter(code=code, key=key).first()
    if existing is not None:
        return existing
    if not any(p.code == code and p.key == key and p.is_failure for p in reconcile()):
        refuse(None, _("Reconciliation does not report this finding now."), "no_such_finding")
    try:
        with transaction.atomic():
            ack = ReconcileAcknowledgement.objects.create(
                code=code, key=key, reason=reason, acknowledged_by=by
            )
            audit_record(
                actor=by,
                action="reconcile.acknowledge",
                obj=ack,
                changes={"code": code, "key": key, "reason": reason[:200]},
            )
    except IntegrityError:  # the same finding acknowledged by a concurrent request
        return ReconcileAcknowledgement.objects.get(code=code, key=key)
    return ack


def _check_government_relief(report: Report) -> None:
    """Every effective cash relief grant is paid from a budget exactly once and for its
    amount; nothing else is; every appropriation is booked once for its amount."""
    from needs.models import ReliefGrant

    booked = _booked(TKind.RELIEF, "relief_grant", AKind.RELIEF_PAID)
    effective = ReliefGrant.objects.filter(
        status__in=[ReliefGrant.Status.GRANTED, ReliefGrant.Status.APPROVED], amount_fen__gt=0
    ).values_list("pk", "amount_fen")
    expected = dict(effective)
    for pk in sorted(set(booked) | set(expected)):
        count, amount = booked.get(pk, (0, 0))
        if count != (1 if pk in expected else 0) or amount != expected.get(pk, 0):
            report.problems.append(
                Problem(
                    "relief_booking",
                    _(
                        "Relief grant #%(id)s: %(count)s booking(s) of %(booked)s for an "
                        "effective cash amount of %(amount)s."
                    )
                    % {
                        "id": pk,
                        "count": count,
                        "booked": format_money(amount),
                        "amount": format_money(expected.get(pk, 0)),
                    },
                    ReliefGrant(pk=pk),
                )
            )
    booked = _booked(TKind.APPROPRIATION, "appropriation", AKind.RELIEF_BUDGET)
    corrections = _booked(TKind.CORRECTION, "appropriation", AKind.RELIEF_BUDGET)
    for pk, amount in Appropriation.objects.order_by("pk").values_list("pk", "amount_fen"):
        count, total = booked.get(pk) or corrections.get(pk) or (0, 0)
        if count != 1 or total != amount:
            report.problems.append(
                Problem(
                    "appropriation_booking",
                    _("Appropriation #%(id)s of %(amount)s has %(count)s booking(s) of %(booked)s.")
                    % {
                        "id": pk,
                        "amount": format_money(amount),
                        "count": count,
                        "booked": format_money(total),
                    },
                    Appropriation(pk=pk),
                )
            )


def _check_gaps(report: Report) -> None:
    from needs.gap import gap_mismatches
    from needs.models import Case

    report.cases_checked = Case.objects.count()
    for mismatch in gap_mismatches():
        report.problems.append(
            Problem(
                "gap_mismatch",
                _(
                    "Case %(number)s shows a remaining gap of %(stored)s (its public need "
                    "%(need)s) but its assessment, relief and allocations give %(derived)s."
                )
                % {
                    "number": mismatch.number or f"#{mismatch.case_id}",
                    "stored": _money_or_dash(mismatch.stored_fen),
                    "need": _money_or_dash(mismatch.need_fen),
                    "derived": _money_or_dash(mismatch.derived_fen),
                },
                Case(pk=mismatch.case_id, number=mismatch.number),
            )
        )


def _check_proofs(report: Report) -> None:
    """Every attached proof of payment is still in its private storage, byte for byte what was
    checked when it was attached (its SHA-256): a payment's evidence that went missing or was
    altered is a failure an auditor must see."""
    from donors.models import Disbursement
    from donors.proofs import file_sha256

    attached = Disbursement.objects.exclude(proof_file="").only("pk", "proof_file", "proof_sha256")
    for disbursement in attached.order_by("pk").iterator():
        report.proofs_checked += 1
        storage, name = disbursement.proof_file.storage, disbursement.proof_file.name
        if not storage.exists(name):
            report.problems.append(
                Problem(
                    "proof_missing",
                    _("The proof of payment of payment D%(id)s is missing from its storage.")
                    % {"id": disbursement.pk},
                    disbursement,
                )
            )
        elif file_sha256(storage, name) != disbursement.proof_sha256:
            report.problems.append(
                Problem(
                    "proof_altered",
                    _(
                        "The proof of payment of payment D%(id)s is not the file that was "
                        "attached: its SHA-256 differs."
                    )
                    % {"id": disbursement.pk},
                    disbursement,
                )
            )


def _money_or_dash(fen: int | None) -> str:
    return "—" if fen is None else format_money(fen)


def _check_refunds(report: Report) -> None:
    booked_wrongly = (
        Refund.objects.filter(
            Q(status=Refund.Status.SUCCEEDED, transaction__isnull=True)
            | Q(status=Refund.Status.SUCCEEDED, reversal__isnull=False)
            | Q(status=Refund.Status.PENDING, transaction__isnull=False)
            | Q(
                status__in=(Refund.Status.FAILED, Refund.Status.CANCELED),
                transaction__isnull=False,
                reversal__isnull=True,
            )
        )
        .order_by("pk")
        .values_list("pk", "donation_id", "status")
    )
    for pk, donation_id, status in booked_wrongly:
        report.problems.append(
            Problem(
                "refund_booking_mismatch",
                _(
                    "Refund R%(id)s of donation #%(donation)s is %(status)s at Stripe, but its "
                    "booking in the ledger does not say so."
                )
                % {"id": pk, "donation": donation_id, "status": status},
                Refund(pk=pk),
            )
        )
    # Asked of Stripe, no answer ever stored (Stripe was unreachable) and no event since: its
    # amount is still held back. Someone sends the same request again, or looks in Stripe.
    unanswered = Refund.objects.filter(
        status=Refund.Status.PENDING,
        stripe_refund_id="",
        created_at__lt=timezone.now() - UNANSWERED_REFUND_AFTER,
    ).order_by("pk")
    for refund in unanswered.values_list("pk", "donation_id", named=True):
        report.problems.append(
            Problem(
                "refund_unanswered",
                _(
                    "Refund R%(id)s of donation #%(donation)s was asked of Stripe but no answer "
                    "was stored; its amount is held back. Send the same refund request again, "
                    "or check the refund in Stripe's Dashboard."
                )
                % {"id": refund.pk, "donation": refund.donation_id},
                Refund(pk=refund.pk),
                attention_only=True,
            )
        )


def _check_transactions(report: Report) -> None:
    report.transactions_checked = Transaction.objects.count()
    broken = (
        Entry.objects.values("transaction_id")
        .annotate(total=Sum("amount_fen"), lines=Count("id"))
        .filter(Q(lines__lt=2) | ~Q(total=0))
        .order_by("transaction_id")
    )
    for row in broken:
        report.problems.append(
            Problem(
                "unbalanced_transaction",
                _("Transaction #%(id)s has %(lines)s entries summing to %(total)s, not zero.")
                % {
                    "id": row["transaction_id"],
                    "lines": row["lines"],
                    "total": format_money(row["total"] or 0),
                },
                Transaction(pk=row["transaction_id"]),
            )
        )
    for pk in (
        Transaction.objects.filter(entries__isnull=True).order_by("pk").values_list("pk", flat=True)
    ):
        report.problems.append(
            Problem(
                "empty_transaction",
                _("Transaction #%(id)s has no entries.") % {"id": pk},
                Transaction(pk=pk),
            )
        )


def _check_accounts(report: Report) -> None:
    derived = dict(
        Entry.objects.values_list("account_id").annotate(total=Sum("amount_fen")).order_by()
    )
    accounts = Account.objects.order_by("pk").values_list("pk", "key", "kind", "balance_fen")
    for pk, key, kind, cached in accounts.iterator(chunk_size=5000):
        report.accounts_checked += 1
        balance = derived.get(pk, 0)

        def account(pk=pk, key=key, kind=kind, cached=cached) -> Account:
            return Account(pk=pk, key=key, kind=kind, balance_fen=cached)

        if kind in Account.HOLDING_KINDS and balance < 0:
            report.problems.append(
                Problem(
                    "negative_balance",
                    _("Account %(key)s holds %(balance)s: below zero.")
                    % {"key": key, "balance": format_money(balance)},
                    account(),
                )
            )
        if cached != balance:
            report.problems.append(
                Problem(
                    "cached_balance_mismatch",
                    _("Account %(key)s caches %(cached)s but its entries sum to %(balance)s.")
                    % {
                        "key": key,
                        "cached": format_money(cached),
                        "balance": format_money(balance),
                    },
                    account(),
                )
            )
        if kind == AKind.REFUND_SHORTFALL and balance:
            report.problems.append(
                Problem(
                    "refund_shortfall",
                    _(
                        "Account %(key)s: %(owed)s was refunded beyond the money held; the "
                        "holder owes it."
                    )
                    % {"key": key, "owed": format_money(-balance)},
                    account(),
                    attention_only=True,
                )
            )


def _booked(kind: str, link: str, account_kind: str | None = None) -> dict[int, tuple[int, int]]:
    """{linked object id: (number of transactions of ``kind``, amount)} where the amount is
    the sum of the entries on ``account_kind`` accounts, or of the positive entries. Two
    grouped queries: counting over a join of entries would need a slow COUNT(DISTINCT)."""
    counts = (
        Transaction.objects.filter(kind=kind, **{f"{link}__isnull": False})
        .values_list(link)
        .annotate(count=Count("id"))
        .order_by()
    )
    entries = Entry.objects.filter(
        Q(account__kind=account_kind) if account_kind else Q(amount_fen__gt=0),
        transaction__kind=kind,
        **{f"transaction__{link}__isnull": False},
    )
    amounts = dict(
        entries.values_list(f"transaction__{link}").annotate(total=Sum("amount_fen")).order_by()
    )
    return {pk: (count, amounts.get(pk, 0)) for pk, count in counts}


def _check_donations(report: Report) -> None:
    booked = _booked(TKind.DONATION, "donation")
    fees = _booked(TKind.FEE, "donation", AKind.FEES)
    refunds = _booked(TKind.REFUND, "donation", AKind.REFUNDS)
    donations = Donation.objects.order_by("pk").values_list(
        "pk", "status", "amount_fen", "fee_fen", "refunded_fen"
    )
    for pk, status, amount, fee, refunded in donations.iterator(chunk_size=5000):
        report.donations_checked += 1
        count, booked_amount = booked.get(pk, (0, 0))
        if status not in SETTLED:
            if count or pk in fees or pk in refunds:
                report.problems.append(
                    Problem(
                        "unsettled_donation_booked",
                        _("Donation #%(id)s is %(status)s but has money booked.")
                        % {"id": pk, "status": status},
                        Donation(pk=pk),
                    )
                )
            continue
        if count != 1 or booked_amount != amount:
            report.problems.append(
                Problem(
                    "donation_not_booked_once",
                    _(
                        "Donation #%(id)s of %(amount)s has %(count)s donation transactions "
                        "booking %(booked)s."
                    )
                    % {
                        "id": pk,
                        "amount": format_money(amount),
                        "count": count,
                        "booked": format_money(booked_amount),
                    },
                    Donation(pk=pk),
                )
            )
        fee_count, fee_amount = fees.get(pk, (0, 0))
        if (fee_count != 1 or fee_amount != fee) if fee else fee_count:
            report.problems.append(
                Problem(
                    "fee_mismatch",
                    _(
                        "Donation #%(id)s has a fee of %(fee)s but %(count)s fee transactions "
                        "booking %(booked)s."
                    )
                    % {
                        "id": pk,
                        "fee": format_money(fee),
                        "count": fee_count,
                        "booked": format_money(fee_amount),
                    },
                    Donation(pk=pk),
                )
            )
        _count, refunded_amount = refunds.get(pk, (0, 0))
        if refunded_amount != refunded:
            report.problems.append(
                Problem(
                    "refund_mismatch",
                    _(
                        "Donation #%(id)s says %(refunded)s was refunded; the ledger says "
                        "%(booked)s."
                    )
                    % {
                        "id": pk,
                        "refunded": format_money(refunded),
                        "booked": format_money(refunded_amount),
                    },
                    Donation(pk=pk),
                )
            )


def _check_stripe_events(report: Report) -> None:
    events = (
        StripeEvent.objects.filter(type__in=PAID_EVENT_TYPES)
        .exclude(outcome="awaiting payment")
        .order_by("pk")
        .values_list("pk", "event_id", "type", "outcome", "donation__status")
    )
    for pk, event_id, event_type, outcome, status in events.iterator(chunk_size=5000):
        report.stripe_events_checked += 1
        event = StripeEvent(pk=pk, event_id=event_id, type=event_type, outcome=outcome)
        facts = {"event": event_id, "type": event_type, "outcome": outcome or "—"}
        if outcome == "unknown donation":
            # A Checkout Session this platform did not create: nothing of ours is unbooked.
            report.problems.append(
                Problem(
                    "stripe_payment_not_ours",
                    _(
                        "Stripe event %(event)s (%(type)s) reports a payment for a Checkout "
                        "Session this platform did not create."
                    )
                    % facts,
                    event,
                    attention_only=True,
                )
            )
        elif status not in SETTLED:
            report.problems.append(
                Problem(
                    "stripe_payment_not_booked",
                    _(
                        "Stripe event %(event)s (%(type)s, outcome “%(outcome)s”) reports a "
                        "payment, but its donation did not succeed."
                    )
                    % facts,
                    event,
                )
            )


def _check_allocations(report: Report) -> None:
    committed = _booked(TKind.ALLOCATION, "allocation", AKind.ALLOCATION)
    released_rows = (
        Entry.objects.filter(
            transaction__kind=TKind.RELEASE,
            account__kind=AKind.ALLOCATION,
            transaction__allocation__isnull=False,
        )
        .values_list("transaction__allocation")
        .annotate(total=Sum("amount_fen"))
        .order_by()
    )
    released: dict[int, int] = defaultdict(int, {pk: -total for pk, total in released_rows})
    allocations = Allocation.objects.order_by("pk").values_list("pk", "amount_fen", "released_fen")
    for pk, amount, released_fen in allocations.iterator(chunk_size=5000):
        report.allocations_checked += 1
        count, booked_amount = committed.get(pk, (0, 0))
        if count != 1 or booked_amount != amount:
            report.problems.append(
                Problem(
                    "allocation_mismatch",
                    _(
                        "Allocation A%(id)s of %(amount)s has %(count)s allocation transactions "
                        "booking %(booked)s."
                    )
                    % {
                        "id": pk,
                        "amount": format_money(amount),
                        "count": count,
                        "booked": format_money(booked_amount),
                    },
                    Allocation(pk=pk),
                )
            )
        if released[pk] != released_fen:
            report.problems.append(
                Problem(
                    "release_mismatch",
                    _(
                        "Allocation A%(id)s says %(released)s was released; the ledger says "
                        "%(booked)s."
                    )
                    % {
                        "id": pk,
                        "released": format_money(released_fen),
                        "booked": format_money(released[pk]),
                    },
                    Allocation(pk=pk),
                )
            )
