"""Reads of the core's own records, scoped by jurisdiction; the API and the admin share them."""

from __future__ import annotations

from django.db.models import QuerySet

from core.jurisdiction import GOVERNMENT_ROLES, Role, scope_filter, scope_for, visible_to
from core.models import AuditEvent, Membership

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
