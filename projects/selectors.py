"""Reads of charity projects, scoped to what the reader may see (DESIGN.md 7.5)."""

from __future__ import annotations

from django.db import connection
from django.db.models import Q, QuerySet

from core.jurisdiction import Role, scope_for
from core.models import Organisation, Region
from projects.models import Project

# Charity staff manage their own organisation's projects; platform admins any charity's.
PROJECT_MANAGERS = (Role.CHARITY_STAFF, Role.PLATFORM_ADMIN)
# Who sees more than open projects: charity staff (their own), auditors and admins (all).
PROJECT_INSIDERS = (Role.CHARITY_STAFF, Role.AUDITOR, Role.PLATFORM_ADMIN)


def projects_visible_to(user, queryset: QuerySet[Project] | None = None) -> QuerySet[Project]:
    """Open projects for everyone, signed in or not; every project of their own charity for
    charity staff (drafts, paused, closed); everything for auditors and platform admins."""
    queryset = Project.objects.all() if queryset is None else queryset
    scope = scope_for(user, roles=PROJECT_INSIDERS)
    if scope.everything:
        return queryset
    condition = Q(status=Project.Status.OPEN)
    if scope.organisation_ids:
        condition |= Q(organisation_id__in=scope.organisation_ids)
    return queryset.filter(condition)


# A project the public has seen (open, paused or closed: a draft can only move to open) keeps
# its public page, so a shared link never dies; only open ones are listed and matched.
ONCE_OPEN = (Project.Status.OPEN, Project.Status.PAUSED, Project.Status.CLOSED)


def projects_once_open(queryset: QuerySet[Project] | None = None) -> QuerySet[Project]:
    queryset = Project.objects.all() if queryset is None else queryset
    return queryset.filter(status__in=ONCE_OPEN)


def families_helped(project: Project) -> int:
    """Households whose referral to the project was completed with help (a failed referral
    is not counted), each household counted once."""
    from needs.models import Referral

    return (
        Referral.objects.filter(project=project, status=Referral.Status.COMPLETED)
        .values("case_id")
        .distinct()
        .count()
    )


def published_progress_updates(project: Project):
    """The project's progress updates the public reads, newest first."""
    return project.updates.filter(is_published=True).order_by("-date", "-id")


def projects_managed_by(user, queryset: QuerySet[Project] | None = None) -> QuerySet[Project]:
    """The projects ``user`` looks after: their own charity's for charity staff, all of them for
    auditors (to read) and platform admins. Nobody else manages any."""
    queryset = Project.objects.all() if queryset is None else queryset
    scope = scope_for(user, roles=PROJECT_INSIDERS)
    if scope.everything:
        return queryset
    return queryset.filter(organisation_id__in=scope.organisation_ids)


def user_can_manage_projects_of(user, organisation: Organisation | int) -> bool:
    """Whether ``user`` may create and change projects of ``organisation``: an active member
    of its staff with the charity-staff role, or a platform administrator."""
    return scope_for(user, roles=PROJECT_MANAGERS).covers_organisation(organisation)


def charities_managed_by(user) -> QuerySet[Organisation]:
    """The active charities for which ``user`` may post projects."""
    charities = Organisation.objects.filter(kind=Organisation.Kind.CHARITY, is_active=True)
    scope = scope_for(user, roles=PROJECT_MANAGERS)
    if scope.everything:
        return charities
    return charities.filter(pk__in=scope.organisation_ids)


def projects_covering(
    region: Region, queryset: QuerySet[Project] | None = None
) -> QuerySet[Project]:
    """Projects that serve a household in ``region``: those covering the region itself or a
    region above it (a project for 吉林省 covers 朝阳区). Any status: combine with
    ``projects_visible_to`` or a status filter."""
    queryset = Project.objects.all() if queryset is None else queryset
    codes = region.path.split("/")
    covering = Project.regions.through.objects.filter(region_id__in=codes)
    return queryset.filter(pk__in=covering.values("project_id"))


def projects_within(region: Region, queryset: QuerySet[Project] | None = None) -> QuerySet[Project]:
    """Projects with a covered region that is ``region`` or lies inside it."""
    queryset = Project.objects.all() if queryset is None else queryset
    inside = Project.regions.through.objects.filter(region__path__startswith=region.path)
    return queryset.filter(pk__in=inside.values("project_id"))


def projects_with_code_in(field: str, code: str, queryset: QuerySet[Project]) -> QuerySet[Project]:
    """Projects whose JSON list ``field`` (categories, eligible_statuses, ...) holds ``code``.

    PostgreSQL answers with its JSON containment operator; SQLite has none, so there the list's
    JSON text is searched for the quoted code (codes are plain words, and a quoted code cannot
    be part of another quoted code).
    """
    if connection.features.supports_json_field_contains:
        return queryset.filter(**{f"{field}__contains": [code]})
    return queryset.filter(**{f"{field}__icontains": f'"{code}"'})


# ---- charity supermarkets (慈善超市) ----

# Who reads a supermarket's stock and movements: the staff running it (a charity's staff; an
# office's caseworkers and supervisors, and the offices above it, by region), auditors and
# platform administrators.
SUPERMARKET_READERS = (
    Role.CHARITY_STAFF,
    Role.CASEWORKER,
    Role.SUPERVISOR,
    Role.AUDITOR,
    Role.PLATFORM_ADMIN,
)


def supermarkets_visible_to(user, queryset=None):
    """The supermarkets ``user`` may read: their own organisation's, those in the region of
    their office, or all for auditors and admins."""
    from core.jurisdiction import visible_to
    from projects.models import Supermarket

    queryset = Supermarket.objects.all() if queryset is None else queryset
    return visible_to(
        queryset,
        user,
        region_field="region",
        organisation_field="organisation",
        roles=SUPERMARKET_READERS,
    )


def goods_with_stock(queryset):
    """Goods items annotated with ``in_stock``: the sum of their movements (never stored)."""
    from django.db.models import Sum
    from django.db.models.functions import Coalesce

    return queryset.annotate(in_stock=Coalesce(Sum("movements__quantity"), 0))


def supermarkets_for_case(case):
    """The open supermarkets whose goods may go to ``case``: in its county or above it, serving
    its category of hardship (or any), with something in stock. What matching does for
    projects, kept to this list: goods are offered by the supermarket running them and
    issued against a referral or relief decision (projects.services_stock)."""
    from projects.models import GoodsItem, Supermarket

    ancestors = case.region.path.split("/")  # region codes, the province down to the county
    stocked = goods_with_stock(GoodsItem.objects.all()).filter(in_stock__gt=0)
    supermarkets = Supermarket.objects.filter(
        is_active=True,
        region_id__in=ancestors,
        pk__in=stocked.values("supermarket_id"),
    ).select_related("organisation", "region")
    return [s for s in supermarkets if not s.categories or case.category in s.categories]
