from __future__ import annotations

import copy

import django_filters
from django import forms
from django.db.models import Q
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import filtersets as core_filtersets
from core.filtersets import NumberFilter, ReachChoiceFilter, RegionCodeFilter
from core.selectors import offices_visible_to
from needs.models import (
    AssistanceApplication,
    Case,
    CaseHandover,
    Need,
    Referral,
    RelativeBenefit,
    TypicalCase,
)
from needs.models.assistance import AssistanceType
from needs.models.households import KEY_GROUPS
from needs.selectors import cases_visible_to, households_visible_to, referrals_visible_to
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


def _referral_targets(user, field: str):
    """The organisations or projects the referrals ``user`` sees went to."""
    model = Referral._meta.get_field(field).related_model
    return model.objects.filter(pk__in=referrals_visible_to(user).values(field))


class ReferralFilterSet(django_filters.FilterSet):
    # The organisations, projects and cases of the referrals the reader sees: a charity or a
    # department anywhere in the country may receive a county's referral.
    to_organisation = ReachChoiceFilter(lambda user: _referral_targets(user, "to_organisation"))
    project = ReachChoiceFilter(lambda user: _referral_targets(user, "project"))
    case = ReachChoiceFilter(cases_visible_to)

    class Meta:
        model = Referral
        fields = ["status", "to_organisation", "project", "case", "assistance_type"]


class RegionPickFilter(RegionCodeFilter):
    """A region picked in the cascading picker (core.widgets.RegionField), not typed."""

    def __init__(self, *args, **kwargs):
        from core.widgets import RegionField

        self.field_class = RegionField
        super().__init__(*args, **kwargs)


class PeriodDateFilter(core_filtersets.PeriodDateFilter):
    """A local day bounding a period (the supervision dashboard's drill-downs): from its
    midnight, or until the next one."""

    def filter(self, qs, value):
        from needs.admin_views.common import in_local_days

        if not value:
            return qs
        start, end = (value, None) if self.lookup_expr == "gte" else (None, value)
        return in_local_days(qs, self.field_name, start, end)


class ReferralInboxFilterSet(ReferralFilterSet):
    """The back office's referral inbox: by status, and the supervision dashboard's
    drill-downs (its period, office, and one receiving organisation) as hidden fields."""

    to_organisation = None
    project = None
    case = None

    status = django_filters.ChoiceFilter(
        choices=Referral.Status.choices, label=_("status"), empty_label=_("all")
    )
    sent_from = PeriodDateFilter(field_name="requested_at", lookup_expr="gte", label=_("sent from"))
    sent_to = PeriodDateFilter(field_name="requested_at", lookup_expr="lte", label=_("sent until"))
    office = NumberFilter(
        field_name="case__responsible_office_id", widget=forms.HiddenInput, min_value=1
    )
    to = NumberFilter(field_name="to_organisation_id", widget=forms.HiddenInput, min_value=1)

    class Meta:
        model = Referral
        fields = ["status", "sent_from", "sent_to", "office", "to"]


class CaseListFilterSet(CaseFilterSet):
    """The back office's case list: the API's case filters (CaseFilterSet), with a region
    picked within the reader's jurisdiction instead of typed, the case number matched in part
    (people type a piece of it), the supervision dashboard's drill-downs (its period and
    office), and the order of the list."""

    YES_NO = [("yes", _("yes")), ("no", _("no"))]
    ORDERS = [
        ("urgency", _("most urgent first, then the nearest deadline")),
        ("due", _("nearest deadline first")),
        ("newest", _("newest first")),
    ]

    number = django_filters.CharFilter(
        label=_("case number"), method="filter_number", max_length=32
    )
    status = django_filters.ChoiceFilter(
        choices=Case.Status.choices, label=_("status"), empty_label=_("all")
    )
    category = django_filters.ChoiceFilter(
        choices=Case.Category.choices, label=_("category"), empty_label=_("all")
    )
    channel = django_filters.ChoiceFilter(
        choices=Case.Channel.choices, label=_("discovery channel"), empty_label=_("all")
    )
    urgency = django_filters.ChoiceFilter(
        choices=Case.Urgency.choices, label=_("urgency"), empty_label=_("all")
    )
    within = RegionPickFilter(label=_("region"))
    key_group = django_filters.ChoiceFilter(
        choices=KEY_GROUPS,
        method="filter_key_group",
        label=_("household in key group"),
        empty_label=_("all"),
    )
    overdue = django_filters.ChoiceFilter(
        choices=YES_NO, method="filter_yes_no", label=_("has an overdue step"), empty_label=_("all")
    )
    needs_rematch = django_filters.ChoiceFilter(
        choices=YES_NO, method="filter_yes_no", label=_("needs a new match"), empty_label=_("all")
    )
    reported_from = PeriodDateFilter(
        field_name="reported_at", lookup_expr="gte", label=_("reported from")
    )
    reported_to = PeriodDateFilter(
        field_name="reported_at", lookup_expr="lte", label=_("reported until")
    )
    office = NumberFilter(field_name="responsible_office_id", widget=forms.HiddenInput, min_value=1)
    order = django_filters.ChoiceFilter(
        choices=ORDERS, method="filter_order", label=_("order"), empty_label=None
    )

    class Meta:
        model = Case
        fields = [
            "number",
            "status",
            "category",
            "channel",
            "urgency",
            "within",
            "overdue",
            "needs_rematch",
            "reported_from",
            "reported_to",
            "office",
            "order",
        ]

    @property
    def form(self):
        form = super().form
        if self.request is not None and not hasattr(form, "roots_set"):
            from core.widgets import jurisdiction_roots

            form.fields["within"].roots = jurisdiction_roots(self.request.user)
            form.roots_set = True
        return form

    def filter_number(self, queryset, name, value):
        return queryset.filter(number__icontains=value.strip())

    def filter_yes_no(self, queryset, name, value):
        if name == "overdue":
            return self.filter_overdue(queryset, name, value == "yes")
        return queryset.filter(needs_rematch=value == "yes")

    def filter_order(self, queryset, name, value):
        from needs.admin_views.cases import CASE_ORDERS

        return queryset.order_by(*CASE_ORDERS[value])


class HandoverFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        choices=CaseHandover.Status.choices, label=_("status"), empty_label=_("all")
    )

    class Meta:
        model = CaseHandover
        fields = ["status"]


class TypicalCaseFilterSet(django_filters.FilterSet):
    """Typical cases by the local days they were marked, and (the supervision dashboard's
    drill-down) by office."""

    marked_from = PeriodDateFilter(
        field_name="marked_at", lookup_expr="gte", label=_("marked from")
    )
    marked_to = PeriodDateFilter(field_name="marked_at", lookup_expr="lte", label=_("marked to"))
    office = NumberFilter(field_name="office_id", widget=forms.HiddenInput, min_value=1)

    class Meta:
        model = TypicalCase
        fields = ["marked_from", "marked_to", "office"]


class RelativeBenefitFilterSet(django_filters.FilterSet):
    """The register of assistance to filed relatives, by the state of its review."""

    review = django_filters.ChoiceFilter(
        choices=RelativeBenefit.Review.choices, label=_("review"), empty_label=_("all")
    )

    class Meta:
        model = RelativeBenefit
        fields = ["review"]


class PublicNeedFilterSet(django_filters.FilterSet):
    q = TextSearchFilter(fields=("title", "story"))
    within = RegionCodeFilter()
    category = django_filters.ChoiceFilter(choices=Case.Category.choices)
    min_gap_fen = NumberFilter(field_name="remaining_gap_fen", lookup_expr="gte")
    max_gap_fen = NumberFilter(field_name="remaining_gap_fen", lookup_expr="lte")

    class Meta:
        model = Need
        fields = ["q", "category", "within", "min_gap_fen", "max_gap_fen"]


# ---- active discovery (the hotline register, visits, routine-visit schedules) ----


class AssistanceApplicationFilterSet(django_filters.FilterSet):
    """Assistance applications by type, stage, office, county (within) and overdue stage."""

    within = RegionCodeFilter()
    office = ReachChoiceFilter(offices_visible_to)
    household = ReachChoiceFilter(households_visible_to)
    case = ReachChoiceFilter(cases_visible_to)
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


class AssistanceListFilterSet(AssistanceApplicationFilterSet):
    """The back office's list of applications: by type and stage, overdue ones only (a tick),
    and (the supervision dashboard's drill-down) one office."""

    household = None
    case = None

    type = django_filters.ChoiceFilter(
        choices=AssistanceType.choices, label=_("assistance type"), empty_label=_("all")
    )
    stage = django_filters.ChoiceFilter(
        choices=AssistanceApplication.Stage.choices, label=_("stage"), empty_label=_("all")
    )
    overdue = django_filters.BooleanFilter(
        method="filter_overdue_only", label=_("overdue only"), widget=forms.CheckboxInput
    )
    office = NumberFilter(field_name="office_id", widget=forms.HiddenInput, min_value=1)

    class Meta:
        model = AssistanceApplication
        fields = ["type", "stage", "overdue", "office"]

    def filter_overdue_only(self, queryset, name, value):
        # An unticked box means "all", not "only those on time".
        return self.filter_overdue(queryset, name, True) if value else queryset
