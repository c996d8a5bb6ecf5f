"""The grid network's state changes: grids and their leaders, households assigned to grids,
cadre-household pairing (包片联户) and the visits it asks for.

Each function checks its rule, writes, and records its audit event in one transaction
(DESIGN.md 7.3); bad input is refused naming the field, and nothing is written (7.4). The
townships and villages themselves are created by ``core.regions.region_create_below_county``.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.jurisdiction import GOVERNMENT_ROLES, forget_scope, has_role
from core.models import Region, User
from discovery.models import CadrePairing, Grid, GridHousehold, PairingVisit
from discovery.selectors_grids import RECORDERS, user_covers_region
from needs.models import Household

VILLAGE = Region.Level.VILLAGE
MAX_INTERVAL_DAYS = 366


def _refuse(errors: dict[str, str]) -> None:
    if errors:
        raise ValidationError(
            {name: ValidationError(message, code="invalid") for name, message in errors.items()}
        )


def _require_government(by) -> None:
    forget_scope(by)
    if not has_role(by, *GOVERNMENT_ROLES):
        raise PermissionDenied(_("Only caseworkers and supervisors may do this."))


def _village_errors(by, region: Region | None, field: str = "region") -> dict[str, str]:
    if region is None:
        return {field: _("Choose a village or community.")}
    if region.level != VILLAGE:
        return {field: _("Choose a village or community, not a higher region.")}
    if not user_covers_region(by, region, roles=GOVERNMENT_ROLES):
        return {field: _("%(region)s is outside your jurisdiction.") % {"region": region.name}}
    return {}


def _leader_errors(leader: User | None) -> dict[str, str]:
    if leader is not None and not leader.is_active:
        return {"leader": _("The grid leader's account is not active.")}
    return {}


@transaction.atomic
def grid_create(*, by, region: Region, name: str, leader: User | None = None) -> Grid:
    """Divide a village or community into a grid (网格) with its grid leader (网格长)."""
    _require_government(by)
    name = (name or "").strip()
    errors = _village_errors(by, region)
    if not name:
        errors["name"] = _("This field is required.")
    elif len(name) > 64:
        errors["name"] = _("At most 64 characters.")
    elif region is not None and Grid.objects.filter(region=region, name=name).exists():
        errors["name"] = _("This village already has a grid called %(name)s.") % {"name": name}
    errors.update(_leader_errors(leader))
    _refuse(errors)
    grid = Grid.objects.create(region=region, name=name, leader=leader, created_by=by)
    audit_record(
        actor=by,
        action="grid.create",
        obj=grid,
        changes={"region": region, "leader": leader},
    )
    return grid


@transaction.atomic
def grid_update(*, by, grid: Grid, name: str, leader: User | None, is_active: bool = True) -> Grid:
    """Rename a grid, change its leader, or retire it (a retired grid no longer reports)."""
    _require_government(by)
    grid = Grid.objects.select_for_update().get(pk=grid.pk)
    name = (name or "").strip()
    errors = _village_errors(by, grid.region, field="name")
    if not errors:
        if not name:
            errors["name"] = _("This field is required.")
        elif len(name) > 64:
            errors["name"] = _("At most 64 characters.")
        elif Grid.objects.filter(region=grid.region, name=name).exclude(pk=grid.pk).exists():
            errors["name"] = _("This village already has a grid called %(name)s.") % {"name": name}
    errors.update(_leader_errors(leader))
    _refuse(errors)
    changes = {}
    for attribute, value in (("name", name), ("leader", leader), ("is_active", is_active)):
        before = getattr(grid, attribute)
        if before != value:
            changes[attribute] = (before, value)
            setattr(grid, attribute, value)
    grid.save()
    audit_record(actor=by, action="grid.update", obj=grid, changes=changes)
    return grid


@transaction.atomic
def grid_household_assign(*, by, household: Household, grid: Grid) -> GridHousehold:
    """Put a household in a grid (or move it to another). The grid must lie in the household's
    county and in the jurisdiction of the person assigning it."""
    _require_government(by)
    errors: dict[str, str] = {}
    if not user_covers_region(by, household.region, roles=GOVERNMENT_ROLES):
        errors["household"] = _("This household is outside your jurisdiction.")
    if not grid.is_active:
        errors["grid"] = _("This grid is no longer in use.")
    elif not user_covers_region(by, grid.region, roles=GOVERNMENT_ROLES):
        errors["grid"] = _("The grid %(grid)s is outside your jurisdiction.") % {"grid": grid}
    elif not grid.region.is_within(household.region):
        errors["grid"] = _("The grid %(grid)s is not in the household's county.") % {"grid": grid}
    _refuse(errors)
    return place_in_grid(by=by, household=household, grid=grid)


def place_in_grid(*, by, household: Household, grid: Grid) -> GridHousehold:
    """Write a household's grid with its audit event, inside the caller's transaction; the
    caller has checked the rule (``grid_household_assign``, or ``visit_record`` for a
    household a village assistant found in their village)."""
    assignment = GridHousehold.objects.select_for_update().filter(household=household).first()
    before = assignment.grid if assignment else None
    if assignment is None:
        assignment = GridHousehold.objects.create(household=household, grid=grid, assigned_by=by)
    elif before != grid:
        assignment.grid, assignment.assigned_by = grid, by
        assignment.save()
    audit_record(
        actor=by,
        action="grid.household_assign",
        obj=assignment,
        changes={"household": household, "grid": (before, grid)},
    )
    return assignment


@transaction.atomic
def pairing_create(
    *,
    by,
    cadre: User,
    visit_interval_days: int,
    grid: Grid | None = None,
    household: Household | None = None,
    first_visit_due_on: dt.date | None = None,
) -> CadrePairing:
    """Pair a cadre with a grid (包片) or a household (联户): the cadre visits it at least every
    ``visit_interval_days`` days, the first visit due within one interval unless given."""
    _require_government(by)
    errors: dict[str, str] = {}
    if (grid is None) == (household is None):
        errors["grid"] = _("Pair the cadre with a grid or with a household, not both.")
    region = None
    if grid is not None:
        region = grid.region
        if not grid.is_active:
            errors["grid"] = _("This grid is no longer in use.")
        elif not user_covers_region(by, region, roles=GOVERNMENT_ROLES):
            errors["grid"] = _("The grid %(grid)s is outside your jurisdiction.") % {"grid": grid}
    elif household is not None:
        assignment = GridHousehold.objects.filter(household=household).select_related(
            "grid__region"
        )
        region = assignment[0].grid.region if assignment else None
        if not user_covers_region(by, household.region, roles=GOVERNMENT_ROLES):
            errors["household"] = _("This household is outside your jurisdiction.")
        elif region is None:
            errors["household"] = _("Assign the household to a grid first.")
    if not cadre.is_active:
        errors["cadre"] = _("The cadre's account is not active.")
    if not isinstance(visit_interval_days, int) or not (
        1 <= visit_interval_days <= MAX_INTERVAL_DAYS
    ):
        errors["visit_interval_days"] = _("Between 1 and %(max)s days.") % {
            "max": MAX_INTERVAL_DAYS
        }
    _refuse(errors)
    today = timezone.localdate()
    due = first_visit_due_on or today + dt.timedelta(days=visit_interval_days)
    pairing = CadrePairing.objects.create(
        cadre=cadre,
        grid=grid,
        household=household,
        region=region,
        visit_interval_days=visit_interval_days,
        next_visit_due_on=due,
        created_by=by,
    )
    audit_record(
        actor=by,
        action="pairing.create",
        obj=pairing,
        changes={
            "cadre": cadre,
            "grid": grid,
            "household": household,
            "interval": visit_interval_days,
        },
    )
    return pairing


@transaction.atomic
def pairing_end(*, by, pairing: CadrePairing) -> CadrePairing:
    """End a pairing: its visits are no longer due."""
    _require_government(by)
    pairing = CadrePairing.objects.select_for_update().get(pk=pairing.pk)
    if not user_covers_region(by, pairing.region, roles=GOVERNMENT_ROLES):
        raise PermissionDenied(_("This record is not in your jurisdiction."))
    if not pairing.is_active:
        _refuse({"pairing": _("This pairing has already ended.")})
    pairing.is_active = False
    pairing.save(update_fields=["is_active"])
    audit_record(actor=by, action="pairing.end", obj=pairing, changes={"is_active": (True, False)})
    return pairing


@transaction.atomic
def pairing_visit_record(
    *, by, pairing: CadrePairing, visited_on: dt.date, note: str, found_hardship: bool = False
) -> PairingVisit:
    """Record a visit made under a pairing, by the cadre, the village's assistant or a
    caseworker of the area; the next visit falls due one interval after this one."""
    pairing = CadrePairing.objects.select_for_update().select_related("region").get(pk=pairing.pk)
    forget_scope(by)
    if pairing.cadre_id != by.pk and not user_covers_region(by, pairing.region, roles=RECORDERS):
        raise PermissionDenied(_("This record is not in your jurisdiction."))
    note = (note or "").strip()
    errors: dict[str, str] = {}
    if not pairing.is_active:
        errors["pairing"] = _("This pairing has ended.")
    if not isinstance(visited_on, dt.date):
        errors["visited_on"] = _("Enter the date of the visit.")
    elif visited_on > timezone.localdate():
        errors["visited_on"] = _("A visit cannot be in the future.")
    if not note:
        errors["note"] = _("This field is required.")
    _refuse(errors)
    visit = PairingVisit.objects.create(
        pairing=pairing,
        visited_on=visited_on,
        note=note,
        found_hardship=bool(found_hardship),
        recorded_by=by,
    )
    if pairing.last_visited_on is None or visited_on > pairing.last_visited_on:
        pairing.last_visited_on = visited_on
        pairing.next_visit_due_on = visited_on + dt.timedelta(days=pairing.visit_interval_days)
        pairing.save(update_fields=["last_visited_on", "next_visit_due_on"])
    audit_record(
        actor=by,
        action="pairing.visit_record",
        obj=visit,
        changes={"pairing": pairing, "found_hardship": bool(found_hardship)},
    )
    return visit
