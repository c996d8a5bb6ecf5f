"""Filters of the petition register and the concentrated surveys' API lists."""

from __future__ import annotations

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.filtersets import BoundedIsoDateTimeFilter, ReachChoiceFilter, RegionCodeFilter
from core.selectors import offices_visible_to, users_visible_to
from discovery.models import Petition, Survey, SurveyAssignment
from discovery.selectors_petitions import surveys_visible_to


class PetitionFilterSet(django_filters.FilterSet):
    within = RegionCodeFilter()
    office = ReachChoiceFilter(offices_visible_to)
    overdue = django_filters.BooleanFilter(method="filter_overdue", label=_("past a time limit"))
    received_after = BoundedIsoDateTimeFilter(field_name="received_at", lookup_expr="gte")
    received_before = BoundedIsoDateTimeFilter(field_name="received_at", lookup_expr="lt")
    has_case = django_filters.BooleanFilter(
        field_name="case", lookup_expr="isnull", exclude=True, label=_("became a case")
    )

    class Meta:
        model = Petition
        fields = ["status", "form", "office", "within", "overdue"]

    def filter_overdue(self, queryset, name, value):
        from discovery.selectors_petitions import petition_overdue_condition

        overdue = petition_overdue_condition(timezone.now())
        return queryset.filter(overdue) if value else queryset.exclude(overdue)


class SurveyFilterSet(django_filters.FilterSet):
    within = RegionCodeFilter()
    office = ReachChoiceFilter(offices_visible_to)

    class Meta:
        model = Survey
        fields = ["status", "reason", "office", "within"]


class PetitionAdminFilterSet(PetitionFilterSet):
    """The register's filters in the back office: the API's, with the receiving dates as
    local days (the supervision dashboard's drill-down names the office: ``?office=``)."""

    received_after = None
    received_before = None
    received_from = django_filters.DateFilter(
        field_name="received_at", lookup_expr="date__gte", label=_("received on or after")
    )
    received_to = django_filters.DateFilter(
        field_name="received_at", lookup_expr="date__lte", label=_("received on or before")
    )

    class Meta(PetitionFilterSet.Meta):
        fields = [
            "status",
            "form",
            "office",
            "within",
            "overdue",
            "has_case",
            "received_from",
            "received_to",
        ]


class SurveyAssignmentFilterSet(django_filters.FilterSet):
    survey = ReachChoiceFilter(surveys_visible_to)
    visitor = ReachChoiceFilter(users_visible_to)
    has_case = django_filters.BooleanFilter(
        field_name="case", lookup_expr="isnull", exclude=True, label=_("became a case")
    )

    class Meta:
        model = SurveyAssignment
        fields = ["survey", "status", "visitor", "needs_help"]
