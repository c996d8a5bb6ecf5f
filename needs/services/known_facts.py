"""What the platform knows about a household, gathered for the anonymizer (DESIGN.md 7.1).

Decrypted here only to be masked: nothing gathered here is shown to anyone.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError

from discovery.models import HotlineCall, ProxyApplication, Visit
from needs.anonymize import KnownIdentifiers
from needs.crypto import decrypt_document_number, decrypt_id_number, decrypt_personal
from needs.identifiers import id_number_birth_date
from needs.models import Case, Consent, Household, HouseholdIdentifier

# Which recorded document numbers go to which list of KnownIdentifiers; every other kind (the
# certificates, the household register, other documents) is a document number.
_IDENTIFIER_LISTS = {
    HouseholdIdentifier.Kind.BANK_CARD: "bank_cards",
    HouseholdIdentifier.Kind.HOSPITAL_RECORD: "hospital_record_numbers",
}


def known_identifiers(household: Household, case: Case | None = None) -> KnownIdentifiers:
    """Everything the platform knows that could identify this household: its members, phone
    and address, its recorded document numbers (bank cards, hospital records, certificates)
    and its contacts outside the household. With ``case``, also what its discovery records
    hold: a case made from a hotline call takes the call's words as its story, so the caller's
    name, numbers and township are masked too, and so are the names on a linked visit or proxy
    application."""
    members = list(household.members.all())
    id_numbers = [
        decrypt_id_number(m.id_number_encrypted) for m in members if m.id_number_encrypted
    ]
    birth_dates = []
    for number in id_numbers:
        try:
            birth_dates.append(id_number_birth_date(number))
        except (ValueError, ValidationError):
            continue
    names = [m.name for m in members]
    phones = [household.phone] if household.phone else []
    addresses = [a for a in (household.township, household.address_detail) if a]
    numbers: dict[str, list[str]] = {
        "bank_cards": [],
        "hospital_record_numbers": [],
        "document_numbers": [],
    }
    for identifier in household.identifiers.all():
        kind_list = _IDENTIFIER_LISTS.get(identifier.kind, "document_numbers")
        numbers[kind_list].append(decrypt_document_number(identifier.value_encrypted))
    for contact in household.contacts.all():
        names.append(decrypt_personal(contact.name_encrypted))
        phones.append(decrypt_personal(contact.phone_encrypted))
    if case is not None:
        extra = _discovery_identifiers(case)
        names += extra["names"]
        phones += extra["phones"]
        addresses += extra["addresses"]
    return KnownIdentifiers(
        names=tuple(_unique(names)),
        id_numbers=tuple(id_numbers),
        phones=tuple(_unique(phones)),
        addresses=tuple(_unique(addresses)),
        birth_dates=tuple(birth_dates),
        bank_cards=tuple(_unique(numbers["bank_cards"])),
        hospital_record_numbers=tuple(_unique(numbers["hospital_record_numbers"])),
        document_numbers=tuple(_unique(numbers["document_numbers"])),
    )


def health_details_consented(case: Case) -> bool:
    """Whether the household gave its separate, recorded consent (not withdrawn) to disclose
    health details in the published need. Without it, diagnoses and treatments become their
    category (DESIGN.md 7.1: health is sensitive personal information under PIPL)."""
    return Consent.objects.filter(
        case=case, scope=Consent.Scope.DISCLOSE_HEALTH, withdrawn_at__isnull=True
    ).exists()


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(v.strip() for v in values if v and v.strip()))


def _discovery_identifiers(case: Case) -> dict[str, list[str]]:
    """The names, numbers and places of the hotline call, visit or proxy application a case
    came from (decrypted here only to be masked; nothing is shown to anyone)."""
    found: dict[str, list[str]] = {"names": [], "phones": [], "addresses": []}
    call = HotlineCall.objects.filter(case=case).first()
    if call is not None:
        found["names"].append(decrypt_personal(call.caller_name_encrypted))
        found["phones"] += [
            decrypt_personal(call.caller_phone_encrypted),
            decrypt_personal(call.callback_phone_encrypted),
        ]
        found["addresses"].append(call.township)
    visit = Visit.objects.filter(case=case).first()
    if visit is not None:
        found["names"].append(visit.visitor_name)
    proxy = ProxyApplication.objects.filter(case=case).first()
    if proxy is not None:
        found["names"] += [proxy.filed_for_name, proxy.proxy_name]
    return found
