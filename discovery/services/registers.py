"""Active discovery (主动发现, seed 003): the hotline register, survey visits and their
routine schedules, and applications filed on someone's behalf.

Each function checks its rule, writes and records its audit event in one transaction
(DESIGN.md 7.3); bad input is refused field by field and changes nothing (7.4). Whatever
becomes a case goes through ``case_report``, so a case is a case whichever way it came.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_record, personal_data_read_record
from core.jurisdiction import GOVERNMENT_ROLES, VILLAGE_ROLES, active_memberships
from core.models import Membership, Organisation, Region
from core.workdays import deadline_for
from discovery import notify_visits
from discovery.models import (
    Grid,
    GridHousehold,
    HotlineCall,
    ProxyApplication,
    Visit,
    VisitSchedule,
)
from discovery.selectors_registers import (
    CALLER_FIELDS_SHOWN,
    VISIT_FIELDS_SHOWN,
    user_can_handle_register,
    visits_visible_to,
)
from discovery.services.grids import place_in_grid
from discovery.services.visit_help import help_office_for, help_place
from needs.crypto import decrypt_personal, encrypt_personal, phone_hash
from needs.identifiers import validate_phone
from needs.models import Case, Household
from needs.models.households import KEY_GROUP_FIELDS
from needs.services.cases import ReportResult, _require_office_member, case_report
from needs.services.households import (
    HouseholdInput,
    existing_household,
    household_create,
    validate_household,
)
from needs.services.rules import lock, refuse

HOTLINE_CALLBACK_STEP = "hotline_callback"
HOTLINE_RESULT_STEP = "hotline_result"
MAX_INTERVAL_DAYS = 366


class _Errors:
    """Collects every problem of an input, so that one answer names all the fields."""

    def __init__(self) -> None:
        self.errors: dict[str, list[ValidationError]] = {}

    def add(self, field: str, message: str, code: str) -> None:
        self.errors.setdefault(field, []).append(ValidationError(message, code=code))

    def required(self, field: str, value: str) -> str:
        value = (value or "").strip()
        if not value:
            self.add(field, _("This field is required."), "required")
        return value

    def phone(self, field: str, value: str, *, required: bool) -> str:
        value = (value or "").strip()
        if not value:
            if required:
                self.add(field, _("This field is required."), "required")
            return ""
        try:
            return validate_phone(value)
        except ValidationError as error:
            self.add(field, error.messages[0], error.code or "invalid_phone")
            return value

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)


def _require_government_office(office: Organisation) -> None:
    if not office.is_government:
        refuse("office", _("Only a government office keeps this register."), "not_government")


def _require_handler(user, row) -> None:
    if not user_can_handle_register(user, row.region, row.office_id):
        raise PermissionDenied(_("This record is not in your jurisdiction."))


def _case_office(user, row) -> Organisation:
    """The office that records the case made from a register row: the row's own office if the
    user works there, else the user's government office whose jurisdiction covers the row."""
    offices = [
        m.organisation
        for m in active_memberships(user)
        if m.role in GOVERNMENT_ROLES and m.organisation.is_government
    ]
    for office in offices:
        if office.pk == row.office_id:
            return office
    for office in offices:
        if row.region.is_within(office.region):
            return office
    raise PermissionDenied(_("This record is not in your jurisdiction."))


def _check_case_input(errors: _Errors, category: str, urgency: int) -> None:
    if category not in Case.Category.values:
        errors.add("category", _("Choose a category."), "invalid_choice")
    if urgency not in Case.Urgency.values:
        errors.add("urgency", _("Choose an urgency."), "invalid_choice")


# ---- the hotline register (热线台账) ----


@transaction.atomic
def hotline_call_record(
    *,
    by,
    office: Organisation,
    caller_name: str,
    caller_phone: str,
    region: Region,
    topic: str,
    need: str,
    callback_phone: str = "",
    township: str = "",
    received_at: dt.datetime | None = None,
) -> HotlineCall:
    """Enter a 12349 call in the register. Whoever takes it owns it (首问负责制); it must be
    called back and answered within the office's time limits, counted in working days from
    when the call came in (限时办结). The caller's name and numbers are stored encrypted."""
    _require_office_member(by, office)
    _require_government_office(office)
    errors = _Errors()
    caller_name = errors.required("caller_name", caller_name)
    if len(caller_name) > 64:
        errors.add("caller_name", _("At most 64 characters."), "max_length")
    caller_phone = errors.phone("caller_phone", caller_phone, required=True)
    callback_phone = errors.phone("callback_phone", callback_phone, required=False)
    need = errors.required("need", need)
    if topic not in HotlineCall.Topic.values:
        errors.add("topic", _("Choose what the call is about."), "invalid_choice")
    if region.level != Region.Level.COUNTY:
        errors.add("region", _("Choose a county-level region."), "not_county")
    elif not region.is_within(office.region):
        errors.add(
            "region",
            _("The person lives outside your office's jurisdiction."),
            "out_of_jurisdiction",
        )
    now = timezone.now()
    received_at = received_at or now
    if received_at > now + dt.timedelta(minutes=5):
        errors.add("received_at", _("A call cannot be recorded before it comes in."), "future")
    errors.raise_if_any()

    call = HotlineCall(
        caller_name_encrypted=encrypt_personal(caller_name),
        caller_phone_encrypted=encrypt_personal(caller_phone),
        caller_phone_hash=phone_hash(caller_phone),
        callback_phone_encrypted=encrypt_personal(callback_phone or caller_phone),
        region=region,
        township=(township or "").strip()[:64],
        topic=topic,
        need=need,
        office=office,
        taken_by=by,
        received_at=received_at,
        callback_due_at=deadline_for(office, HOTLINE_CALLBACK_STEP, received_at),
        result_due_at=deadline_for(office, HOTLINE_RESULT_STEP, received_at),
    )
    call.full_clean()
    call.save()
    audit_record(
        actor=by,
        action="hotline.record",
        obj=call,
        changes={"topic": (None, topic), "region": (None, region.code), "office": (None, office)},
    )
    return call


def _require_open_call(call: HotlineCall) -> None:
    if call.status == HotlineCall.Status.CASE:
        refuse(None, _("This call has already become a case."), "already_converted")
    if call.status not in HotlineCall.OPEN_STATUSES:
        refuse(None, _("This call is already closed."), "call_closed")


@transaction.atomic
def hotline_call_back(*, by, call: HotlineCall, note: str) -> HotlineCall:
    """Record the call-back to the caller: what they were told or asked."""
    call = lock(call)
    _require_handler(by, call)
    _require_open_call(call)
    if call.status == HotlineCall.Status.CALLED_BACK:
        refuse(None, _("The caller has already been called back."), "already_called_back")
    errors = _Errors()
    note = errors.required("note", note)
    errors.raise_if_any()
    before = call.status
    call.status = HotlineCall.Status.CALLED_BACK
    call.called_back_at, call.called_back_by, call.callback_note = timezone.now(), by, note
    call.save(update_fields=["status", "called_back_at", "called_back_by", "callback_note"])
    audit_record(
        actor=by,
        action="hotline.call_back",
        obj=call,
        changes={
            "status": (before, call.status),
            "on_time": call.called_back_at <= call.callback_due_at,
        },
    )
    return call


@transaction.atomic
def hotline_call_close(*, by, call: HotlineCall, outcome: str) -> HotlineCall:
    """Close a call answered without a case (a policy question, help found elsewhere...),
    saying what the caller was told."""
    call = lock(call)
    _require_handler(by, call)
    _require_open_call(call)
    errors = _Errors()
    outcome = errors.required("outcome", outcome)
    errors.raise_if_any()
    before = call.status
    call.status, call.outcome = HotlineCall.Status.CLOSED, outcome
    call.closed_at, call.closed_by = timezone.now(), by
    call.save(update_fields=["status", "outcome", "closed_at", "closed_by"])
    audit_record(
        actor=by, action="hotline.close", obj=call, changes={"status": (before, call.status)}
    )
    return call


@transaction.atomic
def hotline_call_to_case(
    *,
    by,
    call: HotlineCall,
    household: HouseholdInput | Household,
    category: str = "",
    narrative: str = "",
    urgency: int = Case.Urgency.NORMAL,
    is_emergency: bool = False,
) -> ReportResult:
    """Make a case of a call, in one step: the case is reported through the hotline channel
    with the household as described, and the call is closed as "became a case" with a link to
    it. A call becomes a case once. The household counts as a hotline caller (key group 5)."""
    call = lock(call)
    _require_handler(by, call)
    _require_open_call(call)
    category = category or (call.topic if call.topic in Case.Category.values else "")
    errors = _Errors()
    _check_case_input(errors, category, urgency)
    errors.raise_if_any()
    if isinstance(household, HouseholdInput):
        household.flags = {**household.flags, "kg_hotline_caller": True}
    result = case_report(
        by=by,
        office=_case_office(by, call),
        channel=Case.Channel.HOTLINE,
        category=category,
        narrative=(narrative or "").strip() or call.need,
        household=household,
        urgency=urgency,
        is_emergency=is_emergency,
    )
    before = call.status
    call.status, call.case = HotlineCall.Status.CASE, result.case
    call.closed_at, call.closed_by = timezone.now(), by
    call.outcome = _("Became case %(number)s.") % {"number": result.case.number}
    call.save(update_fields=["status", "case", "closed_at", "closed_by", "outcome"])
    audit_record(
        actor=by,
        action="hotline.to_case",
        obj=call,
        changes={"status": (before, call.status), "case": (None, result.case.pk)},
    )
    return result


def hotline_caller_details(*, by, call: HotlineCall, purpose: str = "") -> dict[str, str]:
    """The caller's name and numbers, decrypted for staff who may handle the call; every read
    is recorded first (DESIGN.md 7.1)."""
    from discovery.selectors_registers import hotline_calls_visible_to

    if not hotline_calls_visible_to(by).filter(pk=call.pk).exists():
        raise PermissionDenied(_("This record is not in your jurisdiction."))
    with transaction.atomic():
        personal_data_read_record(
            actor=by,
            obj=call,
            fields=CALLER_FIELDS_SHOWN,
            purpose=purpose or f"hotline call {call.pk}",
        )
    return {
        "caller_name": decrypt_personal(call.caller_name_encrypted),
        "caller_phone": decrypt_personal(call.caller_phone_encrypted),
        "callback_phone": decrypt_personal(call.callback_phone_encrypted),
    }


# ---- visits (摸底排查) and routine-visit schedules (必到必访) ----


def visit_read_record(*, by, visit: Visit) -> None:
    """Record that ``by`` reads a visit's observations (what was seen in the home)."""
    if not visits_visible_to(by).filter(pk=visit.pk).exists():
        raise PermissionDenied(_("This record is not in your jurisdiction."))
    with transaction.atomic():
        personal_data_read_record(
            actor=by, obj=visit, fields=VISIT_FIELDS_SHOWN, purpose=f"visit {visit.pk}"
        )


def default_interval_days(household: Household) -> int:
    """Days between routine visits: the shortest interval of the household's key groups."""
    intervals = settings.ROUTINE_VISIT_INTERVAL_DAYS
    default = settings.ROUTINE_VISIT_DEFAULT_INTERVAL_DAYS
    return min((intervals.get(name, default) for name in household.key_groups), default=default)


def _records_as_assistant(by, office: Organisation) -> bool:
    """Whether ``by`` records a visit for ``office`` as its village assistant (协理员) rather
    than as its caseworker or supervisor. Any other role is refused, naming the office."""
    roles = set(
        Membership.objects.filter(user=by, organisation=office, is_active=True).values_list(
            "role", flat=True
        )
    )
    if roles & GOVERNMENT_ROLES:
        return False
    if roles & VILLAGE_ROLES:
        if office.is_government and office.region.level == Region.Level.VILLAGE:
            return True
        refuse(
            "office",
            _("A village assistant records visits for a village or community committee."),
            "not_village",
        )
    if roles:
        refuse(
            "office",
            _("Only caseworkers, supervisors and village assistants record visits."),
            "role",
        )
    raise PermissionDenied(_("You do not work for this office."))


def _in_village_grid(household: Household, village: Region) -> bool:
    return GridHousehold.objects.filter(household=household, grid__region=village).exists()


def _check_grid(errors: _Errors, grid: Grid, *, office: Organisation, as_assistant: bool) -> None:
    if not grid.is_active:
        errors.add("grid", _("This grid is no longer in use."), "inactive")
    elif not grid.region.is_within(office.region):
        message = (
            _("The grid %(grid)s is not in %(village)s.")
            if as_assistant
            else _("The grid %(grid)s is outside your office's jurisdiction.")
        )
        errors.add(
            "grid", message % {"grid": grid, "village": office.region.name}, "out_of_jurisdiction"
        )


def _schedule_after_visit(schedule: VisitSchedule, visited_on: dt.date) -> None:
    if schedule.last_visited_on is None or visited_on > schedule.last_visited_on:
        schedule.last_visited_on = visited_on
    schedule.next_due_on = schedule.last_visited_on + dt.timedelta(days=schedule.interval_days)


@transaction.atomic
def visit_record(
    *,
    by,
    office: Organisation,
    visited_on: dt.date,
    observations: str,
    visitor_kind: str,
    visitor_name: str = "",
    household: Household | None = None,
    household_input: HouseholdInput | None = None,
    key_groups: list[str] | tuple[str, ...] = (),
    needs_help: bool = False,
    grid: Grid | None = None,
) -> Visit:
    """Record a visit to a household on record, or to one described for the first time (found
    again if already on record). The key groups seen are added to the household; a household
    in a key group gets a routine-visit schedule (必到必访), and the visit moves it on.

    A caseworker or supervisor visits households of their office's jurisdiction. A village
    assistant (协理员) records for their village committee and visits only households placed
    in a grid of their village (issue 19): a household's region is its county, so the grid is
    what says it lives in that village. A household the assistant describes for the first time
    is recorded in the county's register and placed in the grid of the village they choose
    (required when the village has grids), so that the village sees its visits from then on; a
    household already on record elsewhere in the county is not pulled into the village (its
    grid is the county's to set). ``grid`` places only a household recorded for the first
    time; one found again keeps its grid.

    A visit that finds the household needs help now is sent to the office that answers for
    its area (``help_office_for``), whose caseworkers are told and find it on their 待办."""
    as_assistant = _records_as_assistant(by, office)
    _require_government_office(office)
    village = office.region if as_assistant else None
    errors = _Errors()
    if (household is None) == (household_input is None):
        refuse(
            "household",
            _("Choose a household on record or describe a new one, not both."),
            "household_choice",
        )
    if household is not None:
        if as_assistant and not _in_village_grid(household, village):
            errors.add(
                "household",
                _("This household is not in a grid of %(village)s.") % {"village": village.name},
                "outside_village",
            )
        elif not as_assistant and not household.region.is_within(office.region):
            errors.add(
                "household",
                _("The household lives outside your office's jurisdiction."),
                "out_of_jurisdiction",
            )
        if grid is not None:
            errors.add(
                "grid",
                _("A grid is chosen only for a household recorded for the first time."),
                "not_new",
            )
    if household_input is not None:
        try:
            validate_household(household_input)
        except ValidationError as error:
            for field, field_errors in error.error_dict.items():
                errors.errors.setdefault(field, []).extend(field_errors)
        else:
            if as_assistant and not village.is_within(household_input.region):
                errors.add(
                    "household.region",
                    _("Choose the county of %(village)s.") % {"village": village.name},
                    "out_of_jurisdiction",
                )
            elif not as_assistant and not household_input.region.is_within(office.region):
                errors.add(
                    "household.region",
                    _("The household lives outside your office's jurisdiction."),
                    "out_of_jurisdiction",
                )
        if grid is not None:
            _check_grid(errors, grid, office=office, as_assistant=as_assistant)
            if "grid" not in errors.errors and not grid.region.is_within(household_input.region):
                errors.add(
                    "grid",
                    _("The grid %(grid)s is not in the household's county.") % {"grid": grid},
                    "other_county",
                )
        elif as_assistant and Grid.objects.filter(region=village, is_active=True).exists():
            errors.add(
                "grid",
                _("Choose the grid of %(village)s the household lives in.")
                % {"village": village.name},
                "required",
            )
    observations = errors.required("observations", observations)
    if visitor_kind not in Visit.Visitor.values:
        errors.add("visitor_kind", _("Say who made the visit."), "invalid_choice")
    if not isinstance(visited_on, dt.date):
        errors.add("visited_on", _("Enter a valid date."), "invalid")
    elif visited_on > timezone.localdate():
        errors.add("visited_on", _("A visit cannot be recorded before it is made."), "future")
    unknown = sorted(set(key_groups) - set(KEY_GROUP_FIELDS))
    if unknown:
        errors.add("key_groups", _("Unknown key group."), "invalid_choice")
    errors.raise_if_any()

    new_household, placed_in = False, None
    if household is None:
        household = existing_household(household_input)
        if household is not None and as_assistant and not _in_village_grid(household, village):
            # On record, but not (yet) a household of this village: a village assistant does
            # not place a county's household in their village by typing its ID number.
            refuse(
                "household",
                _(
                    "This household is already on record and is not in a grid of %(village)s. "
                    "The county's caseworkers can place it in one of your grids."
                )
                % {"village": village.name},
                "not_in_village",
            )
        if household is not None and not household.region.is_within(
            household_input.region if as_assistant else office.region
        ):
            # The same person (ID number, or phone and head's name) is on record with another
            # office: its household is not this office's to change.
            refuse(
                "household",
                _("This household is on record with an office outside your jurisdiction."),
                "on_record_elsewhere",
            )
        if household is None:
            household, new_household = household_create(household_input, by=by), True
            if grid is not None:
                place_in_grid(by=by, household=household, grid=grid)
                placed_in = grid.pk
    added = [
        name for name in KEY_GROUP_FIELDS if name in key_groups and not getattr(household, name)
    ]
    if added:
        Household.objects.filter(pk=household.pk).update(**dict.fromkeys(added, True))
        for name in added:
            setattr(household, name, True)
    visit = Visit(
        household=household,
        region=household.region,
        office=office,
        visitor_kind=visitor_kind,
        visitor_name=(visitor_name or "").strip()[:64],
        visited_on=visited_on,
        observations=observations,
        needs_help=bool(needs_help),
        help_office=help_office_for(household) if needs_help else None,
        recorded_by=by,
        **dict.fromkeys(key_groups, True),
    )
    visit.full_clean()
    visit.save()
    schedule_changes = {}
    if household.key_groups:
        schedule = VisitSchedule.objects.select_for_update().filter(household=household).first()
        if schedule is None:
            schedule = VisitSchedule(
                household=household,
                region=household.region,
                office=office,
                interval_days=default_interval_days(household),
            )
        before = schedule.next_due_on
        _schedule_after_visit(schedule, visited_on)
        schedule.save()
        schedule_changes = {"next_visit_due": (before, schedule.next_due_on)}
    audit_record(
        actor=by,
        action="visit.record",
        obj=visit,
        changes={
            "household": (None, household.pk),
            "new_household": new_household,
            "grid": placed_in,
            "needs_help": bool(needs_help),
            "help_office": visit.help_office_id,
            "key_groups_added": added,
            **schedule_changes,
        },
    )
    if visit.help_office_id is not None:
        notify_visits.visit_needs_help(visit, place=help_place(household), by=by)
    return visit


@transaction.atomic
def visit_to_case(
    *,
    by,
    visit: Visit,
    category: str,
    narrative: str = "",
    urgency: int = Case.Urgency.NORMAL,
    is_emergency: bool = False,
) -> ReportResult:
    """Make a case of a visit, in one step: reported through the grid-worker channel on the
    visited household and linked to the visit. A visit becomes a case once."""
    visit = lock(visit)
    _require_handler(by, visit)
    if visit.case_id is not None:
        refuse(None, _("This visit has already become a case."), "already_converted")
    errors = _Errors()
    _check_case_input(errors, category, urgency)
    errors.raise_if_any()
    result = case_report(
        by=by,
        office=_case_office(by, visit),
        channel=Case.Channel.GRID_WORKER,
        category=category,
        narrative=(narrative or "").strip() or visit.observations,
        household=visit.household,
        urgency=urgency,
        is_emergency=is_emergency,
    )
    visit.case = result.case
    visit.save(update_fields=["case"])
    audit_record(
        actor=by, action="visit.to_case", obj=visit, changes={"case": (None, result.case.pk)}
    )
    return result


@transaction.atomic
def visit_schedule_set(
    *,
    by,
    household: Household,
    office: Organisation,
    interval_days: int | None = None,
    is_active: bool = True,
) -> VisitSchedule:
    """Put a key-group household on routine visits (必到必访), change how often it is visited,
    or stop the visits. Without an interval, the default of its key groups applies."""
    _require_office_member(by, office)
    _require_government_office(office)
    if not household.region.is_within(office.region):
        refuse(
            "household",
            _("The household lives outside your office's jurisdiction."),
            "out_of_jurisdiction",
        )
    if is_active and not household.key_groups:
        refuse(
            "household",
            _("Routine visits are for households in one of the eight key groups."),
            "not_key_group",
        )
    if interval_days is not None and (
        not isinstance(interval_days, int)
        or isinstance(interval_days, bool)
        or not 1 <= interval_days <= MAX_INTERVAL_DAYS
    ):
        refuse(
            "interval_days",
            _("Enter a number of days between 1 and %(max)s.") % {"max": MAX_INTERVAL_DAYS},
            "invalid",
        )
    schedule = VisitSchedule.objects.select_for_update().filter(household=household).first()
    created = schedule is None
    if created:
        schedule = VisitSchedule(household=household, region=household.region)
    before = {"interval_days": schedule.interval_days, "is_active": schedule.is_active}
    schedule.office = office
    schedule.interval_days = (
        interval_days or schedule.interval_days or default_interval_days(household)
    )
    schedule.is_active = is_active
    start = schedule.last_visited_on or timezone.localdate()
    schedule.next_due_on = start + dt.timedelta(days=schedule.interval_days)
    schedule.full_clean()
    schedule.save()
    audit_record(
        actor=by,
        action="visit_schedule.set",
        obj=schedule,
        changes={
            "interval_days": (None if created else before["interval_days"], schedule.interval_days),
            "is_active": (None if created else before["is_active"], is_active),
            "next_due_on": schedule.next_due_on,
        },
    )
    return schedule


# ---- proxy application (代办帮办) ----


@transaction.atomic
def proxy_application_file(
    *,
    by,
    office: Organisation,
    category: str,
    narrative: str,
    household: HouseholdInput | Household,
    filed_for_name: str,
    reason: str,
    reason_note: str = "",
    proxy_name: str = "",
    urgency: int = Case.Urgency.NORMAL,
    is_emergency: bool = False,
) -> ReportResult:
    """File a case on behalf of someone who wants help but cannot apply themselves (seed 003
    measure 12): the case comes through the proxy channel, recorded with for whom, why they
    cannot apply, and who filed it."""
    _require_office_member(by, office)
    errors = _Errors()
    filed_for_name = errors.required("filed_for_name", filed_for_name)
    if len(filed_for_name) > 64:
        errors.add("filed_for_name", _("At most 64 characters."), "max_length")
    if reason not in ProxyApplication.Reason.values:
        errors.add("reason", _("Say why they cannot apply themselves."), "invalid_choice")
    reason_note = (reason_note or "").strip()
    if reason == ProxyApplication.Reason.OTHER and not reason_note:
        errors.add("reason_note", _("Describe the reason."), "required")
    proxy_name = (proxy_name or "").strip() or by.get_full_name() or by.get_username()
    if len(proxy_name) > 64:
        errors.add("proxy_name", _("At most 64 characters."), "max_length")
    _check_case_input(errors, category, urgency)
    errors.raise_if_any()
    result = case_report(
        by=by,
        office=office,
        channel=Case.Channel.PROXY,
        category=category,
        narrative=narrative,
        household=household,
        urgency=urgency,
        is_emergency=is_emergency,
    )
    application = ProxyApplication.objects.create(
        case=result.case,
        filed_for_name=filed_for_name,
        reason=reason,
        reason_note=reason_note,
        proxy_name=proxy_name,
        filed_by=by,
    )
    audit_record(
        actor=by,
        action="proxy_application.file",
        obj=result.case,
        changes={"proxy_application": (None, application.pk), "reason": (None, reason)},
    )
    return result
