"""Deadlines in working days (工作日): weekends skipped, public holidays skipped, make-up
working days (调休上班) counted. Time limits are configurable per office (限时办结).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from core.models import Holiday, OfficeTimeLimit, Organisation

# A deadline this far out is a configuration mistake, not a real time limit.
MAX_WORKING_DAYS = 366


def _calendar(start: dt.date, end: dt.date) -> tuple[set[dt.date], set[dt.date]]:
    """Days off and make-up working days between two dates, from the Holiday table."""
    days_off: set[dt.date] = set()
    working: set[dt.date] = set()
    for date, is_working_day in Holiday.objects.filter(date__range=(start, end)).values_list(
        "date", "is_working_day"
    ):
        (working if is_working_day else days_off).add(date)
    return days_off, working


def is_working_day(day: dt.date, *, days_off=frozenset(), working=frozenset()) -> bool:
    if day in working:
        return True
    if day in days_off:
        return False
    return day.weekday() < 5


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The date ``days`` working days after ``start`` (the start day itself is not counted)."""
    if not isinstance(days, int) or isinstance(days, bool) or days < 0:
        raise ValueError("days must be a non-negative integer")
    if days > MAX_WORKING_DAYS:
        raise ValueError(f"days must be at most {MAX_WORKING_DAYS}")
    # Generous window: even a month of holidays cannot push past it.
    days_off, working = _calendar(start, start + dt.timedelta(days=days * 2 + 45))
    day, counted = start, 0
    while counted < days:
        day += dt.timedelta(days=1)
        if is_working_day(day, days_off=days_off, working=working):
            counted += 1
    return day


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after ``start`` up to and including ``end`` (0 if end <= start)."""
    if end <= start:
        return 0
    days_off, working = _calendar(start, end)
    return sum(
        is_working_day(start + dt.timedelta(days=n), days_off=days_off, working=working)
        for n in range(1, (end - start).days + 1)
    )


def time_limit_days(office: Organisation | None, step: str) -> int:
    """The office's own limit for ``step`` if it set one, else the platform default."""
    if office is not None:
        own = (
            OfficeTimeLimit.objects.filter(office=office, step=step)
            .values_list("working_days", flat=True)
            .first()
        )
        if own is not None:
            return own
    defaults = settings.DEFAULT_TIME_LIMITS_WORKING_DAYS
    if step not in defaults:
        raise KeyError(f"No time limit is defined for step {step!r}")
    return defaults[step]


def deadline_for(
    office: Organisation | None, step: str, start: dt.datetime | None = None
) -> dt.datetime:
    """When ``step`` must be done: end of the last working day of its time limit, local time."""
    start = timezone.localtime(start or timezone.now())
    due_day = add_working_days(start.date(), time_limit_days(office, step))
    return timezone.make_aware(dt.datetime.combine(due_day, dt.time(23, 59, 59)))


@transaction.atomic
def holidays_load(years: list[int], holiday_model: type[Holiday] = Holiday) -> int:
    """Add mainland China's public holidays and make-up working days for ``years`` from the
    maintained ``holidays`` package. Rows already present (also hand-made ones) are kept.
    ``holiday_model`` lets a data migration pass its historical model."""
    import holidays as holidays_package

    Holiday = holiday_model

    calendar = holidays_package.China(years=years, language="zh_CN")
    rows = {day: (name, False) for day, name in calendar.items()}
    for day in calendar.weekend_workdays:
        if day.year in years:
            rows[day] = ("调休上班", True)
    existing = set(Holiday.objects.filter(date__in=rows).values_list("date", flat=True))
    new = [
        Holiday(date=day, name=name[:128], is_working_day=working)
        for day, (name, working) in sorted(rows.items())
        if day not in existing
    ]
    Holiday.objects.bulk_create(new)
    return len(new)
