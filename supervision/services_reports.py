"""Reports upward (issue 20 item 5): one function per step, each checking its rule and writing
the change with its audit event in one transaction (DESIGN.md 7.3).

generate → review (a second person) → submit to the office above → acknowledge there.
The figures are computed when the report is generated (supervision.monthly_report); a report
still awaiting review may be generated again, which replaces them.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.jurisdiction import GOVERNMENT_ROLES, active_memberships, scope_for
from core.models import Organisation
from needs.services.rules import lock, refuse
from supervision import notify_events
from supervision.models import MonthlyReport
from supervision.monthly_report import month_last_day, report_figures

Status = MonthlyReport.Status
# The report of a month is due by this day of the following month (seed 004: 每月28日前上报).
DUE_DAY = 28
# Reminders start this many days before the due day.
REMIND_DAYS_BEFORE = 7
# No office reported on this platform before it existed; an earlier year is a typing error.
EARLIEST_YEAR = 2000


def is_government_member(user, office: Organisation | int) -> bool:
    office_id = getattr(office, "pk", office)
    return any(
        m.organisation_id == office_id and m.role in GOVERNMENT_ROLES
        for m in active_memberships(user)
    )


def _require_member(user, office: Organisation, message: str) -> None:
    if not is_government_member(user, office):
        raise PermissionDenied(message)


def _require_status(report: MonthlyReport, status: str) -> None:
    if report.status != status:
        refuse(
            None,
            _("This report is “%(status)s”: the step is not possible now.")
            % {"status": report.get_status_display()},
            "wrong_status",
        )


def report_month(month: dt.date) -> dt.date:
    return month.replace(day=1)


@transaction.atomic
def monthly_report_generate(
    *, by, office: Organisation, month: dt.date, today: dt.date | None = None
) -> MonthlyReport:
    """Compute the office's report for ``month`` from the live tables. Only a month that has
    ended may be reported on; a report already reviewed is not generated again."""
    today = today or timezone.localdate()
    _require_member(by, office, _("Only the office's own staff generate its monthly report."))
    if office.kind != Organisation.Kind.GOVERNMENT_OFFICE or not office.is_active:
        refuse("office", _("Monthly reports are made by active government offices."), "office")
    month = report_month(month)
    if month.year < EARLIEST_YEAR:
        refuse(
            "month",
            _("Reports start with the year %(year)s.") % {"year": EARLIEST_YEAR},
            "too_early",
        )
    if month_last_day(month) >= today:
        refuse(
            "month",
            _("The month %(month)s has not ended yet: report on it from %(day)s.")
            % {
                "month": month.strftime("%Y-%m"),
                "day": (month_last_day(month) + dt.timedelta(days=1)).strftime("%Y-%m-%d"),
            },
            "period_not_ended",
        )
    existing = MonthlyReport.objects.select_for_update().filter(office=office, month=month).first()
    if existing is not None and existing.status != Status.GENERATED:
        refuse(
            "month",
            _("The report for %(month)s was already reviewed; it cannot be generated again.")
            % {"month": month.strftime("%Y-%m")},
            "already_reviewed",
        )
    figures = report_figures(office, month)
    now = timezone.now()
    if existing is None:
        report = MonthlyReport.objects.create(
            office=office, month=month, figures=figures, generated_by=by, generated_at=now
        )
        action = "monthly_report.generate"
    else:
        report = existing
        report.figures, report.generated_by, report.generated_at = figures, by, now
        report.save(update_fields=["figures", "generated_by", "generated_at"])
        action = "monthly_report.regenerate"
    audit_record(
        actor=by,
        action=action,
        obj=report,
        changes={"office": office.pk, "month": month.strftime("%Y-%m")},
    )
    notify_events.report_to_review(report, by=by)
    return report


def may_review(user, report: MonthlyReport) -> bool:
    """The office's own staff or a supervisor above it, but never who generated it."""
    if user.pk == report.generated_by_id:
        return False
    if is_government_member(user, report.office):
        return True
    from core.jurisdiction import Role

    return scope_for(user, roles=[Role.SUPERVISOR]).covers_region(report.office.region)


@transaction.atomic
def monthly_report_review(*, by, report: MonthlyReport, note: str = "") -> MonthlyReport:
    """A second person reviews the figures before they leave the office (four eyes)."""
    report = lock(report)
    if by.pk == report.generated_by_id:
        raise PermissionDenied(_("Whoever generated a report may not review it too."))
    if not may_review(by, report):
        raise PermissionDenied(_("Only the office's staff or a supervisor above it review."))
    _require_status(report, Status.GENERATED)
    report.status = Status.REVIEWED
    report.reviewed_by, report.reviewed_at, report.review_note = by, timezone.now(), note
    report.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_note"])
    audit_record(
        actor=by,
        action="monthly_report.review",
        obj=report,
        changes={"status": (Status.GENERATED, Status.REVIEWED)},
    )
    return report


@transaction.atomic
def monthly_report_submit(*, by, report: MonthlyReport) -> MonthlyReport:
    """Send the reviewed report to the office above (the office's parent organisation)."""
    report = lock(report)
    _require_member(by, report.office, _("Only the office's own staff submit its report."))
    _require_status(report, Status.REVIEWED)
    parent = report.office.parent
    if parent is None or not parent.is_active or not parent.is_government:
        refuse(
            None,
            _("%(office)s has no office above it to report to: set its parent organisation.")
            % {"office": report.office.name},
            "no_office_above",
        )
    report.status = Status.SUBMITTED
    report.submitted_to, report.submitted_by, report.submitted_at = parent, by, timezone.now()
    report.save(update_fields=["status", "submitted_to", "submitted_by", "submitted_at"])
    audit_record(
        actor=by,
        action="monthly_report.submit",
        obj=report,
        changes={"status": (Status.REVIEWED, Status.SUBMITTED), "submitted_to": parent.pk},
    )
    notify_events.report_submitted(report)
    return report


@transaction.atomic
def monthly_report_acknowledge(*, by, report: MonthlyReport, note: str = "") -> MonthlyReport:
    """The office above confirms it received the report."""
    report = lock(report)
    if report.submitted_to_id is None or not is_government_member(by, report.submitted_to_id):
        raise PermissionDenied(_("Only the staff of the office it was sent to acknowledge it."))
    _require_status(report, Status.SUBMITTED)
    report.status = Status.ACKNOWLEDGED
    report.acknowledged_by, report.acknowledged_at = by, timezone.now()
    report.acknowledgement_note = note
    report.save(
        update_fields=["status", "acknowledged_by", "acknowledged_at", "acknowledgement_note"]
    )
    audit_record(
        actor=by,
        action="monthly_report.acknowledge",
        obj=report,
        changes={"status": (Status.SUBMITTED, Status.ACKNOWLEDGED)},
    )
    notify_events.report_acknowledged(report)
    return report


def previous_month(today: dt.date) -> dt.date:
    return (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)


def offices_reporting_upward():
    """Active government offices with an office above them: those that owe a report."""
    return Organisation.objects.filter(
        kind=Organisation.Kind.GOVERNMENT_OFFICE, is_active=True, parent__isnull=False
    ).order_by("pk")


def monthly_report_reminders_send(*, today: dt.date | None = None) -> int:
    """From a week before the 28th until the 28th, remind each office that owes last month's
    report and has not submitted it; once per office and month (the notification's key)."""
    today = today or timezone.localdate()
    if not (DUE_DAY - REMIND_DAYS_BEFORE <= today.day <= DUE_DAY):
        return 0
    month = previous_month(today)
    done = set(
        MonthlyReport.objects.filter(
            month=month, status__in=(Status.SUBMITTED, Status.ACKNOWLEDGED)
        ).values_list("office_id", flat=True)
    )
    sent = 0
    for office in offices_reporting_upward():
        if office.pk not in done:
            sent += notify_events.report_due(office, month, due_day=DUE_DAY)
    return sent
