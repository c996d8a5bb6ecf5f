"""What the caseworker reads before publishing a need: what the anonymizer took out of the
story, which of those it was unsure of, and what the publishing check still finds in the draft
(issue 14: the preview marks what it removed and what it is unsure of)."""

from __future__ import annotations

from dataclasses import dataclass

from needs.models import Case, Need
from needs.public_text import FINDING_LABELS, identifier_errors
from needs.services.known_facts import health_details_consented, known_identifiers
from needs.services.public import need_redaction


@dataclass(frozen=True)
class RemovalRow:
    kind: str
    original: str
    replacement: str
    sure: bool


def need_review(case: Case, need: Need | None) -> dict | None:
    """The rows of the review table and the publishing check's messages for a draft need;
    None once the need is published (the story can no longer change)."""
    if need is None or need.status == Need.Status.PUBLISHED:
        return None
    # Read (and decrypt) the household's facts once for both the removals and the check.
    known = known_identifiers(case.household, case)
    health_details = health_details_consented(case)
    redaction = need_redaction(case, known, health_details=health_details)
    rows = [
        RemovalRow(
            kind=str(FINDING_LABELS.get(r.kind, r.kind)),
            original=r.text,
            replacement=r.replacement or "—",
            sure=r.sure,
        )
        for r in redaction.removals
    ]
    errors = identifier_errors(
        {"title": need.title, "story": need.story}, known, health_details=health_details
    )
    findings = [message for field in errors.values() for error in field for message in error]
    return {
        "rows": rows,
        "unsure_count": sum(1 for row in rows if not row.sure),
        "findings": findings,
        "health_details": health_details,
    }
