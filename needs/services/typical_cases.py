"""Typical cases (典型个案, seed 000): mark a case as a typical 急难 case with an anonymized
summary, or take the mark back. The summary goes through the public anonymizer: by default the
case's story scrubbed, and whatever is written is checked by the independent publishing check
against the household's known facts, so nothing that identifies the family goes upward."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_record
from needs.anonymize import scrub
from needs.models import Case, TypicalCase
from needs.public_text import refuse_identifiers
from needs.services.known_facts import known_identifiers
from needs.services.rules import lock, refuse, require_case_handler

SUMMARY_MAX_LENGTH = 2000


@transaction.atomic
def typical_case_mark(*, by, case: Case, summary: str = "") -> TypicalCase:
    """Mark ``case`` as typical for its responsible office. Without a summary the case's
    story, anonymized, is used; a summary that still names the household (a name, a number,
    an address below the county, a diagnosis) is refused, field by field."""
    case = lock(case)
    require_case_handler(by, case)
    if TypicalCase.objects.filter(case=case).exists():
        refuse(None, _("This case is already marked as typical."), "already_typical")
    known = known_identifiers(case.household, case)
    summary = (summary or "").strip() or scrub(case.narrative, known)
    if len(summary) > SUMMARY_MAX_LENGTH:
        refuse(
            "summary",
            _("Keep the summary within %(limit)s characters.") % {"limit": SUMMARY_MAX_LENGTH},
            "max_length",
        )
    # A report upward is not the household's consent to health details: categories only.
    refuse_identifiers({"summary": summary}, known, health_details=False)
    typical = TypicalCase.objects.create(
        case=case,
        office=case.responsible_office,
        summary=summary,
        marked_by=by,
        marked_at=timezone.now(),
    )
    audit_record(
        actor=by, action="case.typical_mark", obj=case, changes={"typical": (None, typical.pk)}
    )
    return typical


@transaction.atomic
def typical_case_unmark(*, by, case: Case) -> None:
    """Take the typical mark back (a case marked by mistake)."""
    case = lock(case)
    require_case_handler(by, case)
    typical = TypicalCase.objects.filter(case=case).first()
    if typical is None:
        refuse(None, _("This case is not marked as typical."), "not_typical")
    audit_record(
        actor=by, action="case.typical_unmark", obj=case, changes={"typical": (typical.pk, None)}
    )
    typical.delete()
