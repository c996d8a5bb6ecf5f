"""The work of the grid network (discovery.selectors_grids): zero reports still missing for
the month, on the 待办 of the township's and the county's caseworkers and supervisors, and a
cadre's own pairing visits (包片联户) falling due."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from core.jurisdiction import GOVERNMENT_ROLES, active_memberships
from core.models import Region
from discovery.models import CadrePairing
from discovery.selectors_grids import (
    current_period,
    missing_reports,
    period_end,
    zero_report_figures,
)
from needs.worklist.base import LIMIT, VISITS_AHEAD_DAYS, WorkItem, WorkList, _made

# The offices whose 待办 shows the missing reports: a township's (乡镇/街道) and a county's.
REPORT_CHASING_LEVELS = (Region.Level.COUNTY, Region.Level.TOWNSHIP)


def _chasing_regions(user) -> list[Region]:
    return [
        m.organisation.region
        for m in active_memberships(user)
        if m.role in GOVERNMENT_ROLES
        and m.organisation.is_government
        and m.organisation.region.level in REPORT_CHASING_LEVELS
    ]


def zero_reports_missing(user, *, now=None, limit: int = LIMIT) -> WorkList | None:
    """Grids (and villages without grids) of the user's townships and counties that have not
    sent this month's zero report; due by the month's last day."""
    regions = _chasing_regions(user)
    if not regions:
        return None
    now = now or timezone.now()
    period = current_period(now)
    due_on = period_end(period)
    today = timezone.localdate(now)
    # A township inside one of the user's counties adds nothing: count each grid once.
    regions = [r for r in regions if not any(o != r and r.is_within(o) for o in regions)]
    count, units = 0, []
    for region in regions:
        count += zero_report_figures(user, period=period, within=region).missing
        units += missing_reports(user, period=period, within=region, limit=limit)
    link = reverse("discovery_grids:zero_reports_missing")

    def item(unit):
        return WorkItem(
            title=unit.label,
            detail=_("no zero report for %(period)s") % {"period": f"{period:%Y-%m}"},
            link=f"{link}?{urlencode({'within': unit.village.code})}",
            due_on=due_on,
            overdue=due_on < today,
        )

    return WorkList(
        kind="zero_reports_missing",
        label=_("Zero reports missing"),
        count=count,
        items=[item(u) for u in units[:limit]],
        list_link=link,
        overdue=count if due_on < today else 0,
    )


def pairing_visits_due(user, *, now=None, limit: int = LIMIT) -> WorkList | None:
    """The cadre's own pairing visits (包片联户) overdue or due within a week."""
    if not getattr(user, "is_authenticated", False):
        return None
    pairings = CadrePairing.objects.filter(cadre=user, is_active=True)
    if not pairings.exists():
        return None
    today = timezone.localdate(now or timezone.now())
    queryset = (
        pairings.filter(next_visit_due_on__lte=today + dt.timedelta(days=VISITS_AHEAD_DAYS))
        .select_related("grid__region", "region")
        .order_by("next_visit_due_on", "pk")
    )

    def item(pairing):
        return WorkItem(
            title=str(pairing.grid) if pairing.grid_id else pairing.region.name,
            detail=_("visit at least every %(days)s days") % {"days": pairing.visit_interval_days},
            link=reverse("pairing_visits:add") + f"?pairing={pairing.pk}",
            due_on=pairing.next_visit_due_on,
            overdue=pairing.next_visit_due_on < today,
        )

    return _made(
        "pairing_visits_due",
        _("Pairing visits due"),
        queryset,
        item,
        limit=limit,
        list_link=reverse("pairings:index"),
        overdue=Q(next_visit_due_on__lt=today),
    )
