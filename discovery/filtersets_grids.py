"""Filters of the grid registers' API lists (one FilterSet per model)."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from core.filtersets import RegionCodeFilter
from discovery.models import CadrePairing, Grid, GridHousehold, PairingVisit, ZeroReport


class GridFilterSet(django_filters.FilterSet):
    within = RegionCodeFilter()

    class Meta:
        model = Grid
        fields = ["region", "leader", "is_active", "within"]


class GridHouseholdFilterSet(django_filters.FilterSet):
    within = RegionCodeFilter(region_field="grid__region")

    class Meta:
        model = GridHousehold
        fields = ["grid", "household", "within"]


class CadrePairingFilterSet(django_filters.FilterSet):
    within = RegionCodeFilter()
    due_before = django_filters.DateFilter(
        field_name="next_visit_due_on", lookup_expr="lte", label=_("next visit due by")
    )

    class Meta:
        model = CadrePairing
        fields = ["cadre", "grid", "household", "is_active", "within", "due_before"]


class PairingVisitFilterSet(django_filters.FilterSet):
    visited_from = django_filters.DateFilter(field_name="visited_on", lookup_expr="gte")
    visited_to = django_filters.DateFilter(field_name="visited_on", lookup_expr="lte")

    class Meta:
        model = PairingVisit
        fields = ["pairing", "found_hardship", "visited_from", "visited_to"]


class ZeroReportFilterSet(django_filters.FilterSet):
    within = RegionCodeFilter()

    class Meta:
        model = ZeroReport
        fields = ["period", "outcome", "grid", "within"]
