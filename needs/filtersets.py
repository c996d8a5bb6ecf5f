from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.filtersets import RegionCodeFilter
from needs.models import Case, Need, Referral
from needs.models.households import KEY_GROUPS


class CaseFilterSet(django_filters.FilterSet):
    within = RegionCodeFilter()
    overdue = django_filters.BooleanFilter(method="filter_overdue", label=_("has an overdue step"))
    key_group = django_filters.ChoiceFilter(
        choices=KEY_GROUPS, method="filter_key_group", label=_("household in key group")
    )
    number = django_filters.CharFilter(label=_("case number"))

    class Meta:
        model = Case
        fields = [
            "status",
            "category",
            "channel",
            "urgency",
            "within",
            "overdue",
            "key_group",
            "number",
            "needs_rematch",
        ]

    def filter_overdue(self, queryset, name, value):
        # next_due_at is the earliest unmet deadline (kept by the deadline services).
        overdue = Q(next_due_at__lt=timezone.now())
        return queryset.filter(overdue) if value else queryset.exclude(overdue)

    def filter_key_group(self, queryset, name, value):
        return queryset.filter(**{f"household__{value}": True})


class ReferralFilterSet(django_filters.FilterSet):
    class Meta:
        model = Referral
        fields = ["status", "to_organisation", "project", "case"]


class PublicNeedFilterSet(django_filters.FilterSet):
    within = RegionCodeFilter()
    category = django_filters.ChoiceFilter(choices=Case.Category.choices)
    min_gap_fen = django_filters.NumberFilter(field_name="remaining_gap_fen", lookup_expr="gte")
    max_gap_fen = django_filters.NumberFilter(field_name="remaining_gap_fen", lookup_expr="lte")

    class Meta:
        model = Need
        fields = ["category", "within", "min_gap_fen", "max_gap_fen"]
