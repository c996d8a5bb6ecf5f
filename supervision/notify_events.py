"""Notifications of the steps of reports upward and inspections: whoever a step waits for is
told, once per event (the key), in their own language (as needs.notify_events does).
No message names a person in hardship: reports and inspections are named by office and month."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override

from core.jurisdiction import GOVERNMENT_ROLES
from core.models import Membership, Notification
from core.notifications import notify, user_language

Role = Membership.Role
Kind = Notification.Kind


def _send(users: Iterable, kind: str, compose: Callable[[], str], link: str, key: str) -> int:
    sent, seen = 0, set()
    for user in users:
        if user is None or user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        with override(user_language(user)):
            message = compose()
        if notify(user, kind, message, link, key=key):
            sent += 1
    return sent


def office_staff(office_id: int, roles: Iterable[str] = GOVERNMENT_ROLES) -> list:
    return [
        m.user
        for m in Membership.objects.filter(
            organisation_id=office_id, role__in=list(roles), is_active=True, user__is_active=True
        )
        .select_related("user")
        .order_by("user_id")
    ]


def _report_link(report) -> str:
    return reverse("supervision_admin:report_detail", args=[report.pk])


def _report_words(report) -> dict:
    return {"office": report.office.name, "month": report.month.strftime("%Y-%m")}


def report_to_review(report, *, by) -> int:
    """A report was generated: the office's other staff may review it (four eyes)."""
    users = [u for u in office_staff(report.office_id) if u.pk != by.pk]
    return _send(
        users,
        Kind.APPROVAL,
        lambda: (
            _("%(office)s: the monthly report for %(month)s awaits your review.")
            % _report_words(report)
        ),
        _report_link(report),
        f"monthly-report-review:{report.pk}:{report.generated_at.timestamp():.0f}",
    )


def report_submitted(report) -> int:
    """A report was submitted: the staff of the office above acknowledge it."""
    return _send(
        office_staff(report.submitted_to_id),
        Kind.OTHER,
        lambda: (
            _("%(office)s submitted its monthly report for %(month)s: please acknowledge it.")
            % _report_words(report)
        ),
        _report_link(report),
        f"monthly-report-submitted:{report.pk}",
    )


def report_acknowledged(report) -> int:
    return _send(
        [report.submitted_by],
        Kind.OTHER,
        lambda: (
            _("The monthly report of %(office)s for %(month)s was acknowledged.")
            % _report_words(report)
        ),
        _report_link(report),
        f"monthly-report-acknowledged:{report.pk}",
    )


def report_due(office, month, *, due_day: int) -> int:
    """The month's report is not submitted yet and the 28th is near."""
    words = {"office": office.name, "month": month.strftime("%Y-%m"), "day": due_day}
    return _send(
        office_staff(office.pk),
        Kind.DEADLINE_REMINDER,
        lambda: (
            _(
                "%(office)s: the monthly report for %(month)s is due to the office above "
                "by day %(day)s of this month."
            )
            % words
        ),
        reverse("supervision_admin:report_list"),
        f"monthly-report-due:{office.pk}:{month:%Y-%m}",
    )


# ---- inspections ----


def _campaign_link(campaign) -> str:
    return reverse("supervision_admin:inspection_detail", args=[campaign.pk])


def self_inspection_requested(self_inspection) -> int:
    campaign = self_inspection.campaign
    words = {
        "title": campaign.title,
        "due": campaign.self_inspection_due_on.strftime("%Y-%m-%d"),
    }
    return _send(
        office_staff(self_inspection.office_id),
        Kind.DEADLINE_REMINDER,
        lambda: (
            _("Inspection “%(title)s”: your office's self-inspection is due by %(due)s.") % words
        ),
        reverse("supervision_admin:self_inspection_detail", args=[self_inspection.pk]),
        f"self-inspection:{self_inspection.pk}",
    )


def self_inspection_submitted(self_inspection) -> int:
    campaign = self_inspection.campaign
    words = {"title": campaign.title, "office": self_inspection.office.name}
    return _send(
        office_staff(campaign.organiser_id, [Role.SUPERVISOR]),
        Kind.OTHER,
        lambda: _("Inspection “%(title)s”: %(office)s submitted its self-inspection.") % words,
        reverse("supervision_admin:self_inspection_detail", args=[self_inspection.pk]),
        f"self-inspection-submitted:{self_inspection.pk}",
    )


def rectification_assigned(task) -> int:
    words = {"title": task.campaign.title, "due": task.due_on.strftime("%Y-%m-%d")}
    return _send(
        [task.owner],
        Kind.DEADLINE_REMINDER,
        lambda: _("Inspection “%(title)s”: a rectification task is yours, due by %(due)s.") % words,
        _campaign_link(task.campaign) + f"#rectification-{task.pk}",
        f"rectification:{task.pk}",
    )


def rectification_done(task) -> int:
    words = {"title": task.campaign.title, "office": task.office.name}
    return _send(
        [task.created_by],
        Kind.OTHER,
        lambda: _("Inspection “%(title)s”: %(office)s finished a rectification task.") % words,
        _campaign_link(task.campaign) + f"#rectification-{task.pk}",
        f"rectification-done:{task.pk}",
    )
