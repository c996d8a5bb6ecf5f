"""The four dispositions of a risk warning (seed 003 measure 11, "分类处置"), one service each,
each with its audit event; a warning is disposed of once.

1. not yet covered but eligible: start the eligibility procedure (a case, channel
   data_cross_check);
2. covered but the policy has not reached them: open a supervision task (督办);
3. covered, with a new need: refer it. The household's open case is flagged "needs a new
   match" rather than a second case opened: one household keeps one assistance chain, the
   case's first-contact owner stays responsible, and the flag is what the referral and
   matching screens already follow;
4. no longer eligible: end assistance (the open case, if any, closes as not eligible).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.jurisdiction import GOVERNMENT_ROLES, active_memberships, scope_for
from core.models import Organisation, Region
from discovery.models import RiskWarning
from discovery.services.crosscheck import KIND_CATEGORY, require_government_scope
from needs.crypto import decrypt_id_number
from needs.models import Case, HouseholdMember
from needs.services.cases import case_close, case_report
from needs.services.households import HouseholdInput, MemberInput
from needs.services.rules import lock, refuse, require_case_handler, require_open
from supervision.models import SupervisionTask
from supervision.services_tasks import supervision_task_open

Disposition = RiskWarning.Disposition


def _dispose_start(by, warning: RiskWarning) -> RiskWarning:
    warning = lock(warning)
    require_government_scope(
        by, warning.region, _("This risk warning is not in your jurisdiction.")
    )
    if warning.disposition:
        refuse(
            None,
            _("This risk warning was already disposed of (%(disposition)s).")
            % {"disposition": warning.get_disposition_display()},
            "already_disposed",
        )
    return warning


def _dispose_finish(by, warning: RiskWarning, disposition: str, note: str, **changes) -> None:
    warning.disposition = disposition
    warning.disposition_note = (note or "").strip()
    warning.disposed_by = by
    warning.disposed_at = timezone.now()
    warning.save()
    audit_record(
        actor=by,
        action=f"crosscheck.{disposition}",
        obj=warning,
        changes={"disposition": (None, disposition), **changes},
    )


def _open_case_of(warning: RiskWarning) -> Case | None:
    if warning.household_id is None:
        member = HouseholdMember.objects.filter(
            id_number_hash=warning.id_number_hash,
            household__region__path__startswith=warning.office.region.path,
        ).first()
        if member is None:
            return None
        warning.household_id = member.household_id
    return (
        Case.objects.filter(household_id=warning.household_id)
        .exclude(status=Case.Status.CLOSED)
        .order_by("-reported_at", "-pk")
        .first()
    )


def _office_for(by, region: Region, preferred: Organisation) -> Organisation:
    """The government office ``by`` acts for on ``region``: the list's office when they work
    there, else their own office whose region covers it."""
    offices = [
        m.organisation
        for m in active_memberships(by)
        if m.role in GOVERNMENT_ROLES
        and m.organisation.is_government
        and region.is_within(m.organisation.region)
    ]
    for office in offices:
        if office.pk == preferred.pk:
            return office
    if not offices:
        raise PermissionDenied(_("You do not work for an office covering this county."))
    return offices[0]


@transaction.atomic
def warning_start_procedure(
    *,
    by,
    warning: RiskWarning,
    category: str = "",
    narrative: str = "",
    name: str = "",
    region: Region | None = None,
    note: str = "",
    assistance_type: str = "",
) -> RiskWarning:
    """Disposition 1: not yet covered but eligible. Starts the eligibility procedure as a case
    from the data cross-check channel, on the household already on record if there is one,
    and, when ``assistance_type`` is chosen, the household's application for that assistance
    (needs.services.assistance), addressed to the same office."""
    from needs.models import AssistanceType
    from needs.services.assistance import assistance_apply

    if assistance_type and assistance_type not in AssistanceType.values:
        refuse("assistance_type", _("Choose an assistance type."), "invalid_choice")
    warning = _dispose_start(by, warning)
    if _open_case_of(warning) is not None:
        refuse(
            None,
            _("The household already has an open case: refer the new need or supervise it."),
            "already_covered",
        )
    region = region or warning.region
    if region.level != Region.Level.COUNTY:
        refuse("region", _("Choose the county the person lives in."), "not_county")
    name = (name or warning.name).strip()
    if not name:
        refuse("name", _("The list gives no name: enter the person's name."), "required")
    office = _office_for(by, region, warning.office)
    record = warning.crosscheck_import
    result = case_report(
        by=by,
        office=office,
        channel=Case.Channel.DATA_CROSS_CHECK,
        category=category or KIND_CATEGORY.get(record.kind, Case.Category.OTHER),
        narrative=narrative
        or _("Found by data cross-check: %(kind)s from %(department)s (row %(row)s).")
        % {
            "kind": record.get_kind_display(),
            "department": record.source_department,
            "row": warning.row_number,
        },
        household=HouseholdInput(
            region=region,
            members=[
                MemberInput(
                    name=name,
                    relation="head",
                    id_number=decrypt_id_number(warning.id_number_encrypted),
                )
            ],
        ),
    )
    warning.case = result.case
    warning.household_id = result.case.household_id
    changes = {"case": (None, result.case.pk)}
    if assistance_type:
        application = assistance_apply(
            by=by,
            household=result.case.household,
            assistance_type=assistance_type,
            office=office,
            case=result.case,
            risk_warning=warning,
        )
        changes["assistance_application"] = (None, application.pk)
    _dispose_finish(by, warning, Disposition.START_PROCEDURE, note, **changes)
    return warning


@transaction.atomic
def warning_supervise(
    *, by, warning: RiskWarning, assigned_to, due_on: dt.date, note: str = ""
) -> SupervisionTask:
    """Disposition 2: covered but the policy has not been delivered: a supervision task (督办)
    for a caseworker or supervisor of the county, due on a date."""
    warning = _dispose_start(by, warning)
    _open_case_of(warning)  # finds a household recorded since the import
    if warning.household_id is None:
        refuse(
            None,
            _("This person is not on record: start the eligibility procedure instead."),
            "not_covered",
        )
    scope = scope_for(assigned_to, roles=GOVERNMENT_ROLES) if assigned_to else None
    if scope is None or scope.is_empty or not scope.covers_region(warning.region):
        refuse(
            "assigned_to",
            _("Assign the task to a caseworker or supervisor of this county."),
            "out_of_jurisdiction",
        )
    if due_on is None or due_on < timezone.localdate():
        refuse("due_on", _("The due date cannot be in the past."), "past")
    task = supervision_task_open(
        by=by, warning=warning, assigned_to=assigned_to, due_on=due_on, note=note
    )
    _dispose_finish(by, warning, Disposition.SUPERVISE, note, supervision_task=(None, task.pk))
    return task


@transaction.atomic
def warning_refer(*, by, warning: RiskWarning, note: str = "") -> RiskWarning:
    """Disposition 3: already covered, with a new need. The household's open case is flagged
    "needs a new match" and linked to the warning (one household, one assistance chain)."""
    warning = _dispose_start(by, warning)
    case = _open_case_of(warning)
    if case is None:
        refuse(
            None,
            _("The household has no open case: start the eligibility procedure instead."),
            "no_open_case",
        )
    case = lock(case)
    require_case_handler(by, case)
    require_open(case)
    before = case.needs_rematch
    case.needs_rematch = True
    case.save(update_fields=["needs_rematch"])
    audit_record(
        actor=by,
        action="case.flag_rematch",
        obj=case,
        changes={"needs_rematch": (before, True), "risk_warning": (None, warning.pk)},
    )
    warning.case = case
    _dispose_finish(by, warning, Disposition.REFER, note, case=(None, case.pk))
    return warning


@transaction.atomic
def warning_end_assistance(*, by, warning: RiskWarning, reason: str) -> RiskWarning:
    """Disposition 4: no longer eligible. The decision is recorded with its reason; the
    household's open case, if any, closes with the outcome "not eligible"."""
    warning = _dispose_start(by, warning)
    if not (reason or "").strip():
        refuse("reason", _("This field is required."), "required")
    case = _open_case_of(warning)
    changes = {}
    if case is not None:
        case_close(by=by, case=case, outcome=Case.Outcome.NOT_ELIGIBLE, note=reason)
        warning.case = case
        changes["case"] = (None, case.pk)
    _dispose_finish(by, warning, Disposition.END_ASSISTANCE, reason, **changes)
    return warning
