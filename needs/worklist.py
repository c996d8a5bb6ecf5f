"""待办 (my work): what waits for this person or their office, one function per kind of item.

The dashboard (needs.admin_views.worklist) and the API (``GET /api/v1/me/worklist/``) show
the same lists from here, so the screen and the API agree. Every function:

- answers only for the roles whose work it is (``None`` for anyone else, so a section that is
  not the reader's work is not shown at all, and an empty list means "nothing waits");
- reads through the jurisdiction rules (core.jurisdiction, the apps' selectors): a caseworker
  sees the work of their own office, a supervisor that of the offices below, a charity that
  of its own organisation, and nobody anything of others';
- counts everything that waits and lists the first ``limit`` items, most urgent first (the
  earliest due time), each with the link to the screen where it is done.

No item names a person in hardship: cases are named by their number (DESIGN.md 7.1).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Exists, F, Min, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.jurisdiction import (
    GOVERNMENT_ROLES,
    Role,
    active_memberships,
    has_role,
    scope_filter,
    scope_for,
)
from core.money import format_money
from core.workdays import deadline_for
from needs.models import (
    Case,
    CaseDeadline,
    CaseHandover,
    HotlineCall,
    Referral,
    ReliefGrant,
    RiskWarning,
    SupervisionTask,
    VisitSchedule,
)
from needs.notify_events import ANSWERING_ROLES

LIMIT = 8
# Routine visits due within this many days are listed before they fall overdue.
VISITS_AHEAD_DAYS = 7
OPEN = ~Q(status=Case.Status.CLOSED)
# For lists whose items have no due time: nothing of them is overdue.
NO_DUE = Q(pk__in=[])


@dataclass(frozen=True)
class WorkItem:
    """One thing to do: what (``title``, e.g. a case number), more about it (``detail``),
    by when (``due_at``, a datetime, or ``due_on``, a date) and where it is done (``link``)."""

    title: str
    detail: str
    link: str
    due_at: dt.datetime | None = None
    due_on: dt.date | None = None
    overdue: bool = False


@dataclass(frozen=True)
class WorkList:
    """One kind of work: its name, how many wait, the most urgent few and the full list."""

    kind: str
    label: str
    count: int
    items: list[WorkItem] = field(default_factory=list)
    list_link: str = ""
    overdue: int = 0


def _offices(user, *roles: str) -> list[int]:
    """Government offices (and departments) where ``user`` holds one of ``roles``."""
    return [
        m.organisation_id
        for m in active_memberships(user)
        if m.role in roles and m.organisation.is_government
    ]


def _made(
    kind: str,
    label: str,
    queryset: QuerySet,
    item: Callable,
    *,
    limit: int,
    list_link: str = "",
    overdue: Q | None = None,
) -> WorkList:
    """A WorkList of ``queryset``'s first ``limit`` rows made into items. ``overdue`` says
    which rows are overdue; without it, due times are computed per item (time limits in
    working days) and every row is looked at, sorted by its due time: only for lists of one
    person's own cases, or of a few."""
    if overdue is None:
        every = sorted((item(row) for row in queryset), key=_due_key)
        return WorkList(
            kind=kind,
            label=label,
            count=len(every),
            items=every[:limit],
            list_link=list_link,
            overdue=sum(i.overdue for i in every),
        )
    rows = list(queryset[:limit])
    return WorkList(
        kind=kind,
        label=label,
        count=queryset.count() if len(rows) >= limit else len(rows),
        items=[item(row) for row in rows],
        list_link=list_link,
        overdue=queryset.filter(overdue).count(),
    )


def _due_key(item: WorkItem) -> tuple:
    """Most urgent first: the earliest due time; items without one last."""
    if item.due_at is not None:
        return (0, item.due_at)
    if item.due_on is not None:
        return (0, timezone.make_aware(dt.datetime.combine(item.due_on, dt.time.max)))
    return (1, timezone.now())


def _case_link(case_id: int, anchor: str = "") -> str:
    return reverse("needs_admin:case_detail", args=[case_id]) + (f"#{anchor}" if anchor else "")


def _is_caseworker(user) -> bool:
    return has_role(user, Role.CASEWORKER)


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


def payment_approvals(user, *, now=None, limit: int = LIMIT) -> WorkList | None:
    """Payments to households requested at the charity and not yet approved: those the user
    may approve (four eyes: above the threshold, not their own request)."""
    from donors.models import Disbursement
    from donors.services.payouts import four_eyes_threshold_fen, four_eyes_total_fen

    charities = scope_for(user, roles=[Role.CHARITY_STAFF]).organisation_ids
    if not charities:
        return None
    pending = (
        Disbursement.objects.filter(
            status=Disbursement.Status.PENDING,
            allocation__referral__to_organisation_id__in=charities,
        )
        .select_related("allocation__referral__case", "requested_by")
        .order_by("requested_at", "pk")
    )
    threshold = four_eyes_threshold_fen()
    mine = [p for p in pending.filter(requested_by=user) if four_eyes_total_fen(p) > threshold]
    queryset = pending.exclude(pk__in=[p.pk for p in mine])

    def item(payment):
        referral = payment.allocation.referral
        total = four_eyes_total_fen(payment)
        detail = _("payment of %(amount)s") % {"amount": format_money(payment.amount_fen)}
        if total > threshold:
            detail = _("payment of %(amount)s: second approval (four eyes)") % {
                "amount": format_money(payment.amount_fen)
            }
        return WorkItem(
            title=referral.case.number,
            detail=detail,
            link=reverse("donors_admin:referral_money", args=[referral.pk]),
        )

    return _made(
        "payment_approvals",
        _("Payments awaiting approval"),
        queryset,
        item,
        limit=limit,
        overdue=NO_DUE,
    )


# ---- referrals and hand-overs ----


def referrals_to_answer(user, *, now=None, limit: int = LIMIT) -> WorkList | None:
    """Referrals sent to the user's charity or department and not answered yet, by their
    answer deadline."""
    organisations = [
        m.organisation_id for m in active_memberships(user) if m.role in ANSWERING_ROLES
    ]
    receiving = set(organisations) & set(
        Referral.objects.filter(to_organisation_id__in=organisations)
        .values_list("to_organisation_id", flat=True)
        .distinct()
    )
    answers = has_role(user, Role.CHARITY_STAFF, Role.DEPARTMENT_STAFF)
    if not answers and not receiving:
        return None
    now = now or timezone.now()
    queryset = (
        Referral.objects.filter(
            status=Referral.Status.REQUESTED, to_organisation_id__in=organisations
        )
        .select_related("case", "project", "to_organisation")
        .order_by("answer_due_at", "pk")
    )

    def item(referral):
        detail = referral.project.title if referral.project_id else referral.to_organisation.name
        if referral.amount_requested_fen:
            detail += " · " + format_money(referral.amount_requested_fen)
        return WorkItem(
            title=referral.case.number,
            detail=detail,
            link=reverse("needs_admin:referral_detail", args=[referral.pk]),
            due_at=referral.answer_due_at,
            overdue=referral.answer_due_at < now,
        )

    return _made(
        "referrals_to_answer",
        _("Referrals to answer"),
        queryset,
        item,
        limit=limit,
        list_link=reverse("needs_admin:referral_list") + "?status=requested",
        overdue=Q(answer_due_at__lt=now),
    )


def open_handovers_to(offices: list[int]) -> QuerySet[CaseHandover]:
    """The hand-overs to these offices that wait for the receiving office to accept them.

    Hand-overs with a status of their own (needs.services.handovers) wait while pending;
    before them, a hand-over moved the case at once and waited while the case had no owner.
    (The one place to change when hand-overs change again.)"""
    if hasattr(CaseHandover, "Status"):
        waiting = CaseHandover.objects.filter(
            to_office_id__in=offices, status=CaseHandover.Status.PENDING
        )
    else:
        latest = CaseHandover.objects.filter(case_id=OuterRef("case_id")).order_by("-at", "-id")
        waiting = CaseHandover.objects.filter(
            to_office_id__in=offices,
            case__owner__isnull=True,
            case__responsible_office_id=F("to_office_id"),
            pk=latest.values("pk")[:1],
        )
    return waiting.filter(~Q(case__status=Case.Status.CLOSED)).select_related(
        "case", "from_office", "to_office"
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

    return _made("handovers_to_accept", _("Hand-overs to accept"), queryset, item, limit=limit)


# ---- active discovery ----


def hotline_callbacks(user, *, now=None, limit: int = LIMIT) -> WorkList | None:
    """Hotline calls of the caseworker's offices still open: a call-back due (待回电), or after
    the call-back a result due (限时办结)."""
    offices = _offices(user, Role.CASEWORKER)
    if not offices:
        return None
    now = now or timezone.now()
    queryset = HotlineCall.objects.filter(
        office_id__in=offices, status__in=HotlineCall.OPEN_STATUSES
    ).order_by("callback_due_at", "pk")

    def item(call):
        if call.status == HotlineCall.Status.OPEN:
            due, detail = call.callback_due_at, _("call back")
        else:
            due, detail = call.result_due_at, _("tell the caller the result")
        return WorkItem(
            title=_("Hotline call %(id)s") % {"id": call.pk},
            detail=f"{detail} · {call.get_topic_display()}",
            link=reverse("needs_admin:hotline_detail", args=[call.pk]),
            due_at=due,
            overdue=due < now,
        )

    overdue = Q(status=HotlineCall.Status.OPEN, callback_due_at__lt=now) | Q(
        status=HotlineCall.Status.CALLED_BACK, result_due_at__lt=now
    )
    return _made(
        "hotline_callbacks",
        _("Hotline call-backs"),
        queryset,
        item,
        limit=limit,
        list_link=reverse("needs_admin:hotline_list"),
        overdue=overdue,
    )


def visits_due(user, *, now=None, limit: int = LIMIT) -> WorkList | None:
    """Routine visits (必到必访) of the caseworker's offices past due or due within a week."""
    offices = _offices(user, Role.CASEWORKER)
    if not offices:
        return None
    today = timezone.localdate(now or timezone.now())
    queryset = (
        VisitSchedule.objects.filter(
            office_id__in=offices,
            is_active=True,
            next_due_on__lte=today + dt.timedelta(days=VISITS_AHEAD_DAYS),
        )
        .select_related("region")
        .order_by("next_due_on", "pk")
    )

    def item(schedule):
        return WorkItem(
            title=_("Routine visit in %(county)s") % {"county": schedule.region.name},
            # No plural forms: the catalogue's tooling fills singular strings only.
            detail=_("visited every %(days)s days") % {"days": schedule.interval_days},
            link=reverse("needs_admin:visits_due"),
            due_on=schedule.next_due_on,
            overdue=schedule.next_due_on < today,
        )

    return _made(
        "visits_due",
        _("Routine visits due"),
        queryset,
        item,
        limit=limit,
        list_link=reverse("needs_admin:visits_due"),
        overdue=Q(next_due_on__lt=today),
    )


def warnings_to_dispose(user, *, now=None, limit: int = LIMIT) -> WorkList | None:
    """Risk warnings of data cross-checks not disposed of yet (风险预警), of the caseworker's
    offices."""
    offices = _offices(user, Role.CASEWORKER)
    if not offices:
        return None
    queryset = (
        RiskWarning.objects.filter(office_id__in=offices, disposition="")
        .select_related("crosscheck_import", "region")
        .order_by("created_at", "pk")
    )

    def item(warning):
        return WorkItem(
            title=_("Risk warning %(id)s") % {"id": warning.pk},
            detail=f"{warning.get_type_display()} · {warning.crosscheck_import.get_kind_display()}",
            link=reverse("needs_admin:warning_detail", args=[warning.pk]),
        )

    return _made(
        "warnings_to_dispose",
        _("Risk warnings to dispose of"),
        queryset,
        item,
        limit=limit,
        list_link=reverse("needs_admin:warning_list"),
        overdue=NO_DUE,
    )


def supervision_tasks(user, *, now=None, limit: int = LIMIT) -> WorkList | None:
    """Open supervision tasks (督办) assigned to the user."""
    if not has_role(user, *GOVERNMENT_ROLES):
        return None
    today = timezone.localdate(now or timezone.now())
    queryset = (
        SupervisionTask.objects.filter(assigned_to=user, status=SupervisionTask.Status.OPEN)
        .select_related("office")
        .order_by("due_on", "pk")
    )

    def item(task):
        return WorkItem(
            title=_("Supervision task %(id)s") % {"id": task.pk},
            detail=task.office.name,
            link=reverse("needs_admin:supervision_task_detail", args=[task.pk]),
            due_on=task.due_on,
            overdue=task.due_on < today,
        )

    return _made(
        "supervision_tasks",
        _("Supervision tasks"),
        queryset,
        item,
        limit=limit,
        list_link=reverse("needs_admin:supervision_task_list"),
        overdue=Q(due_on__lt=today),
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


# ---- fund managers ----


def referrals_to_fund(user, *, now=None, limit: int = LIMIT) -> WorkList | None:
    """Accepted referrals the fund manager's special funds may pay for and have not paid for
    yet (the allocation screen commits the money)."""
    from donors.models import Allocation, Fund
    from donors.selectors import fundable_referrals

    owners = scope_for(user, roles=[Role.FUND_MANAGER]).organisation_ids
    if not owners:
        return None
    funds = list(
        Fund.objects.filter(status=Fund.Status.ACTIVE, owner_id__in=owners).prefetch_related(
            "regions"
        )
    )
    condition = Q(pk__in=[])
    for fund in funds:
        condition |= Q(pk__in=fundable_referrals(fund).values("pk"))
    funded = Allocation.objects.filter(
        source__fund__owner_id__in=owners, referral_id=OuterRef("pk")
    )
    queryset = (
        Referral.objects.filter(condition)
        .exclude(Exists(funded))
        .select_related("case", "project__organisation")
        .order_by("answered_at", "pk")
    )

    def item(referral):
        detail = referral.project.organisation.name
        if referral.case.remaining_gap_fen:
            detail += " · " + _("gap %(gap)s") % {
                "gap": format_money(referral.case.remaining_gap_fen)
            }
        return WorkItem(
            title=referral.case.number,
            detail=detail,
            link=reverse("donors_admin:referral_money", args=[referral.pk]),
        )

    return _made(
        "referrals_to_fund",
        _("Referrals your funds may pay for"),
        queryset,
        item,
        limit=limit,
        list_link=reverse("donors_admin:allocation_list"),
        overdue=NO_DUE,
    )


# ---- everything, in the order the dashboard shows it ----

WORK = (
    cases_to_accept,
    handovers_to_accept,
    assessments_due,
    relief_due,
    relief_approvals,
    payment_approvals,
    referrals_to_answer,
    referrals_to_fund,
    hotline_callbacks,
    visits_due,
    warnings_to_dispose,
    supervision_tasks,
    overdue_below,
)


def worklist_for(user, *, now=None, limit: int = LIMIT) -> list[WorkList]:
    """Every kind of work that is the user's, in the dashboard's order (empty ones too: they
    say that nothing waits)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    now = now or timezone.now()
    lists = (kind(user, now=now, limit=limit) for kind in WORK)
    return [work for work in lists if work is not None]


def due_words(item: WorkItem, now: dt.datetime | None = None) -> str:
    """When an item is due, in words and local time: "overdue since 12-03 23:59", "due today
    by 17:00", "due by 12-08 23:59"."""
    now = timezone.localtime(now or timezone.now())
    if item.due_at is not None:
        due = timezone.localtime(item.due_at)
        if due < now:
            days = (now.date() - due.date()).days
            if days >= 1:
                return _("overdue by %(days)s days (due %(when)s)") % {
                    "days": days,
                    "when": due.strftime("%m-%d %H:%M"),
                }
            return _("overdue since %(time)s today") % {"time": due.strftime("%H:%M")}
        if due.date() == now.date():
            return _("due today by %(time)s") % {"time": due.strftime("%H:%M")}
        if due.date() == now.date() + dt.timedelta(days=1):
            return _("due tomorrow by %(time)s") % {"time": due.strftime("%H:%M")}
        return _("due by %(when)s") % {"when": due.strftime("%Y-%m-%d %H:%M")}
    if item.due_on is not None:
        today = now.date()
        if item.due_on < today:
            days = (today - item.due_on).days
            return _("overdue by %(days)s days (due %(when)s)") % {
                "days": days,
                "when": item.due_on.strftime("%m-%d"),
            }
        if item.due_on == today:
            return _("due today")
        return _("due on %(day)s") % {"day": item.due_on.strftime("%Y-%m-%d")}
    return ""


def person_name(user) -> str:
    """A member of staff's name as Chinese writes it: family name first, no space (王芳);
    a Western name keeps its own order. The username when no name is recorded."""
    family, given = (user.last_name or "").strip(), (user.first_name or "").strip()
    if not (family or given):
        return user.get_username()
    if _is_cjk(family + given):
        return f"{family}{given}"
    return f"{given} {family}".strip()


def _is_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


__all__ = [
    "LIMIT",
    "WORK",
    "WorkItem",
    "WorkList",
    "due_words",
    "open_handovers_to",
    "person_name",
    "worklist_for",
]
