"""What the public sees of a report or an application by its tracking code: the stage in plain
words, when it was received, what happens next and by when, and the office to call. Never
anything about the person: no name, phone, place below the county, or what happened.

One look-up for both kinds of code, so the code box on the home page, the report page and
the apply page answers whichever code a person kept.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.models import Organisation
from core.tracking import is_tracking_code, tracking_code_normalize
from core.workdays import time_limit_days
from discovery.models import PublicReport
from needs.models import Case, CaseDeadline, OnlineApplication, ReliefGrant

Status = Case.Status

# The stages every case passes, as the status page shows them in a row.
CASE_STEPS = [
    gettext_lazy("Received"),
    gettext_lazy("Accepted"),
    gettext_lazy("Being checked"),
    gettext_lazy("Relief given"),
    gettext_lazy("Finished"),
]
# How far a case has come (an index of CASE_STEPS) and the sentence for it.
CASE_STAGE = {
    Status.REPORTED: (0, gettext_lazy("Received: waiting for the office to accept it")),
    Status.ACCEPTED: (2, gettext_lazy("Accepted: the office is checking the situation")),
    Status.ASSESSED: (2, gettext_lazy("Checked: the office is deciding on relief")),
    Status.RELIEVED: (3, gettext_lazy("Relief given")),
    Status.REFERRED: (
        3,
        gettext_lazy("Relief given, and passed on to a charity or department for more help"),
    ),
    Status.CLOSED: (4, gettext_lazy("Finished")),
}
CASE_NEXT = {
    Status.REPORTED: gettext_lazy(
        "A caseworker of the office accepts it (受理) and calls you to hear more."
    ),
    Status.ACCEPTED: gettext_lazy(
        "A caseworker checks the situation, by phone or by a visit, and decides what help fits."
    ),
    Status.ASSESSED: gettext_lazy("The office decides on temporary relief and tells you."),
    Status.RELIEVED: gettext_lazy(
        "If the relief does not cover the need, the office looks for more help, such as a "
        "charity project."
    ),
    Status.REFERRED: gettext_lazy(
        "A charity or department takes it up; the office follows it until it is done."
    ),
    Status.CLOSED: gettext_lazy(
        "Nothing more is done. If the situation changes, apply again or call the office."
    ),
}
REPORT_STEPS = [gettext_lazy("Received"), gettext_lazy("Being handled"), gettext_lazy("Finished")]
REPORT_STAGE = {
    PublicReport.Status.RECEIVED: (0, gettext_lazy("Received: waiting for the office")),
    PublicReport.Status.HANDLING: (1, gettext_lazy("Being handled by the office")),
    PublicReport.Status.CLOSED: (2, gettext_lazy("Finished")),
}


@dataclass
class Tracked:
    """A report or an application as its sender may see it."""

    code: str
    kind: str  # "application" or "report"
    received_on: dt.date
    stage: str
    steps: list[dict] = field(default_factory=list)
    next_step: str = ""
    office_name: str = ""
    office_phone: str = ""
    accept_by: dt.date | None = None
    accept_days: int | None = None


def _steps(labels, reached: int, *, skipped: frozenset[int] = frozenset()) -> list[dict]:
    return [
        {
            "label": str(label),
            "state": "skipped"
            if index in skipped
            else "done"
            if index < reached
            else "current"
            if index == reached
            else "todo",
        }
        for index, label in enumerate(labels)
    ]


def _office(tracked: Tracked, office: Organisation | None) -> None:
    if office is not None:
        tracked.office_name, tracked.office_phone = office.name, office.public_phone


def _from_case(tracked: Tracked, case: Case) -> None:
    reached, stage = CASE_STAGE[case.status]
    skipped = frozenset()
    if case.status == Status.CLOSED and not case.relief_grants.filter(
        status__in=[ReliefGrant.Status.GRANTED, ReliefGrant.Status.APPROVED]
    ):
        skipped = frozenset({3})  # closed without relief: never show relief that was not given
    tracked.stage = str(stage)
    tracked.steps = _steps(CASE_STEPS, reached, skipped=skipped)
    tracked.next_step = str(CASE_NEXT[case.status])
    _office(tracked, case.responsible_office)
    if case.status == Status.REPORTED:
        due = (
            case.deadlines.filter(step=CaseDeadline.Step.ACCEPT, met_at__isnull=True)
            .order_by("due_at")
            .values_list("due_at", flat=True)
            .first()
        )
        tracked.accept_by = timezone.localtime(due).date() if due else None
        tracked.accept_days = time_limit_days(case.responsible_office, "accept")


def tracked_by_code(typed: str) -> Tracked | None:
    """The report or application with this code, as its sender may see it; None for a code
    that is unknown or not even well formed (the same None: codes cannot be probed)."""
    code = tracking_code_normalize(typed)
    # Both look-ups run for every code, well formed or not, so neither the answer nor the
    # time it takes tells a malformed code from an unknown one.
    application = (
        OnlineApplication.objects.select_related("case__responsible_office")
        .filter(tracking_code=code)
        .first()
    )
    report = (
        PublicReport.objects.select_related("office", "case__responsible_office")
        .filter(tracking_code=code)
        .first()
    )
    if not is_tracking_code(code):
        return None
    if application is not None:
        case = application.case
        tracked = Tracked(
            code=code,
            kind="application",
            received_on=timezone.localtime(application.applied_at).date(),
            stage="",
        )
        _from_case(tracked, case)
        return tracked
    if report is not None:
        tracked = Tracked(
            code=code,
            kind="report",
            received_on=timezone.localtime(report.created_at).date(),
            stage="",
        )
        if report.case_id:
            _from_case(tracked, report.case)
            tracked.accept_by = tracked.accept_days = None
        else:
            reached, stage = REPORT_STAGE[report.status]
            tracked.stage, tracked.steps = str(stage), _steps(REPORT_STEPS, reached)
            tracked.next_step = (
                _("The office checks the report and, if the person needs help, contacts them.")
                if report.status != PublicReport.Status.CLOSED
                else ""
            )
            _office(tracked, report.office)
        return tracked
    return None
