"""The supervision (督查) figures: open work, overdue steps and escalations, how long each
step takes, and whether charities answer referrals in time.

Every figure is a function of the user and the filters, and starts from the jurisdiction
selector (``needs.selectors.cases_visible_to``): a supervisor sees the offices below them,
an auditor everything, nobody anything outside their scope (DESIGN.md 7.5). This app only
reads other apps' tables.

Periods are whole local days (``settings.TIME_ZONE``): a case belongs to the period in which
it was reported, a referral to the period in which it was sent. Durations are measured from
the moment the case was reported.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import (
    Count,
    DateTimeField,
    DurationField,
    F,
    Func,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from core.jurisdiction import READ_EVERYTHING_ROLES, Role, has_role, scope_for, visible_to
from core.models import Organisation
from donors.reports import local_day_bounds
from needs.models import Case, CaseDeadline, Referral, ReliefGrant
from needs.selectors import cases_visible_to, referrals_visible_to

# Who may open the dashboard: supervisors and auditors, and caseworkers for their own
# jurisdiction (the self-check stage, 自查自纠, of seed 004). Exports: supervisors and auditors.
DASHBOARD_ROLES = (Role.SUPERVISOR, Role.CASEWORKER, *READ_EVERYTHING_ROLES)
EXPORT_ROLES = (Role.SUPERVISOR, *READ_EVERYTHING_ROLES)

EFFECTIVE_RELIEF = (ReliefGrant.Status.GRANTED, ReliefGrant.Status.APPROVED)


@dataclass(frozen=True)
class Filters:
    """The dashboard's and the exports' filters: a period of local days and one office."""

    start: dt.date | None = None
    end: dt.date | None = None
    office_id: int | None = None

    def bounds(self) -> tuple[dt.datetime | None, dt.datetime | None]:
        start = local_day_bounds(self.start, self.start)[0] if self.start else None
        end = local_day_bounds(self.end, self.end)[1] if self.end else None
        return start, end

    def as_query(self) -> dict[str, str]:
        """The case list's URL parameters for these filters (needs_admin:case_list)."""
        query = {}
        if self.start:
            query["reported_from"] = self.start.isoformat()
        if self.end:
            query["reported_to"] = self.end.isoformat()
        if self.office_id:
            query["office"] = str(self.office_id)
        return query


def may_see_dashboard(user) -> bool:
    return has_role(user, *DASHBOARD_ROLES)


def may_export(user) -> bool:
    return has_role(user, *EXPORT_ROLES)


def offices_visible_to(user) -> QuerySet[Organisation]:
    """The government offices whose work the user may supervise: those inside their regions
    (all for auditors), for the office filter."""
    offices = Organisation.objects.filter(
        kind__in=(Organisation.Kind.GOVERNMENT_OFFICE, Organisation.Kind.DEPARTMENT)
    ).select_related("region")
    if scope_for(user, roles=DASHBOARD_ROLES).is_empty:
        return offices.none()
    return visible_to(offices, user, region_field="region", roles=DASHBOARD_ROLES).order_by(
        "region__path", "name"
    )


def cases_in_scope(user, filters: Filters) -> QuerySet[Case]:
    """The cases the user may see, reported in the period, of the office if one is chosen."""
    cases = cases_visible_to(user, Case.objects.all())
    start, end = filters.bounds()
    if start:
        cases = cases.filter(reported_at__gte=start)
    if end:
        cases = cases.filter(reported_at__lt=end)
    if filters.office_id:
        cases = cases.filter(responsible_office_id=filters.office_id)
    return cases


def referrals_in_scope(user, filters: Filters) -> QuerySet[Referral]:
    """Referrals of cases the user may see, sent in the period, from the office if chosen."""
    referrals = referrals_visible_to(user, Referral.objects.all()).filter(
        case__in=cases_visible_to(user, Case.objects.all()).values("pk")
    )
    start, end = filters.bounds()
    if start:
        referrals = referrals.filter(requested_at__gte=start)
    if end:
        referrals = referrals.filter(requested_at__lt=end)
    if filters.office_id:
        referrals = referrals.filter(case__responsible_office_id=filters.office_id)
    return referrals


# ---- open work ----


def open_cases_by_status(user, filters: Filters) -> dict[str, int]:
    """Cases not yet closed, counted by their stage (status); every stage present, 0 or more."""
    counts = dict(
        cases_in_scope(user, filters)
        .exclude(status=Case.Status.CLOSED)
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    return {status: counts.get(status, 0) for status in Case.Status.values if status != "closed"}


@dataclass(frozen=True)
class OfficeRow:
    office_id: int
    office: str
    open_cases: int
    overdue_cases: int
    closed_cases: int


def cases_by_office(user, filters: Filters) -> list[OfficeRow]:
    """Open, overdue and closed cases per responsible office."""
    now = timezone.now()
    rows = (
        cases_in_scope(user, filters)
        .order_by()
        .values("responsible_office_id", "responsible_office__name")
        .annotate(
            open_cases=Count("pk", filter=~Q(status=Case.Status.CLOSED)),
            overdue_cases=Count(
                "pk", filter=~Q(status=Case.Status.CLOSED) & Q(next_due_at__lt=now)
            ),
            closed_cases=Count("pk", filter=Q(status=Case.Status.CLOSED)),
        )
        .order_by("responsible_office__name")
    )
    return [
        OfficeRow(
            office_id=row["responsible_office_id"],
            office=row["responsible_office__name"],
            open_cases=row["open_cases"],
            overdue_cases=row["overdue_cases"],
            closed_cases=row["closed_cases"],
        )
        for row in rows
    ]


# ---- overdue and escalated ----


@dataclass(frozen=True)
class OverdueFigures:
    overdue_cases: int  # open cases with a step past its deadline (the case list's "overdue")
    overdue_steps: dict[str, int]  # unmet steps past their deadline, by step
    escalated_open: int  # escalated steps still not done
    escalated_in_period: int  # steps escalated at all, of the period's cases


def overdue_figures(user, filters: Filters) -> OverdueFigures:
    now = timezone.now()
    cases = cases_in_scope(user, filters)
    open_cases = cases.exclude(status=Case.Status.CLOSED)
    deadlines = CaseDeadline.objects.filter(case__in=open_cases.values("pk"))
    by_step = dict(
        deadlines.filter(met_at__isnull=True, due_at__lt=now)
        .order_by()
        .values_list("step")
        .annotate(n=Count("pk"))
    )
    return OverdueFigures(
        overdue_cases=open_cases.filter(next_due_at__lt=now).count(),
        overdue_steps={step: by_step.get(step, 0) for step in CaseDeadline.Step.values},
        escalated_open=deadlines.filter(escalated_at__isnull=False, met_at__isnull=True).count(),
        escalated_in_period=CaseDeadline.objects.filter(
            case__in=cases.values("pk"), escalated_at__isnull=False
        ).count(),
    )


# ---- how long the steps take ----


class Elapsed(Func):
    """``end - start`` as a duration. PostgreSQL subtracts natively; on SQLite Django would call
    a Python function once per row (about a second per 100,000 cases), so there it is
    julianday() arithmetic in the database, to the whole second (microseconds, as SQLite
    stores durations)."""

    arity = 2
    output_field = DurationField()
    template = "(%(expressions)s)"
    arg_joiner = " - "

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            template="(CAST(ROUND((julianday(%(expressions)s)) * 86400) AS INTEGER) * 1000000)",
            arg_joiner=") - julianday(",
            **extra_context,
        )


def median_duration(queryset: QuerySet, elapsed: Elapsed) -> dt.timedelta | None:
    """The median of ``elapsed`` over the rows where it is known, computed by the database on
    SQLite and PostgreSQL alike: count, then read the one or two middle values in order. Two
    queries, and nothing but those one or two values comes back, whatever the number of rows."""
    annotated = queryset.annotate(_duration=elapsed).filter(_duration__isnull=False)
    count = annotated.count()
    if not count:
        return None
    middle = (count - 1) // 2
    wanted = 1 if count % 2 else 2
    values = list(
        annotated.order_by("_duration", "pk").values_list("_duration", flat=True)[
            middle : middle + wanted
        ]
    )
    values = [_as_timedelta(v) for v in values]
    return sum(values, dt.timedelta()) / len(values)


def _as_timedelta(value) -> dt.timedelta:
    # Durations come back as timedelta; a bare number would be microseconds.
    if isinstance(value, dt.timedelta):
        return value
    return dt.timedelta(microseconds=int(value))


def _first(model_queryset, field: str):
    return Subquery(
        model_queryset.filter(case=OuterRef("pk")).order_by(field).values(field)[:1],
        output_field=DateTimeField(),
    )


@dataclass(frozen=True)
class Medians:
    to_accept: dt.timedelta | None
    to_relieve: dt.timedelta | None
    to_refer: dt.timedelta | None
    to_close: dt.timedelta | None


def median_times(user, filters: Filters) -> Medians:
    """Median time from report to acceptance, to the first effective relief, to the first
    referral and to closing, over the period's cases that reached that step."""
    cases = cases_in_scope(user, filters).order_by()
    # Relief takes effect when granted, or, above the ceiling (一事一议), when approved.
    first_relief = _first(
        ReliefGrant.objects.filter(status__in=EFFECTIVE_RELIEF).annotate(
            effective_at=Coalesce("decided_at", "granted_at")
        ),
        "effective_at",
    )
    first_referral = _first(Referral.objects.all(), "requested_at")
    return Medians(
        to_accept=median_duration(cases, Elapsed("accepted_at", "reported_at")),
        to_relieve=median_duration(
            cases.annotate(first_relief_at=first_relief),
            Elapsed("first_relief_at", "reported_at"),
        ),
        to_refer=median_duration(
            cases.annotate(first_referral_at=first_referral),
            Elapsed("first_referral_at", "reported_at"),
        ),
        to_close=median_duration(
            cases.filter(status=Case.Status.CLOSED), Elapsed("closed_at", "reported_at")
        ),
    )


# ---- referral answers by charity ----


@dataclass(frozen=True)
class AnswerRow:
    organisation_id: int
    organisation: str
    sent: int
    in_time: int  # answered before the answer was due
    late: int  # answered after it was due
    unanswered_overdue: int  # not answered and past due (expired ones included)
    waiting: int  # not answered, still within its time

    @property
    def in_time_share(self) -> int | None:
        """Answered in time, in whole percent of those whose time is up."""
        decided = self.in_time + self.late + self.unanswered_overdue
        return round(100 * self.in_time / decided) if decided else None


def referral_list_query(filters: Filters, organisation_id: int) -> dict[str, str]:
    """The referral list's URL parameters (needs_admin:referral_list) for one charity's row of
    referral_answers_by_charity: the same period (sent) and office as the count."""
    query = {"to": str(organisation_id)}
    if filters.start:
        query["sent_from"] = filters.start.isoformat()
    if filters.end:
        query["sent_to"] = filters.end.isoformat()
    if filters.office_id:
        query["office"] = str(filters.office_id)
    return query


def referral_answers_by_charity(user, filters: Filters) -> list[AnswerRow]:
    now = timezone.now()
    answered = Q(answered_at__isnull=False)
    unanswered = Q(answered_at__isnull=True) & ~Q(status=Referral.Status.CANCELLED)
    rows = (
        referrals_in_scope(user, filters)
        .order_by()
        .values("to_organisation_id", "to_organisation__name")
        .annotate(
            sent=Count("pk"),
            in_time=Count("pk", filter=answered & Q(answered_at__lte=F("answer_due_at"))),
            late=Count("pk", filter=answered & Q(answered_at__gt=F("answer_due_at"))),
            unanswered_overdue=Count("pk", filter=unanswered & Q(answer_due_at__lt=now)),
            waiting=Count("pk", filter=unanswered & Q(answer_due_at__gte=now)),
        )
        .order_by("to_organisation__name")
    )
    return [
        AnswerRow(
            organisation_id=row["to_organisation_id"],
            organisation=row["to_organisation__name"],
            sent=row["sent"],
            in_time=row["in_time"],
            late=row["late"],
            unanswered_overdue=row["unanswered_overdue"],
            waiting=row["waiting"],
        )
        for row in rows
    ]


# ---- risk warnings ----


def risk_warnings_by_disposition(user, filters: Filters) -> list[dict]:
    """The data cross-checks' risk warnings raised in the period (for the office), by
    disposition, the ones not yet disposed of first; each with its drill-down query."""
    from discovery.models import RiskWarning
    from discovery.selectors_crosscheck import risk_warnings_visible_to

    warnings = risk_warnings_visible_to(user)
    start, end = filters.bounds()
    if start:
        warnings = warnings.filter(created_at__gte=start)
    if end:
        warnings = warnings.filter(created_at__lt=end)
    if filters.office_id:
        warnings = warnings.filter(office_id=filters.office_id)
    counts = dict(
        warnings.order_by()
        .values_list("disposition")
        .annotate(n=Count("id"))
        .values_list("disposition", "n")
    )
    # The drill-down carries the same period and office as the count (the warning list).
    office = {"office": str(filters.office_id)} if filters.office_id else {}
    if filters.start:
        office["raised_from"] = filters.start.isoformat()
    if filters.end:
        office["raised_to"] = filters.end.isoformat()
    rows = [
        {
            "label": _("not yet disposed of"),
            "count": counts.get("", 0),
            "query": {"show": "open", **office},
        }
    ]
    rows += [
        {
            "label": label,
            "count": counts.get(value, 0),
            "query": {"show": "all", "disposition": value, **office},
        }
        for value, label in RiskWarning.Disposition.choices
    ]
    return rows
