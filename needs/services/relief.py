"""Temporary relief (临时救助), advance relief (先行救助) and case-by-case approval (一事一议).

Seed 003: small amounts may be given at once in an emergency, paperwork afterwards; amounts
above the office's ceiling are decided case by case by a supervisor.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.money import format_money
from donors.services.relief_budgets import relief_book
from needs import notify_events
from needs.gap import gap_refresh
from needs.models import Case, ReliefGrant, ReliefPolicy
from needs.services.deadlines import Step, deadline_add, deadline_meet
from needs.services.economic_checks import relief_check_required
from needs.services.relatives import (
    filed_relatives_in,
    relative_benefits_record,
    relative_benefits_review,
    require_not_own_relative,
)
from needs.services.rules import (
    lock,
    refuse,
    require_case_handler,
    require_open,
    require_positive_fen,
    require_supervisor,
)

Kind, GrantStatus = ReliefGrant.Kind, ReliefGrant.Status


def relief_ceilings(office) -> tuple[int, int]:
    """(normal ceiling, advance ceiling) in fen for ``office``."""
    policy = ReliefPolicy.objects.filter(office=office).first()
    if policy is not None:
        return policy.ceiling_fen, policy.advance_ceiling_fen
    return settings.RELIEF_CEILING_FEN, settings.ADVANCE_RELIEF_CEILING_FEN


def _apply(case: Case) -> None:
    """Relief in effect moves the case on and narrows its remaining gap (needs.gap)."""
    if case.status in (Case.Status.ACCEPTED, Case.Status.ASSESSED):
        case.status = Case.Status.RELIEVED
        case.save(update_fields=["status"])
    gap_refresh(case)


def _check_goods(
    amount_fen, in_kind: str, goods_quantity, goods_unit: str, goods_value_fen
) -> tuple[str, int | None, str, int]:
    """Cash, goods (实物救助), or both. Goods are named, counted and valued: their value counts
    as relief in the case's gap and stays outside the money ledger (goods are not money in a
    budget: booking their value would take it from a budget that never held it)."""
    in_kind, goods_unit = (in_kind or "").strip(), (goods_unit or "").strip()
    if not isinstance(amount_fen, int) or isinstance(amount_fen, bool):
        refuse("amount_fen", _("An amount is an integer number of fen."), "invalid")
    if amount_fen < 0:
        refuse("amount_fen", _("The amount cannot be negative."), "min_value")
    if not in_kind:
        if goods_quantity or goods_value_fen or goods_unit:
            refuse("in_kind", _("Name the goods given."), "required")
        require_positive_fen("amount_fen", amount_fen)
        return "", None, "", 0
    if (
        not isinstance(goods_quantity, int)
        or isinstance(goods_quantity, bool)
        or goods_quantity <= 0
    ):
        refuse("goods_quantity", _("Give how many of the goods were given."), "required")
    if not isinstance(goods_value_fen, int) or isinstance(goods_value_fen, bool):
        refuse("goods_value_fen", _("An amount is an integer number of fen."), "invalid")
    if goods_value_fen <= 0:
        refuse(
            "goods_value_fen",
            _("Give the goods' value for the accounts (greater than zero)."),
            "min_value",
        )
    return in_kind[:200], goods_quantity, goods_unit[:20], goods_value_fen


def _check_payment(paid_via: str, payment_reference: str) -> tuple[str, str]:
    """How the household was paid and the proof: both or neither (recorded later)."""
    paid_via, payment_reference = (paid_via or "").strip(), (payment_reference or "").strip()
    if paid_via and paid_via not in ReliefGrant.PaidVia.values:
        refuse("paid_via", _("Choose how the relief was paid."), "invalid_choice")
    if paid_via and not payment_reference:
        refuse(
            "payment_reference",
            _(
                "Give the proof of payment: the bank or card transaction number, or the receipt "
                "number."
            ),
            "required",
        )
    if payment_reference and not paid_via:
        refuse("paid_via", _("Choose how the relief was paid."), "required")
    return paid_via, payment_reference[:100]


@transaction.atomic
def relief_grant(
    *,
    by,
    case: Case,
    kind: str,
    amount_fen: int,
    reason: str = "",
    in_kind: str = "",
    paid_via: str = "",
    payment_reference: str = "",
    goods_quantity: int | None = None,
    goods_unit: str = "",
    goods_value_fen: int = 0,
) -> ReliefGrant:
    """Give relief: cash (``amount_fen``), goods (``in_kind`` named, counted and valued), or
    both; the ceilings apply to what the grant is worth, cash and goods together.

    Advance relief needs an emergency case and stays under the advance ceiling; it opens a
    paperwork deadline. Temporary relief needs an assessment; above the ceiling it waits for
    a supervisor's decision and does not count until approved. Relief in effect comes off the
    case's remaining gap, before or after the assessment alike (needs.gap).

    Temporary relief above the office's threshold needs a current economic-status check of
    the household (核对, needs.services.economic_checks). Relief for a household where a filed
    relative of an official lives (近亲属备案) is written to the register and waits for a
    supervisor's review like relief above the ceiling (needs.services.relatives).

    Cash relief that takes effect is paid from the office's budget for the scheme and year
    (``relief_book``): refused when the budget cannot pay it. How it was paid and the proof
    may be given now or recorded afterwards (``relief_payment_record``)."""
    case = lock(case)
    require_case_handler(by, case)
    require_open(case)
    if case.owner_id is None:
        refuse(None, _("Accept the case first."), "not_accepted")
    in_kind, goods_quantity, goods_unit, goods_value_fen = _check_goods(
        amount_fen, in_kind, goods_quantity, goods_unit, goods_value_fen
    )
    paid_via, payment_reference = _check_payment(paid_via, payment_reference)
    if paid_via and amount_fen == 0:
        refuse("paid_via", _("Goods alone are not paid: leave the payment empty."), "no_cash")
    ceiling, advance_ceiling = relief_ceilings(case.responsible_office)
    value_fen = amount_fen + goods_value_fen
    if kind == Kind.ADVANCE:
        if not case.is_emergency:
            refuse("kind", _("Advance relief is for emergencies only."), "not_emergency")
        if value_fen > advance_ceiling:
            refuse(
                "amount_fen",
                _("Advance relief is at most %(ceiling)s.")
                % {"ceiling": format_money(advance_ceiling)},
                "above_advance_ceiling",
            )
        status = GrantStatus.GRANTED
    elif kind == Kind.TEMPORARY:
        if case.assessed_need_fen is None:
            refuse(
                "kind",
                _("Assess the case before temporary relief (or give advance relief)."),
                "not_assessed",
            )
        # The check and the ceiling weigh cash and goods together (their accounting value).
        relief_check_required(case=case, amount_fen=value_fen)
        if value_fen > ceiling:
            if not (reason or "").strip():
                refuse(
                    "reason",
                    _(
                        "Above the ceiling of %(ceiling)s, give the reason for "
                        "case-by-case approval."
                    )
                    % {"ceiling": format_money(ceiling)},
                    "required_above_ceiling",
                )
            status = GrantStatus.PENDING_APPROVAL
        else:
            status = GrantStatus.GRANTED
    else:
        refuse("kind", _("Choose temporary or advance relief."), "invalid_choice")
    above_ceiling = status == GrantStatus.PENDING_APPROVAL
    relatives = list(filed_relatives_in(case.household))
    if relatives:
        status = GrantStatus.PENDING_APPROVAL
    grant = ReliefGrant.objects.create(
        case=case,
        kind=kind,
        amount_fen=amount_fen,
        in_kind=in_kind,
        goods_quantity=goods_quantity,
        goods_unit=goods_unit,
        goods_value_fen=goods_value_fen,
        status=status,
        reason=(reason or "").strip(),
        granted_by=by,
        paid_via=paid_via,
        payment_reference=payment_reference,
        paid_at=timezone.now() if paid_via else None,
    )
    if grant.is_effective:
        relief_book(by=by, grant=grant)
        _apply(case)
    if kind == Kind.ADVANCE:
        deadline_meet(case, Step.ADVANCE_RELIEF)
        deadline_add(case, Step.ADVANCE_RELIEF_PAPERWORK, relief_grant=grant)
    audit_record(
        actor=by,
        action="relief.grant",
        obj=grant,
        changes={
            "kind": (None, kind),
            "amount_fen": (None, amount_fen),
            "in_kind": (None, in_kind),
            "goods_quantity": (None, goods_quantity),
            "goods_value_fen": (None, goods_value_fen),
            "status": (None, status),
        },
    )
    if relatives:
        relative_benefits_record(by=by, grant=grant, filings=relatives)
    if above_ceiling:
        notify_events.relief_approval_requested(grant)
    return grant


@transaction.atomic
def relief_decide(*, by, grant: ReliefGrant, approve: bool, reason: str) -> ReliefGrant:
    """A supervisor's case-by-case decision (一事一议) on relief above the ceiling, or review of
    relief for a filed relative's household (近亲属备案), with the reason on the record. The
    one who asked cannot decide, nor the official whose relative it is."""
    grant = lock(grant)
    case = lock(grant.case)
    require_supervisor(by, case)
    require_open(case)
    if grant.status != GrantStatus.PENDING_APPROVAL:
        refuse(None, _("This relief is not waiting for a decision."), "not_pending")
    if grant.granted_by_id == by.pk:
        raise PermissionDenied(_("Someone other than the requester must decide."))
    require_not_own_relative(by, grant)
    if not (reason or "").strip():
        refuse("reason", _("Record the reason for the decision."), "required")
    relative_benefits_review(by=by, grant=grant, approve=approve, reason=reason)
    grant.status = GrantStatus.APPROVED if approve else GrantStatus.REFUSED
    grant.decided_by, grant.decided_at, grant.decision_reason = by, timezone.now(), reason.strip()
    grant.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
    if grant.is_effective:
        # Nothing was reserved at the request: the budget is checked now, and an approval it
        # can no longer pay is refused with what is left.
        grant.case = case
        relief_book(by=by, grant=grant, field=None)
        _apply(case)
    audit_record(
        actor=by,
        action="relief.approve" if approve else "relief.refuse",
        obj=grant,
        changes={"status": (GrantStatus.PENDING_APPROVAL, grant.status)},
    )
    notify_events.relief_decided(grant)
    return grant


@transaction.atomic
def relief_paperwork_complete(*, by, grant: ReliefGrant) -> ReliefGrant:
    """The paperwork behind an advance relief is done (补办手续)."""
    grant = lock(grant)
    require_case_handler(by, grant.case)
    if grant.kind != Kind.ADVANCE:
        refuse(None, _("Only advance relief has paperwork to complete afterwards."), "not_advance")
    if grant.paperwork_completed_at is not None:
        refuse(None, _("The paperwork is already complete."), "already_complete")
    grant.paperwork_completed_at = timezone.now()
    grant.save(update_fields=["paperwork_completed_at"])
    deadline_meet(grant.case, Step.ADVANCE_RELIEF_PAPERWORK, relief_grant=grant)
    audit_record(actor=by, action="relief.paperwork_complete", obj=grant)
    return grant


@transaction.atomic
def relief_payment_record(
    *, by, grant: ReliefGrant, paid_via: str, payment_reference: str
) -> ReliefGrant:
    """Record how an effective cash grant was paid to the household and the proof, once."""
    grant = lock(grant)
    require_case_handler(by, grant.case)
    if not grant.is_effective or not grant.is_cash:
        refuse(None, _("Only cash relief that was given is paid."), "not_payable")
    if grant.paid_via:
        refuse(None, _("The payment of this relief is already recorded."), "already_paid")
    if not (paid_via or "").strip():
        refuse("paid_via", _("Choose how the relief was paid."), "required")
    grant.paid_via, grant.payment_reference = _check_payment(paid_via, payment_reference)
    grant.paid_at = timezone.now()
    grant.save(update_fields=["paid_via", "payment_reference", "paid_at"])
    audit_record(
        actor=by,
        action="relief.payment_record",
        obj=grant,
        changes={
            "paid_via": ("", grant.paid_via),
            "payment_reference": ("", grant.payment_reference),
        },
    )
    return grant
