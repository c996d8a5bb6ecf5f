"""A case from report to close (seeds 000, 001, 003)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.jurisdiction import GOVERNMENT_ROLES
from core.models import Membership, Organisation
from needs.gap import gap_refresh
from needs.models import Case, CaseConference, Household, Referral
from needs.selectors import cases_visible_to
from needs.services.deadlines import Step, deadline_add, deadline_meet
from needs.services.households import (
    HouseholdInput,
    household_create,
    household_on_record_for,
    validate_household,
)
from needs.services.rules import (
    lock,
    refuse,
    require_case_handler,
    require_open,
    require_supervisor,
)

Status = Case.Status


@dataclass
class CaseWarning:
    code: str
    message: str
    cases: list[str] = field(default_factory=list)


@dataclass
class ReportResult:
    case: Case
    warnings: list[CaseWarning]


def _require_office_member(user, office: Organisation) -> None:
    if not Membership.objects.filter(
        user=user, organisation=office, role__in=GOVERNMENT_ROLES, is_active=True
    ).exists():
        raise PermissionDenied(_("You do not work for this office."))


@transaction.atomic
def case_report(
    *,
    by,
    office: Organisation,
    channel: str,
    category: str,
    narrative: str,
    household: HouseholdInput | Household,
    urgency: int = Case.Urgency.NORMAL,
    is_emergency: bool = False,
) -> ReportResult:
    """Record a new case from any discovery channel. A household already on record (same ID
    number, or same phone and head name) gets the new case on its existing chain, with a
    warning; nothing is merged or overwritten. A ``Household`` given as such (one a visit
    found) takes the case directly."""
    _require_office_member(by, office)
    if not office.is_government:
        refuse("office", _("Cases are recorded by a government office."), "not_government")
    known = household if isinstance(household, Household) else None
    if known is None:
        validate_household(household)
    if not household.region.is_within(office.region):
        refuse(
            "household.region",
            _("The household lives outside your office's jurisdiction."),
            "out_of_jurisdiction",
        )
    if not (narrative or "").strip():
        refuse("narrative", _("This field is required."), "required")

    warnings: list[CaseWarning] = []
    record = known or household_on_record_for(household, office)
    if record is None:
        record = household_create(household, by=by)
    elif known is None or known.cases.exists():
        # Name only the earlier cases the reporter may see (jurisdiction applies here too).
        earlier = list(
            cases_visible_to(by, record.cases.order_by("reported_at")).values_list(
                "number", flat=True
            )
        )
        warnings.append(
            CaseWarning(
                "existing_household",
                _("This household is already on record: the case joins its existing chain."),
                earlier,
            )
        )
    case = Case(
        household=record,
        # Where the household is now, as reported: a household on record elsewhere (moved)
        # must not take the new case out of the reporting office's jurisdiction.
        region=household.region,
        channel=channel,
        category=category,
        narrative=narrative.strip(),
        urgency=urgency,
        is_emergency=is_emergency,
        responsible_office=office,
        reported_by=by,
    )
    case.full_clean(exclude=["number"])
    case.save()
    case.number = f"{case.region_id}-{timezone.localdate():%Y}-{case.pk:06d}"
    case.save(update_fields=["number"])
    deadline_add(case, Step.ACCEPT)
    if is_emergency:
        deadline_add(case, Step.ADVANCE_RELIEF)
    audit_record(
        actor=by,
        action="case.report",
        obj=case,
        changes={
            "channel": (None, channel),
            "category": (None, category),
            "household": (None, record.pk),
        },
    )
    return ReportResult(case=case, warnings=warnings)


@transaction.atomic
def case_accept(*, by, case: Case) -> Case:
    """The accepting caseworker becomes the first-contact owner (首问负责制)."""
    case = lock(case)
    require_case_handler(by, case)
    _require_office_member(by, case.responsible_office)
    require_open(case)
    if case.owner_id is not None:
        refuse(None, _("The case has already been accepted."), "already_accepted")
    case.owner = by
    before = case.status
    if case.status == Status.REPORTED:
        case.status = Status.ACCEPTED
        case.accepted_at = timezone.now()
    case.save(update_fields=["owner", "status", "accepted_at"])
    deadline_meet(case, Step.ACCEPT)
    audit_record(
        actor=by,
        action="case.accept",
        obj=case,
        changes={"owner": (None, by.pk), "status": (before, case.status)},
    )
    return case


def _is_supervisor(user, case: Case) -> bool:
    try:
        require_supervisor(user, case)
    except PermissionDenied:
        return False
    return True


def _require_owner_accepted(case: Case) -> None:
    if case.owner_id is None:
        refuse(None, _("Accept the case first."), "not_accepted")


def id_number_facts(id_number: str, today: dt.date | None = None) -> tuple[int, str]:
    """(age in whole years, sex) from an 18-digit resident ID number: digits 7-14 are the
    birth date, the 17th is odd for a man and even for a woman. ValueError if it is not one."""
    number = (id_number or "").strip().upper()
    if len(number) != 18 or not number[:17].isdigit():
        raise ValueError(number)
    born = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    today = today or timezone.localdate()
    age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    if age < 0:
        raise ValueError(number)
    return age, "male" if int(number[16]) % 2 else "female"


def _patient_facts(
    *,
    condition,
    patient_age,
    patient_sex,
    patient_id_number,
    disability_kind,
    disability_grade,
    hukou_elsewhere,
) -> dict:
    """The given patient facts, checked: a bad one refuses the assessment, naming it."""
    from projects.conditions import DISABILITY_GRADES, DISABILITY_KINDS, Condition, Sex

    facts: dict = {}
    if patient_id_number:
        try:
            age, sex = id_number_facts(patient_id_number)
        except ValueError:
            refuse("patient_id_number", _("Enter a valid 18-digit ID number."), "invalid")
        facts.update(patient_age=age, patient_sex=sex)
    if condition is not None:
        if condition and condition not in Condition.values:
            refuse(
                "condition",
                _("Unknown condition “%(value)s”.") % {"value": condition},
                "invalid_choice",
            )
        facts["condition"] = condition
    if patient_age is not None:
        if not isinstance(patient_age, int) or isinstance(patient_age, bool):
            refuse("patient_age", _("Enter an age between 0 and 150."), "invalid")
        if not 0 <= patient_age <= 150:
            refuse("patient_age", _("Enter an age between 0 and 150."), "invalid")
        facts["patient_age"] = patient_age
    if patient_sex is not None:
        if patient_sex and patient_sex not in Sex.values:
            refuse("patient_sex", _("Choose female or male."), "invalid_choice")
        facts["patient_sex"] = patient_sex
    if disability_kind is not None:
        if disability_kind and disability_kind not in DISABILITY_KINDS:
            refuse(
                "disability_kind",
                _("Unknown kind of disability “%(value)s”.") % {"value": disability_kind},
                "invalid_choice",
            )
        facts["disability_kind"] = disability_kind
    if disability_grade is not None:
        if disability_grade not in DISABILITY_GRADES:
            refuse("disability_grade", _("A disability grade is 1, 2, 3 or 4."), "invalid_choice")
        facts["disability_grade"] = disability_grade
    if hukou_elsewhere is not None:
        facts["hukou_elsewhere"] = bool(hukou_elsewhere)
    return facts


@transaction.atomic
def case_assess(
    *,
    by,
    case: Case,
    assessed_need_fen: int,
    assessed_gap_fen: int,
    condition: str | None = None,
    patient_age: int | None = None,
    patient_sex: str | None = None,
    patient_id_number: str | None = None,
    disability_kind: str | None = None,
    disability_grade: int | None = None,
    hukou_elsewhere: bool | None = None,
) -> Case:
    """Record the household's assessed need and the gap at assessment (fen): what its own
    means, insurance and other schemes leave uncovered, before the relief recorded here and
    before charity money, which the remaining gap takes off by itself (needs.gap). A new
    assessment replaces the last one.

    The patient's facts that projects' limits read (search.policy), each optional and kept
    when not given: the condition category (projects.conditions), age and sex (or read from
    ``patient_id_number``, never stored: digits 7-14 the birth date, the 17th odd for a
    man), kind of disability and its grade (1 the most severe) and whether the household is
    registered (户籍) outside the case's county."""
    from needs.services.rules import require_positive_fen

    case = lock(case)
    require_case_handler(by, case)
    require_open(case)
    _require_owner_accepted(case)
    require_positive_fen("assessed_need_fen", assessed_need_fen)
    if (
        not isinstance(assessed_gap_fen, int)
        or isinstance(assessed_gap_fen, bool)
        or assessed_gap_fen < 0
    ):
        refuse(
            "assessed_gap_fen",
            _("The gap at assessment is zero or a positive number of fen."),
            "min_value",
        )
    if assessed_gap_fen > assessed_need_fen:
        refuse(
            "assessed_gap_fen",
            _("The gap at assessment cannot exceed the assessed need."),
            "gap_above_need",
        )
    patient = _patient_facts(
        condition=condition,
        patient_age=patient_age,
        patient_sex=patient_sex,
        patient_id_number=patient_id_number,
        disability_kind=disability_kind,
        disability_grade=disability_grade,
        hukou_elsewhere=hukou_elsewhere,
    )
    before_gap = case.remaining_gap_fen
    changes = {
        "assessed_need_fen": (case.assessed_need_fen, assessed_need_fen),
        "assessed_gap_fen": (case.assessed_gap_fen, assessed_gap_fen),
    }
    for name, value in patient.items():
        if getattr(case, name) != value:
            changes[name] = (getattr(case, name), value)
        setattr(case, name, value)
    case.assessed_need_fen, case.assessed_gap_fen = assessed_need_fen, assessed_gap_fen
    case.assessed_at = timezone.now()
    if case.status == Status.ACCEPTED:
        changes["status"] = (case.status, Status.ASSESSED)
        case.status = Status.ASSESSED
    if before_gap is not None and before_gap > assessed_need_fen:
        # A lower new need than the stored gap: keep the row within its check constraint
        # until gap_refresh, just below in the same transaction, derives the real figure.
        case.remaining_gap_fen = assessed_need_fen
    case.save(
        update_fields=[
            "assessed_need_fen",
            "assessed_gap_fen",
            "assessed_at",
            "status",
            "remaining_gap_fen",
            *patient,
        ]
    )
    changes["remaining_gap_fen"] = (before_gap, gap_refresh(case))
    audit_record(actor=by, action="case.assess", obj=case, changes=changes)
    return case


@transaction.atomic
def case_conference_record(
    *,
    by,
    case: Case,
    held_on: dt.date,
    participants: list[str],
    decision: str,
    follow_ups: str = "",
) -> CaseConference:
    """A case conference (会商) on a complex case: who took part, what they decided."""
    case = lock(case)
    require_case_handler(by, case)
    require_open(case)
    participants = [p.strip() for p in participants if p and p.strip()]
    if len(participants) < 2:
        refuse("participants", _("A case conference has at least two participants."), "min_length")
    if not (decision or "").strip():
        refuse("decision", _("This field is required."), "required")
    if held_on > timezone.localdate():
        refuse("held_on", _("A conference cannot be recorded before it is held."), "future")
    conference = CaseConference.objects.create(
        case=case,
        held_on=held_on,
        participants=participants,
        decision=decision.strip(),
        follow_ups=(follow_ups or "").strip(),
        recorded_by=by,
    )
    audit_record(
        actor=by, action="case.conference", obj=case, changes={"conference": (None, conference.pk)}
    )
    return conference


@transaction.atomic
def case_close(*, by, case: Case, outcome: str, note: str = "") -> Case:
    """Close the case with its outcome. Open referrals must be finished or cancelled first."""
    case = lock(case)
    require_case_handler(by, case)
    require_open(case)
    if case.owner_id != by.pk and not _is_supervisor(by, case):
        raise PermissionDenied(_("Only the case's owner or a supervisor may close it."))
    if outcome not in Case.Outcome.values:
        refuse("outcome", _("Choose an outcome."), "invalid_choice")
    if case.referrals.filter(status__in=Referral.OPEN_STATUSES).exists():
        refuse(
            None,
            _("Finish or cancel the open referrals before closing the case."),
            "open_referrals",
        )
    before = case.status
    case.status, case.outcome, case.outcome_note = Status.CLOSED, outcome, (note or "").strip()
    case.closed_at = timezone.now()
    case.needs_rematch = False
    case.save(update_fields=["status", "outcome", "outcome_note", "closed_at", "needs_rematch"])
    if hasattr(case, "need"):
        from needs.services.public import need_withdraw_from_public

        need_withdraw_from_public(case.need, reason="case.close")
    audit_record(
        actor=by,
        action="case.close",
        obj=case,
        changes={"status": (before, Status.CLOSED), "outcome": (None, outcome)},
    )
    return case
