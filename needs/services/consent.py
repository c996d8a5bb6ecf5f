"""Consent per scope (DESIGN.md 7.1): publishing needs it, withdrawing it unpublishes at once.

Health details (diagnosis, treatment) have a consent of their own: sensitive personal
information under PIPL needs a separate consent. Withdrawing it also takes a published need
down, as its story may carry them; it is rebuilt without them before it goes up again."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_record
from needs.models import Case, Consent
from needs.services.rules import lock, refuse, require_case_handler

# Withdrawing these takes a published need off the public site at once (with this reason).
UNPUBLISH_REASONS = {
    Consent.Scope.PUBLISH_NEED: "consent.withdraw",
    Consent.Scope.DISCLOSE_HEALTH: "health consent withdrawn",
}


@transaction.atomic
def consent_record(*, by, case: Case, scope: str, method: str, given_by_name: str) -> Consent:
    case = lock(case)
    require_case_handler(by, case)
    if scope not in Consent.Scope.values:
        refuse("scope", _("Unknown consent scope."), "invalid_choice")
    if method not in Consent.Method.values:
        refuse("method", _("Say how the consent was given."), "invalid_choice")
    if not (given_by_name or "").strip():
        refuse("given_by_name", _("This field is required."), "required")
    if Consent.objects.filter(case=case, scope=scope, withdrawn_at__isnull=True).exists():
        refuse("scope", _("This consent is already recorded."), "already_recorded")
    consent = Consent.objects.create(
        case=case, scope=scope, method=method, given_by_name=given_by_name.strip(), recorded_by=by
    )
    audit_record(
        actor=by,
        action="consent.record",
        obj=consent,
        changes={"scope": (None, scope), "method": (None, method)},
    )
    return consent


@transaction.atomic
def consent_withdraw(*, by, consent: Consent) -> Consent:
    consent = lock(consent)
    require_case_handler(by, consent.case)
    if consent.withdrawn_at is not None:
        refuse(None, _("This consent was already withdrawn."), "already_withdrawn")
    consent.withdrawn_at, consent.withdrawn_by = timezone.now(), by
    consent.save(update_fields=["withdrawn_at", "withdrawn_by"])
    audit_record(
        actor=by, action="consent.withdraw", obj=consent, changes={"withdrawn": (False, True)}
    )
    if consent.scope in UNPUBLISH_REASONS and hasattr(consent.case, "need"):
        from needs.services.public import need_withdraw_from_public

        need_withdraw_from_public(consent.case.need, reason=UNPUBLISH_REASONS[consent.scope], by=by)
    return consent
