"""Deadlines of case steps (限时办结) and the sweep that escalates the overdue ones."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from core.audit import audit_record
from core.workdays import deadline_for
from needs.models import Case, CaseDeadline, Referral, ReliefGrant

Step = CaseDeadline.Step


def deadline_add(
    case: Case,
    step: str,
    *,
    start: dt.datetime | None = None,
    referral: Referral | None = None,
    relief_grant: ReliefGrant | None = None,
) -> CaseDeadline:
    """Open a deadline for ``step`` from the responsible office's time limits."""
    start = start or timezone.now()
    if step == Step.ADVANCE_RELIEF:
        due_at = start + dt.timedelta(hours=settings.ADVANCE_RELIEF_WITHIN_HOURS)
    else:
        due_at = deadline_for(case.responsible_office, step, start)
    deadline = CaseDeadline.objects.create(
        case=case, step=step, due_at=due_at, referral=referral, relief_grant=relief_grant
    )
    _refresh_next_due(case)
    return deadline


def _refresh_next_due(case: Case) -> None:
    """Keep ``Case.next_due_at`` (the earliest unmet deadline) in step with the deadlines.

    A copy for fast "overdue" lists; the deadlines stay the truth, and only the two functions
    here change them.
    """
    next_due = (
        CaseDeadline.objects.filter(case=case, met_at__isnull=True)
        .order_by("due_at")
        .values_list("due_at", flat=True)
        .first()
    )
    Case.objects.filter(pk=case.pk).update(next_due_at=next_due)
    case.next_due_at = next_due


def deadline_meet(case: Case, step: str, **related) -> None:
    """Mark the open deadlines of ``step`` met (now)."""
    CaseDeadline.objects.filter(case=case, step=step, met_at__isnull=True, **related).update(
        met_at=timezone.now()
    )
    _refresh_next_due(case)


@dataclass(frozen=True)
class SweepResult:
    escalated: int
    referrals_expired: int


def deadlines_sweep(*, now: dt.datetime | None = None) -> SweepResult:
    """Escalate every overdue step to the supervisors (once), and expire unanswered referrals
    so that their cases are flagged for a new match. Safe to run as often as you like."""
    from needs.services.referrals import referral_expire

    now = now or timezone.now()
    escalated = expired = 0
    overdue = CaseDeadline.objects.filter(
        met_at__isnull=True, escalated_at__isnull=True, due_at__lt=now
    ).exclude(case__status=Case.Status.CLOSED)
    for deadline_id in overdue.values_list("pk", flat=True):
        with transaction.atomic():
            deadline = (
                CaseDeadline.objects.select_for_update(of=("self",))
                .select_related("case", "referral")
                .filter(pk=deadline_id, escalated_at__isnull=True, met_at__isnull=True)
                .first()
            )
            if deadline is None:  # another sweep got there first
                continue
            deadline.escalated_at = now
            deadline.save(update_fields=["escalated_at"])
            audit_record(
                actor=None,
                action="deadline.escalate",
                obj=deadline.case,
                changes={"step": (None, deadline.step), "due_at": (None, deadline.due_at)},
            )
            escalated += 1
            referral = deadline.referral
            answerable = referral is not None and referral.status == Referral.Status.REQUESTED
            if deadline.step == Step.REFERRAL_ANSWER and answerable:
                referral_expire(referral=referral)
                expired += 1
    return SweepResult(escalated=escalated, referrals_expired=expired)
