"""Reads of the active-discovery registers, always through the jurisdiction (DESIGN.md 7.5).

The same rule as cases: government staff see the records of their regions and of their own
offices, auditors and platform administrators all of them, charities and the public nothing.
Visits and routine-visit schedules are also read by a village assistant (协理员, issue 19):
those of the households placed in a grid of their village, and those kept by their own
village committee, never another village's.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet
from django.utils import timezone

from core.jurisdiction import (
    GOVERNMENT_ROLES,
    VILLAGE_ROLES,
    active_memberships,
    scope_filter,
    scope_for,
    visible_to,
)
from core.models import Region
from discovery.models import HotlineCall, ProxyApplication, Visit, VisitSchedule
from needs.models import Household
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


def _visible_with_village(queryset: QuerySet, user) -> QuerySet:
    condition = _register_filter(user)
    if condition is None:
        return queryset
    village = village_filter(user)
    return queryset.filter(condition if village is None else condition | village)


def visits_visible_to(user, queryset: QuerySet[Visit] | None = None):
    return _visible_with_village(Visit.objects.all() if queryset is None else queryset, user)


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
