"""The periodic notifications of supervision: reminders before a deadline, escalations to the
supervisors, and the quarterly call to charities to publish their project disclosures; and,
beyond a case's steps, the hotline calls' time limits, overdue supervision tasks and a daily
digest of the routine visits past due.

Each is safe to run as often as you like: every notification carries a key, and
``core.notifications.notify`` sends a key to a person once. Messages name a case by its
number only (DESIGN.md 7.1).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, override

from core.jurisdiction import GOVERNMENT_ROLES, scope_for
from core.models import Membership, Notification, Organisation
from core.models.regions import path_within
from core.notifications import notify
from discovery.models import HotlineCall, VisitSchedule
from discovery.selectors_registers import schedule_overdue_condition, user_can_handle_register
from needs.models import Case, CaseDeadline
from supervision.models import SupervisionTask

Role = Membership.Role
Kind = Notification.Kind


@dataclass(frozen=True)
class Sent:
    notifications: int


def _case_link(case_id: int) -> str:
    return reverse("needs_admin:case_detail", args=[case_id])


def _office_staff(office_id: int, role: str) -> list:
    return [
        m.user
        for m in Membership.objects.filter(
            organisation_id=office_id, role=role, is_active=True, user__is_active=True
        ).select_related("user")
    ]


def deadline_reminders_send(*, now: dt.datetime | None = None, within_hours: int | None = None):
    """Remind the owner of each open step due within ``within_hours`` (settings
    ``DEADLINE_REMINDER_HOURS``, one day by default), once per deadline. A step not yet owned
    (the case still awaits acceptance) goes to the caseworkers of the responsible office."""
    now = now or timezone.now()
    hours = settings.DEADLINE_REMINDER_HOURS if within_hours is None else within_hours
    due = (
        CaseDeadline.objects.filter(
            met_at__isnull=True,
            escalated_at__isnull=True,
            due_at__gte=now,
            due_at__lt=now + dt.timedelta(hours=hours),
        )
        .exclude(case__status=Case.Status.CLOSED)
        .select_related("case__owner")
        .order_by("due_at", "pk")
    )
    sent = 0
    for deadline in due.iterator(chunk_size=500):
        case = deadline.case
        recipients = (
            [case.owner]
            if case.owner_id
            else _office_staff(case.responsible_office_id, Role.CASEWORKER)
        )
        for user in recipients:
            with override(settings.LANGUAGE_CODE):
                due_text = timezone.localtime(deadline.due_at).strftime("%Y-%m-%d %H:%M")
                message = _("Case %(number)s: “%(step)s” is due by %(due)s.") % {
                    "number": case.number,
                    "step": deadline.get_step_display(),
                    "due": due_text,
                }
            if notify(
                user,
                Kind.DEADLINE_REMINDER,
                message,
                _case_link(case.pk),
                key=f"deadline-reminder:{deadline.pk}",
            ):
                sent += 1
    return Sent(sent)


def _supervisors_by_region_path() -> list[tuple[str, object]]:
    return [
        (m.organisation.region.path, m.user)
        for m in Membership.objects.filter(
            role=Role.SUPERVISOR,
            is_active=True,
            user__is_active=True,
            organisation__is_active=True,
            organisation__kind__in=(
                Organisation.Kind.GOVERNMENT_OFFICE,
                Organisation.Kind.DEPARTMENT,
            ),
        ).select_related("user", "organisation__region")
    ]


def escalation_notifications_send(*, now: dt.datetime | None = None, within_days: int = 7):
    """Tell the supervisors above a case about each of its steps the overdue sweep escalated
    (needs.services.deadlines_sweep) in the last ``within_days`` and still not done, once per
    step and supervisor."""
    now = now or timezone.now()
    escalated = (
        CaseDeadline.objects.filter(
            met_at__isnull=True,
            escalated_at__isnull=False,
            escalated_at__gte=now - dt.timedelta(days=within_days),
        )
        .exclude(case__status=Case.Status.CLOSED)
        .select_related("case__region")
        .order_by("escalated_at", "pk")
    )
    supervisors = _supervisors_by_region_path()
    sent = 0
    for deadline in escalated.iterator(chunk_size=500):
        case = deadline.case
        path = case.region.path
        for region_path, user in supervisors:
            if not (path == region_path or path.startswith(region_path + "/")):
                continue
            with override(settings.LANGUAGE_CODE):
                message = _(
                    "Case %(number)s: “%(step)s” was due by %(due)s and is overdue; "
                    "it was escalated to you."
                ) % {
                    "number": case.number,
                    "step": deadline.get_step_display(),
                    "due": timezone.localtime(deadline.due_at).strftime("%Y-%m-%d %H:%M"),
                }
            if notify(
                user,
                Kind.ESCALATION,
                message,
                _case_link(case.pk),
                key=f"escalation:{deadline.pk}",
            ):
                sent += 1
    return Sent(sent)


def quarter_of(day: dt.date) -> str:
    return f"{day.year}Q{(day.month - 1) // 3 + 1}"


def disclosure_reminders_send(*, today: dt.date | None = None):
    """Once a quarter, ask each active charity to publish its projects' disclosures (the
    Charity Law's rhythm of 信息公开: a project's progress and the use of its money at least
    every three months). Once per charity and quarter: a charity already reminded this
    quarter is not reminded again, even if it has new staff."""
    today = today or timezone.localdate()
    quarter = quarter_of(today)
    key_prefix = "disclosure:"
    sent = 0
    charities = Organisation.objects.filter(
        kind=Organisation.Kind.CHARITY, is_active=True
    ).order_by("pk")
    for charity in charities:
        key = f"{key_prefix}{charity.pk}:{quarter}"
        if Notification.objects.filter(key=key).exists():
            continue
        with override(settings.LANGUAGE_CODE):
            message = _(
                "%(quarter)s: please publish the disclosures of %(charity)s's projects "
                "(progress and use of money) for this quarter."
            ) % {"quarter": quarter, "charity": charity.name}
        for user in _office_staff(charity.pk, Role.CHARITY_STAFF):
            if notify(
                user,
                Kind.DISCLOSURE_REMINDER,
                message,
                reverse("projects_admin:project_list"),
                key=key,
            ):
                sent += 1
    return Sent(sent)


# ---- reminders beyond a case's deadlines: hotline time limits, supervision tasks, visits ----


def _supervisors_above(region_path: str, supervisors: list[tuple[str, object]]) -> list:
    return [user for path, user in supervisors if path_within(region_path, path)]


def _message(text: str, values: dict) -> str:
    """``text`` (already marked for translation) in the platform's language."""
    with override(settings.LANGUAGE_CODE):
        return _(text) % values


def hotline_reminders_send(*, now: dt.datetime | None = None, within_hours: int | None = None):
    """Remind the call's taker (first-contact owner, 首问负责) of each open hotline call whose
    call-back or result time limit (限时办结) is past or within ``within_hours`` (settings
    ``DEADLINE_REMINDER_HOURS``): once per call and limit. A taker who may no longer handle
    the call (moved to another office) is replaced by the caseworkers of the call's office.
    The message names the call by its number only, never the caller."""

    now = now or timezone.now()
    hours = settings.DEADLINE_REMINDER_HOURS if within_hours is None else within_hours
    horizon = now + dt.timedelta(hours=hours)
    calls = (
        HotlineCall.objects.filter(status__in=HotlineCall.OPEN_STATUSES)
        .filter(
            Q(status=HotlineCall.Status.OPEN, callback_due_at__lt=horizon)
            | Q(result_due_at__lt=horizon)
        )
        .select_related("taken_by", "region")
        .order_by("pk")
    )
    sent = 0
    for call in calls.iterator(chunk_size=500):
        limits = []
        if call.status == HotlineCall.Status.OPEN and call.callback_due_at < horizon:
            limits.append(("callback", call.callback_due_at))
        if call.result_due_at < horizon:
            limits.append(("result", call.result_due_at))
        taker = call.taken_by
        if taker.is_active and user_can_handle_register(taker, call.region, call.office_id):
            recipients = [taker]
        else:
            recipients = _office_staff(call.office_id, Role.CASEWORKER)
        for limit, due_at in limits:
            values = {
                "id": call.pk,
                "due": timezone.localtime(due_at).strftime("%Y-%m-%d %H:%M"),
            }
            if limit == "callback":
                text = (
                    gettext_noop("Hotline call %(id)s: the call-back was due by %(due)s.")
                    if due_at < now
                    else gettext_noop("Hotline call %(id)s: call back by %(due)s.")
                )
            else:
                text = (
                    gettext_noop("Hotline call %(id)s: the result was due by %(due)s.")
                    if due_at < now
                    else gettext_noop("Hotline call %(id)s: a result is due by %(due)s.")
                )
            message = _message(text, values)
            link = reverse("discovery_registers:hotline_detail", args=[call.pk])
            for user in recipients:
                if notify(
                    user,
                    Kind.DEADLINE_REMINDER,
                    message,
                    link,
                    key=f"hotline-{limit}:{call.pk}",
                ):
                    sent += 1
    return Sent(sent)


def supervision_task_reminders_send(*, today: dt.date | None = None):
    """For each open supervision task (督办) past its due date: tell the person it is assigned
    to and the supervisors above its county, once per task and person. An assignee who may no
    longer act in the county is replaced by the caseworkers of the task's office."""

    today = today or timezone.localdate()
    tasks = (
        SupervisionTask.objects.filter(status=SupervisionTask.Status.OPEN, due_on__lt=today)
        .select_related("assigned_to", "warning__region")
        .order_by("due_on", "pk")
    )
    supervisors = _supervisors_by_region_path()
    sent = 0
    for task in tasks.iterator(chunk_size=500):
        region = task.warning.region
        assignee = task.assigned_to
        scope = scope_for(assignee, roles=GOVERNMENT_ROLES)
        if assignee.is_active and not scope.is_empty and scope.covers_region(region):
            owners = [assignee]
        else:
            owners = _office_staff(task.office_id, Role.CASEWORKER)
        values = {"id": task.pk, "due": task.due_on.strftime("%Y-%m-%d")}
        link = reverse("supervision_tasks:supervision_task_detail", args=[task.pk])
        key = f"supervision-task-overdue:{task.pk}"
        for user in owners:
            message = _message(
                gettext_noop("Supervision task %(id)s was due on %(due)s and is not done."),
                values,
            )
            if notify(user, Kind.DEADLINE_REMINDER, message, link, key=key):
                sent += 1
        for user in _supervisors_above(region.path, supervisors):
            message = _message(
                gettext_noop(
                    "Supervision task %(id)s was due on %(due)s and is not done; "
                    "it was escalated to you."
                ),
                values,
            )
            if notify(user, Kind.ESCALATION, message, link, key=key):
                sent += 1
    return Sent(sent)


def visit_digests_send(*, today: dt.date | None = None):
    """One digest a day to each caseworker of an office with routine visits (必到必访) past
    due: how many, with a link to the list. Once per office, caseworker and day."""

    today = today or timezone.localdate()
    counts = (
        VisitSchedule.objects.filter(schedule_overdue_condition(today))
        .values("office_id")
        .annotate(overdue=Count("pk"))
        .order_by("office_id")
    )
    offices = Organisation.objects.in_bulk([row["office_id"] for row in counts])
    link = reverse("discovery_registers:visits_due")
    sent = 0
    for row in counts:
        office = offices[row["office_id"]]
        message = _message(
            gettext_noop("%(office)s: %(count)s routine visits are past due."),
            {"office": office.name, "count": row["overdue"]},
        )
        key = f"visits-due:{office.pk}:{today.isoformat()}"
        for user in _office_staff(office.pk, Role.CASEWORKER):
            if notify(user, Kind.DEADLINE_REMINDER, message, link, key=key):
                sent += 1
    return Sent(sent)
