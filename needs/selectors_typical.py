"""Typical cases per office and period, for the report to the province (seed 000), read
through the case jurisdiction (DESIGN.md 7.5)."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from donors.reports import local_day_bounds
from needs.models import TypicalCase
from needs.selectors import cases_visible_to


def typical_cases(
    user,
    *,
    office_id: int | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> QuerySet[TypicalCase]:
    """The typical cases of the cases ``user`` may see, marked in the period (local days), of
    one office if given."""
    rows = TypicalCase.objects.filter(case__in=cases_visible_to(user).values("pk"))
    if office_id:
        rows = rows.filter(office_id=office_id)
    if start:
        rows = rows.filter(marked_at__gte=local_day_bounds(start, start)[0])
    if end:
        rows = rows.filter(marked_at__lt=local_day_bounds(end, end)[1])
    return rows.select_related("case", "case__region", "office")
