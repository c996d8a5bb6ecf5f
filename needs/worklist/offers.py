"""The caseworker's offers of help to answer: charities offering to help the caseworker's own
cases through a project (needs.services.offers), to refer in one step or decline."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from core.money import format_money
from needs.models import Case, Offer
from needs.worklist.base import LIMIT, NO_DUE, WorkItem, WorkList, _is_caseworker, _made


def offers_to_answer(user, *, now=None, limit: int = LIMIT) -> WorkList | None:
    """Open offers for the caseworker's own open cases, oldest first. An offer has no time
    limit of its own: the case's steps carry the deadlines."""
    if not _is_caseworker(user):
        return None
    queryset = (
        Offer.objects.filter(status=Offer.Status.OPEN, case__owner=user)
        .exclude(case__status=Case.Status.CLOSED)
        .select_related("case", "project__organisation")
        .order_by("offered_at", "pk")
    )

    def item(offer):
        return WorkItem(
            title=offer.case.number,
            detail=_("%(organisation)s offers %(amount)s through %(project)s")
            % {
                "organisation": offer.project.organisation.name,
                "amount": format_money(offer.amount_fen),
                "project": offer.project.title,
            },
            link=reverse("needs_admin:offer_detail", args=[offer.pk]),
        )

    return _made(
        "offers_to_answer",
        _("Offers of help to answer"),
        queryset,
        item,
        limit=limit,
        overdue=NO_DUE,
    )
