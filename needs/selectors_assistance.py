"""Jurisdiction-scoped reads of assistance applications (DESIGN.md 7.5) and the public notice
list, which shows only what the rules allow: surname + 某, village, type, amount."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet
from django.utils import timezone

from core.jurisdiction import (
    DEPARTMENT_ROLES,
    GOVERNMENT_ROLES,
    active_memberships,
    scope_filter,
    scope_for,
)
from needs.models import AssistanceApplication
from needs.selectors import CASE_READERS

# Who works on applications: government staff, and the staff of a functional department for
# the applications addressed to it (medical assistance at the medical-security bureau...).
ACTING_ROLES = frozenset({*GOVERNMENT_ROLES, *DEPARTMENT_ROLES})


def acting_office_ids(user) -> set[int]:
    """Government offices and departments where ``user`` holds an acting role."""
    return {
        m.organisation_id
        for m in active_memberships(user)
        if m.role in ACTING_ROLES and m.organisation.is_government
    }


def applications_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    """Applications of counties in the reader's jurisdiction, those addressed to the reader's
    own offices, and (auditors, platform administrators) all of them."""
    queryset = AssistanceApplication.objects.all() if queryset is None else queryset
    condition = scope_filter(scope_for(user, roles=CASE_READERS), region_field="region")
    if condition is None:
        return queryset
    offices = acting_office_ids(user)
    if offices:
        condition |= Q(office_id__in=offices)
    return queryset.filter(condition)


def user_may_act_on(user, application: AssistanceApplication) -> bool:
    """Whether ``user`` may take a step of ``application``: government staff whose
    jurisdiction covers its county, or staff of the responsible office. Auditors read only."""
    scope = scope_for(user, roles=GOVERNMENT_ROLES)
    if not scope.is_empty and scope.covers_region(application.region):
        return True
    return application.office_id in acting_office_ids(user)


def public_notices(*, on: dt.date | None = None) -> QuerySet:
    """The applications in public notice (公示) on ``on`` (today): the public list reads only
    the notice fields (``notice_name``, village, type, amount, dates), never the household."""
    on = on or timezone.localdate()
    return (
        AssistanceApplication.objects.filter(
            stage=AssistanceApplication.Stage.IN_NOTICE,
            notice_starts_on__lte=on,
            notice_ends_on__gte=on,
        )
        .select_related("region")
        .only(
            "id",
            "notice_name",
            "village",
            "type",
            "amount_fen",
            "notice_starts_on",
            "notice_ends_on",
            "region__name",
            "region__code",
        )
        .order_by("notice_ends_on", "id")
    )
