"""Which records may this user see? The one answer every app uses (DESIGN.md 7.5).

Government staff (caseworkers, supervisors) see records inside the regions of the offices
they belong to: a township or county caseworker sees that county, a city supervisor sees
the whole city subtree. Charity staff and fund managers see their own organisations'
records. Auditors and platform administrators read everything. Staff of a functional
department (department staff, 协同办理) have no scope of their own: they see only the referrals
addressed to their department (needs.selectors.referrals_visible_to). A village assistant
(协理员) sees their own village (the registers that ask for ``VILLAGE_ROLES``). Everyone else sees
nothing.

Use it on every query that returns records, not only on screens::

    cases = visible_to(Case.objects.all(), request.user, region_field="region")
    referrals = visible_to(
        Referral.objects.all(), user,
        region_field="case__region", organisation_field="project__organisation",
    )
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from django.db.models import Model, Q, QuerySet

from core.models import Membership, Organisation, Region
from core.models.regions import path_within

Role = Membership.Role
GOVERNMENT_ROLES = frozenset({Role.CASEWORKER, Role.SUPERVISOR})
ORGANISATION_ROLES = frozenset({Role.CHARITY_STAFF, Role.FUND_MANAGER})
# Answer the referrals addressed to their department, and see nothing else.
DEPARTMENT_ROLES = frozenset({Role.DEPARTMENT_STAFF})
# A village's social-assistance assistant (协理员) sees their own village only: the region of
# their organisation (the 村(居)委会, a government office at village level), and only when
# that region is a village, so that the role never widens to a township or county.
VILLAGE_ROLES = frozenset({Role.VILLAGE_ASSISTANT})
READ_EVERYTHING_ROLES = frozenset({Role.AUDITOR, Role.PLATFORM_ADMIN})

M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class Scope:
    """What a user may see: everything, or region subtrees and/or organisations."""

    everything: bool = False
    region_paths: tuple[str, ...] = ()
    organisation_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def is_empty(self) -> bool:
        return not (self.everything or self.region_paths or self.organisation_ids)

    def covers_region(self, region: Region) -> bool:
        return self.everything or any(path_within(region.path, p) for p in self.region_paths)

    def covers_organisation(self, organisation: Organisation | int) -> bool:
        organisation_id = getattr(organisation, "pk", organisation)
        return self.everything or organisation_id in self.organisation_ids


def active_memberships(user) -> list[Membership]:
    """The user's active memberships in active organisations, with organisation and region;
    read once per request (every role and scope question below answers from it)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    return _cached(
        user,
        "memberships",
        lambda: list(
            Membership.objects.filter(
                user=user, is_active=True, organisation__is_active=True
            ).select_related("organisation__region")
        ),
    )


def _cached(user, key, compute):
    """Memoize on the user object: one object per request, so the roles and scope are read
    once per request. Services that change memberships call ``forget_scope``."""
    cache = user.__dict__.setdefault("_jurisdiction_cache", {})
    if key not in cache:
        cache[key] = compute()
    return cache[key]


def forget_scope(user) -> None:
    user.__dict__.pop("_jurisdiction_cache", None)


def user_roles(user) -> set[str]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()

    roles = {membership.role for membership in active_memberships(user)}
    if user.is_superuser:
        roles.add(Role.PLATFORM_ADMIN)
    return roles


def has_role(user, *roles: str) -> bool:
    return bool(user_roles(user) & set(roles))


def scope_for(user, *, roles: Iterable[str] | None = None) -> Scope:
    """The user's scope, counting only ``roles`` if given (e.g. only roles that may write)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Scope()
    key = ("scope", frozenset(roles) if roles is not None else None)
    return _cached(user, key, lambda: _compute_scope(user, roles))


def _compute_scope(user, roles: Iterable[str] | None) -> Scope:
    wanted = set(roles) if roles is not None else None

    def counts(role: str) -> bool:
        return wanted is None or role in wanted

    if user.is_superuser and counts(Role.PLATFORM_ADMIN):
        return Scope(everything=True)
    paths: set[str] = set()
    organisation_ids: set[int] = set()
    for membership in active_memberships(user):
        if not counts(membership.role):
            continue
        if membership.role in READ_EVERYTHING_ROLES:
            return Scope(everything=True)
        if membership.role in GOVERNMENT_ROLES and membership.organisation.is_government:
            paths.add(membership.organisation.region.path)
        elif membership.role in ORGANISATION_ROLES:
            organisation_ids.add(membership.organisation_id)
        elif (
            membership.role in VILLAGE_ROLES
            and membership.organisation.is_government
            and membership.organisation.region.level == Region.Level.VILLAGE
        ):
            paths.add(membership.organisation.region.path)
    # A path inside another path adds nothing; dropping it keeps the SQL short.
    minimal = sorted(p for p in paths if not any(p.startswith(q + "/") for q in paths))
    return Scope(region_paths=tuple(minimal), organisation_ids=frozenset(organisation_ids))


def scope_filter(
    scope: Scope, *, region_field: str | None = None, organisation_field: str | None = None
) -> Q | None:
    """A Q object for ``scope``; None means "no restriction"."""
    if region_field is None and organisation_field is None:
        raise ValueError("Say which field holds the region or the organisation")
    if scope.everything:
        return None
    condition = Q(pk__in=[])  # matches nothing
    if region_field is not None and scope.region_paths:
        # Codes are fixed-width, so a prefix of the path is exactly the subtree. The regions
        # are picked in a subquery (a few thousand rows at most) so that the records' own
        # index on their region column does the rest, instead of a join on every record.
        subtree = Q(pk__in=[])
        for path in scope.region_paths:
            subtree |= Q(path__startswith=path)
        condition |= Q(**{f"{region_field}__in": Region.objects.filter(subtree).values("code")})
    if organisation_field is not None and scope.organisation_ids:
        condition |= Q(**{f"{organisation_field}__in": scope.organisation_ids})
    return condition


def visible_to(
    queryset: QuerySet[M],
    user,
    *,
    region_field: str | None = None,
    organisation_field: str | None = None,
    roles: Iterable[str] | None = None,
) -> QuerySet[M]:
    """``queryset`` narrowed to what ``user`` may see.

    ``region_field`` is the lookup path to a Region (e.g. "case__region"), ``organisation_field``
    to an Organisation id (e.g. "project__organisation"). A record matches if either matches.
    """
    condition = scope_filter(
        scope_for(user, roles=roles),
        region_field=region_field,
        organisation_field=organisation_field,
    )
    return queryset if condition is None else queryset.filter(condition)
