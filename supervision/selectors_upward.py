"""Jurisdiction-scoped reads of reports upward and inspections (DESIGN.md 7.5).

A report is seen where its office is: by the office's own staff and by everyone whose
jurisdiction covers it (a province sees its counties' reports), auditors everything. An
inspection is seen by those whose jurisdiction covers the organising office or one of the
offices inspected (an inspected county sees the campaign it is part of, not the other
counties' answers: those are read through ``self_inspections_visible_to``).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from core.jurisdiction import scope_filter, scope_for
from supervision.models import (
    InspectionCampaign,
    MonthlyReport,
    RectificationTask,
    SelfInspection,
    SpotCheck,
    SpotCheckCase,
)


def _scoped(queryset: QuerySet, user, *region_fields: str) -> QuerySet:
    scope = scope_for(user)
    if scope.everything:
        return queryset
    condition = Q(pk__in=[])
    for field in region_fields:
        part = scope_filter(scope, region_field=field)
        if part is not None:
            condition |= part
    return queryset.filter(condition)


def reports_visible_to(user, queryset: QuerySet | None = None) -> QuerySet[MonthlyReport]:
    queryset = queryset if queryset is not None else MonthlyReport.objects.all()
    return _scoped(
        queryset.select_related("office__region", "submitted_to", "generated_by", "reviewed_by"),
        user,
        "office__region",
    )


def campaigns_visible_to(user, queryset: QuerySet | None = None) -> QuerySet[InspectionCampaign]:
    queryset = queryset if queryset is not None else InspectionCampaign.objects.all()
    fields = ("organiser__region", "self_inspections__office__region")
    visible = _scoped(InspectionCampaign.objects.all(), user, *fields).values("pk")
    return queryset.filter(pk__in=visible).select_related("organiser")


def self_inspections_visible_to(user, queryset: QuerySet | None = None) -> QuerySet[SelfInspection]:
    queryset = queryset if queryset is not None else SelfInspection.objects.all()
    return _scoped(
        queryset.select_related("campaign__organiser", "office"),
        user,
        "office__region",
        "campaign__organiser__region",
    )


def spot_checks_visible_to(user, queryset: QuerySet | None = None) -> QuerySet[SpotCheck]:
    queryset = queryset if queryset is not None else SpotCheck.objects.all()
    return _scoped(
        queryset.select_related("campaign", "office", "drawn_by"),
        user,
        "office__region",
        "campaign__organiser__region",
    )


def sampled_cases_visible_to(user, queryset: QuerySet | None = None) -> QuerySet[SpotCheckCase]:
    queryset = queryset if queryset is not None else SpotCheckCase.objects.all()
    return _scoped(
        queryset.select_related("spot_check__campaign", "case"),
        user,
        "spot_check__office__region",
        "spot_check__campaign__organiser__region",
    )


def rectifications_visible_to(
    user, queryset: QuerySet | None = None
) -> QuerySet[RectificationTask]:
    queryset = queryset if queryset is not None else RectificationTask.objects.all()
    return _scoped(
        queryset.select_related("campaign", "office", "owner"),
        user,
        "office__region",
        "campaign__organiser__region",
    )
