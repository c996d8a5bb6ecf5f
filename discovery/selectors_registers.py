"""Reads of the active-discovery registers, always through the jurisdiction (DESIGN.md 7.5).

The same rule as cases: government staff see the records of their regions and of their own
offices, auditors and platform administrators all of them, charities and the public nothing.
Visits and routine-visit schedules are also read by a village assistant (协理员, issue 19):
those of the households placed in a grid of their village, and those kept by their own
village committee, never another village's; and by a township (street) office's staff: those
of the households placed in a grid of their township's villages, though filed under the county.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from core.jurisdiction import (
    GOVERNMENT_ROLES,
    VILLAGE_ROLES,
    Role,
    Scope,
    active_memberships,
    scope_filter,
    scope_for,
    visible_to,
)
from core.models import Region
from discovery.models import HotlineCall, ProxyApplication, Visit, VisitSchedule
from needs.models import Case, Household
from needs.selectors import CASE_READERS, _government_office_ids, cases_visible_to

# What a hotline call's page shows of the caller; recorded with each read (DESIGN.md 7.1).
CALLER_FIELDS_SHOWN = ["caller_name", "caller_phone", "callback_phone", "need"]
# What a visit's page shows: what the visitor saw in the home (health, living conditions).
VISIT_FIELDS_SHOWN = ["observations", "visitor_name"]
# Who reads and who records visits: the case readers and the village assistants.
VISIT_READERS = (*CASE_READERS, *VILLAGE_ROLES)
VISIT_RECORDERS = (*GOVERNMENT_ROLES, *VILLAGE_ROLES)


def _register_filter(user) -> Q | None:
    """Q for the register rows ``user`` may see (``region`` and ``office`` fields), None: all."""
    scope = scope_for(user, roles=CASE_READERS)
    condition = scope_filter(scope, region_field="region")
    if condition is None:
        return None
    offices = _government_office_ids(user, outside=scope)
    return condition | Q(office_id__in=offices) if offices else condition


def _visible(queryset: QuerySet, user) -> QuerySet:
    condition = _register_filter(user)
    return queryset if condition is None else queryset.filter(condition)


def hotline_calls_visible_to(user, queryset: QuerySet[HotlineCall] | None = None):
    return _visible(HotlineCall.objects.all() if queryset is None else queryset, user)


def village_committee_ids(user) -> list[int]:
    """The village committees (村(居)委会) where ``user`` is the village assistant: government
    offices whose region is a village, as core.jurisdiction counts them."""
    return [
        m.organisation_id
        for m in active_memberships(user)
        if m.role in VILLAGE_ROLES
        and m.organisation.is_government
        and m.organisation.region.level == Region.Level.VILLAGE
    ]


def village_filter(user, *, household_field: str = "household") -> Q | None:
    """Q for the visit rows of a village assistant's village: the household is placed in a
    grid of their village, or the row is kept by their committee. None: not an assistant.

    A household's region is its county; only its grid (GridHousehold → Grid.region) says which
    village it lives in, so the assistant's village is matched through the grid."""
    committees = village_committee_ids(user)
    if not committees:
        return None
    in_grid = scope_filter(
        scope_for(user, roles=VILLAGE_ROLES),
        region_field=f"{household_field}__grid_assignment__grid__region",
    )
    return in_grid | Q(office_id__in=committees)


def placed_within_filter(user, *, household_field: str = "household") -> Q | None:
    """Q for the rows of households placed in a grid inside the government reader's regions;
    None: no such regions. A household's region is its county, so a visit is filed under the
    county even when a township (street) office covers the village; the grid says where the
    household lives, and a township's caseworkers see the visits to its villages' households
    (never a neighbouring township's), as they see its grids."""
    scope = scope_for(user, roles=CASE_READERS)
    if scope.everything:
        return None
    # Only the reader's regions below the county add anything (a county or a city already
    # covers the rows' own region): the others would cost every list a join for nothing.
    below_county = [
        m.organisation.region.path
        for m in active_memberships(user)
        if m.role in GOVERNMENT_ROLES
        and m.organisation.is_government
        and m.organisation.region.level > Region.Level.COUNTY
        and m.organisation.region.path in scope.region_paths
    ]
    if not below_county:
        return None
    return scope_filter(
        Scope(region_paths=tuple(below_county)),
        region_field=f"{household_field}__grid_assignment__grid__region",
    )


def _visible_with_village(queryset: QuerySet, user, *extra: Q) -> QuerySet:
    condition = _register_filter(user)
    if condition is None:
        return queryset
    for more in (village_filter(user), placed_within_filter(user), *extra):
        if more is not None:
            condition |= more
    return queryset.filter(condition)


def visits_visible_to(user, queryset: QuerySet[Visit] | None = None):
    """The visits of the reader's jurisdiction and offices, of the households placed in their
    regions' (or their village's) grids, and those whose call for help waits on their office."""
    queryset = Visit.objects.all() if queryset is None else queryset
    offices = _government_office_ids(user)
    help_offices = Q(help_office_id__in=offices) if offices else None
    return _visible_with_village(queryset, user, *([help_offices] if help_offices else []))


def visit_schedules_visible_to(user, queryset: QuerySet[VisitSchedule] | None = None):
    queryset = VisitSchedule.objects.all() if queryset is None else queryset
    return _visible_with_village(queryset, user)


def households_to_visit(user) -> QuerySet[Household]:
    """The households on record ``user`` may record a visit to: those of their government
    jurisdiction, and for a village assistant those placed in a grid of their village."""
    households = Household.objects.all()
    government = visible_to(households, user, region_field="region", roles=GOVERNMENT_ROLES)
    if not village_committee_ids(user):
        return government
    in_village = scope_filter(
        scope_for(user, roles=VILLAGE_ROLES), region_field="grid_assignment__grid__region"
    )
    return households.filter(Q(pk__in=government.values("pk")) | in_village)


def proxy_applications_visible_to(user, queryset: QuerySet[ProxyApplication] | None = None):
    queryset = ProxyApplication.objects.all() if queryset is None else queryset
    return queryset.filter(case__in=cases_visible_to(user).values("pk"))


def hotline_overdue_condition(now: dt.datetime) -> Q:
    """Not called back by the call-back deadline, or no result by the result deadline."""
    return Q(status=HotlineCall.Status.OPEN, callback_due_at__lt=now) | Q(
        status__in=HotlineCall.OPEN_STATUSES, result_due_at__lt=now
    )


def hotline_calls_overdue(user, *, now: dt.datetime | None = None) -> QuerySet[HotlineCall]:
    """The calls in ``user``'s jurisdiction past one of their time limits (限时办结)."""
    now = now or timezone.now()
    return hotline_calls_visible_to(user).filter(hotline_overdue_condition(now))


def schedule_overdue_condition(today: dt.date) -> Q:
    return Q(is_active=True, next_due_on__lt=today)


def visit_schedules_overdue(user, *, today: dt.date | None = None) -> QuerySet[VisitSchedule]:
    """Key-group households in ``user``'s jurisdiction whose routine visit is past due."""
    today = today or timezone.localdate()
    return visit_schedules_visible_to(user).filter(schedule_overdue_condition(today))


def help_waiting_condition() -> Q:
    """A visit that found a household needing help now, on which nobody has acted yet: no
    case made of the visit or reported for the household since, and not marked dealt with."""
    later_case = Case.objects.filter(
        household=OuterRef("household"), reported_at__gte=OuterRef("recorded_at")
    )
    return Q(needs_help=True, case__isnull=True, help_dealt_with_at__isnull=True) & ~Exists(
        later_case
    )


def visit_help_waiting(visit: Visit) -> bool:
    """Whether the visit's call for help still waits for someone to act on it."""
    return visit.needs_help and Visit.objects.filter(help_waiting_condition(), pk=visit.pk).exists()


def visits_waiting_for_help(user) -> QuerySet[Visit]:
    """The calls for help from visits (需要立即救助) that wait on the caseworker's offices,
    oldest first."""
    offices = [
        m.organisation_id
        for m in active_memberships(user)
        if m.role == Role.CASEWORKER and m.organisation.is_government
    ]
    return (
        Visit.objects.filter(help_waiting_condition(), help_office_id__in=offices)
        .select_related("region", "help_office")
        .order_by("recorded_at", "pk")
    )


def user_can_act_on_help(user, visit: Visit) -> bool:
    """Whether ``user`` may answer a visit's call for help: a caseworker or supervisor who may
    handle the visit (their jurisdiction covers its county, or their office keeps it), or one
    of the office the call was sent to (a township office for its village)."""
    if user_can_handle_register(user, visit.region, visit.office_id):
        return True
    return visit.help_office_id is not None and visit.help_office_id in _government_office_ids(user)


def user_can_handle_register(user, region: Region, office_id: int) -> bool:
    """Whether ``user`` may act on a register row of ``region`` kept by office ``office_id``:
    a caseworker or supervisor whose jurisdiction covers the region, or of that office."""
    scope = scope_for(user, roles=GOVERNMENT_ROLES)
    if not scope.is_empty and scope.covers_region(region):
        return True
    return office_id in _government_office_ids(user)


def case_origin(case) -> dict | None:
    """The register entry a case came from (a hotline call, a visit, a proxy application, a
    petition or a concentrated survey's finding),
    as ``{"kind", "pk", "on"}``, for the case page's link back; None for other channels."""
    call = HotlineCall.objects.filter(case=case).values("pk", "received_at").first()
    if call:
        return {"kind": "hotline", "pk": call["pk"], "on": call["received_at"]}
    visit = Visit.objects.filter(case=case).values("pk", "visited_on").first()
    if visit:
        return {"kind": "visit", "pk": visit["pk"], "on": visit["visited_on"]}
    proxy = ProxyApplication.objects.filter(case=case).first()
    if proxy:
        return {"kind": "proxy", "pk": proxy.pk, "reason": proxy.get_reason_display()}
    from discovery.models import Petition, SurveyAssignment

    petition = Petition.objects.filter(case=case).values("pk", "received_at").first()
    if petition:
        return {"kind": "petition", "pk": petition["pk"], "on": petition["received_at"]}
    finding = SurveyAssignment.objects.filter(case=case).values("survey_id", "visited_on").first()
    if finding:
        return {"kind": "survey", "pk": finding["survey_id"], "on": finding["visited_on"]}
    return None
