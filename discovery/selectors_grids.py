"""Jurisdiction-scoped reads of the grid registers and the zero-report figures.

Government staff (caseworkers, supervisors) see the grids, assignments, pairings and reports
of their offices' regions, a village assistant (协理员) those of their own village, auditors and
platform administrators everything (core.jurisdiction).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Substr
from django.utils import timezone

from core.jurisdiction import (
    GOVERNMENT_ROLES,
    READ_EVERYTHING_ROLES,
    VILLAGE_ROLES,
    has_role,
    scope_for,
    visible_to,
)
from core.models import Region
from discovery.models import CadrePairing, Grid, GridHousehold, PairingVisit, ZeroReport

READERS = (*GOVERNMENT_ROLES, *VILLAGE_ROLES, *READ_EVERYTHING_ROLES)
# Who records visits and zero reports: government staff and the village's assistant.
RECORDERS = (*GOVERNMENT_ROLES, *VILLAGE_ROLES)
TOWNSHIP, VILLAGE = Region.Level.TOWNSHIP, Region.Level.VILLAGE


def may_read(user) -> bool:
    return has_role(user, *READERS)


def grids_visible_to(user, queryset: QuerySet[Grid] | None = None) -> QuerySet[Grid]:
    queryset = Grid.objects.all() if queryset is None else queryset
    return visible_to(queryset, user, region_field="region", roles=READERS)


def grid_households_visible_to(
    user, queryset: QuerySet[GridHousehold] | None = None
) -> QuerySet[GridHousehold]:
    queryset = GridHousehold.objects.all() if queryset is None else queryset
    return visible_to(queryset, user, region_field="grid__region", roles=READERS)


def pairings_visible_to(
    user, queryset: QuerySet[CadrePairing] | None = None
) -> QuerySet[CadrePairing]:
    """Pairings in the user's regions, and a cadre's own pairings wherever they are."""
    queryset = CadrePairing.objects.all() if queryset is None else queryset
    scoped = visible_to(queryset, user, region_field="region", roles=READERS)
    if getattr(user, "is_authenticated", False):
        return queryset.filter(Q(pk__in=scoped.values("pk")) | Q(cadre=user))
    return scoped


def pairing_visits_visible_to(user, queryset=None) -> QuerySet[PairingVisit]:
    queryset = PairingVisit.objects.all() if queryset is None else queryset
    return queryset.filter(pairing__in=pairings_visible_to(user).values("pk"))


def zero_reports_visible_to(
    user, queryset: QuerySet[ZeroReport] | None = None
) -> QuerySet[ZeroReport]:
    queryset = ZeroReport.objects.all() if queryset is None else queryset
    return visible_to(queryset, user, region_field="region", roles=READERS)


def villages_visible_to(user, *, roles=READERS) -> QuerySet[Region]:
    return visible_to(Region.objects.filter(level=VILLAGE), user, region_field="code", roles=roles)


def user_covers_region(user, region: Region, *, roles=RECORDERS) -> bool:
    return scope_for(user, roles=roles).covers_region(region)


# ---- periods ----


def period_of(day: dt.date) -> dt.date:
    """The period (a month, held as its first day) that ``day`` falls in."""
    return day.replace(day=1)


def current_period(now: dt.datetime | None = None) -> dt.date:
    return period_of(timezone.localdate(now or timezone.now()))


def period_end(period: dt.date) -> dt.date:
    """The last day of the period: its report is due by then."""
    next_month = (period.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return next_month - dt.timedelta(days=1)


# ---- who has not reported ----


def _within(queryset: QuerySet, region_field: str, within: Region | None) -> QuerySet:
    if within is None:
        return queryset
    inside = Region.objects.filter(Q(path=within.path) | Q(path__startswith=within.path + "/"))
    return queryset.filter(**{f"{region_field}__in": inside.values("code")})


def reporting_grids(user, *, period: dt.date, within: Region | None = None) -> QuerySet[Grid]:
    """The active grids the user may see, each annotated ``reported`` for the period."""
    grids = _within(grids_visible_to(user, Grid.objects.filter(is_active=True)), "region", within)
    return grids.annotate(
        reported=Exists(ZeroReport.objects.filter(grid=OuterRef("pk"), period=period))
    )


def reporting_villages(user, *, period: dt.date, within: Region | None = None) -> QuerySet[Region]:
    """Villages the user may see that have no active grid (they report as a whole), each
    annotated ``reported`` for the period."""
    villages = _within(villages_visible_to(user), "code", within)
    villages = villages.exclude(Exists(Grid.objects.filter(region=OuterRef("pk"), is_active=True)))
    return villages.annotate(
        reported=Exists(
            ZeroReport.objects.filter(region=OuterRef("pk"), grid__isnull=True, period=period)
        )
    )


@dataclass(frozen=True)
class ZeroReportRow:
    """One county's or township's figures: how many grids and villages report, how many have."""

    code: str
    name: str
    expected: int
    reported: int

    @property
    def missing(self) -> int:
        return self.expected - self.reported


@dataclass(frozen=True)
class ZeroReportFigures:
    period: dt.date
    rows: list[ZeroReportRow] = field(default_factory=list)

    @property
    def expected(self) -> int:
        return sum(r.expected for r in self.rows)

    @property
    def reported(self) -> int:
        return sum(r.reported for r in self.rows)

    @property
    def missing(self) -> int:
        return self.expected - self.reported


def zero_report_figures(
    user, *, period: dt.date, within: Region | None = None, by_level: int = Region.Level.COUNTY
) -> ZeroReportFigures:
    """The dashboard's figures: per county (or per township, ``by_level``) of the user's
    jurisdiction (within ``within``), how many grids and gridless villages must report for
    the period, how many have, and so how many are missing.

    A statistical division code begins with its county's six digits and its township's nine,
    so the grouping is a prefix of the village's code: four grouped counts on the grids', the
    villages' and the reports' own columns, no join up the region tree, whatever the number
    of grids."""
    digits = 6 if by_level == Region.Level.COUNTY else 9
    counts: dict[str, list[int]] = {}

    def add(queryset: QuerySet, code_field: str, slot: int) -> None:
        grouped = (
            queryset.order_by()
            .annotate(unit=Substr(code_field, 1, digits))
            .values("unit")
            .annotate(n=Count("pk"))
        )
        for row in grouped:
            counts.setdefault(row["unit"], [0, 0])[slot] += row["n"]

    grids = _within(grids_visible_to(user, Grid.objects.filter(is_active=True)), "region", within)
    gridless = _within(villages_visible_to(user), "code", within).exclude(
        Exists(Grid.objects.filter(region=OuterRef("pk"), is_active=True))
    )
    reports = _within(
        zero_reports_visible_to(user, ZeroReport.objects.filter(period=period)), "region", within
    )
    add(grids, "region_id", 0)
    add(gridless, "code", 0)
    # One report per grid and period (a constraint), so counting reports counts grids.
    add(reports.filter(grid__isnull=False, grid__is_active=True), "region_id", 1)
    add(reports.filter(grid__isnull=True, region__in=gridless.values("code")), "region_id", 1)
    # A township's own code is its nine digits and 000; a county's is its six.
    codes = {prefix: prefix.ljust(digits, "0") + "000" * (digits == 9) for prefix in counts}
    names = dict(Region.objects.filter(code__in=codes.values()).values_list("code", "name"))
    rows = [
        ZeroReportRow(
            code=codes[prefix],
            name=names.get(codes[prefix], codes[prefix]),
            expected=expected,
            reported=reported,
        )
        for prefix, (expected, reported) in sorted(counts.items())
    ]
    return ZeroReportFigures(period=period, rows=rows)


@dataclass(frozen=True)
class MissingUnit:
    """A grid or a whole village that has not reported for the period."""

    village: Region
    grid: Grid | None

    @property
    def label(self) -> str:
        return str(self.grid) if self.grid is not None else self.village.name


def missing_reports(
    user, *, period: dt.date, within: Region | None = None, limit: int | None = None
) -> list[MissingUnit]:
    """The grids and gridless villages without a report for the period, by village."""
    grids = (
        reporting_grids(user, period=period, within=within)
        .filter(reported=False)
        .select_related("region", "leader")
        .order_by("region_id", "name")
    )
    villages = (
        reporting_villages(user, period=period, within=within)
        .filter(reported=False)
        .order_by("code")
    )
    if limit is not None:
        grids, villages = grids[:limit], villages[:limit]
    units = [MissingUnit(village=g.region, grid=g) for g in grids]
    units += [MissingUnit(village=v, grid=None) for v in villages]
    units.sort(key=lambda u: (u.village.code, u.grid.name if u.grid else ""))
    return units[:limit] if limit is not None else units
