"""Reads of the core's own records, scoped by jurisdiction; the API and the admin share them."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from core.jurisdiction import (
    GOVERNMENT_ROLES,
    READ_EVERYTHING_ROLES,
    Role,
    active_memberships,
    scope_filter,
    scope_for,
    visible_to,
)
from core.models import AuditEvent, Membership, Organisation, User

AUDIT_LOG_READERS = (Role.AUDITOR, Role.PLATFORM_ADMIN, Role.SUPERVISOR)


def memberships_visible_to(
    user, queryset: QuerySet[Membership] | None = None
) -> QuerySet[Membership]:
    """Staff roles in the reader's jurisdiction or in the reader's own organisations."""
    queryset = Membership.objects.all() if queryset is None else queryset
    return visible_to(
        queryset.select_related("user", "organisation"),
        user,
        region_field="organisation__region",
        organisation_field="organisation",
    )


def organisations_visible_to(
    user, queryset: QuerySet[Organisation] | None = None
) -> QuerySet[Organisation]:
    """Organisations in the reader's jurisdiction and the reader's own organisations; all for
    auditors and platform admins (the pickers of the staff API's filters)."""
    queryset = Organisation.objects.all() if queryset is None else queryset
    return visible_to(queryset, user, region_field="region", organisation_field="pk")


def offices_visible_to(user) -> QuerySet[Organisation]:
    """The government offices and departments whose records a caseworker or supervisor reads:
    those inside their jurisdiction and their own offices wherever they are (the registers
    count an office's own records as its own); all for auditors and platform admins."""
    offices = Organisation.objects.filter(
        kind__in=(Organisation.Kind.GOVERNMENT_OFFICE, Organisation.Kind.DEPARTMENT)
    )
    own = [m.organisation_id for m in active_memberships(user) if m.role in GOVERNMENT_ROLES]
    condition = scope_filter(
        scope_for(user, roles=(*GOVERNMENT_ROLES, *READ_EVERYTHING_ROLES)), region_field="region"
    )
    if condition is None:
        return offices.order_by("name")
    return offices.filter(condition | Q(pk__in=own)).order_by("name")


def users_visible_to(user) -> QuerySet[User]:
    """Staff holding a role in an organisation the reader may see (memberships_visible_to), and
    the reader: the people a list of the reader's records can be filtered by."""
    memberships = memberships_visible_to(user).values("user")
    condition = Q(pk__in=memberships)
    if getattr(user, "is_authenticated", False):
        condition |= Q(pk=user.pk)
    return User.objects.filter(condition)


def audit_events_visible_to(
    user, queryset: QuerySet[AuditEvent] | None = None
) -> QuerySet[AuditEvent]:
    """Auditors and platform admins read the whole log; a supervisor reads what staff of the
    offices in their jurisdiction did. Nobody else reads it."""
    queryset = (AuditEvent.objects.all() if queryset is None else queryset).select_related(
        "actor", "object_type"
    )
    scope = scope_for(user, roles=AUDIT_LOG_READERS)
    if scope.everything:
        return queryset
    # Staff who hold a government role *now* in an office of the supervisor's jurisdiction.
    staff = Membership.objects.filter(
        is_active=True, role__in=GOVERNMENT_ROLES, organisation__is_active=True
    ).filter(scope_filter(scope, region_field="organisation__region"))
    return queryset.filter(actor__in=staff.values("user"))
