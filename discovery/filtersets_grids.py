"""Filters of the grid registers' API lists (one FilterSet per model)."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from core.filtersets import ReachChoiceFilter, RegionCodeFilter
from core.selectors import users_visible_to
from discovery import selectors_grids as selectors
from discovery.models import CadrePairing, Grid, GridHousehold, PairingVisit, ZeroReport
from needs.selectors import households_visible_to


class GridFilterSet(django_filters.FilterSet):
    within = RegionCodeFilter()
    leader = ReachChoiceFilter(users_visible_to)

    class Meta:
        model = Grid
        fields = ["region", "leader", "is_active", "within"]


class GridHouseholdFilterSet(django_filters.FilterSet):
    within = RegionCodeFilter(region_field="grid__region")
    grid = ReachChoiceFilter(selectors.grids_visible_to)
    household = ReachChoiceFilter(households_visible_to)

    class Meta:
        model = GridHousehold
        fields = ["grid", "household", "within"]


class CadrePairingFilterSet(django_filters.FilterSet):
    within = RegionCodeFilter()
    cadre = ReachChoiceFilter(users_visible_to)
    grid = ReachChoiceFilter(selectors.grids_visible_to)
    household = ReachChoiceFilter(households_visible_to)
    due_before = django_filters.DateFilter(
        field_name="next_visit_due_on", lookup_expr="lte", label=_("next visit due by")
    )

    class Meta:
        model = CadrePairing
        fields = ["cadre", "grid", "household", "is_active", "within", "due_before"]


class PairingVisitFilterSet(django_filters.FilterSet):
    pairing = ReachChoiceFilter(selectors.pairings_visible_to)
    visited_from = django_filters.DateFilter(field_name="visited_on", lookup_expr="gte")
    visited_to = django_filters.DateFilter(field_name="visited_on", lookup_expr="lte")

    class Meta:
        model = PairingVisit
        fields = ["pairing", "found_hardship", "visited_from", "visited_to"]


class ZeroReportFilterSet(django_filters.FilterSet):
    within = RegionCodeFilter()
    grid = ReachChoiceFilter(selectors.grids_visible_to)

    class Meta:
        model = ZeroReport
        fields = ["period", "outcome", "grid", "within"]
