from __future__ import annotations

import copy

import django_filters
from django.db.models import Q
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.filtersets import RegionCodeFilter
from needs.models import AssistanceApplication, Case, Need, Referral
from needs.models.households import KEY_GROUPS
from search.public import TextSearchFilter


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

    # The case list is the hottest read (bench/cases_api.py). django-filter deep-copies every
    # filter, with all its choice labels, and builds a new form class for each request; a
    # shallow copy per filter is enough, and the form class is the same every time.
    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        if queryset is None:
            queryset = self._meta.model._default_manager.all()
        self.is_bound = data is not None
        self.data = data or QueryDict()
        self.queryset = queryset
        self.request = request
        self.form_prefix = prefix
        self.filters = {name: _copy_filter(f) for name, f in self.base_filters.items()}
        for filter_ in self.filters.values():
            filter_.model = queryset.model
            filter_.parent = self

    def get_form_class(self):
        cls = type(self)
        if "_form_class" not in cls.__dict__:
            cls._form_class = super().get_form_class()
        return cls._form_class

    def filter_overdue(self, queryset, name, value):
        # next_due_at is the earliest unmet deadline (kept by the deadline services).
        overdue = Q(next_due_at__lt=timezone.now())
        return queryset.filter(overdue) if value else queryset.exclude(overdue)

    def filter_key_group(self, queryset, name, value):
        return queryset.filter(**{f"household__{value}": True})


class ProposalFilterSet(CaseFilterSet):
    """The cases an allocation proposal is made for, within the reader's jurisdiction: a
    province's or a city's cases at once make a large flow network (bench/proposal.py), and
    staff often plan one county or one kind of hardship at a time."""

    class Meta:
        model = Case
        fields = ["category", "urgency", "within", "key_group"]


def _copy_filter(filter_: django_filters.Filter) -> django_filters.Filter:
    """What ``copy.deepcopy`` gives a filterset, without copying the choices."""
    copied = copy.copy(filter_)
    copied.extra = dict(filter_.extra)
    copied.__dict__.pop("_field", None)
    if filter_.method is not None:
        copied.method = filter_.method  # binds the method filter to the copy, not the original
    return copied


class ReferralFilterSet(django_filters.FilterSet):
    class Meta:
        model = Referral
        fields = ["status", "to_organisation", "project", "case", "assistance_type"]


class PublicNeedFilterSet(django_filters.FilterSet):
    q = TextSearchFilter(fields=("title", "story"))
    within = RegionCodeFilter()
    category = django_filters.ChoiceFilter(choices=Case.Category.choices)
    min_gap_fen = django_filters.NumberFilter(field_name="remaining_gap_fen", lookup_expr="gte")
    max_gap_fen = django_filters.NumberFilter(field_name="remaining_gap_fen", lookup_expr="lte")

    class Meta:
        model = Need
        fields = ["q", "category", "within", "min_gap_fen", "max_gap_fen"]


# ---- active discovery (the hotline register, visits, routine-visit schedules) ----


class AssistanceApplicationFilterSet(django_filters.FilterSet):
    """Assistance applications by type, stage, office, county (within) and overdue stage."""

    within = RegionCodeFilter()
    overdue = django_filters.BooleanFilter(
        method="filter_overdue", label=_("current stage overdue")
    )
    is_open = django_filters.BooleanFilter(method="filter_is_open", label=_("not yet decided"))

    class Meta:
        model = AssistanceApplication
        fields = ["type", "stage", "office", "household", "case", "within", "overdue", "is_open"]

    def filter_overdue(self, queryset, name, value):
        now = timezone.now()
        return (
            queryset.filter(stage_due_at__lt=now)
            if value
            else queryset.filter(Q(stage_due_at__isnull=True) | Q(stage_due_at__gte=now))
        )

    def filter_is_open(self, queryset, name, value):
        open_stages = AssistanceApplication.OPEN_STAGES
        return (
            queryset.filter(stage__in=open_stages)
            if value
            else queryset.exclude(stage__in=open_stages)
        )
