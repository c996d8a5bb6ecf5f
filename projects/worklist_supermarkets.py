"""The charity supermarket's 待办: relief in goods waiting to be handed over
(projects.selectors_goods)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from needs.worklist.base import LIMIT, NO_DUE, WorkItem, WorkList, _made
from projects.selectors_goods import relief_awaiting_goods, supermarkets_run_by


def goods_to_issue(user, *, now=None, limit: int = LIMIT) -> WorkList | None:
    """Relief in goods waiting to be handed over by the supermarkets the user runs; only for
    the staff of an organisation that runs one."""
    if not getattr(user, "is_authenticated", False):
        return None
    supermarkets = supermarkets_run_by(user)
    if not supermarkets:
        return None
    queryset = relief_awaiting_goods(supermarkets)
    first = supermarkets[0]

    def item(grant):
        return WorkItem(
            title=grant.case.number,
            detail=_("%(goods)s: %(issued)s of %(decided)s %(unit)s handed over")
            % {
                "goods": grant.in_kind,
                "issued": grant.issued,
                "decided": grant.goods_quantity,
                "unit": grant.goods_unit,
            },
            link=reverse("supermarkets_admin:supermarket_detail", args=[first.pk])
            + f"?relief_grant={grant.pk}#issue",
        )

    return _made(
        "goods_to_issue",
        _("Goods to hand over"),
        queryset,
        item,
        limit=limit,
        list_link=reverse("supermarkets_admin:supermarket_detail", args=[first.pk]),
        overdue=NO_DUE,
    )
