"""The work of active discovery: hotline call-backs, routine visits, risk warnings of the
data cross-checks and supervision tasks."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.jurisdiction import (
    GOVERNMENT_ROLES,
    Role,
    has_role,
)
from discovery.models import HotlineCall, RiskWarning, VisitSchedule
from discovery.selectors_registers import village_filter, visits_waiting_for_help
from discovery.services.visit_help import help_place
from needs.worklist.base import (
    LIMIT,
    NO_DUE,
    VISITS_AHEAD_DAYS,
    WorkItem,
    WorkList,
    _made,
    _offices,
)
from supervision.models import SupervisionTask

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
            link=reverse("discovery_registers:hotline_detail", args=[call.pk]),
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
        list_link=reverse("discovery_registers:hotline_list"),
        overdue=overdue,
    )


def visits_needing_help(user, *, now=None, limit: int = LIMIT) -> WorkList | None:
    """Visits that found a household needing help now (需要立即救助), sent to the caseworker's
    office, until a case is made for the household or the call is marked dealt with."""
    if not _offices(user, Role.CASEWORKER):
        return None
    queryset = visits_waiting_for_help(user)

    def item(visit):
        place = help_place(visit.household)
        return WorkItem(
            title=_("Visit %(number)s") % {"number": visit.pk},
            detail=_("needs help now · %(place)s · visited on %(day)s")
            % {"place": place.display_name, "day": visit.visited_on.strftime("%Y-%m-%d")},
            link=reverse("discovery_registers:visit_detail", args=[visit.pk]),
        )

    return _made(
        "visits_needing_help",
        _("Households found needing help now"),
        queryset.select_related("household__region", "household__grid_assignment__grid__region"),
        item,
        limit=limit,
        list_link=reverse("discovery_registers:visit_list") + "?needs_help=true",
        overdue=NO_DUE,
    )


def visits_due(user, *, now=None, limit: int = LIMIT) -> WorkList | None:
    """Routine visits (必到必访) past due or due within a week: of the caseworker's offices,
    and for a village assistant (协理员) of their village's households and committee."""
    offices = _offices(user, Role.CASEWORKER)
    village = village_filter(user)
    if not offices and village is None:
        return None
    mine = Q(office_id__in=offices)
    if village is not None:
        mine |= village
    today = timezone.localdate(now or timezone.now())
    queryset = (
        VisitSchedule.objects.filter(
            mine,
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
            link=reverse("discovery_registers:visits_due"),
            due_on=schedule.next_due_on,
            overdue=schedule.next_due_on < today,
        )

    return _made(
        "visits_due",
        _("Routine visits due"),
        queryset,
        item,
        limit=limit,
        list_link=reverse("discovery_registers:visits_due"),
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
            link=reverse("discovery_registers:warning_detail", args=[warning.pk]),
        )

    return _made(
        "warnings_to_dispose",
        _("Risk warnings to dispose of"),
        queryset,
        item,
        limit=limit,
        list_link=reverse("discovery_registers:warning_list"),
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
            link=reverse("supervision_tasks:supervision_task_detail", args=[task.pk]),
            due_on=task.due_on,
            overdue=task.due_on < today,
        )

    return _made(
        "supervision_tasks",
        _("Supervision tasks"),
        queryset,
        item,
        limit=limit,
        list_link=reverse("supervision_tasks:supervision_task_list"),
        overdue=Q(due_on__lt=today),
    )
