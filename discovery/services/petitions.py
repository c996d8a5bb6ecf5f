"""The petition register (信访台账, seed 003 measure 7): register a letter or visit, decide on
its acceptance, extend its handling once, reply to it, or make it a case in one step.

Time limits follow the Regulations on Letters and Visits (信访工作条例, 2022): acceptance decided
within 15 days of receipt, an accepted petition handled within 60 days, extended once by at
most 30 days with a reason. The Regulation counts calendar days (日), not working days, so the
figures are a setting of their own (PETITION_TIME_LIMITS_DAYS) rather than an office time
limit (core.OfficeTimeLimit counts working days). None of the seeds fixes other figures.

Each function checks its rule, writes and records its audit event in one transaction
(DESIGN.md 7.3); bad input is refused field by field and changes nothing (7.4).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_record, personal_data_read_record
from core.models import Organisation, Region
from discovery import notify_petitions
from discovery.models import Petition
from discovery.selectors_petitions import PETITIONER_FIELDS_SHOWN, petitions_visible_to
from discovery.services.registers import (
    _case_office,
    _check_case_input,
    _Errors,
    _require_government_office,
    _require_handler,
)
from needs.crypto import (
    decrypt_id_number,
    decrypt_personal,
    encrypt_id_number,
    encrypt_personal,
    id_number_hash,
    phone_hash,
)
from needs.identifiers import validate_id_number
from needs.models import Case, Household
from needs.services.cases import ReportResult, _require_office_member, case_report
from needs.services.households import HouseholdInput
from needs.services.rules import lock, refuse

DEFAULT_TIME_LIMITS_DAYS = {"accept": 15, "handle": 60, "extension_max": 30}


def petition_time_limit(step: str) -> int:
    """Days allowed for ``step`` ("accept", "handle", "extension_max"), calendar days."""
    return {**DEFAULT_TIME_LIMITS_DAYS, **getattr(settings, "PETITION_TIME_LIMITS_DAYS", {})}[step]


def _due(start: dt.datetime, days: int) -> dt.datetime:
    """End of the ``days``-th day after ``start``, local time (the start day not counted)."""
    day = timezone.localtime(start).date() + dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(23, 59, 59)))


def _when(errors: _Errors, field: str, value, *, default: dt.datetime) -> dt.datetime:
    if value is None:
        return default
    if not isinstance(value, dt.datetime):
        errors.add(field, _("Enter a valid date and time."), "invalid")
        return default
    if value > timezone.now() + dt.timedelta(minutes=5):
        errors.add(field, _("This cannot be recorded before it happens."), "future")
    return value


@transaction.atomic
def petition_register(
    *,
    by,
    office: Organisation,
    form: str,
    petitioner_name: str,
    region: Region,
    demand: str,
    petitioner_phone: str = "",
    petitioner_id_number: str = "",
    township: str = "",
    received_at: dt.datetime | None = None,
) -> Petition:
    """Enter a letter or visit in the register (信访台账). The acceptance deadline runs from
    when it was received. The petitioner's name, phone and ID number are stored encrypted."""
    _require_office_member(by, office)
    _require_government_office(office)
    errors = _Errors()
    if form not in Petition.Form.values:
        errors.add(
            "form", _("Say whether it came by letter, in person or online."), "invalid_choice"
        )
    petitioner_name = errors.required("petitioner_name", petitioner_name)
    if len(petitioner_name) > 64:
        errors.add("petitioner_name", _("At most 64 characters."), "max_length")
    petitioner_phone = errors.phone("petitioner_phone", petitioner_phone, required=False)
    id_number = (petitioner_id_number or "").strip()
    if id_number:
        try:
            id_number = validate_id_number(id_number)
        except ValidationError as error:
            errors.add("petitioner_id_number", error.messages[0], error.code or "invalid")
    demand = errors.required("demand", demand)
    if region.level != Region.Level.COUNTY:
        errors.add("region", _("Choose a county-level region."), "not_county")
    elif not region.is_within(office.region):
        errors.add(
            "region",
            _("The petitioner lives outside your office's jurisdiction."),
            "out_of_jurisdiction",
        )
    received_at = _when(errors, "received_at", received_at, default=timezone.now())
    errors.raise_if_any()

    petition = Petition(
        form=form,
        petitioner_name_encrypted=encrypt_personal(petitioner_name),
        petitioner_phone_encrypted=encrypt_personal(petitioner_phone),
        petitioner_phone_hash=phone_hash(petitioner_phone),
        petitioner_id_encrypted=encrypt_id_number(id_number) if id_number else "",
        petitioner_id_hash=id_number_hash(id_number) if id_number else "",
        region=region,
        township=(township or "").strip()[:64],
        demand=demand,
        office=office,
        registered_by=by,
        received_at=received_at,
        accept_due_at=_due(received_at, petition_time_limit("accept")),
    )
    petition.full_clean()
    petition.save()
    audit_record(
        actor=by,
        action="petition.register",
        obj=petition,
        changes={"form": (None, form), "region": (None, region.code), "office": (None, office)},
    )
    notify_petitions.petition_registered(petition, by=by)
    return petition


def _require_open(petition: Petition) -> None:
    if petition.status == Petition.Status.REPLIED:
        refuse(None, _("This petition has already been replied to."), "already_replied")
    if petition.status == Petition.Status.NOT_ACCEPTED:
        refuse(None, _("This petition was not accepted."), "not_accepted")


def _accept(petition: Petition, by, at: dt.datetime) -> None:
    petition.status = Petition.Status.ACCEPTED
    petition.accepted_at, petition.accepted_by = at, by
    petition.handle_due_at = _due(at, petition_time_limit("handle"))


@transaction.atomic
def petition_decide(
    *,
    by,
    petition: Petition,
    accept: bool,
    reason: str = "",
    decided_at: dt.datetime | None = None,
) -> Petition:
    """Decide whether the office accepts the petition (受理). An accepted one must be handled
    and replied to within the handling time limit; one not accepted says why (the petitioner
    is told where to turn)."""
    petition = lock(petition)
    _require_handler(by, petition)
    _require_open(petition)
    if petition.status != Petition.Status.RECEIVED:
        refuse(None, _("Acceptance of this petition has already been decided."), "decided")
    errors = _Errors()
    decided_at = _when(errors, "decided_at", decided_at, default=timezone.now())
    if decided_at < petition.received_at:
        errors.add(
            "decided_at",
            _("A petition cannot be decided on before it was received."),
            "before_received",
        )
    reason = (reason or "").strip()
    if not accept and not reason:
        errors.add("reason", _("Say why the petition is not accepted."), "required")
    errors.raise_if_any()
    before = petition.status
    if accept:
        _accept(petition, by, decided_at)
    else:
        petition.status = Petition.Status.NOT_ACCEPTED
        petition.not_accepted_reason = reason
        petition.replied_at, petition.replied_by = decided_at, by
    petition.save()
    audit_record(
        actor=by,
        action="petition.accept" if accept else "petition.not_accept",
        obj=petition,
        changes={
            "status": (before, petition.status),
            "on_time": decided_at <= petition.accept_due_at,
        },
    )
    return petition


@transaction.atomic
def petition_extend(*, by, petition: Petition, days: int, reason: str) -> Petition:
    """Extend the handling of an accepted petition once, by at most the Regulation's 30 days,
    with the reason the petitioner is told."""
    petition = lock(petition)
    _require_handler(by, petition)
    _require_open(petition)
    if petition.status != Petition.Status.ACCEPTED:
        refuse(None, _("Only an accepted petition can be extended."), "not_accepted_yet")
    if petition.extended_days:
        refuse(None, _("The handling of this petition has already been extended."), "extended")
    errors = _Errors()
    limit = petition_time_limit("extension_max")
    if not isinstance(days, int) or isinstance(days, bool) or not 1 <= days <= limit:
        errors.add(
            "days", _("Enter a number of days between 1 and %(max)s.") % {"max": limit}, "invalid"
        )
    reason = errors.required("reason", reason)
    errors.raise_if_any()
    before = petition.handle_due_at
    petition.handle_due_at = before + dt.timedelta(days=days)
    petition.extended_days, petition.extension_reason = days, reason
    petition.save(update_fields=["handle_due_at", "extended_days", "extension_reason"])
    audit_record(
        actor=by,
        action="petition.extend",
        obj=petition,
        changes={"handle_due_at": (before, petition.handle_due_at), "days": days},
    )
    return petition


@transaction.atomic
def petition_reply(
    *, by, petition: Petition, reply: str, replied_at: dt.datetime | None = None
) -> Petition:
    """Record the written reply (答复意见) to an accepted petition, which ends it. A reply dated
    before the petition was received is refused."""
    petition = lock(petition)
    _require_handler(by, petition)
    _require_open(petition)
    if petition.status != Petition.Status.ACCEPTED:
        refuse(None, _("Decide to accept the petition before replying to it."), "not_accepted_yet")
    errors = _Errors()
    reply = errors.required("reply", reply)
    replied_at = _when(errors, "replied_at", replied_at, default=timezone.now())
    if replied_at < petition.received_at:
        errors.add(
            "replied_at",
            _("A reply cannot be dated before the petition was received."),
            "before_received",
        )
    errors.raise_if_any()
    before = petition.status
    petition.status, petition.reply = Petition.Status.REPLIED, reply
    petition.replied_at, petition.replied_by = replied_at, by
    petition.save(update_fields=["status", "reply", "replied_at", "replied_by"])
    audit_record(
        actor=by,
        action="petition.reply",
        obj=petition,
        changes={
            "status": (before, petition.status),
            "on_time": replied_at <= petition.handle_due_at,
        },
    )
    return petition


@transaction.atomic
def petition_to_case(
    *,
    by,
    petition: Petition,
    household: HouseholdInput | Household,
    category: str,
    narrative: str = "",
    urgency: int = Case.Urgency.NORMAL,
    is_emergency: bool = False,
) -> ReportResult:
    """Make an emergency case of a petition in one step: the case is reported through the
    petition channel (case_report) and linked to it; a petition still to be decided on is
    accepted by it. The petition stays open until it is replied to. A petition becomes a case
    once. The household counts as having turned to the petition channels (key group 5)."""
    petition = lock(petition)
    _require_handler(by, petition)
    _require_open(petition)
    if petition.case_id is not None:
        refuse(None, _("This petition has already become a case."), "already_converted")
    errors = _Errors()
    _check_case_input(errors, category, urgency)
    errors.raise_if_any()
    if isinstance(household, HouseholdInput):
        household.flags = {**household.flags, "kg_hotline_caller": True}
    result = case_report(
        by=by,
        office=_case_office(by, petition),
        channel=Case.Channel.PETITION,
        category=category,
        narrative=(narrative or "").strip() or petition.demand,
        household=household,
        urgency=urgency,
        is_emergency=is_emergency,
    )
    before = petition.status
    if petition.status == Petition.Status.RECEIVED:
        _accept(petition, by, timezone.now())
    petition.case = result.case
    petition.save()
    audit_record(
        actor=by,
        action="petition.to_case",
        obj=petition,
        changes={"status": (before, petition.status), "case": (None, result.case.pk)},
    )
    return result


def petitioner_details(*, by, petition: Petition, purpose: str = "") -> dict[str, str]:
    """The petitioner's name, phone and ID number, decrypted for staff who may see the
    petition; every read is recorded first (DESIGN.md 7.1)."""
    if not petitions_visible_to(by).filter(pk=petition.pk).exists():
        raise PermissionDenied(_("This record is not in your jurisdiction."))
    with transaction.atomic():
        personal_data_read_record(
            actor=by,
            obj=petition,
            fields=PETITIONER_FIELDS_SHOWN,
            purpose=purpose or f"petition {petition.pk}",
        )
    return {
        "petitioner_name": decrypt_personal(petition.petitioner_name_encrypted),
        "petitioner_phone": decrypt_personal(petition.petitioner_phone_encrypted),
        "petitioner_id_number": (
            decrypt_id_number(petition.petitioner_id_encrypted)
            if petition.petitioner_id_encrypted
            else ""
        ),
    }
