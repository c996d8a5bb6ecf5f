"""Hand-overs of a case between offices (首问负责制: ownership moves only on the record).

A hand-over is a request to the receiving office. Until one of its caseworkers (or
supervisors) accepts it, the case stays with the sending office, read-only for everyone (the
sender reads it, the receiver reads it to decide); accepted, the responsible office, the
county (when the receiver is a county office) and the owner move; declined, with a reason,
the case stays where it was. The sender is told the answer once.

The reach of a hand-over (``handover_reach_refusal``): an active government office or
functional department in the same province as the case's county, that is either

- a county-level office or department (a district or county 民政局, 医保局...): the case moves
  to that county on acceptance (a household that moved, or a case recorded in the wrong
  county), or
- an office or department above county level whose jurisdiction covers the case's county
  (the city's 民政局 or 医保局, the province's 民政厅): the county stays.

Beyond the province the case goes through the provincial offices, outside the platform.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from core.audit import audit_record
from core.jurisdiction import GOVERNMENT_ROLES
from core.models import Membership, Organisation, Region
from core.notifications import notify
from needs import notify_events
from needs.models import Case, CaseHandover
from needs.selectors import user_is_supervisor_for
from needs.services.deadlines import Step, deadline_meet
from needs.services.rules import lock, refuse, require_case_handler, require_open

HStatus = CaseHandover.Status


def _province_code(region: Region) -> str:
    return region.path.split("/")[0]


def handover_reach_refusal(case: Case, to_office: Organisation) -> str | None:
    """Why ``to_office`` is outside the reach of a hand-over of ``case`` (see the module's
    docstring), or None when it is within it."""
    region = to_office.region
    if _province_code(region) != _province_code(case.region):
        return _(
            "%(office)s is in another province: hand a case over within the province of its "
            "county (%(county)s)."
        ) % {"office": to_office.name, "county": case.region.full_name}
    if region.level != Region.Level.COUNTY and not case.region.is_within(region):
        return _(
            "The jurisdiction of %(office)s does not cover the case's county (%(county)s): "
            "hand it over to a county office or department, or to one whose jurisdiction "
            "covers the county."
        ) % {"office": to_office.name, "county": case.region.full_name}
    return None


@transaction.atomic
def case_handover(*, by, case: Case, to_office: Organisation, reason: str) -> CaseHandover:
    """Hand the case over to another office or department within reach: a request that the
    receiving office accepts or declines. Nothing of the case moves until it accepts."""
    case = lock(case)
    require_case_handler(by, case)  # also refuses while another hand-over waits
    require_open(case)
    if case.owner_id != by.pk and not user_is_supervisor_for(by, case):
        raise PermissionDenied(_("Only the case's owner or a supervisor may hand it over."))
    if (
        to_office.kind not in (Organisation.Kind.GOVERNMENT_OFFICE, Organisation.Kind.DEPARTMENT)
        or not to_office.is_active
    ):
        refuse("to_office", _("Hand a case over to a government office or department."), "invalid")
    if to_office.pk == case.responsible_office_id:
        refuse("to_office", _("The case is already with this office."), "same_office")
    refusal = handover_reach_refusal(case, to_office)
    if refusal:
        refuse("to_office", refusal, "out_of_reach")
    if not (reason or "").strip():
        refuse("reason", _("This field is required."), "required")
    handover = CaseHandover.objects.create(
        case=case,
        from_office=case.responsible_office,
        to_office=to_office,
        from_owner=case.owner,
        reason=reason.strip(),
        by=by,
    )
    audit_record(
        actor=by,
        action="case.handover",
        obj=case,
        changes={"handover": (None, handover.pk), "to_office": (None, to_office.pk)},
    )
    notify_events.handover_sent(handover)
    return handover


def _require_receiver(user, handover: CaseHandover) -> None:
    """Only a caseworker or supervisor of the receiving office answers a hand-over."""
    if not Membership.objects.filter(
        user=user,
        organisation_id=handover.to_office_id,
        role__in=GOVERNMENT_ROLES,
        is_active=True,
        organisation__is_active=True,
    ).exists():
        raise PermissionDenied(_("This hand-over was sent to another office."))


def _require_pending(handover: CaseHandover) -> None:
    if handover.status != HStatus.PENDING:
        refuse(
            None,
            _(
                "This hand-over was already answered (%(status)s on %(at)s by %(by)s): nothing "
                "was changed."
            )
            % {
                "status": handover.get_status_display(),
                "at": timezone.localtime(handover.decided_at).strftime("%Y-%m-%d %H:%M")
                if handover.decided_at
                else "—",
                "by": handover.decided_by.get_full_name() or handover.decided_by.username
                if handover.decided_by
                else "—",
            },
            "already_decided",
        )


def _locked(handover: CaseHandover) -> tuple[CaseHandover, Case]:
    """The case, then the hand-over, under row locks (the case first, as every case service
    takes it): two answers to one hand-over run one after the other."""
    case = lock(Case(pk=handover.case_id))
    handover = (
        # Only the hand-over's own row: PostgreSQL refuses FOR UPDATE on the nullable side
        # of the outer joins (decided_by) that select_related makes.
        CaseHandover.objects.select_for_update(of=("self",))
        .select_related("to_office__region", "from_office", "by", "decided_by")
        .get(pk=handover.pk)
    )
    return handover, case


def _county_of(office: Organisation) -> Region | None:
    """The county an office at county level stands for (None above that level)."""
    return office.region if office.region.level == Region.Level.COUNTY else None


@transaction.atomic
def case_handover_accept(*, by, handover: CaseHandover) -> CaseHandover:
    """The receiving office takes the case: its responsible office and owner (the accepting
    caseworker, 首问负责) move, and its county too when the receiver is a county office
    whose county is not the case's. A case not accepted before counts as accepted now."""
    handover, case = _locked(handover)
    _require_receiver(by, handover)
    _require_pending(handover)
    require_open(case)
    now = timezone.now()
    to_office = handover.to_office
    changes = {
        "responsible_office": (case.responsible_office_id, to_office.pk),
        "owner": (case.owner_id, by.pk),
    }
    county = _county_of(to_office)
    if county is not None and county.pk != case.region_id:
        changes["region"] = (case.region_id, county.pk)
        case.region = county
    case.responsible_office, case.owner = to_office, by
    if case.status == Case.Status.REPORTED:
        changes["status"] = (case.status, Case.Status.ACCEPTED)
        case.status, case.accepted_at = Case.Status.ACCEPTED, now
    case.save(update_fields=["responsible_office", "owner", "region", "status", "accepted_at"])
    deadline_meet(case, Step.ACCEPT)
    handover.status, handover.decided_by, handover.decided_at = HStatus.ACCEPTED, by, now
    handover.save(update_fields=["status", "decided_by", "decided_at"])
    audit_record(
        actor=by,
        action="case.handover_accept",
        obj=case,
        changes={"handover": (None, handover.pk), **changes},
    )
    notify_events.handover_accepted(handover, by=by)
    return handover


@transaction.atomic
def case_handover_decline(*, by, handover: CaseHandover, reason: str) -> CaseHandover:
    """The receiving office declines, saying why: the case stays with the sending office,
    which may act on it again (and hand it elsewhere)."""
    handover, case = _locked(handover)
    _require_receiver(by, handover)
    _require_pending(handover)
    reason = (reason or "").strip()
    if not reason:
        refuse("reason", _("Say why the hand-over is declined."), "required")
    handover.status, handover.decided_by, handover.decided_at = (
        HStatus.DECLINED,
        by,
        timezone.now(),
    )
    handover.decline_reason = reason
    handover.save(update_fields=["status", "decided_by", "decided_at", "decline_reason"])
    audit_record(
        actor=by,
        action="case.handover_decline",
        obj=case,
        changes={"handover": (None, handover.pk), "to_office": (None, handover.to_office_id)},
    )
    _tell_sender_declined(handover, case)
    return handover


def _require_sender(user, handover: CaseHandover) -> None:
    """Only a caseworker or supervisor of the sending office takes a hand-over back."""
    if not Membership.objects.filter(
        user=user,
        organisation_id=handover.from_office_id,
        role__in=GOVERNMENT_ROLES,
        is_active=True,
        organisation__is_active=True,
    ).exists():
        raise PermissionDenied(_("Only the office that sent this hand-over may withdraw it."))


@transaction.atomic
def handover_withdraw(*, by, handover: CaseHandover) -> CaseHandover:
    """The sending office takes a hand-over back while the receiving office has not answered
    (a wrong office chosen, the household moved back): the case stays where it is, and the
    receiving office is told that nothing waits for it any more. Once accepted or declined,
    the answer stands."""
    handover, case = _locked(handover)
    _require_sender(by, handover)
    _require_pending(handover)
    handover.status, handover.decided_by, handover.decided_at = (
        HStatus.WITHDRAWN,
        by,
        timezone.now(),
    )
    handover.save(update_fields=["status", "decided_by", "decided_at"])
    audit_record(
        actor=by,
        action="case.handover_withdraw",
        obj=case,
        changes={
            "handover": (None, handover.pk),
            "status": (HStatus.PENDING, HStatus.WITHDRAWN),
            "to_office": (None, handover.to_office_id),
        },
    )
    notify_events.handover_withdrawn(handover)
    return handover


def _tell_sender_declined(handover: CaseHandover, case: Case) -> None:
    """Whoever handed the case over learns that it came back, once (the reason is on the case
    page: a free text is not copied into a notification)."""
    with override(notify_events.user_language(handover.by)):
        message = _(
            "Case %(number)s: %(office)s declined the hand-over; the case stays with your office."
        ) % {"number": case.number, "office": handover.to_office.name}
    notify(
        handover.by,
        "handover",
        message,
        reverse("needs_admin:case_detail", args=[case.pk]),
        key=f"handover-declined:{handover.pk}",
    )
