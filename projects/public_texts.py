"""What a charity or an enterprise writes for everyone to read about its own work: a project's
title, description and conditions, a special fund's name and purpose (DESIGN.md 7.1).

Such a text has no household behind it, so the publishing check of ``needs.anonymize`` runs
without known facts, and the service that saves the text refuses it, naming the field and each
finding, when it finds a name, a number or an address; nothing is saved. Three things differ
from a need's story, on purpose:

- the organisation's own public details (its name, the bank account it receives gifts on,
  which the donate page already shows) may appear: they identify the charity, not a person;
- an illness may be named: "为白血病患儿提供医疗救助" says what the project covers and points
  at nobody, while a name next to it ("王小明患白血病") is still refused as a name;
- an exact date may be given: an application deadline is nobody's birthday (birth dates are
  their own kind and are still refused).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError

from core.models import Organisation
from needs.anonymize import Finding, check
from needs.public_text import finding_message

# Kinds of finding that are no one's identifier in a text about a programme.
KINDS_ALLOWED_IN_ORGANISATION_TEXTS = frozenset({"date"})


def _key(text: str) -> str:
    """``text`` as compared with the organisation's details: letters and digits only, so
    "6222 0212 3456" and "622202123456" are one account."""
    return "".join(ch for ch in text if ch.isalnum()).casefold()


def organisation_public_details(organisation: Organisation) -> tuple[str, ...]:
    """What the organisation publishes about itself and may therefore repeat in its texts."""
    values = (
        organisation.name,
        organisation.bank_account_name,
        organisation.bank_account_number,
    )
    return tuple(value.strip() for value in values if value and value.strip())


def _is_own(finding: Finding, text: str, details: tuple[str, ...]) -> bool:
    """The finding is one of the details, or lies inside where one is written in ``text``."""
    if _key(finding.text) in {_key(detail) for detail in details}:
        return True
    for detail in details:
        start = text.find(detail)
        while start != -1:
            if start <= finding.start and finding.end <= start + len(detail):
                return True
            start = text.find(detail, start + 1)
    return False


def organisation_text_findings(text: str, organisation: Organisation) -> list[Finding]:
    """The identifiers the publishing check finds in ``text``, less what the organisation may
    say about itself (see the module's docstring)."""
    text = text or ""
    details = organisation_public_details(organisation)
    return [
        finding
        for finding in check(text, None, health_details=True)
        if finding.kind not in KINDS_ALLOWED_IN_ORGANISATION_TEXTS
        and not _is_own(finding, text, details)
    ]


def organisation_text_errors(
    texts: dict[str, str], *, organisation: Organisation
) -> dict[str, list[ValidationError]]:
    """Per field, one error for each identifier found in its text."""
    errors: dict[str, list[ValidationError]] = {}
    for field, text in texts.items():
        findings = organisation_text_findings(text, organisation)
        if findings:
            errors[field] = [finding_message(text, finding) for finding in findings]
    return errors


def refuse_identifiers_in_organisation_texts(
    texts: dict[str, str], *, organisation: Organisation
) -> None:
    """Raise a ValidationError naming each field and each finding; change nothing."""
    errors = organisation_text_errors(texts, organisation=organisation)
    if errors:
        raise ValidationError(errors)
