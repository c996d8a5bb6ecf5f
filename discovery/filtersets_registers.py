"""Filters of the discovery registers' API lists: hotline calls, visits, routine-visit
schedules and risk warnings."""

from __future__ import annotations

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.filtersets import (
    BoundedIsoDateTimeFilter,
    PeriodDateFilter,
    ReachChoiceFilter,
    RegionCodeFilter,
)
from core.selectors import offices_visible_to
from discovery.models import CrossCheckImport, HotlineCall, RiskWarning, Visit, VisitSchedule
from discovery.selectors_crosscheck import crosscheck_imports_visible_to
from needs.models.households import KEY_GROUPS
from needs.selectors import households_visible_to


class HotlineCallFilterSet(django_filters.FilterSet):
    within = RegionCodeFilter()
    office = ReachChoiceFilter(offices_visible_to)
    overdue = django_filters.BooleanFilter(method="filter_overdue", label=_("past a time limit"))
    received_after = BoundedIsoDateTimeFilter(field_name="received_at", lookup_expr="gte")
    received_before = BoundedIsoDateTimeFilter(field_name="received_at", lookup_expr="lt")

    class Meta:
        model = HotlineCall
        fields = ["status", "topic", "office", "within", "overdue"]

    def filter_overdue(self, queryset, name, value):
        from discovery.selectors_registers import hotline_overdue_condition

        overdue = hotline_overdue_condition(timezone.now())
        return queryset.filter(overdue) if value else queryset.exclude(overdue)


class VisitFilterSet(django_filters.FilterSet):
    within = RegionCodeFilter()
    office = ReachChoiceFilter(offices_visible_to)
    household = ReachChoiceFilter(households_visible_to)
    key_group = django_filters.ChoiceFilter(
        choices=KEY_GROUPS, method="filter_key_group", label=_("key group seen")
    )
    has_case = django_filters.BooleanFilter(
        field_name="case", lookup_expr="isnull", exclude=True, label=_("became a case")
    )
    visited_from = django_filters.DateFilter(field_name="visited_on", lookup_expr="gte")
    visited_to = django_filters.DateFilter(field_name="visited_on", lookup_expr="lte")

    class Meta:
        model = Visit
        fields = ["household", "office", "visitor_kind", "needs_help", "within", "key_group"]

    def filter_key_group(self, queryset, name, value):
        return queryset.filter(**{value: True})


class VisitScheduleFilterSet(django_filters.FilterSet):
    within = RegionCodeFilter()
    office = ReachChoiceFilter(offices_visible_to)
    household = ReachChoiceFilter(households_visible_to)
    overdue = django_filters.BooleanFilter(method="filter_overdue", label=_("visit overdue"))

    class Meta:
        model = VisitSchedule
        fields = ["household", "office", "is_active", "within", "overdue"]

    def filter_overdue(self, queryset, name, value):
        from discovery.selectors_registers import schedule_overdue_condition

        overdue = schedule_overdue_condition(timezone.localdate())
        return queryset.filter(overdue) if value else queryset.exclude(overdue)


class RiskWarningFilterSet(django_filters.FilterSet):
    """Risk warnings by type, disposition ("open": not yet disposed of), import and county."""

    within = RegionCodeFilter()
    crosscheck_import = ReachChoiceFilter(crosscheck_imports_visible_to)
    is_open = django_filters.BooleanFilter(
        field_name="disposition", method="filter_is_open", label=_("not yet disposed of")
    )

    class Meta:
        model = RiskWarning
        fields = ["type", "disposition", "crosscheck_import", "within", "is_open"]

    def filter_is_open(self, queryset, name, value):
        return queryset.filter(disposition="") if value else queryset.exclude(disposition="")


class HotlineCallAdminFilterSet(HotlineCallFilterSet):
    """The hotline register's filters in the back office: the API's, with the receiving dates
    as local days. No office filter: the register is already the reader's offices'."""

    office = None
    received_after = None
    received_before = None
    received_from = django_filters.DateFilter(
        field_name="received_at", lookup_expr="date__gte", label=_("received on or after")
    )
    received_to = django_filters.DateFilter(
        field_name="received_at", lookup_expr="date__lte", label=_("received on or before")
    )

    class Meta(HotlineCallFilterSet.Meta):
        fields = ["status", "topic", "within", "overdue", "received_from", "received_to"]


class VisitAdminFilterSet(VisitFilterSet):
    """The visits' filters in the back office: the API's without the household and office
    pickers (a household is found from its case or visit page; the list is the reader's
    jurisdiction already)."""

    office = None
    household = None
    visited_from = django_filters.DateFilter(
        field_name="visited_on", lookup_expr="gte", label=_("visited on or after")
    )
    visited_to = django_filters.DateFilter(
        field_name="visited_on", lookup_expr="lte", label=_("visited on or before")
    )

    class Meta(VisitFilterSet.Meta):
        fields = [
            "visitor_kind",
            "needs_help",
            "has_case",
            "key_group",
            "within",
            "visited_from",
            "visited_to",
        ]


class RiskWarningAdminFilterSet(RiskWarningFilterSet):
    """The risk warnings in the back office: those to dispose of unless "all" is asked for,
    and the supervision dashboard's drill-down (``?show=all&disposition=...&office=...&
    raised_from=...&raised_to=...``). No import picker: its choices would name other offices'
    files; a list's warnings are on its report page."""

    SHOW = [("open", _("to dispose of")), ("all", _("all"))]

    is_open = None
    crosscheck_import = None
    show = django_filters.ChoiceFilter(
        choices=SHOW, empty_label=None, method="filter_show", label=_("Show")
    )
    office = ReachChoiceFilter(offices_visible_to, label=_("office"))
    raised_from = PeriodDateFilter(
        field_name="created_at", lookup_expr="date__gte", label=_("raised from")
    )
    raised_to = PeriodDateFilter(
        field_name="created_at", lookup_expr="date__lte", label=_("raised until")
    )

    class Meta(RiskWarningFilterSet.Meta):
        fields = ["show", "type", "disposition", "office", "within", "raised_from", "raised_to"]

    def filter_show(self, queryset, name, value):
        return queryset if value == "all" else queryset.filter(disposition="")

    def filter_queryset(self, queryset):
        # No "show" at all (the menu's link) means the warnings still to dispose of.
        if not self.form.cleaned_data.get("show"):
            queryset = queryset.filter(disposition="")
        return super().filter_queryset(queryset)


class CrossCheckImportFilterSet(django_filters.FilterSet):
    class Meta:
        model = CrossCheckImport
        fields = ["kind", "status"]
