"""What every kind of work shares: the item and list types, how a list is made from a
query, the reader's offices."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from core.jurisdiction import (
    Role,
    active_memberships,
    has_role,
)
from needs.models import (
    Case,
)

LIMIT = 8
# Routine visits due within this many days are listed before they fall overdue.
VISITS_AHEAD_DAYS = 7
OPEN = ~Q(status=Case.Status.CLOSED)
# For lists whose items have no due time: nothing of them is overdue.
NO_DUE = Q(pk__in=[])


@dataclass(frozen=True)
class WorkItem:
    """One thing to do: what (``title``, e.g. a case number), more about it (``detail``),
    by when (``due_at``, a datetime, or ``due_on``, a date) and where it is done (``link``)."""

    title: str
    detail: str
    link: str
    due_at: dt.datetime | None = None
    due_on: dt.date | None = None
    overdue: bool = False


@dataclass(frozen=True)
class WorkList:
    """One kind of work: its name, how many wait, the most urgent few and the full list."""

    kind: str
    label: str
    count: int
    items: list[WorkItem] = field(default_factory=list)
    list_link: str = ""
    overdue: int = 0


def _offices(user, *roles: str) -> list[int]:
    """Government offices (and departments) where ``user`` holds one of ``roles``."""
    return [
        m.organisation_id
        for m in active_memberships(user)
        if m.role in roles and m.organisation.is_government
    ]


def _made(
    kind: str,
    label: str,
    queryset: QuerySet,
    item: Callable,
    *,
    limit: int,
    list_link: str = "",
    overdue: Q | None = None,
) -> WorkList:
    """A WorkList of ``queryset``'s first ``limit`` rows made into items. ``overdue`` says
    which rows are overdue; without it, due times are computed per item (time limits in
    working days) and every row is looked at, sorted by its due time: only for lists of one
    person's own cases, or of a few."""
    if overdue is None:
        every = sorted((item(row) for row in queryset), key=_due_key)
        return WorkList(
            kind=kind,
            label=label,
            count=len(every),
            items=every[:limit],
            list_link=list_link,
            overdue=sum(i.overdue for i in every),
        )
    rows = list(queryset[:limit])
    return WorkList(
        kind=kind,
        label=label,
        count=queryset.count() if len(rows) >= limit else len(rows),
        items=[item(row) for row in rows],
        list_link=list_link,
        overdue=queryset.filter(overdue).count(),
    )


def _due_key(item: WorkItem) -> tuple:
    """Most urgent first: the earliest due time; items without one last."""
    if item.due_at is not None:
        return (0, item.due_at)
    if item.due_on is not None:
        return (0, timezone.make_aware(dt.datetime.combine(item.due_on, dt.time.max)))
    return (1, timezone.now())


def _case_link(case_id: int, anchor: str = "") -> str:
    return reverse("needs_admin:case_detail", args=[case_id]) + (f"#{anchor}" if anchor else "")


def _is_caseworker(user) -> bool:
    return has_role(user, Role.CASEWORKER)
