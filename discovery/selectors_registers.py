"""Reads of the active-discovery registers, always through the jurisdiction (DESIGN.md 7.5).

The same rule as cases: government staff see the records of their regions and of their own
offices, auditors and platform administrators all of them, charities and the public nothing.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet
from django.utils import timezone

from core.jurisdiction import GOVERNMENT_ROLES, scope_filter, scope_for
from core.models import Region
from discovery.models import HotlineCall, ProxyApplication, Visit, VisitSchedule
from needs.selectors import CASE_READERS, _government_office_ids, cases_visible_to

# What a hotline call's page shows of the caller; recorded with each read (DESIGN.md 7.1).
CALLER_FIELDS_SHOWN = ["caller_name", "caller_phone", "callback_phone", "need"]
# What a visit's page shows: what the visitor saw in the home (health, living conditions).
VISIT_FIELDS_SHOWN = ["observations", "visitor_name"]


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


def visits_visible_to(user, queryset: QuerySet[Visit] | None = None):
    return _visible(Visit.objects.all() if queryset is None else queryset, user)


def visit_schedules_visible_to(user, queryset: QuerySet[VisitSchedule] | None = None):
    return _visible(VisitSchedule.objects.all() if queryset is None else queryset, user)


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
