"""The Django side of the anonymizer: what staff are told when a text may not go public.

Every text the public can read, written by a caseworker or by a charity, passes
``refuse_identifiers`` where it is saved or published (DESIGN.md 7.1): the independent check of
``needs.anonymize`` runs on the final text and each finding is named with its kind and its
place, so the writer can edit exactly that.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from needs.anonymize import Finding, KnownIdentifiers, check, scrub

FINDING_LABELS = {
    "name": _("a personal name"),
    "id_number": _("an ID number"),
    "phone": _("a phone number"),
    "bank_card": _("a bank card number"),
    "hospital_record": _("a hospital record number"),
    "document_number": _("a document number"),
    "email": _("an email address"),
    "url": _("a web address"),
    "im_account": _("a WeChat or QQ account"),
    "licence_plate": _("a licence plate"),
    "birth_date": _("an exact birth date"),
    "address": _("an address below county level"),
    "school": _("a school and class"),
    "employer": _("an employer"),
    "health": _("a diagnosis or treatment"),
    "date": _("an exact date"),
    "number": _("a number that could identify someone"),
}


# What to do about a finding; by default, take it out.
ADVICE = {
    "health": _("Say only the category, such as 患重病 or 需长期治疗."),
    "date": _("Say only the month, or 近日."),
    "name": _("Write the surname and 某 (张某), or leave the name out."),
}
DEFAULT_ADVICE = _("Remove or rewrite it.")


def finding_message(text: str, finding: Finding) -> ValidationError:
    line = text.count("\n", 0, finding.start) + 1
    column = finding.start - (text.rfind("\n", 0, finding.start) + 1) + 1
    return ValidationError(
        _("%(what)s at line %(line)s, character %(column)s: “%(found)s”. %(advice)s"),
        code="identifier_found",
        params={
            "what": FINDING_LABELS.get(finding.kind, finding.kind),
            "line": line,
            "column": column,
            "found": finding.text,
            "advice": ADVICE.get(finding.kind, DEFAULT_ADVICE),
        },
    )


def identifier_errors(
    texts: dict[str, str], known: KnownIdentifiers | None = None, *, health_details: bool = False
) -> dict[str, list[ValidationError]]:
    """Per field, one error for each identifier the publishing check finds in its text."""
    errors: dict[str, list[ValidationError]] = {}
    for field, text in texts.items():
        findings = check(text or "", known, health_details=health_details)
        if findings:
            errors[field] = [finding_message(text, finding) for finding in findings]
    return errors


def refuse_identifiers(
    texts: dict[str, str], known: KnownIdentifiers | None = None, *, health_details: bool = False
) -> None:
    """Raise a ValidationError naming each field and each finding; change nothing."""
    errors = identifier_errors(texts, known, health_details=health_details)
    if errors:
        raise ValidationError(errors)


def public_text(text: str, known: KnownIdentifiers | None = None) -> str:
    """For text built from data rather than typed (a trail label, a tracking page line): the
    scrubbed version, so it can never carry what a record held."""
    return scrub(text or "", known)
