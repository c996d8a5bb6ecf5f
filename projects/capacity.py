"""The places of a service project or volunteer team (心理疏导, 社工个案管理, 照料护理...): how
many cases it takes per period, and how many are free now. Capacity is the resource a service
gives, as money is a funds project's: matching (search.policy) and referrals
(needs.services.referrals) read the free places here, and nowhere else.

A place is taken by each referral to the project requested in the current period that the
project did not reject and that was not cancelled or left to expire: a referral waiting for an
answer holds its place, so two caseworkers cannot both be promised the last one. Periods are
calendar weeks (from Monday), months and quarters in the platform's time zone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Count, Q
from django.utils import timezone

from projects.models import Project

# Referrals that gave their place back.
RELEASED_STATUSES = ("rejected", "cancelled", "expired")


def period_start(period: str, now: dt.datetime | None = None) -> dt.datetime:
    """The start of the current capacity period, as an aware datetime."""
    today = timezone.localdate(now or timezone.now())
    if period == Project.Period.WEEK:
        day = today - dt.timedelta(days=today.weekday())
    elif period == Project.Period.QUARTER:
        day = today.replace(month=(today.month - 1) // 3 * 3 + 1, day=1)
    else:
        day = today.replace(day=1)
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _taken(project_ids: Iterable[int], starts: dict[int, dt.datetime]) -> dict[int, int]:
    from needs.models import Referral

    condition = Q()
    for project_id in project_ids:
        condition |= Q(project_id=project_id, requested_at__gte=starts[project_id])
    if not condition:
        return {}
    rows = (
        Referral.objects.filter(condition)
        .exclude(status__in=RELEASED_STATUSES)
        .values("project_id")
        .annotate(taken=Count("id"))
    )
    return {row["project_id"]: row["taken"] for row in rows}


def free_places(project_ids: Iterable[int], now: dt.datetime | None = None) -> dict[int, int]:
    """Project id -> places free in its current period, for the service projects among
    ``project_ids`` (a funds project has no entry): one query for the projects, one for the
    referrals."""
    services = list(
        Project.objects.filter(pk__in=list(project_ids))
        .exclude(kind=Project.Kind.FUNDS)
        .values_list("pk", "places_per_period", "capacity_period")
    )
    starts = {pk: period_start(period, now) for pk, _places, period in services}
    taken = _taken(starts, starts)
    return {pk: max((places or 0) - taken.get(pk, 0), 0) for pk, places, _period in services}


def places_free(project: Project, now: dt.datetime | None = None) -> int | None:
    """The places ``project`` has free now; None for a funds project (it gives money)."""
    if not project.is_service:
        return None
    return free_places([project.pk], now).get(project.pk, 0)
