"""Recording households, finding the one a new case belongs to (one assistance chain), and
what staff add to a household later: its document numbers and its contacts outside it."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.models import Region
from needs.crypto import (
    decrypt_personal,
    document_number_hash,
    encrypt_document_number,
    encrypt_id_number,
    encrypt_personal,
    id_number_hash,
    phone_hash,
)
from needs.identifiers import (
    validate_bank_card,
    validate_document_number,
    validate_id_number,
    validate_phone,
)
from needs.models import Case, Household, HouseholdContact, HouseholdIdentifier, HouseholdMember
from needs.models.households import KEY_GROUP_FIELDS
from needs.services.rules import lock, refuse, require_case_handler

STATUS_FIELDS = ["is_dibao", "is_tekun", "is_dibao_edge", "is_expenditure_hardship"]


@dataclass
class MemberInput:
    name: str
    relation: str
    age: int | None = None
    id_number: str = ""
    has_disability: bool = False
    has_serious_illness: bool = False


@dataclass
class HouseholdInput:
    region: Region
    members: list[MemberInput]
    township: str = ""
    address_detail: str = ""
    phone: str = ""
    flags: dict[str, bool] = field(default_factory=dict)  # statuses and key groups


def validate_household(data: HouseholdInput) -> HouseholdInput:
    """Check a household as entered; every problem is reported with its field path."""
    errors: dict[str, list[ValidationError]] = {}

    def add(path: str, message: str, code: str) -> None:
        errors.setdefault(path, []).append(ValidationError(message, code=code))

    if data.region.level != Region.Level.COUNTY:
        add("household.region", _("Choose a county-level region."), "not_county")
    if data.phone:
        try:
            data.phone = validate_phone(data.phone)
        except ValidationError as error:
            add("household.phone", error.messages[0], error.code or "invalid_phone")
    unknown_flags = set(data.flags) - set(STATUS_FIELDS) - set(KEY_GROUP_FIELDS)
    for name in sorted(unknown_flags):
        add(f"household.flags.{name}", _("Unknown household status or key group."), "invalid")
    if not data.members:
        add("household.members", _("Record at least the head of household."), "required")
    heads = [m for m in data.members if m.relation == HouseholdMember.Relation.HEAD]
    if data.members and len(heads) != 1:
        add("household.members", _("A household has exactly one head."), "one_head")
    seen_ids: set[str] = set()
    for index, member in enumerate(data.members):
        path = f"household.members.{index}"
        member.name = (member.name or "").strip()
        if not member.name:
            add(f"{path}.name", _("This field is required."), "required")
        if member.relation not in HouseholdMember.Relation.values:
            add(f"{path}.relation", _("Unknown relation."), "invalid_choice")
        if member.age is not None and not 0 <= member.age <= 130:
            add(f"{path}.age", _("Enter an age between 0 and 130."), "invalid")
        if member.id_number:
            try:
                member.id_number = validate_id_number(member.id_number)
            except ValidationError as error:
                add(f"{path}.id_number", error.messages[0], error.code or "invalid")
            else:
                if member.id_number in seen_ids:
                    add(f"{path}.id_number", _("The same ID number appears twice."), "duplicate")
                seen_ids.add(member.id_number)
    if errors:
        raise ValidationError(errors)
    return data


def existing_household(data: HouseholdInput) -> Household | None:
    """The household already on record for these people: same ID number (by keyed hash), or
    same phone and head-of-household name."""
    hashes = [id_number_hash(m.id_number) for m in data.members if m.id_number]
    if hashes:
        member = (
            HouseholdMember.objects.filter(id_number_hash__in=hashes)
            .select_related("household")
            .first()
        )
        if member is not None:
            return member.household
    head = next(m for m in data.members if m.relation == HouseholdMember.Relation.HEAD)
    if data.phone:
        return (
            Household.objects.filter(
                phone=data.phone,
                members__relation=HouseholdMember.Relation.HEAD,
                members__name=head.name,
            )
            .order_by("pk")
            .first()
        )
    return None


def household_on_record_for(data: HouseholdInput, office) -> Household | None:
    """The household on record for these people (``existing_household``) that a case
    reported by ``office`` may join: one in the office's region, or one whose case was handed
    over to the office. A household on record elsewhere is not attached and none of its
    details are shown: the reporter is told only that it exists and how the two offices
    connect (issue 16). Typing another county's resident's ID number reaches nothing."""
    record = existing_household(data)
    if record is None or record.region.is_within(office.region):
        return record
    if record.cases.filter(responsible_office=office).exists():
        return record  # handed over to this office: the offices are already connected
    hashes = set(record.members.exclude(id_number_hash="").values_list("id_number_hash", flat=True))
    for index, member in enumerate(data.members):
        if member.id_number and id_number_hash(member.id_number) in hashes:
            refuse(
                f"household.members.{index}.id_number",
                _(
                    "A household with this ID number is on record with an office outside your "
                    "jurisdiction. It is not attached to this case and its details are not "
                    "shown. The two offices connect through a hand-over of its case or a "
                    "request to that office."
                ),
                "on_record_elsewhere",
            )
    refuse(
        "household.phone",
        _(
            "A household with this phone number and head of household is on record with an "
            "office outside your jurisdiction. It is not attached to this case and its "
            "details are not shown. The two offices connect through a hand-over of its case "
            "or a request to that office."
        ),
        "on_record_elsewhere",
    )


def household_create(data: HouseholdInput, *, by) -> Household:
    household = Household(
        region=data.region,
        township=data.township.strip(),
        address_detail=data.address_detail.strip(),
        phone=data.phone,
        created_by=by,
        **{name: bool(value) for name, value in data.flags.items()},
    )
    household.full_clean()
    household.save()
    HouseholdMember.objects.bulk_create(
        [
            HouseholdMember(
                household=household,
                name=member.name,
                relation=member.relation,
                age=member.age,
                has_disability=member.has_disability,
                has_serious_illness=member.has_serious_illness,
                id_number_encrypted=encrypt_id_number(member.id_number) if member.id_number else "",
                id_number_hash=id_number_hash(member.id_number) if member.id_number else "",
            )
            for member in data.members
        ]
    )
    return household


# ---- document numbers and contacts outside the household (recorded from a case) ----
#
# Staff record them on the page of one of the household's cases, so the case decides who may:
# its caseworkers and supervisors (jurisdiction, or the office it was handed to). Audit events
# name the household and the kind of record, never the number, name or phone.


def _household_of(by, case: Case) -> Household:
    """The case's household, locked: two records for one household are added one at a time."""
    case = lock(case)
    require_case_handler(by, case)
    return lock(case.household)


def _text(field: str, value: str, max_length: int, *, required: bool = False) -> str:
    value = (value or "").strip()
    if required and not value:
        refuse(field, _("This field is required."), "required")
    if len(value) > max_length:
        refuse(
            field,
            _("Use at most %(limit)s characters.") % {"limit": max_length},
            "max_length",
        )
    return value


@transaction.atomic
def household_identifier_add(
    *, by, case: Case, kind: str, value: str, label: str = ""
) -> HouseholdIdentifier:
    """Record one of the household's document numbers, encrypted at rest, so that the
    anonymizer removes it from every public text (DESIGN.md 7.1). A bank card must pass its
    check digit; other numbers are letters, digits and dashes; one number is recorded once."""
    household = _household_of(by, case)
    if kind not in HouseholdIdentifier.Kind.values:
        refuse("kind", _("Choose what kind of number this is."), "invalid_choice")
    is_card = kind == HouseholdIdentifier.Kind.BANK_CARD
    try:
        number = (validate_bank_card if is_card else validate_document_number)(value or "")
    except ValidationError as error:
        refuse("value", error.messages[0], error.code or "invalid")
    label = _text("label", label, 64)
    number_hash = document_number_hash(number)
    if household.identifiers.filter(value_hash=number_hash).exists():
        refuse("value", _("This number is already recorded for the household."), "duplicate")
    identifier = HouseholdIdentifier(
        household=household,
        kind=kind,
        value_encrypted=encrypt_document_number(number),
        value_hash=number_hash,
        label=label,
        recorded_by=by,
    )
    identifier.full_clean()
    identifier.save()
    audit_record(
        actor=by,
        action="household.identifier_add",
        obj=household,
        changes={"identifier": (None, identifier.pk), "kind": (None, kind)},
    )
    return identifier


@transaction.atomic
def household_identifier_remove(*, by, case: Case, identifier: HouseholdIdentifier) -> None:
    """Remove a document number recorded in error or no longer the household's; the number
    itself is deleted, the audit log keeps that one of this kind was removed."""
    household = _household_of(by, case)
    if identifier.household_id != household.pk:
        refuse("identifier", _("This number belongs to another household."), "other_household")
    found = household.identifiers.select_for_update().filter(pk=identifier.pk).first()
    if found is None:
        refuse(None, _("This number was already removed."), "already_removed")
    audit_record(
        actor=by,
        action="household.identifier_remove",
        obj=household,
        changes={"identifier": (found.pk, None), "kind": (found.kind, None)},
    )
    found.delete()


@transaction.atomic
def household_contact_add(
    *, by, case: Case, name: str, relation: str, phone: str = "", note: str = ""
) -> HouseholdContact:
    """Record someone outside the household who can reach it (a relative elsewhere, a
    neighbour, the village cadre): name and phone encrypted at rest, masked by the anonymizer
    in public text. The same name with the same phone is recorded once."""
    household = _household_of(by, case)
    name = _text("name", name, 64, required=True)
    if relation not in HouseholdContact.Relation.values:
        refuse("relation", _("Unknown relation."), "invalid_choice")
    if (phone or "").strip():
        try:
            phone = validate_phone(phone)
        except ValidationError as error:
            refuse("phone", error.messages[0], error.code or "invalid_phone")
    else:
        phone = ""
    note = _text("note", note, 200)
    for contact in household.contacts.all():
        same_phone = contact.phone_hash == phone_hash(phone)
        if same_phone and decrypt_personal(contact.name_encrypted) == name:
            refuse("name", _("This contact is already recorded for the household."), "duplicate")
    contact = HouseholdContact(
        household=household,
        relation=relation,
        name_encrypted=encrypt_personal(name),
        phone_encrypted=encrypt_personal(phone),
        phone_hash=phone_hash(phone),
        note=note,
        recorded_by=by,
    )
    contact.full_clean()
    contact.save()
    audit_record(
        actor=by,
        action="household.contact_add",
        obj=household,
        changes={"contact": (None, contact.pk), "relation": (None, relation)},
    )
    return contact


@transaction.atomic
def household_contact_remove(*, by, case: Case, contact: HouseholdContact) -> None:
    """Remove a contact outside the household; their name and phone are deleted."""
    household = _household_of(by, case)
    if contact.household_id != household.pk:
        refuse("contact", _("This contact belongs to another household."), "other_household")
    found = household.contacts.select_for_update().filter(pk=contact.pk).first()
    if found is None:
        refuse(None, _("This contact was already removed."), "already_removed")
    audit_record(
        actor=by,
        action="household.contact_remove",
        obj=household,
        changes={"contact": (found.pk, None), "relation": (found.relation, None)},
    )
    found.delete()
