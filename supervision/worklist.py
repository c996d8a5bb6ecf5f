"""待办 of reports upward and inspections (needs.worklist lists them with the rest):
reports waiting for review or submission in the reader's office, reports sent to it to
acknowledge, last month's report still owed, self-inspections to answer, rectification
tasks the reader owns. Read through the same rules as the screens: one's own offices only.

needs.worklist.base is imported inside the functions: needs.worklist imports this module.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.jurisdiction import GOVERNMENT_ROLES, active_memberships
from core.models import Organisation
from supervision.models import MonthlyReport, RectificationTask, SelfInspection
from supervision.services_reports import DUE_DAY, previous_month
from supervision.worklist_meetings import WORK as MEETING_WORK


def _my_offices(user) -> list[int]:
    return [
        m.organisation_id
        for m in active_memberships(user)
        if m.role in GOVERNMENT_ROLES and m.organisation.is_government
    ]


def _due_day(month: dt.date) -> dt.date:
    """A month's report is due on the 28th of the month after."""
    return (month.replace(day=28) + dt.timedelta(days=4)).replace(day=DUE_DAY)


def monthly_reports(user, *, now=None, limit: int = 8):
    """Reports of the reader's offices waiting for a step there (review by someone other than
    who generated it, submission), and last month's report not yet generated."""
    from needs.worklist.base import NO_DUE, WorkItem, WorkList, _made

    offices = _my_offices(user)
    if not offices:
        return None
    today = timezone.localdate(now)
    waiting = (
        MonthlyReport.objects.filter(office_id__in=offices)
        .filter(
            (Q(status=MonthlyReport.Status.GENERATED) & ~Q(generated_by=user))
            | Q(status=MonthlyReport.Status.REVIEWED)
        )
        .select_related("office")
        .order_by("month", "pk")
    )

    def item(report):
        return WorkItem(
            title=f"{report.office.name} · {report.month:%Y-%m}",
            detail=report.get_status_display(),
            link=reverse("supervision_admin:report_detail", args=[report.pk]),
            due_on=_due_day(report.month),
            overdue=_due_day(report.month) < today,
        )

    made = _made(
        "monthly_reports",
        _("Monthly reports upward"),
        waiting,
        item,
        limit=limit,
        list_link=reverse("supervision_admin:report_list"),
        overdue=NO_DUE,
    )
    month = previous_month(today)
    owed = Organisation.objects.filter(
        pk__in=offices, kind=Organisation.Kind.GOVERNMENT_OFFICE, parent__isnull=False
    ).exclude(monthly_reports__month=month)
    extra = [
        WorkItem(
            title=f"{office.name} · {month:%Y-%m}",
            detail=_("not generated yet"),
            link=reverse("supervision_admin:report_list"),
            due_on=_due_day(month),
            overdue=_due_day(month) < today,
        )
        for office in owed.order_by("name")
    ]
    items = (extra + made.items)[:limit]
    return WorkList(
        kind=made.kind,
        label=made.label,
        count=made.count + len(extra),
        items=items,
        list_link=made.list_link,
        overdue=sum(1 for i in extra if i.overdue),
    )


def reports_to_acknowledge(user, *, now=None, limit: int = 8):
    from needs.worklist.base import NO_DUE, WorkItem, _made

    offices = _my_offices(user)
    if not offices:
        return None
    waiting = (
        MonthlyReport.objects.filter(
            submitted_to_id__in=offices, status=MonthlyReport.Status.SUBMITTED
        )
        .select_related("office")
        .order_by("submitted_at", "pk")
    )
    return _made(
        "reports_to_acknowledge",
        _("Reports received to acknowledge"),
        waiting,
        lambda report: WorkItem(
            title=f"{report.office.name} · {report.month:%Y-%m}",
            detail=_("submitted at %(time)s")
            % {"time": timezone.localtime(report.submitted_at).strftime("%Y-%m-%d %H:%M")},
            link=reverse("supervision_admin:report_detail", args=[report.pk]),
        ),
        limit=limit,
        list_link=reverse("supervision_admin:report_list") + "?status=submitted",
        overdue=NO_DUE,
    )


def self_inspections(user, *, now=None, limit: int = 8):
    from needs.worklist.base import WorkItem, _made

    offices = _my_offices(user)
    if not offices:
        return None
    today = timezone.localdate(now)
    pending = (
        SelfInspection.objects.filter(
            office_id__in=offices,
            status=SelfInspection.Status.PENDING,
            campaign__status="open",
        )
        .select_related("campaign", "office")
        .order_by("campaign__self_inspection_due_on", "pk")
    )
    return _made(
        "self_inspections",
        _("Self-inspections to answer"),
        pending,
        lambda s: WorkItem(
            title=s.campaign.title,
            detail=s.office.name,
            link=reverse("supervision_admin:self_inspection_detail", args=[s.pk]),
            due_on=s.campaign.self_inspection_due_on,
            overdue=s.campaign.self_inspection_due_on < today,
        ),
        limit=limit,
        list_link=reverse("supervision_admin:inspection_list"),
        overdue=Q(campaign__self_inspection_due_on__lt=today),
    )


def rectifications(user, *, now=None, limit: int = 8):
    from needs.worklist.base import WorkItem, _made

    if not _my_offices(user):
        return None
    today = timezone.localdate(now)
    mine = (
        RectificationTask.objects.filter(
            owner=user, status=RectificationTask.Status.OPEN, campaign__status="open"
        )
        .select_related("campaign", "office")
        .order_by("due_on", "pk")
    )
    return _made(
        "rectifications",
        _("Rectification tasks"),
        mine,
        lambda t: WorkItem(
            title=t.campaign.title,
            detail=t.description[:80],
            link=reverse("supervision_admin:inspection_detail", args=[t.campaign_id])
            + f"#rectification-{t.pk}",
            due_on=t.due_on,
            overdue=t.due_on < today,
        ),
        limit=limit,
        list_link=reverse("supervision_admin:inspection_list"),
        overdue=Q(due_on__lt=today),
    )


WORK = (
    monthly_reports,
    reports_to_acknowledge,
    self_inspections,
    rectifications,
    # Joint meetings (supervision.worklist_meetings).
    *MEETING_WORK,
)
