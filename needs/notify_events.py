"""Notifications of the events that hand work to someone (issue 17, item 2).

Each function here is called by exactly one service, inside its transaction, as one line:
a referral received, accepted, declined, closed or expired; relief above the ceiling asked
for and decided (一事一议); a case handed over and accepted by the receiving office; a payment
waiting for a second person (four eyes); money allocated for a referral.

Rules every notification here keeps:

- **Once per event.** The key names the event (``referral-received:<id>``), and
  ``core.notifications.notify`` sends a key to a person once, so a retried request or a
  repeated task never sends it twice.
- **The recipient's own language.** The message is composed under the recipient's chosen
  admin language (Wagtail's account setting), else the platform's (``LANGUAGE_CODE``).
- **No personal data of the household.** A case is named by its number; organisations and
  amounts may be named, people in hardship never.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from core.jurisdiction import GOVERNMENT_ROLES
from core.models import Membership, Notification, Organisation
from core.models.regions import path_within
from core.money import format_money
from core.notifications import notify, user_language

Role = Membership.Role
Kind = Notification.Kind

# Who answers a referral for the receiving organisation (needs.services.referrals).
ANSWERING_ROLES = (Role.CHARITY_STAFF, Role.DEPARTMENT_STAFF, *GOVERNMENT_ROLES)


def _send(users: Iterable, kind: str, compose: Callable[[], str], link: str, key: str) -> int:
    """Notify each of ``users`` once (by ``key``), in their own language; returns how many."""
    sent, seen = 0, set()
    for user in users:
        if user is None or user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        with override(user_language(user)):
            message = compose()
        if notify(user, kind, message, link, key=key):
            sent += 1
    return sent


def _local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def _members(organisation_id: int, roles: Iterable[str]) -> list:
    return [
        m.user
        for m in Membership.objects.filter(
            organisation_id=organisation_id,
            role__in=list(roles),
            is_active=True,
            user__is_active=True,
        )
        .select_related("user")
        .order_by("user_id")
    ]


def _case_people(case) -> list:
    """Who follows a case for its office: its owner, else the caseworkers of the responsible
    office (a case not accepted yet, or handed over)."""
    if case.owner_id:
        return [case.owner]
    return _members(case.responsible_office_id, [Role.CASEWORKER])


def _case_link(case) -> str:
    return reverse("needs_admin:case_detail", args=[case.pk])


def _supervisors_of(case, *, besides=None) -> list:
    """Supervisors whose jurisdiction covers the case's county (who decide 一事一议)."""
    memberships = (
        Membership.objects.filter(
            role=Role.SUPERVISOR,
            is_active=True,
            user__is_active=True,
            organisation__is_active=True,
            organisation__kind__in=(
                Organisation.Kind.GOVERNMENT_OFFICE,
                Organisation.Kind.DEPARTMENT,
            ),
        )
        .select_related("user", "organisation__region")
        .order_by("user_id")
    )
    path = case.region.path
    return [
        m.user
        for m in memberships
        if path_within(path, m.organisation.region.path)
        and (besides is None or m.user_id != besides.pk)
    ]


# ---- referrals ----


def referral_received(referral) -> int:
    """A referral was made: the staff of the charity or department it was sent to."""
    case = referral.case

    def compose() -> str:
        return _("Case %(number)s was referred to %(organisation)s: please answer by %(due)s.") % {
            "number": case.number,
            "organisation": referral.to_organisation.name,
            "due": _local(referral.answer_due_at),
        }

    return _send(
        _members(referral.to_organisation_id, ANSWERING_ROLES),
        Kind.REFERRAL,
        compose,
        reverse("needs_admin:referral_detail", args=[referral.pk]),
        f"referral-received:{referral.pk}",
    )


def _referral_answered(referral, event: str, compose: Callable[[], str]) -> int:
    return _send(
        _case_people(referral.case),
        Kind.REFERRAL,
        compose,
        _case_link(referral.case),
        f"referral-{event}:{referral.pk}",
    )


def referral_accepted(referral) -> int:
    """The receiver accepted: the case's owner."""
    return _referral_answered(
        referral,
        "accepted",
        lambda: (
            _("Case %(number)s: %(organisation)s accepted the referral.")
            % {"number": referral.case.number, "organisation": referral.to_organisation.name}
        ),
    )


def referral_declined(referral) -> int:
    """The receiver declined, with its reason code: the case's owner (find another match)."""
    return _referral_answered(
        referral,
        "declined",
        lambda: (
            _(
                "Case %(number)s: %(organisation)s declined the referral (%(reason)s); "
                "find another match."
            )
            % {
                "number": referral.case.number,
                "organisation": referral.to_organisation.name,
                "reason": referral.get_reject_reason_display(),
            }
        ),
    )


def referral_completed(referral) -> int:
    """The receiver closed the referral, resolved or not: the case's owner."""
    return _referral_answered(
        referral,
        "completed",
        lambda: (
            _("Case %(number)s: %(organisation)s closed the referral: %(outcome)s.")
            % {
                "number": referral.case.number,
                "organisation": referral.to_organisation.name,
                "outcome": referral.get_outcome_display(),
            }
        ),
    )


def referral_expired(referral) -> int:
    """Nobody answered in time (the overdue sweep): the case's owner."""
    return _referral_answered(
        referral,
        "expired",
        lambda: (
            _(
                "Case %(number)s: the referral to %(organisation)s expired unanswered; "
                "find another match."
            )
            % {"number": referral.case.number, "organisation": referral.to_organisation.name}
        ),
    )


# ---- offers of help (a charity acting on its project's matches) ----


def offer_received(offer) -> int:
    """A charity offered help for a case: the case's owner (else its office's caseworkers),
    who refers it or declines."""
    case = offer.case

    def compose() -> str:
        return _(
            "Case %(number)s: %(organisation)s offers %(amount)s through %(project)s; refer "
            "the case or decline the offer."
        ) % {
            "number": case.number,
            "organisation": offer.project.organisation.name,
            "amount": format_money(offer.amount_fen),
            "project": offer.project.title,
        }

    return _send(
        _case_people(case),
        Kind.REFERRAL,
        compose,
        reverse("needs_admin:offer_detail", args=[offer.pk]),
        f"offer-received:{offer.pk}",
    )


def offer_declined(offer) -> int:
    """The caseworker declined an offer: the offering charity's staff, with the reason. The
    case is named by the anonymized need's title (or its category), never its number."""
    from needs.models import Need

    need = Need.objects.filter(case_id=offer.case_id, status=Need.Status.PUBLISHED).first()

    def compose() -> str:
        return _(
            "Your offer of %(amount)s through %(project)s for the need “%(need)s” was "
            "declined: %(reason)s"
        ) % {
            "amount": format_money(offer.amount_fen),
            "project": offer.project.title,
            "need": need.title if need else offer.case.get_category_display(),
            "reason": offer.decline_reason[:200],
        }

    return _send(
        _members(offer.project.organisation_id, [Role.CHARITY_STAFF]),
        Kind.REFERRAL,
        compose,
        reverse("projects_admin:project_matches", args=[offer.project_id]),
        f"offer-declined:{offer.pk}",
    )


# ---- relief above the ceiling (一事一议) ----


def relief_approval_requested(grant) -> int:
    """Relief above the ceiling waits for a decision: the supervisors above the case, except
    the one who asked."""
    case = grant.case
    return _send(
        _supervisors_of(case, besides=grant.granted_by),
        Kind.APPROVAL,
        lambda: (
            _(
                "Case %(number)s: relief of %(amount)s above the ceiling awaits your decision "
                "(一事一议)."
            )
            % {"number": case.number, "amount": format_money(grant.amount_fen)}
        ),
        _case_link(case),
        f"relief-approval-requested:{grant.pk}",
    )


def relief_decided(grant) -> int:
    """The supervisor decided: the one who asked."""
    from needs.models import ReliefGrant

    case = grant.case
    approved = grant.status == ReliefGrant.Status.APPROVED

    def compose() -> str:
        values = {"number": case.number, "amount": format_money(grant.amount_fen)}
        if approved:
            return _("Case %(number)s: the relief of %(amount)s was approved.") % values
        return _("Case %(number)s: the relief of %(amount)s was refused.") % values

    return _send(
        [grant.granted_by],
        Kind.APPROVAL,
        compose,
        _case_link(case),
        f"relief-decided:{grant.pk}",
    )


# ---- hand-overs ----


def handover_sent(handover) -> int:
    """A case was handed over: the caseworkers of the receiving office."""
    case = handover.case
    return _send(
        _members(handover.to_office_id, [Role.CASEWORKER]),
        Kind.HANDOVER,
        lambda: (
            _("Case %(number)s was handed over to %(office)s by %(from_office)s: accept it.")
            % {
                "number": case.number,
                "office": handover.to_office.name,
                "from_office": handover.from_office.name,
            }
        ),
        _case_link(case),
        f"handover-sent:{handover.pk}",
    )


def handover_withdrawn(handover) -> int:
    """The sending office took a hand-over back: the caseworkers of the office it was sent to
    (the case is no longer theirs to open, so the link is the hand-over list)."""
    case = handover.case
    return _send(
        _members(handover.to_office_id, [Role.CASEWORKER]),
        Kind.HANDOVER,
        lambda: (
            _("Case %(number)s: %(from_office)s withdrew the hand-over; nothing waits for you.")
            % {"number": case.number, "from_office": handover.from_office.name}
        ),
        reverse("needs_admin:handover_list"),
        f"handover-withdrawn:{handover.pk}",
    )


def handover_accepted(handover, *, by) -> int:
    """The receiving office accepted the case: whoever handed it over."""
    case = handover.case
    return _send(
        [handover.by],
        Kind.HANDOVER,
        lambda: (
            _("Case %(number)s: %(office)s accepted the hand-over.")
            % {"number": case.number, "office": handover.to_office.name}
        ),
        _case_link(case),
        f"handover-accepted:{handover.pk}",
    )


# ---- applications from the public site ----


def online_application_received(case) -> int:
    """Someone applied for help online (我要求助): the caseworkers of the office that must
    accept it, with the acceptance deadline. The case is named by its number only."""
    due = case.next_due_at

    def compose() -> str:
        return _(
            "An application for help arrived online: case %(number)s, accept it by %(due)s."
        ) % {
            "number": case.number,
            "due": _local(due) if due else "",
        }

    return _send(
        _case_people(case),
        Kind.OTHER,
        compose,
        _case_link(case),
        f"online-application:{case.pk}",
    )


# ---- money ----


def payment_awaits_second_approval(disbursement, *, total_fen: int) -> int:
    """A payment whose referral's total within the four-eyes period is above the threshold:
    the delivering charity's other staff, who alone may approve it."""
    allocation = disbursement.allocation
    referral = allocation.referral
    return _send(
        [
            user
            for user in _members(referral.to_organisation_id, [Role.CHARITY_STAFF])
            if user.pk != disbursement.requested_by_id
        ],
        Kind.APPROVAL,
        lambda: (
            _(
                "Case %(number)s: a payment of %(amount)s (%(total)s in all for this referral) "
                "awaits a second person's approval."
            )
            % {
                "number": referral.case.number,
                "amount": format_money(disbursement.amount_fen),
                "total": format_money(total_fen),
            }
        ),
        reverse("donors_admin:referral_money", args=[referral.pk]),
        f"payment-second-approval:{disbursement.pk}",
    )


def allocation_made(allocation) -> None:
    """Money was committed to a referral: the case's owner, once the allocation is committed.

    The one event told after the commit rather than inside it: an allocation holds the
    fund's balance row (the busiest lock of the money) until its commit, and the
    notification's reads and writes would hold it longer (donors.services.payouts)."""
    allocation_id = allocation.pk
    transaction.on_commit(lambda: _allocation_made(allocation_id))


def _allocation_made(allocation_id: int) -> int:
    from donors.models import Allocation

    allocation = Allocation.objects.select_related(
        "referral__case__owner", "referral__to_organisation"
    ).get(pk=allocation_id)
    referral = allocation.referral
    case = referral.case
    return _send(
        _case_people(case),
        Kind.ALLOCATION,
        lambda: (
            _("Case %(number)s: %(amount)s was committed to the referral to %(organisation)s.")
            % {
                "number": case.number,
                "amount": format_money(allocation.amount_fen),
                "organisation": referral.to_organisation.name,
            }
        ),
        _case_link(case),
        f"allocation-made:{allocation.pk}",
    )


# ---- the economic-status check (核对) and relatives' filing (近亲属备案) ----


def economic_check_requested(check) -> int:
    """A check was asked for: the other caseworkers of the requesting office, who enter the
    checking body's result when it comes (the requester sees it on their 待办)."""
    return _send(
        [
            user
            for user in _members(check.office_id, [Role.CASEWORKER])
            if user.pk != check.requested_by_id
        ],
        Kind.OTHER,
        lambda: (
            _("Economic-status check %(number)s was asked for: enter its result when it comes.")
            % {"number": check.pk}
        ),
        reverse("needs_admin:economic_check_detail", args=[check.pk]),
        f"economic-check-requested:{check.pk}",
    )


def economic_check_completed(check) -> int:
    """The result is on the record: the one who asked for the check, if someone else entered
    it."""
    recipients = (
        [] if check.result_recorded_by_id == check.requested_by_id else [check.requested_by]
    )
    return _send(
        recipients,
        Kind.OTHER,
        lambda: (
            _("The result of economic-status check %(number)s is recorded.") % {"number": check.pk}
        ),
        reverse("needs_admin:economic_check_detail", args=[check.pk]),
        f"economic-check-completed:{check.pk}",
    )


def relative_benefit_review_requested(grant) -> int:
    """Relief for a household with a filed relative waits for review: the supervisors above
    the case, except the one who asked and the officials whose relative it is."""
    case = grant.case
    excluded = {grant.granted_by_id}
    for entry in grant.relative_benefits.select_related("filing"):
        excluded.update({entry.filing.official_user_id, entry.filing.filed_by_id})
    return _send(
        [user for user in _supervisors_of(case) if user.pk not in excluded],
        Kind.APPROVAL,
        lambda: (
            _(
                "Case %(number)s: relief of %(amount)s goes to a household with a filed "
                "relative of an official (近亲属备案) and awaits your review."
            )
            % {"number": case.number, "amount": format_money(grant.amount_fen)}
        ),
        _case_link(case),
        f"relative-benefit-review:{grant.pk}",
    )


__all__ = [
    "allocation_made",
    "economic_check_completed",
    "economic_check_requested",
    "handover_accepted",
    "handover_sent",
    "online_application_received",
    "payment_awaits_second_approval",
    "referral_accepted",
    "referral_completed",
    "referral_declined",
    "referral_expired",
    "referral_received",
    "relative_benefit_review_requested",
    "relief_approval_requested",
    "relief_decided",
    "user_language",
]


# ---- assistance applications (issue 20; needs.services.assistance) ----


def _application_link(application) -> str:
    return reverse("needs_admin:assistance_detail", args=[application.pk])


def _application_words(application) -> dict:
    return {"id": application.pk, "type": application.get_type_display()}


def assistance_applied(application) -> int:
    """A new application waits for acceptance (受理): the caseworkers of the responsible office."""
    return _send(
        _members(application.office_id, [Role.CASEWORKER, Role.DEPARTMENT_STAFF]),
        Kind.APPROVAL,
        lambda: (
            _("Application %(id)s for %(type)s waits for acceptance.")
            % _application_words(application)
        ),
        _application_link(application),
        f"assistance-applied:{application.pk}",
    )


def assistance_awaits_approval(application) -> int:
    """A reviewed application waits for the approver (审批): the supervisors above it, except
    the reviewer, who may not approve it."""
    return _send(
        _supervisors_of(application, besides=application.reviewer),
        Kind.APPROVAL,
        lambda: (
            _("Application %(id)s for %(type)s was reviewed and awaits your decision.")
            % _application_words(application)
        ),
        _application_link(application),
        f"assistance-awaits-approval:{application.pk}",
    )


def assistance_objection(objection) -> int:
    """An objection during the public notice: the handler and the reviewer, who look into it."""
    application = objection.application
    return _send(
        [application.handler, application.reviewer],
        Kind.APPROVAL,
        lambda: (
            _("Application %(id)s for %(type)s: an objection was raised during the notice.")
            % _application_words(application)
        ),
        _application_link(application),
        f"assistance-objection:{objection.pk}",
    )


def assistance_decided(application) -> int:
    """Granted (落实) or refused (不予): the handler and the reviewer."""
    from needs.models import AssistanceApplication

    granted = application.stage == AssistanceApplication.Stage.GRANTED

    def compose() -> str:
        words = _application_words(application)
        if granted:
            return _("Application %(id)s for %(type)s was approved.") % words
        return _("Application %(id)s for %(type)s was refused.") % words

    return _send(
        [application.handler, application.reviewer, application.applied_by],
        Kind.APPROVAL,
        compose,
        _application_link(application),
        f"assistance-decided:{application.pk}",
    )


def relative_application_flagged(application) -> int:
    """An application for a household with a filed relative of an official (近亲属备案): the
    supervisors above it, who decide it, except the officials whose relative it is."""
    excluded = {application.applied_by_id}
    for entry in application.relative_benefits.select_related("filing"):
        excluded.update({entry.filing.official_user_id, entry.filing.filed_by_id})
    return _send(
        [user for user in _supervisors_of(application) if user.pk not in excluded],
        Kind.APPROVAL,
        lambda: (
            _(
                "Application %(id)s for %(type)s is for a household with a filed relative of "
                "an official (近亲属备案): a supervisor decides it."
            )
            % _application_words(application)
        ),
        _application_link(application),
        f"relative-application:{application.pk}",
    )
