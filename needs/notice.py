"""The public notice (公示) of relief granted: the one path from relief grants to the public
site, with only what the rules allow (DESIGN.md 7.1).

Publishing who received assistance is required by policy (seed 004: "长期公示" of social
assistance), so, unlike a public Need, it does not wait for the household's consent; what it
may show is therefore the minimum: the surname followed by 某 (张某, 欧阳某; needs.anonymize
.mask_name), the county, the amount, the category and the date. Never the full name, the ID
number, the phone, the address or the township. Only relief actually given counts: granted,
or approved above the ceiling (一事一议); refused and pending grants never appear.

Relief for a child in distress (category ``child``) is left out: the law on the protection of
minors (未成年人保护法) forbids disclosing what could identify a minor, and in a small county
"张某, child in distress, this month" can. The notice says so on the page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Case as SqlCase
from django.db.models import OuterRef, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from core.models.regions import in_active_language
from needs.anonymize import MASK_CHAR, mask_name
from needs.models import Case, HouseholdMember, ReliefGrant

EFFECTIVE = (ReliefGrant.Status.GRANTED, ReliefGrant.Status.APPROVED)


@dataclass(frozen=True)
class NoticeRow:
    """One line of the notice; nothing else about the household leaves this module."""

    recipient: str  # 张某
    county: str
    office: str
    category: str
    kind: str
    amount_fen: int
    date: dt.date


def notice_grants(
    *,
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
    office_id: int | None = None,
) -> QuerySet:
    """Effective relief grants, dated by when they took effect (the approval for a grant above
    the ceiling, else the grant), newest first; ``start``/``end`` bound that date. Rows are
    dicts for ``notice_row``: page them first, so only a page's names are ever read."""
    grants = (
        ReliefGrant.objects.filter(status__in=EFFECTIVE).exclude(case__category=Case.Category.CHILD)
    ).annotate(effective_at=Coalesce("decided_at", "granted_at"))
    if start:
        grants = grants.filter(effective_at__gte=start)
    if end:
        grants = grants.filter(effective_at__lt=end)
    if office_id:
        grants = grants.filter(case__responsible_office_id=office_id)
    # The head of household's name (else the first member's), only to take the surname.
    head = HouseholdMember.objects.filter(household_id=OuterRef("case__household_id")).order_by(
        SqlCase(When(relation=HouseholdMember.Relation.HEAD, then=Value(0)), default=Value(1)),
        "id",
    )
    return (
        grants.annotate(head_name=Subquery(head.values("name")[:1]))
        .order_by("-effective_at", "-id")
        .values(
            "id",
            "head_name",
            "case__region__name",
            "case__region__name_en",
            "case__responsible_office__name",
            "case__category",
            "kind",
            "amount_fen",
            "effective_at",
        )
    )


def notice_row(row: dict) -> NoticeRow:
    """One line of the notice from a row of ``notice_grants``: the name masked here."""
    category = row["case__category"]
    kind = row["kind"]
    effective_at = timezone.localtime(row["effective_at"], timezone.get_default_timezone())
    return NoticeRow(
        recipient=mask_name(row["head_name"] or "") or MASK_CHAR,
        county=in_active_language(row["case__region__name"], row["case__region__name_en"]),
        office=row["case__responsible_office__name"],
        category=str(dict(Case.Category.choices).get(category, category)),
        kind=str(dict(ReliefGrant.Kind.choices).get(kind, kind)),
        amount_fen=row["amount_fen"],
        date=effective_at.date(),
    )
