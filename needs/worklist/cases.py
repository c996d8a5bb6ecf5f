"""The work of a case's steps: acceptance, assessment, relief, 一事一议 approvals, hand-overs,
and the overdue steps of the offices below a supervisor."""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, F, Min, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.jurisdiction import (
    Role,
    scope_filter,
    scope_for,
)
from core.money import format_money
from core.workdays import deadline_for
from needs.models import (
    Case,
    CaseDeadline,
    CaseHandover,
    ReliefGrant,
)
from needs.worklist.base import (
    LIMIT,
    NO_DUE,
    OPEN,
    WorkItem,
    WorkList,
    _case_link,
    _is_caseworker,
    _made,
    _offices,
)

# ---- cases ----


def cases_to_accept(user, *, now=None, limit: int = LIMIT) -> WorkList | None:
    """Cases reported to the caseworker's offices that nobody has accepted yet (受理), by the
    acceptance deadline. Cases that came by hand-over are listed with the hand-overs."""
    offices = _offices(user, Role.CASEWORKER)
    if not offices:
        return None
    now = now or timezone.now()
    came_by_handover = CaseHandover.objects.filter(
        case_id=OuterRef("pk"), to_office_id=OuterRef("responsible_office_id")
    )
    queryset = (
        Case.objects.filter(OPEN, owner__isnull=True, responsible_office_id__in=offices)
        .exclude(Exists(came_by_handover))
        .annotate(
            accept_due=Min(
                "deadlines__due_at",
                filter=Q(deadlines__step=CaseDeadline.Step.ACCEPT, deadlines__met_at__isnull=True),
            )
        )
        .order_by(F("accept_due").asc(nulls_last=True), "reported_at", "pk")
    )

    def item(case):
        return WorkItem(
            title=case.number,
            detail=_("%(category)s · %(urgency)s")
            % {"category": case.get_category_display(), "urgency": case.get_urgency_display()},
            link=_case_link(case.pk),
            due_at=case.accept_due,
            overdue=bool(case.accept_due and case.accept_due < now),
        )

    return _made(
        "cases_to_accept",
        _("Cases to accept"),
        queryset,
        item,
        limit=limit,
        list_link=reverse("needs_admin:case_list") + "?status=reported",
        overdue=Q(accept_due__lt=now),
    )


def _step_due(case: Case, step: str, start: dt.datetime | None) -> dt.datetime | None:
    return deadline_for(case.responsible_office, step, start) if start else None


def assessments_due(user, *, now=None, limit: int = LIMIT) -> WorkList | None:
    """The caseworker's own accepted cases not yet assessed (评估), due within the office's
    time limit for an assessment from acceptance."""
    if not _is_caseworker(user):
        return None
    now = now or timezone.now()
    queryset = (
        Case.objects.filter(owner=user, status=Case.Status.ACCEPTED)
        .select_related("responsible_office")
        .order_by("accepted_at", "pk")
    )

    def item(case):
        due = _step_due(case, "assess", case.accepted_at)
        return WorkItem(
            title=case.number,
            detail=case.get_category_display(),
            link=_case_link(case.pk),
            due_at=due,
            overdue=bool(due and due < now),
        )

    return _made("assessments_due", _("Assessments due"), queryset, item, limit=limit)


def relief_due(user, *, now=None, limit: int = LIMIT) -> WorkList | None:
    """The caseworker's own cases waiting for relief: assessed and no relief given yet (due
    within the office's time limit from the assessment), and the open advance-relief steps
    (先行救助 and its paperwork)."""
    if not _is_caseworker(user):
        return None
    now = now or timezone.now()
    steps = (CaseDeadline.Step.ADVANCE_RELIEF, CaseDeadline.Step.ADVANCE_RELIEF_PAPERWORK)
    asked = ReliefGrant.objects.filter(
        case_id=OuterRef("pk"), status=ReliefGrant.Status.PENDING_APPROVAL
    )
    queryset = (
        Case.objects.filter(owner=user)
        .filter(OPEN)
        .filter(
            # Relief above the ceiling already asked for waits for the supervisor, not here.
            Q(status=Case.Status.ASSESSED) & ~Exists(asked)
            | Q(deadlines__step__in=steps, deadlines__met_at__isnull=True)
        )
        .annotate(
            step_due=Min(
                "deadlines__due_at",
                filter=Q(deadlines__step__in=steps, deadlines__met_at__isnull=True),
            )
        )
        .select_related("responsible_office")
        .distinct()
        .order_by(F("step_due").asc(nulls_last=True), "assessed_at", "pk")
    )

    def item(case):
        if case.step_due is not None:
            due, detail = case.step_due, _("advance relief or its paperwork")
        else:
            due = _step_due(case, "relief", case.assessed_at)
            detail = _("give relief after the assessment")
        return WorkItem(
            title=case.number,
            detail=detail,
            link=_case_link(case.pk),
            due_at=due,
            overdue=bool(due and due < now),
        )

    return _made("relief_due", _("Relief due"), queryset, item, limit=limit)


# ---- approvals ----


def relief_approvals(user, *, now=None, limit: int = LIMIT) -> WorkList | None:
    """Relief above the ceiling waiting for a supervisor's decision (一事一议) in their
    jurisdiction; what they asked for themselves is someone else's to decide."""
    scope = scope_for(user, roles=[Role.SUPERVISOR])
    if scope.is_empty:
        return None
    condition = scope_filter(scope, region_field="case__region")
    queryset = (
        ReliefGrant.objects.filter(status=ReliefGrant.Status.PENDING_APPROVAL)
        .filter(~Q(case__status=Case.Status.CLOSED))
        .exclude(granted_by=user)
        # Relief to a filed relative's household has a list of its own (needs.worklist.checks).
        .exclude(relative_benefits__review="pending")
        .select_related("case")
        .order_by("granted_at", "pk")
    )
    if condition is not None:
        queryset = queryset.filter(condition)

    def item(grant):
        return WorkItem(
            title=grant.case.number,
            detail=_("%(amount)s above the ceiling (一事一议), asked on %(day)s")
            % {
                "amount": format_money(grant.amount_fen),
                "day": timezone.localtime(grant.granted_at).strftime("%Y-%m-%d"),
            },
            link=_case_link(grant.case_id, "case-relief"),
        )

    return _made(
        "relief_approvals",
        _("Relief approvals awaiting me"),
        queryset,
        item,
        limit=limit,
        overdue=NO_DUE,
    )


def open_handovers_to(offices: list[int]) -> QuerySet[CaseHandover]:
    """The hand-overs to these offices that wait for the receiving office to accept them (the
    same rule as needs.selectors.handovers_awaiting, for a list of offices)."""
    return (
        CaseHandover.objects.filter(to_office_id__in=offices, status=CaseHandover.Status.PENDING)
        .filter(~Q(case__status=Case.Status.CLOSED))
        .select_related("case", "from_office", "to_office")
    )


def handovers_to_accept(user, *, now=None, limit: int = LIMIT) -> WorkList | None:
    """Cases handed over to the caseworker's offices and not accepted yet."""
    offices = _offices(user, Role.CASEWORKER)
    if not offices:
        return None
    now = now or timezone.now()
    queryset = (
        open_handovers_to(offices)
        .annotate(
            accept_due=Min(
                "case__deadlines__due_at",
                filter=Q(
                    case__deadlines__step=CaseDeadline.Step.ACCEPT,
                    case__deadlines__met_at__isnull=True,
                ),
            )
        )
        .order_by(F("accept_due").asc(nulls_last=True), "at", "pk")
    )

    def item(handover):
        # Without a deadline of its own, a hand-over is due like a new case: the office's
        # time limit for accepting, from the hand-over.
        due = handover.accept_due or deadline_for(handover.to_office, "accept", handover.at)
        return WorkItem(
            title=handover.case.number,
            detail=_("from %(office)s") % {"office": handover.from_office.name},
            link=_case_link(handover.case_id),
            due_at=due,
            overdue=due < now,
        )

    return _made(
        "handovers_to_accept",
        _("Hand-overs to accept"),
        queryset,
        item,
        limit=limit,
        list_link=reverse("needs_admin:handover_list"),
    )


# ---- supervisors: the offices below ----


def overdue_below(user, *, now=None, limit: int = LIMIT) -> WorkList | None:
    """Steps past their deadline in the supervisor's jurisdiction (the offices below), the
    longest overdue first."""
    scope = scope_for(user, roles=[Role.SUPERVISOR])
    if scope.is_empty:
        return None
    now = now or timezone.now()
    queryset = (
        CaseDeadline.objects.filter(met_at__isnull=True, due_at__lt=now)
        .filter(~Q(case__status=Case.Status.CLOSED))
        .select_related("case__responsible_office")
        .order_by("due_at", "pk")
    )
    condition = scope_filter(scope, region_field="case__region")
    if condition is not None:
        queryset = queryset.filter(condition)

    def item(deadline):
        return WorkItem(
            title=deadline.case.number,
            detail=f"{deadline.get_step_display()} · {deadline.case.responsible_office.name}",
            link=_case_link(deadline.case_id),
            due_at=deadline.due_at,
            overdue=True,
        )

    return _made(
        "overdue_below",
        _("Overdue in the offices below"),
        queryset,
        item,
        limit=limit,
        list_link=reverse("needs_admin:case_list") + "?overdue=1",
        overdue=Q(),
    )
