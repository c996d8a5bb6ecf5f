"""The periodic notifications of supervision: reminders before a deadline, escalations to the
supervisors, and the quarterly call to charities to publish their project disclosures.

Each is safe to run as often as you like: every notification carries a key, and
``core.notifications.notify`` sends a key to a person once. Messages name a case by its
number only (DESIGN.md 7.1).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from core.models import Membership, Notification, Organisation
from core.notifications import notify
from needs.models import Case, CaseDeadline

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
