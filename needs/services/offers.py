"""Offers of help (issue 22, item 5): a charity offers to help a case its project matches; the
case's caseworker refers it in one step (the referral service, with the offer's amount and
note) or declines with a reason, which the charity is told.

The charity acts on the anonymized need only: nothing here shows it the case, and its refusals
name the rules a case fails without the patient's facts behind them.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.audit import audit_record
from core.money import format_money
from needs import notify_events
from needs.models import Case, Offer, Referral
from needs.services.referrals import referral_create
from needs.services.rules import lock, refuse, require_case_handler, require_open
from projects.models import Project

# The matching rules (search.policy.rules) by name, for the charity: the rule's own text may
# state the patient's facts (an age, a condition), which the charity does not see.
RULE_NAMES = {
    "open": gettext_lazy("project open"),
    "category": gettext_lazy("category of hardship"),
    "region": gettext_lazy("region"),
    "eligibility": gettext_lazy("household statuses and key groups"),
    "age": gettext_lazy("age range"),
    "sex": gettext_lazy("sex"),
    "condition": gettext_lazy("conditions"),
    "disability": gettext_lazy("disability grade"),
    "residence": gettext_lazy("household registration"),
    "cap": gettext_lazy("per-case cap"),
}
# Not checked for an offer: the project's money (the charity commits it by offering, and the
# ledger refuses any allocation it cannot pay, as for every referral), and the open referral
# and earlier refusal, each refused below with its own message.
RULES_NOT_CHECKED = ("money", "not_declined", "not_referred")


def _require_project_staff(user, project: Project) -> None:
    from projects.selectors import user_can_manage_projects_of

    if not user_can_manage_projects_of(user, project.organisation_id):
        raise PermissionDenied(_("Only this project's charity may offer help through it."))


def _refuse_outside_rules(case: Case, project: Project) -> None:
    """The hard rules of matching (search.policy), the same functions the engines filter
    with: an offer is made only on a case the project's matches could list."""
    from search.engine import pair_rules
    from search.facts import ready_cases

    if not ready_cases(Case.objects.filter(pk=case.pk)).exists():
        refuse(
            "case",
            _("This case is not ready for referral: no remaining gap is recorded for it."),
            "not_ready",
        )
    broken = [
        r for r in pair_rules(case, project) if not r.passed and r.code not in RULES_NOT_CHECKED
    ]
    if broken:
        refuse(
            "case",
            _("This case is outside the rules of %(project)s: %(rules)s.")
            % {
                "project": project.title,
                "rules": "、".join(str(RULE_NAMES.get(r.code, r.code)) for r in broken),
            },
            "rules_not_met",
        )


@transaction.atomic
def offer_create(*, by, project: Project, case: Case, amount_fen: int, note: str = "") -> Offer:
    """The charity offers ``amount_fen`` for ``case`` through ``project``: open, the case
    within the project's hard rules, no open or declined referral of the case to it, the
    amount more than zero and at most the case's remaining gap and the project's per-case
    cap, and no offer of the project for the case still waiting. The case's caseworker is
    told (needs.notify_events.offer_received) and finds it on the 待办."""
    project = lock(project)
    _require_project_staff(by, project)
    if project.status != Project.Status.OPEN:
        refuse("project", _("Only an open project may offer help."), "project_not_open")
    case = lock(case)
    if case.status == Case.Status.CLOSED:
        refuse("case", _("The case is closed."), "case_closed")
    referrals = Referral.objects.filter(case=case, project=project)
    if referrals.filter(status__in=Referral.OPEN_STATUSES).exists():
        refuse("case", _("This case is already referred to this project."), "already_referred")
    if referrals.filter(status=Referral.Status.REJECTED).exists():
        refuse("case", _("This project has already declined this case."), "declined_before")
    _refuse_outside_rules(case, project)
    if not isinstance(amount_fen, int) or isinstance(amount_fen, bool):
        refuse("amount_fen", _("An amount is an integer number of fen."), "invalid")
    if amount_fen <= 0:
        refuse("amount_fen", _("The amount must be greater than zero."), "min_value")
    gap = case.remaining_gap_fen or 0
    if amount_fen > gap:
        refuse(
            "amount_fen",
            _("The amount is more than the case's remaining gap (%(gap)s).")
            % {"gap": format_money(gap)},
            "above_gap",
        )
    if project.per_case_cap_fen and amount_fen > project.per_case_cap_fen:
        refuse(
            "amount_fen",
            _("The amount is more than the project's per-case cap (%(cap)s).")
            % {"cap": format_money(project.per_case_cap_fen)},
            "above_cap",
        )
    if Offer.objects.filter(case=case, project=project, status=Offer.Status.OPEN).exists():
        refuse(
            None,
            _("This project's offer for this case is still waiting for the caseworker."),
            "duplicate_offer",
        )
    try:
        with transaction.atomic():
            offer = Offer.objects.create(
                case=case,
                project=project,
                amount_fen=amount_fen,
                note=(note or "").strip(),
                offered_by=by,
            )
    except IntegrityError:  # a concurrent offer won the race (offer_one_open_per_project)
        refuse(
            None,
            _("This project's offer for this case is still waiting for the caseworker."),
            "duplicate_offer",
        )
    audit_record(
        actor=by,
        action="offer.create",
        obj=offer,
        changes={
            "case": (None, case.pk),
            "project": (None, project.pk),
            "amount_fen": (None, amount_fen),
            "status": (None, offer.status),
        },
    )
    notify_events.offer_received(offer)
    return offer


def _answerable(by, offer: Offer) -> Offer:
    offer = lock(offer)
    require_case_handler(by, offer.case)
    if offer.status != Offer.Status.OPEN:
        refuse(
            None,
            _("This offer was already answered (%(status)s).")
            % {"status": offer.get_status_display()},
            "already_answered",
        )
    return offer


@transaction.atomic
def offer_refer(*, by, offer: Offer, emergency_reason: str = "") -> Referral:
    """The caseworker accepts the offer in one step: the case is referred to the offering
    project with the offer's amount and note (needs.services.referrals.referral_create, every
    rule of a referral applying; ``emergency_reason`` when no relief was given yet). The
    charity is told by the referral it receives."""
    offer = _answerable(by, offer)
    require_open(offer.case)
    # The referral service answers the offer (offers_answer_by_referral), as it does any
    # offer of the same project for the case.
    return referral_create(
        by=by,
        case=offer.case,
        project=offer.project,
        note=offer.note,
        amount_requested_fen=offer.amount_fen,
        emergency_reason=emergency_reason,
    )


def offers_answer_by_referral(*, by, referral: Referral) -> int:
    """A referral of the case to a project answers the project's waiting offer for it, made
    through the offer or directly (the caseworker found the project among the matches):
    nothing is left on the 待办 that cannot be referred any more. Called by
    needs.services.referrals.referral_create inside its transaction; returns how many."""
    if referral.project_id is None:
        return 0
    waiting = list(
        Offer.objects.select_for_update().filter(
            case_id=referral.case_id, project_id=referral.project_id, status=Offer.Status.OPEN
        )
    )
    for offer in waiting:
        offer.status, offer.referral = Offer.Status.REFERRED, referral
        offer.answered_by, offer.answered_at = by, timezone.now()
        offer.save(update_fields=["status", "referral", "answered_by", "answered_at"])
        audit_record(
            actor=by,
            action="offer.refer",
            obj=offer,
            changes={
                "status": (Offer.Status.OPEN, offer.status),
                "referral": (None, referral.pk),
            },
        )
    return len(waiting)


@transaction.atomic
def offer_decline(*, by, offer: Offer, reason: str) -> Offer:
    """The caseworker declines the offer with a reason, which the charity is told."""
    offer = _answerable(by, offer)
    reason = (reason or "").strip()
    if not reason:
        refuse("reason", _("Say why the offer is declined."), "required")
    offer.status, offer.decline_reason = Offer.Status.DECLINED, reason
    offer.answered_by, offer.answered_at = by, timezone.now()
    offer.save(update_fields=["status", "decline_reason", "answered_by", "answered_at"])
    audit_record(
        actor=by,
        action="offer.decline",
        obj=offer,
        changes={"status": (Offer.Status.OPEN, offer.status), "decline_reason": (None, reason)},
    )
    notify_events.offer_declined(offer)
    return offer
