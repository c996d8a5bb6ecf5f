"""Service records (服务记录): what a volunteer or a social worker of the receiving service did
for a case referred to it (a home visit, a counselling session, a call), with the time spent and
the outcome, on the case's record (seed 003: psychological support and social-work case
management beside material help)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_record
from needs.models import Referral, ServiceRecord
from needs.services.referrals import _require_receiver
from needs.services.rules import lock, refuse

MAX_MINUTES = 24 * 60  # one record is one day's work at most


@transaction.atomic
def service_record_add(
    *,
    by,
    referral: Referral,
    kind: str,
    date: dt.date,
    minutes: int,
    outcome: str,
    provider_name: str,
) -> ServiceRecord:
    """Record one service given under an accepted referral to a service project or volunteer
    team, by its own staff. The provider's name is kept for the back office only: the audit
    event names the field, not the person."""
    referral = lock(referral)
    _require_receiver(by, referral)
    if referral.project is None or not referral.project.is_service:
        refuse(None, _("Only a referral to a service records services."), "not_service")
    if referral.status not in (Referral.Status.ACCEPTED, Referral.Status.IN_PROGRESS):
        refuse(None, _("Record services once the referral is accepted."), "not_accepted")
    if kind not in ServiceRecord.Kind.values:
        refuse("kind", _("Choose what kind of service it was."), "invalid_choice")
    if not isinstance(date, dt.date):
        refuse("date", _("Enter a valid date."), "invalid")
    if date > timezone.localdate():
        refuse(
            "date",
            _("A service is recorded once given: the date cannot be in the future."),
            "future",
        )
    if date < timezone.localdate(referral.requested_at):
        refuse("date", _("The date cannot be before the referral."), "before_referral")
    if not isinstance(minutes, int) or isinstance(minutes, bool) or not 0 < minutes <= MAX_MINUTES:
        refuse(
            "minutes",
            _("Give the time spent in minutes, from 1 to %(max)s.") % {"max": MAX_MINUTES},
            "invalid",
        )
    outcome, provider_name = (outcome or "").strip(), (provider_name or "").strip()
    if not outcome:
        refuse("outcome", _("Say what came of it."), "required")
    if not provider_name:
        refuse("provider_name", _("Name the volunteer or social worker."), "required")
    record = ServiceRecord.objects.create(
        referral=referral,
        kind=kind,
        date=date,
        minutes=minutes,
        outcome=outcome,
        provider_name=provider_name[:100],
        recorded_by=by,
    )
    audit_record(
        actor=by,
        action="referral.service_record",
        obj=record,
        changes={"kind": (None, kind), "minutes": (None, minutes), "provider_name": "set"},
    )
    return record
