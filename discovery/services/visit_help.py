"""A visit that finds a household needing help now (需要立即救助) reaches the caseworkers who
answer for the household's area, and stays on their 待办 until someone acts on it: a case is
made for the household, or a caseworker marks the call for help dealt with, saying what was
done (DESIGN.md 8: whatever waits for someone is on their 待办 and notified to them)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.models import Organisation, Region
from discovery.models import GridHousehold, Visit
from discovery.selectors_registers import help_waiting_condition, user_can_act_on_help
from discovery.services.public_reports import office_for
from needs.models import Household
from needs.services.rules import lock, refuse

MAX_NOTE = 2000


def help_place(household: Household) -> Region:
    """Where the household lives as far as the register knows: its grid's village, else its
    county. (Reads ``household.grid_assignment``: select it with the household in lists.)"""
    try:
        return household.grid_assignment.grid.region
    except GridHousehold.DoesNotExist:
        return household.region


def help_office_for(household: Household) -> Organisation | None:
    """The office whose caseworkers answer a call for help for ``household``: the office of
    the township its village (its grid) lies in if one exists, else the nearest one above,
    the county's (routed like a report from the public, public_reports.office_for). The
    village's own committee is not it: its assistant is who raised the call."""
    place = help_place(household)
    if place.level == Region.Level.VILLAGE:
        place = place.parent
    return office_for(place)


@transaction.atomic
def visit_help_dealt_with(*, by, visit: Visit, note: str) -> Visit:
    """A caseworker marks a visit's call for help dealt with, saying what was done (the
    household was helped at once, referred, already a case elsewhere...). Once per visit;
    only for a call still waiting; only by a caseworker or supervisor who may answer it
    (``user_can_act_on_help``)."""
    visit = lock(visit)
    if not user_can_act_on_help(by, visit):
        raise PermissionDenied(_("This record is not in your jurisdiction."))
    if not visit.needs_help:
        refuse(None, _("This visit did not find that the household needs help now."), "no_call")
    if visit.help_dealt_with_at is not None:
        refuse(None, _("This call for help has already been dealt with."), "already_dealt_with")
    if not Visit.objects.filter(help_waiting_condition(), pk=visit.pk).exists():
        refuse(None, _("A case has already been made for this household."), "already_case")
    note = (note or "").strip()
    if not note:
        refuse("note", _("Say what was done for the household."), "required")
    if len(note) > MAX_NOTE:
        refuse("note", _("At most %(count)s characters.") % {"count": MAX_NOTE}, "max_length")
    visit.help_dealt_with_at, visit.help_dealt_with_by = timezone.now(), by
    visit.help_dealt_with_note = note
    visit.save(update_fields=["help_dealt_with_at", "help_dealt_with_by", "help_dealt_with_note"])
    audit_record(
        actor=by,
        action="visit.help_dealt_with",
        obj=visit,
        changes={"help_dealt_with": (False, True), "help_office": visit.help_office_id},
    )
    return visit
