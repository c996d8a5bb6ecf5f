"""What a charity supermarket has to hand over: relief in goods (实物救助) decided for
households of its jurisdiction whose goods have not all been issued yet
(projects.services_stock.stock_issue records each issue against the decision). Read by the
supermarket's page and its staff's 待办 (projects.worklist_supermarkets)."""

from __future__ import annotations

from django.db.models import F, IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from core.models import Membership
from needs.models import Case, ReliefGrant
from projects.models import StockMovement, Supermarket
from projects.services_stock import SUPERMARKET_ROLES


def supermarkets_run_by(user) -> list[Supermarket]:
    """The open supermarkets the user's organisations run (through a role that runs them)."""
    organisations = Membership.objects.filter(
        user=user, role__in=SUPERMARKET_ROLES, is_active=True
    ).values("organisation_id")
    return list(
        Supermarket.objects.filter(organisation_id__in=organisations, is_active=True)
        .select_related("organisation__region")
        .order_by("pk")
    )


def relief_awaiting_goods(supermarkets):
    """Effective relief decisions in goods, with a quantity, for open cases whose responsible
    office is one of ``supermarkets``' own office or lies within a civil-affairs office's
    supermarket region, of which fewer goods were issued than decided (annotated ``issued``);
    oldest decision first."""
    within = Q(pk__in=[])
    for supermarket in supermarkets:
        within |= Q(case__responsible_office_id=supermarket.organisation_id)
        if supermarket.organisation.is_government:
            path = supermarket.organisation.region.path
            within |= Q(case__responsible_office__region__path=path) | Q(
                case__responsible_office__region__path__startswith=path + "/"
            )
    issued = (
        StockMovement.objects.filter(relief_grant=OuterRef("pk"), kind=StockMovement.Kind.ISSUE)
        .values("relief_grant")
        .annotate(total=Sum("quantity"))
        .values("total")
    )
    return (
        ReliefGrant.objects.filter(
            within,
            status__in=(ReliefGrant.Status.GRANTED, ReliefGrant.Status.APPROVED),
            goods_quantity__gt=0,
        )
        .exclude(in_kind="")
        .exclude(case__status=Case.Status.CLOSED)
        # Issues are stored as negative quantities.
        .annotate(issued=-Coalesce(Subquery(issued, output_field=IntegerField()), Value(0)))
        .filter(issued__lt=F("goods_quantity"))
        .select_related("case")
        .order_by("granted_at", "pk")
    )
