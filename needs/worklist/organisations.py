"""The work of charities, departments and fund managers: referrals to answer, payments to
approve (four eyes), referrals a special fund may pay for."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.jurisdiction import (
    Role,
    active_memberships,
    has_role,
    scope_for,
)
from core.money import format_money
from needs.models import (
    Referral,
)
from needs.notify_events import ANSWERING_ROLES
from needs.worklist.base import (
    LIMIT,
    NO_DUE,
    WorkItem,
    WorkList,
    _made,
)


def payment_approvals(user, *, now=None, limit: int = LIMIT) -> WorkList | None:
    """Payments to households requested at the charity and not yet approved: those the user
    may approve (four eyes: above the threshold, not their own request)."""
    from donors.models import Disbursement
    from donors.services.payouts import four_eyes_threshold_fen, four_eyes_total_fen

    charities = scope_for(user, roles=[Role.CHARITY_STAFF]).organisation_ids
    if not charities:
        return None
    pending = (
        Disbursement.objects.filter(
            status=Disbursement.Status.PENDING,
            allocation__referral__to_organisation_id__in=charities,
        )
        .select_related("allocation__referral__case", "requested_by")
        .order_by("requested_at", "pk")
    )
    threshold = four_eyes_threshold_fen()
    mine = [p for p in pending.filter(requested_by=user) if four_eyes_total_fen(p) > threshold]
    queryset = pending.exclude(pk__in=[p.pk for p in mine])

    def item(payment):
        referral = payment.allocation.referral
        total = four_eyes_total_fen(payment)
        detail = _("payment of %(amount)s") % {"amount": format_money(payment.amount_fen)}
        if total > threshold:
            detail = _("payment of %(amount)s: second approval (four eyes)") % {
                "amount": format_money(payment.amount_fen)
            }
        return WorkItem(
            title=referral.case.number,
            detail=detail,
            link=reverse("donors_admin:referral_money", args=[referral.pk]),
        )

    return _made(
        "payment_approvals",
        _("Payments awaiting approval"),
        queryset,
        item,
        limit=limit,
        overdue=NO_DUE,
    )


# ---- referrals and hand-overs ----


def referrals_to_answer(user, *, now=None, limit: int = LIMIT) -> WorkList | None:
    """Referrals sent to the user's charity or department and not answered yet, by their
    answer deadline."""
    organisations = [
        m.organisation_id for m in active_memberships(user) if m.role in ANSWERING_ROLES
    ]
    receiving = set(organisations) & set(
        Referral.objects.filter(to_organisation_id__in=organisations)
        .values_list("to_organisation_id", flat=True)
        .distinct()
    )
    answers = has_role(user, Role.CHARITY_STAFF, Role.DEPARTMENT_STAFF)
    if not answers and not receiving:
        return None
    now = now or timezone.now()
    queryset = (
        Referral.objects.filter(
            status=Referral.Status.REQUESTED, to_organisation_id__in=organisations
        )
        .select_related("case", "project", "to_organisation")
        .order_by("answer_due_at", "pk")
    )

    def item(referral):
        detail = referral.project.title if referral.project_id else referral.to_organisation.name
        if referral.amount_requested_fen:
            detail += " · " + format_money(referral.amount_requested_fen)
        return WorkItem(
            title=referral.case.number,
            detail=detail,
            link=reverse("needs_admin:referral_detail", args=[referral.pk]),
            due_at=referral.answer_due_at,
            overdue=referral.answer_due_at < now,
        )

    return _made(
        "referrals_to_answer",
        _("Referrals to answer"),
        queryset,
        item,
        limit=limit,
        list_link=reverse("needs_admin:referral_list") + "?status=requested",
        overdue=Q(answer_due_at__lt=now),
    )


# ---- fund managers ----


def referrals_to_fund(user, *, now=None, limit: int = LIMIT) -> WorkList | None:
    """Accepted referrals the fund manager's special funds may pay for and have not paid for
    yet (the allocation screen commits the money)."""
    from donors.models import Allocation, Fund
    from donors.selectors import fundable_referrals

    owners = scope_for(user, roles=[Role.FUND_MANAGER]).organisation_ids
    if not owners:
        return None
    funds = list(
        Fund.objects.filter(status=Fund.Status.ACTIVE, owner_id__in=owners).prefetch_related(
            "regions"
        )
    )
    condition = Q(pk__in=[])
    for fund in funds:
        condition |= Q(pk__in=fundable_referrals(fund).values("pk"))
    funded = Allocation.objects.filter(
        source__fund__owner_id__in=owners, referral_id=OuterRef("pk")
    )
    queryset = (
        Referral.objects.filter(condition)
        .exclude(Exists(funded))
        .select_related("case", "project__organisation")
        .order_by("answered_at", "pk")
    )

    def item(referral):
        detail = referral.project.organisation.name
        if referral.case.remaining_gap_fen:
            detail += " · " + _("gap %(gap)s") % {
                "gap": format_money(referral.case.remaining_gap_fen)
            }
        return WorkItem(
            title=referral.case.number,
            detail=detail,
            link=reverse("donors_admin:referral_money", args=[referral.pk]),
        )

    return _made(
        "referrals_to_fund",
        _("Referrals your funds may pay for"),
        queryset,
        item,
        limit=limit,
        list_link=reverse("donors_admin:allocation_list"),
        overdue=NO_DUE,
    )
