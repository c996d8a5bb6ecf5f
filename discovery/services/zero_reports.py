"""Zero reports (零报告): one report per grid, or per village without grids, and period.

Who reports: the grid's leader, the village's assistant (协理员), or a caseworker or
supervisor whose jurisdiction covers the village. A second report for the same period is
refused, also when two arrive at once (the database's unique constraints decide the race).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.jurisdiction import forget_scope
from core.models import Region
from discovery.models import Grid, ZeroReport
from discovery.selectors_grids import RECORDERS, current_period, period_of, user_covers_region

Outcome = ZeroReport.Outcome


def _already(where: str, period: dt.date) -> ValidationError:
    return ValidationError(
        {
            "period": ValidationError(
                _("%(where)s has already reported for %(period)s.")
                % {"where": where, "period": f"{period:%Y-%m}"},
                code="already_reported",
            )
        }
    )


@transaction.atomic
def zero_report_submit(
    *,
    by,
    period: dt.date,
    outcome: str,
    grid: Grid | None = None,
    village: Region | None = None,
    households_found: int = 0,
    findings: str = "",
) -> ZeroReport:
    """Report a grid's (or a gridless village's) findings for a month, or that it found no
    new hardship (零报告). ``period`` is any day of the month reported."""
    forget_scope(by)
    errors: dict[str, str] = {}
    if (grid is None) == (village is None):
        errors["grid"] = _("Say which grid reports, or which village without grids.")
        raise ValidationError(errors)
    region = grid.region if grid is not None else village
    where = str(grid) if grid is not None else region.name
    is_leader = grid is not None and grid.leader_id == by.pk
    if not is_leader and not user_covers_region(by, region, roles=RECORDERS):
        raise PermissionDenied(_("This grid or village is not in your jurisdiction."))
    if grid is not None and not grid.is_active:
        errors["grid"] = _("This grid is no longer in use.")
    if village is not None:
        if village.level != Region.Level.VILLAGE:
            errors["village"] = _("Choose a village or community, not a higher region.")
        elif Grid.objects.filter(region=village, is_active=True).exists():
            errors["village"] = _("%(village)s reports grid by grid.") % {"village": where}
    if not isinstance(period, dt.date):
        errors["period"] = _("Enter the month reported.")
    else:
        period = period_of(period)
        if period > current_period():
            errors["period"] = _("A period cannot be reported before it begins.")
    findings = (findings or "").strip()
    if outcome not in Outcome.values:
        errors["outcome"] = _("Choose the outcome.")
    elif outcome == Outcome.FINDINGS:
        if not isinstance(households_found, int) or households_found < 1:
            errors["households_found"] = _("Say how many households were found in hardship.")
        if not findings:
            errors["findings"] = _("Describe what was found.")
    elif households_found:
        errors["households_found"] = _("A zero report finds no household in hardship.")
    if errors:
        raise ValidationError(errors)
    existing = ZeroReport.objects.filter(period=period)
    existing = existing.filter(grid=grid) if grid else existing.filter(region=region, grid=None)
    if existing.exists():
        raise _already(where, period)
    try:
        with transaction.atomic():
            report = ZeroReport.objects.create(
                region=region,
                grid=grid,
                period=period,
                outcome=outcome,
                households_found=households_found if outcome == Outcome.FINDINGS else 0,
                findings=findings,
                reported_by=by,
            )
    except IntegrityError:
        raise _already(where, period) from None
    audit_record(
        actor=by,
        action="zero_report.submit",
        obj=report,
        changes={
            "period": f"{period:%Y-%m}",
            "outcome": outcome,
            "households_found": report.households_found,
            "reported_at": timezone.now().isoformat(),
        },
    )
    return report
