"""One FilterSet per money model for the staff API (netbox's habit)."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from core.filtersets import NumberFilter, ReachChoiceFilter
from core.selectors import organisations_visible_to
from donors import selectors
from donors.models import Allocation, Disbursement, Donation, Fund, ReliefBudget
from needs.models import Referral
from projects.selectors import projects_visible_to


def _visible_allocations(user):
    return selectors.allocations_visible_to(user, Allocation.objects.all())


def _allocated_referrals(user):
    """The referrals of the allocations ``user`` sees (a fund's owner sees its allocations,
    not the referrals' case files)."""
    return Referral.objects.filter(pk__in=_visible_allocations(user).values("referral"))


class FundFilterSet(django_filters.FilterSet):
    owner = ReachChoiceFilter(organisations_visible_to)
    name = django_filters.CharFilter(lookup_expr="icontains", label=_("name contains"))

    class Meta:
        model = Fund
        fields = ["status", "owner", "is_public", "name"]


class DonationFilterSet(django_filters.FilterSet):
    fund = ReachChoiceFilter(selectors.funds_visible_to)
    project = ReachChoiceFilter(projects_visible_to)
    need = django_filters.UUIDFilter(field_name="need__public_id", label=_("public need"))
    since = django_filters.DateFilter(
        field_name="created_at", lookup_expr="date__gte", label=_("recorded on or after")
    )
    until = django_filters.DateFilter(
        field_name="created_at", lookup_expr="date__lte", label=_("recorded on or before")
    )

    class Meta:
        model = Donation
        fields = ["status", "channel", "fund", "project", "need", "since", "until"]


class DonationAdminFilterSet(DonationFilterSet):
    """The back office's donation filters: the API's by status, channel and dates, plus the
    receipt number; less the fund, project and need pickers (they would list every
    organisation's, not only the user's)."""

    fund = None
    project = None
    need = None
    receipt = django_filters.CharFilter(
        field_name="receipt_number", lookup_expr="icontains", label=_("receipt number")
    )

    class Meta(DonationFilterSet.Meta):
        fields = ["status", "channel", "receipt", "since", "until"]


class FundAdminFilterSet(FundFilterSet):
    """The back office's fund filters: the owner is the user's own organisation already."""

    owner = None

    class Meta(FundFilterSet.Meta):
        fields = ["status", "is_public", "name"]


class AllocationFilterSet(django_filters.FilterSet):
    referral = ReachChoiceFilter(_allocated_referrals)
    fund = NumberFilter(field_name="source__fund", label=_("special fund"))
    project = NumberFilter(field_name="source__project", label=_("charity project"))

    class Meta:
        model = Allocation
        fields = ["status", "referral", "fund", "project"]


class DisbursementFilterSet(django_filters.FilterSet):
    allocation = ReachChoiceFilter(_visible_allocations)
    referral = NumberFilter(field_name="allocation__referral", label=_("referral"))

    class Meta:
        model = Disbursement
        fields = ["status", "method", "allocation", "referral"]


class ReliefBudgetAdminFilterSet(django_filters.FilterSet):
    """Relief budgets by year and scheme (the reader's offices are applied before)."""

    year = NumberFilter(label=_("year"))

    class Meta:
        model = ReliefBudget
        fields = ["year", "scheme"]


class MoneyReferralAdminFilterSet(django_filters.FilterSet):
    """The allocations screen's referrals by their status (the user's referrals are applied
    before)."""

    status = django_filters.ChoiceFilter(choices=Referral.Status.choices, label=_("status"))

    class Meta:
        model = Referral
        fields = ["status"]
