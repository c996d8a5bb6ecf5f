"""Referrals (转介) to charity projects and departments, and their supervision (转介督查).

Seed 002 三(五): referral to social forces comes after temporary relief still leaves hardship;
seed 001: in an emergency, help first and complete the paperwork afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_record, personal_data_read_record
from core.jurisdiction import GOVERNMENT_ROLES, Role
from core.models import Membership, Organisation
from needs import notify_events
from needs.models import AssistanceType, Case, Consent, Referral, ReliefGrant
from needs.services.deadlines import Step, deadline_add, deadline_meet
from needs.services.rules import lock, refuse, require_case_handler, require_open
from projects.models import Project

RStatus = Referral.Status


@transaction.atomic
def referral_create(
    *,
    by,
    case: Case,
    project: Project | None = None,
    department: Organisation | None = None,
    note: str = "",
    emergency_reason: str = "",
    amount_requested_fen: int | None = None,
    override_reason: str = "",
    assistance_type: str = "",
) -> Referral:
    """Refer a case to a charity project or a functional department (协同办理). Allowed once
    relief was given and a gap remains, or before that with an emergency reason.

    A referral to a project meets the same hard rules as matching (search.policy: category,
    region, eligibility; OVERRIDABLE_RULES says why not money): outside them it is refused, naming
    each rule broken, unless a supervisor for the case's region gives the reason for
    referring anyway (``override_reason``), kept on the referral and in the audit log.

    A referral to a department may name the assistance type it is asked to consider
    (``assistance_type``): accepting, the department starts that application in one step
    (needs.services.referral_applications)."""
    case = lock(case)
    require_case_handler(by, case)
    require_open(case)
    if case.owner_id is None:
        refuse(None, _("Accept the case first."), "not_accepted")
    if (project is None) == (department is None):
        refuse("project", _("Refer to either a charity project or a department."), "one_target")
    if project is not None:
        # A service's places are counted under the project's row lock: two referrals for the
        # last place run one after the other, and the second is refused.
        project = (
            Project.objects.select_for_update().select_related("organisation").get(pk=project.pk)
        )
        if project.status != Project.Status.OPEN:
            refuse("project", _("This project is not open for referrals."), "project_not_open")
        target = project.organisation
    else:
        if department.kind != Organisation.Kind.DEPARTMENT or not department.is_active:
            refuse("department", _("Choose a functional department."), "not_department")
        target = department
    relieved = case.relief_grants.filter(
        status__in=[ReliefGrant.Status.GRANTED, ReliefGrant.Status.APPROVED]
    ).exists()
    gap_remains = bool(case.remaining_gap_fen)
    emergency_reason = (emergency_reason or "").strip()
    # Relief first is a rule about money: a service (心理疏导, care, legal aid) is referred
    # whenever the case needs it.
    service = project is not None and project.is_service
    if not service and not (relieved and gap_remains) and not emergency_reason:
        refuse(
            "emergency_reason",
            _(
                "Refer after relief was given and a remaining gap is recorded, or give the "
                "emergency reason for referring first (先救助、后补办手续)."
            ),
            "relief_first",
        )
    assistance_type = (assistance_type or "").strip()
    if assistance_type:
        if assistance_type not in AssistanceType.values:
            refuse("assistance_type", _("Choose an assistance type."), "invalid_choice")
        if project is not None:
            refuse(
                "assistance_type",
                _("Only a referral to a department names an assistance type."),
                "not_department",
            )
    if amount_requested_fen is not None and amount_requested_fen <= 0:
        refuse("amount_requested_fen", _("The amount must be greater than zero."), "min_value")
    if Referral.objects.filter(
        case=case, to_organisation=target, project=project, status__in=Referral.OPEN_STATUSES
    ).exists():
        refuse(
            None, _("This case already has an open referral to this target."), "duplicate_referral"
        )
    if (
        Referral.objects.filter(
            case=case, project=project, to_organisation=target, status=RStatus.REJECTED
        ).exists()
        and project
    ):
        refuse("project", _("This project has already declined this case."), "declined_before")
    if service:
        _refuse_beyond_capacity(project)
    override_reason = (override_reason or "").strip()
    overridden = _refuse_outside_rules(by, case, project, override_reason) if project else []
    now = timezone.now()
    referral = Referral.objects.create(
        case=case,
        project=project,
        to_organisation=target,
        note=(note or "").strip(),
        emergency_reason=emergency_reason,
        amount_requested_fen=amount_requested_fen,
        rules_override_reason=override_reason if overridden else "",
        assistance_type=assistance_type,
        requested_by=by,
        answer_due_at=now,  # replaced below by the office's time limit
    )
    deadline = deadline_add(case, Step.REFERRAL_ANSWER, referral=referral)
    referral.answer_due_at = deadline.due_at
    referral.save(update_fields=["answer_due_at"])
    before = case.status
    case.status, case.needs_rematch = Case.Status.REFERRED, False
    case.save(update_fields=["status", "needs_rematch"])
    audit_record(
        actor=by,
        action="referral.create",
        obj=referral,
        changes={
            "case": (None, case.pk),
            "to_organisation": (None, target.pk),
            "case_status": (before, case.status),
            **({"project": (None, project.pk)} if project else {}),
            **({"assistance_type": (None, assistance_type)} if assistance_type else {}),
            **(
                {"amount_requested_fen": (None, amount_requested_fen)}
                if amount_requested_fen
                else {}
            ),
            **(
                {"rules_overridden": (None, overridden), "override_reason": (None, override_reason)}
                if overridden
                else {}
            ),
        },
    )
    notify_events.referral_received(referral)
    from needs.services.offers import offers_answer_by_referral  # offers refer through here

    offers_answer_by_referral(by=by, referral=referral)
    return referral


# The matching rules a referral is checked against here: whom the project is for. The project
# being open, not having declined the case and holding no open referral for it are refused
# above, never overridden. Money is not one of them: matching ranks by what a project holds
# now, but a referral asks for help that the charity may fund later (new gifts, a special
# fund committed after it accepts); the ledger refuses any allocation it cannot pay.
OVERRIDABLE_RULES = ("category", "region", "eligibility")


def _refuse_beyond_capacity(project: Project) -> None:
    """A service project or volunteer team takes no more cases in a period than its places
    (projects.capacity); never overridden: the places are people's time."""
    from projects.capacity import places_free

    if places_free(project) <= 0:
        refuse(
            "project",
            _(
                "%(project)s has no free place %(period)s: all %(places)s are taken. Choose "
                "another service, or refer the case in the next period."
            )
            % {
                "project": project.title,
                "period": project.get_capacity_period_display(),
                "places": project.places_per_period,
            },
            "no_capacity",
        )


def _rule_refusal(rule, case: Case, project: Project) -> str:
    """What a broken matching rule means for this referral, in the user's language."""
    from needs.models import Household
    from needs.models.households import KEY_GROUPS
    from needs.services.households import STATUS_FIELDS

    if rule.code == "category":
        return _("%(project)s does not cover this kind of hardship (%(category)s).") % {
            "project": project.title,
            "category": case.get_category_display(),
        }
    if rule.code == "region":
        return _("The case's county (%(county)s) is outside the regions of %(project)s.") % {
            "county": case.region.name,
            "project": project.title,
        }
    if rule.code == "eligibility":
        labels = {name: Household._meta.get_field(name).verbose_name for name in STATUS_FIELDS}
        labels.update(dict(KEY_GROUPS))
        wanted = [*project.eligible_statuses, *project.eligible_key_groups]
        return _("%(project)s takes only households that are: %(groups)s.") % {
            "project": project.title,
            "groups": "、".join(str(labels.get(name, name)) for name in wanted),
        }
    return str(rule.text)


def _refuse_outside_rules(by, case: Case, project: Project, override_reason: str) -> list[str]:
    """Refuse a referral to ``project`` that breaks a matching rule, naming each, unless a
    supervisor for the case's region gives a reason; returns the codes of the rules
    overridden (empty when every rule passes)."""
    from needs.selectors import user_is_supervisor_for
    from search.engine import pair_rules

    broken = [r for r in pair_rules(case, project) if not r.passed and r.code in OVERRIDABLE_RULES]
    if not broken:
        return []
    reasons = " ".join(_rule_refusal(rule, case, project) for rule in broken)
    if not user_is_supervisor_for(by, case):
        refuse(
            "project",
            _(
                "This project's rules do not admit the case: %(reasons)s Choose another project, "
                "or ask a supervisor to refer it with a written reason."
            )
            % {"reasons": reasons},
            "rules_not_met",
        )
    if not override_reason:
        refuse(
            "override_reason",
            _(
                "This project's rules do not admit the case: %(reasons)s To refer it anyway, "
                "write the reason for overriding them."
            )
            % {"reasons": reasons},
            "override_reason_required",
        )
    return [rule.code for rule in broken]


def _require_receiver(user, referral: Referral) -> None:
    """Only staff of the receiving charity (or department) answer a referral."""
    roles = [Role.CHARITY_STAFF, Role.DEPARTMENT_STAFF, *GOVERNMENT_ROLES]
    if not Membership.objects.filter(
        user=user, organisation_id=referral.to_organisation_id, role__in=roles, is_active=True
    ).exists():
        raise PermissionDenied(_("This referral was sent to another organisation."))


def _require_transition(referral: Referral, allowed: tuple[str, ...]) -> None:
    if referral.status not in allowed:
        refuse(
            None,
            _("A referral that is “%(status)s” cannot be changed this way.")
            % {"status": referral.get_status_display()},
            "invalid_transition",
        )


def _move(
    referral: Referral, by, to: str, allowed: tuple[str, ...], action: str, **fields
) -> Referral:
    """Change the referral's status. Its case is locked before the referral is written (its
    deadlines and flags follow): writers take the referral, then the money's accounts, then
    the case, and the matching stamps last (needs.gap), so that this never waits in a circle
    with an allocation to the same case."""
    _require_transition(referral, allowed)
    Case.objects.select_for_update().filter(pk=referral.case_id).values_list("pk").first()
    before = referral.status
    referral.status = to
    for name, value in fields.items():
        setattr(referral, name, value)
    referral.save(update_fields=["status", *fields])
    audit_record(
        actor=by,
        action=action,
        obj=referral,
        changes={
            "status": (before, to),
            **{k: (None, v) for k, v in fields.items() if k.endswith(("reason", "outcome"))},
        },
    )
    return referral


def _flag_rematch_if_nothing_open(case: Case) -> None:
    if not case.referrals.filter(status__in=Referral.OPEN_STATUSES).exists():
        Case.objects.filter(pk=case.pk).update(needs_rematch=True)


@transaction.atomic
def referral_accept(*, by, referral: Referral) -> Referral:
    referral = lock(referral)
    _require_receiver(by, referral)
    now = timezone.now()
    _move(
        referral,
        by,
        RStatus.ACCEPTED,
        (RStatus.REQUESTED,),
        "referral.accept",
        answered_by=by,
        answered_at=now,
    )
    deadline_meet(referral.case, Step.REFERRAL_ANSWER, referral=referral)
    notify_events.referral_accepted(referral)
    return referral


@transaction.atomic
def referral_reject(*, by, referral: Referral, reason: str, note: str = "") -> Referral:
    """Decline with a reason code: no capacity, out of area, not eligible, cannot contact,
    other (with a note)."""
    referral = lock(referral)
    _require_receiver(by, referral)
    if reason not in Referral.RejectReason.values:
        refuse("reason", _("Choose the reason for declining."), "invalid_choice")
    if reason == Referral.RejectReason.OTHER and not (note or "").strip():
        refuse("note", _("Explain the reason when it is “other”."), "required")
    _move(
        referral,
        by,
        RStatus.REJECTED,
        (RStatus.REQUESTED,),
        "referral.reject",
        answered_by=by,
        answered_at=timezone.now(),
        reject_reason=reason,
        outcome_reason=(note or "").strip(),
    )
    deadline_meet(referral.case, Step.REFERRAL_ANSWER, referral=referral)
    _flag_rematch_if_nothing_open(referral.case)
    notify_events.referral_declined(referral)
    return referral


@transaction.atomic
def referral_start(*, by, referral: Referral) -> Referral:
    referral = lock(referral)
    _require_receiver(by, referral)
    return _move(referral, by, RStatus.IN_PROGRESS, (RStatus.ACCEPTED,), "referral.start")


def _refuse_resolved_with_money_pending(referral: Referral) -> None:
    """A need is not "resolved with help" while the help is still on its way: payments to the
    household that are requested or approved must first be marked paid (with their proof) or
    cancelled (with a reason). Each of those is its own audited step, so no override reason
    is taken here: "resolved" on the record always means the money arrived."""
    from core.money import format_money
    from donors.services import pending_disbursements_of_referral

    pending = list(pending_disbursements_of_referral(referral).values_list("pk", "amount_fen"))
    if pending:
        refuse(
            "outcome",
            _(
                "Payments to the household are still waiting (%(payments)s, %(amount)s in "
                "all): mark them paid or cancel them on the referral's money page before "
                "closing it as resolved."
            )
            % {
                "payments": "、".join(f"D{pk}" for pk, _amount in pending),
                "amount": format_money(sum(amount for _pk, amount in pending)),
            },
            "payments_pending",
        )


@transaction.atomic
def referral_complete(*, by, referral: Referral, outcome: str, reason: str = "") -> Referral:
    """Close the loop: resolved with help (completed), or not resolved (failed) with a reason.

    Resolved is refused while payments to the household are pending. Either way, what is
    still allocated to the referral and not paid out goes back to the fund, project or need
    it came from: once the referral is closed nobody can pay it to the household any more,
    and money committed to a closed referral would otherwise be held for nothing."""
    referral = lock(referral)
    _require_receiver(by, referral)
    if outcome not in Referral.Outcome.values:
        refuse("outcome", _("Choose the outcome."), "invalid_choice")
    if outcome == Referral.Outcome.NOT_RESOLVED and not (reason or "").strip():
        refuse("reason", _("Say why the need was not resolved."), "required")
    if outcome == Referral.Outcome.RESOLVED:
        _refuse_resolved_with_money_pending(referral)
    to = RStatus.COMPLETED if outcome == Referral.Outcome.RESOLVED else RStatus.FAILED
    allowed = (RStatus.ACCEPTED, RStatus.IN_PROGRESS)
    if to == RStatus.FAILED:
        # The money first: its accounts are locked before the case (needs.gap).
        _require_transition(referral, allowed)
        _release_money(referral, f"{RStatus.FAILED.label}: {reason}")
    _move(
        referral,
        by,
        to,
        allowed,
        "referral.complete",
        outcome=outcome,
        outcome_reason=(reason or "").strip(),
        finished_at=timezone.now(),
    )
    _release_money(referral, reason)
    if to == RStatus.FAILED:
        _flag_rematch_if_nothing_open(referral.case)
    notify_events.referral_completed(referral)
    return referral


@transaction.atomic
def referral_cancel(*, by, referral: Referral, reason: str) -> Referral:
    """The referring side withdraws a referral that is still open."""
    referral = lock(referral)
    require_case_handler(by, referral.case)
    if not (reason or "").strip():
        refuse("reason", _("This field is required."), "required")
    # The money first: its accounts are locked before the case (needs.gap).
    _require_transition(referral, Referral.OPEN_STATUSES)
    _release_money(referral, f"{RStatus.CANCELLED.label}: {reason}")
    _move(
        referral,
        by,
        RStatus.CANCELLED,
        Referral.OPEN_STATUSES,
        "referral.cancel",
        outcome_reason=reason.strip(),
        finished_at=timezone.now(),
    )
    deadline_meet(referral.case, Step.REFERRAL_ANSWER, referral=referral)
    return referral


def _release_money(referral: Referral, reason: str) -> None:
    """A referral that was closed (resolved, failed) or cancelled gives back what was
    allocated to it and not yet paid out, to the fund, project or need it came from (the
    money services decide how; the case's gap grows back by what is released, needs.gap)."""
    from donors.services import allocations_release_for_referral

    allocations_release_for_referral(referral=referral, reason=f"referral {reason}".strip())


def referral_expire(*, referral: Referral) -> Referral:
    """An unanswered referral past its deadline expires; its case is flagged for a new match.
    Called by the overdue sweep inside its transaction."""
    referral = lock(referral)
    _move(referral, None, RStatus.EXPIRED, (RStatus.REQUESTED,), "referral.expire")
    _flag_rematch_if_nothing_open(referral.case)
    notify_events.referral_expired(referral)
    return referral


@dataclass(frozen=True)
class ContactDetails:
    head_name: str
    phone: str
    address: str


@transaction.atomic
def referral_contact_details(*, by, referral: Referral) -> ContactDetails:
    """What an accepting charity needs to deliver help: head of household's name, phone and
    address; only after accepting and only with the household's disclosure consent. Logged."""
    referral = Referral.objects.select_related("case__household__region").get(pk=referral.pk)
    _require_receiver(by, referral)
    if referral.status not in (RStatus.ACCEPTED, RStatus.IN_PROGRESS):
        raise PermissionDenied(
            _("Contact details are shown only while you handle an accepted referral.")
        )
    has_consent = Consent.objects.filter(
        case=referral.case, scope=Consent.Scope.DISCLOSE_CONTACT, withdrawn_at__isnull=True
    ).exists()
    if not has_consent:
        raise PermissionDenied(_("The household has not consented to sharing contact details."))
    household = referral.case.household
    head = household.head
    personal_data_read_record(
        actor=by,
        obj=household,
        fields=["head_name", "phone", "address"],
        purpose=f"referral {referral.pk}",
    )
    return ContactDetails(
        head_name=head.name if head else "",
        phone=household.phone,
        address=f"{household.region.full_name}{household.township}{household.address_detail}",
    )
