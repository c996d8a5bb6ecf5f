"""The work of the economic-status check (核对) and of relatives' filing (近亲属备案): checks
waiting for the checking body's result, and relief to a filed relative's household waiting
for a supervisor's review."""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.jurisdiction import Role, scope_filter, scope_for
from core.money import format_money
from needs.models import Case, EconomicCheck, RelativeBenefit, ReliefGrant
from needs.worklist.base import LIMIT, NO_DUE, WorkItem, WorkList, _case_link, _made, _offices


def economic_checks_awaiting_result(user, *, now=None, limit: int = LIMIT) -> WorkList | None:
    """Checks asked for by the caseworker's offices whose result is still to be entered."""
    offices = _offices(user, Role.CASEWORKER)
    if not offices:
        return None
    queryset = (
        EconomicCheck.objects.filter(status=EconomicCheck.Status.REQUESTED, office_id__in=offices)
        .select_related("household__region")
        .order_by("requested_at", "pk")
    )

    def item(check):
        return WorkItem(
            title=str(check),
            detail=_("asked for on %(day)s, %(county)s")
            % {
                "day": timezone.localtime(check.requested_at).strftime("%Y-%m-%d"),
                "county": check.household.region.name,
            },
            link=reverse("needs_admin:economic_check_detail", args=[check.pk]),
        )

    return _made(
        "economic_checks_awaiting_result",
        _("Economic-status checks awaiting their result"),
        queryset,
        item,
        limit=limit,
        list_link=reverse("needs_admin:economic_check_list") + "?status=requested",
        overdue=NO_DUE,
    )


def relative_reviews(user, *, now=None, limit: int = LIMIT) -> WorkList | None:
    """Relief to a household with a filed relative, waiting for the supervisor's review; not
    what the supervisor asked for, nor relief to their own relatives."""
    scope = scope_for(user, roles=[Role.SUPERVISOR])
    if scope.is_empty:
        return None
    pending = RelativeBenefit.objects.filter(review=RelativeBenefit.Review.PENDING)
    own = pending.filter(Q(filing__official_user=user) | Q(filing__filed_by=user))
    queryset = (
        ReliefGrant.objects.filter(
            status=ReliefGrant.Status.PENDING_APPROVAL,
            pk__in=pending.values("relief_grant_id"),
        )
        .exclude(pk__in=own.values("relief_grant_id"))
        .exclude(granted_by=user)
        .filter(~Q(case__status=Case.Status.CLOSED))
        .select_related("case")
        .order_by("granted_at", "pk")
    )
    condition = scope_filter(scope, region_field="case__region")
    if condition is not None:
        queryset = queryset.filter(condition)

    def item(grant):
        return WorkItem(
            title=grant.case.number,
            detail=_(
                "%(amount)s to a household with a filed relative (近亲属备案), asked on %(day)s"
            )
            % {
                "amount": format_money(grant.amount_fen),
                "day": timezone.localtime(grant.granted_at).strftime("%Y-%m-%d"),
            },
            link=_case_link(grant.case_id, "case-relief"),
        )

    return _made(
        "relative_reviews",
        _("Relief to filed relatives awaiting my review"),
        queryset,
        item,
        limit=limit,
        list_link=reverse("needs_admin:relative_benefit_list") + "?review=pending",
        overdue=NO_DUE,
    )
