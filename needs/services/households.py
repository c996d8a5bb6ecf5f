"""Recording households, and finding the one a new case belongs to (one assistance chain)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.models import Region
from needs.crypto import encrypt_id_number, id_number_hash
from needs.identifiers import validate_id_number, validate_phone
from needs.models import Household, HouseholdMember
from needs.models.households import KEY_GROUP_FIELDS

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
