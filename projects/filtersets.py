from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from core.filtersets import NumberFilter, ReachChoiceFilter, RegionCodeFilter
from core.models import Organisation
from projects import eligibility, selectors
from projects.api.supermarkets import SupermarketFilterSet
from projects.models import Project
from search.public import TextSearchFilter


def _charities_with_projects(user):
    """The charities running a project ``user`` may see (the open ones for everyone)."""
    return Organisation.objects.filter(
        kind=Organisation.Kind.CHARITY,
        pk__in=selectors.projects_visible_to(user).values("organisation"),
    )


class ProjectsWithinFilter(RegionCodeFilter):
    """Projects covering the given region or a region inside it (``?within=220100``: projects
    working anywhere in 长春市)."""

    def filter(self, qs, region):
        return qs if region is None else selectors.projects_within(region, qs)


class ProjectsCoveringFilter(RegionCodeFilter):
    """Projects serving a household in the given region (``?covers=220104``): those covering
    the region itself or a region above it."""

    def filter(self, qs, region):
        return qs if region is None else selectors.projects_covering(region, qs)


class ProjectFilterSet(django_filters.FilterSet):
    q = TextSearchFilter(fields=("title", "description"))
    status = django_filters.ChoiceFilter(choices=Project.Status.choices)
    kind = django_filters.ChoiceFilter(choices=Project.Kind.choices, label=_("kind of project"))
    service_type = django_filters.ChoiceFilter(
        choices=Project.ServiceType.choices, label=_("service")
    )
    category = django_filters.ChoiceFilter(
        choices=eligibility.category_choices(),
        method="filter_category",
        label=_("covers the category"),
    )
    organisation = ReachChoiceFilter(_charities_with_projects, label=_("charity"))
    within = ProjectsWithinFilter(label=_("works within region"))
    covers = ProjectsCoveringFilter(label=_("serves households in region"))
    # On the ledger balance the API's queryset is annotated with (with_available_fen), as the
    # public needs API filters on the gap.
    min_available_fen = NumberFilter(
        field_name="available_fen", lookup_expr="gte", label=_("holds at least (fen)")
    )
    max_available_fen = NumberFilter(
        field_name="available_fen", lookup_expr="lte", label=_("holds at most (fen)")
    )

    class Meta:
        model = Project
        fields = [
            "q",
            "status",
            "kind",
            "service_type",
            "category",
            "organisation",
            "within",
            "covers",
            "min_available_fen",
            "max_available_fen",
        ]

    def filter_category(self, queryset, name, value):
        return selectors.projects_with_code_in("categories", value, queryset)


class ProjectAdminFilterSet(ProjectFilterSet):
    """The back office's project filters: the API's, less the charity (staff list their own
    charity's projects), the households' region and the ledger figures (the list is not
    annotated with the balance, and amounts in fen are no filter for people)."""

    organisation = None
    covers = None
    min_available_fen = None
    max_available_fen = None

    class Meta(ProjectFilterSet.Meta):
        fields = ["q", "status", "kind", "service_type", "category", "within"]


class SupermarketAdminFilterSet(SupermarketFilterSet):
    """The supermarkets in the back office: open or closed, and within a region picked on the
    map of regions (the API's organisation and region take raw ids and codes)."""

    organisation = None
    region = None
    is_active = django_filters.BooleanFilter(label=_("open"))
    within = RegionCodeFilter()

    class Meta(SupermarketFilterSet.Meta):
        fields = ["is_active", "within"]
