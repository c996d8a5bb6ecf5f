"""Reads of money: balances, and where a donation's money went.

Attribution rule (first in, first out): within one target (a fund, a project or a need), the
money of its donations is consumed by its allocations in order. Donations are lined up by the
time they succeeded, each counting its net amount (amount less processor fee less refunds);
allocations are lined up by the time they were made, each counting what it still holds or
paid out (amount less what was released). The first allocation consumes the first donation's
net amount, then the next, and so on; a donation's trail is the allocations its place in the
line reaches. The rule is applied to the current state, so a release or a refund moves later
donations' money forward in the line.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from donors.models import Account, Allocation, Donation, Entry, Fund
from donors.rules import fund_restriction

AKind = Account.Kind


def available_fen(obj) -> int:
    """What a fund, project or need holds now and may still allocate (0 before any money)."""
    field = obj._meta.model_name
    balance = Account.objects.filter(**{field: obj}).values_list("balance_fen", flat=True).first()
    return balance or 0


def with_available_fen(queryset: QuerySet) -> QuerySet:
    """Funds, projects or needs annotated with ``available_fen`` (as ``available_fen`` reads it)
    in the same query: one join to their ledger account."""
    return queryset.annotate(available_fen=Coalesce("account__balance_fen", 0))


@dataclass(frozen=True, slots=True)
class FundSource:
    """A special fund as a money source for matching: its restrictions and what it holds."""

    id: int
    name: str
    owner_id: int
    categories: frozenset[str]
    region_paths: tuple[str, ...]
    available_fen: int

    def admits(self, category: str, region_path: str) -> bool:
        """The allocation service's restriction check (donors.rules.fund_restriction)."""
        return fund_restriction(self.categories, self.region_paths, category, region_path) is None


def drawable_funds(organisation_ids) -> dict[int, list[FundSource]]:
    """The special funds each charity's projects may draw on for their referrals, by
    organisation: those ``allocation_create`` lets the charity's own staff allocate (active
    funds the organisation holds, the organisation active) that hold money, richest first. A
    case draws on those of them that ``admits`` it (its category and region). Two queries,
    whatever the number of organisations."""
    rows = list(
        with_available_fen(
            Fund.objects.filter(
                owner_id__in=list(organisation_ids),
                owner__is_active=True,
                status=Fund.Status.ACTIVE,
            )
        )
        .filter(available_fen__gt=0)
        .values("pk", "name", "owner_id", "categories", "available_fen")
    )
    paths = defaultdict(list)
    for fund_id, path in Fund.regions.through.objects.filter(
        fund_id__in=[row["pk"] for row in rows]
    ).values_list("fund_id", "region__path"):
        paths[fund_id].append(path)
    out: dict[int, list[FundSource]] = defaultdict(list)
    for row in sorted(rows, key=lambda r: (-r["available_fen"], r["pk"])):
        out[row["owner_id"]].append(
            FundSource(
                id=row["pk"],
                name=row["name"],
                owner_id=row["owner_id"],
                categories=frozenset(row["categories"] or ()),
                region_paths=tuple(sorted(paths[row["pk"]])),
                available_fen=row["available_fen"],
            )
        )
    return dict(out)


def _source_account(donation: Donation) -> Account | None:
    field = "fund" if donation.fund_id else "project" if donation.project_id else "need"
    return Account.objects.filter(**{f"{field}_id": getattr(donation, f"{field}_id")}).first()


def _fifo(donations: list[tuple[int, int]], allocations: list[tuple[int, int]]):
    """Pair (donation_id, net) with (allocation_id, kept) in order: yields
    (donation_id, allocation_id, fen) for each overlap."""
    d_index, a_index = 0, 0
    d_left = donations[0][1] if donations else 0
    a_left = allocations[0][1] if allocations else 0
    while d_index < len(donations) and a_index < len(allocations):
        take = min(d_left, a_left)
        if take:
            yield donations[d_index][0], allocations[a_index][0], take
        d_left -= take
        a_left -= take
        if d_left == 0:
            d_index += 1
            d_left = donations[d_index][1] if d_index < len(donations) else 0
        if a_left == 0:
            a_index += 1
            a_left = allocations[a_index][1] if a_index < len(allocations) else 0


def _target_lines(account: Account, donation_filter: Q):
    donations = [
        # A full refund gives back the fee too, so the net can fall below zero: it is zero.
        (row["pk"], max(row["amount_fen"] - row["fee_fen"] - row["refunded_fen"], 0))
        for row in Donation.objects.filter(donation_filter)
        .filter(status__in=[Donation.Status.SUCCEEDED, Donation.Status.REFUNDED])
        .order_by("succeeded_at", "pk")
        .values("pk", "amount_fen", "fee_fen", "refunded_fen")
    ]
    allocations = [
        (row["pk"], row["amount_fen"] - row["released_fen"])
        for row in Allocation.objects.filter(source=account)
        .order_by("created_at", "pk")
        .values("pk", "amount_fen", "released_fen")
    ]
    return donations, allocations


def donation_trail(donation: Donation) -> list[dict]:
    """Which allocations (and through them which referrals and public needs) this donation's
    money reached, under the first-in, first-out rule above."""
    account = _source_account(donation)
    if account is None:
        return []
    field = "fund" if donation.fund_id else "project" if donation.project_id else "need"
    donations, allocations = _target_lines(
        account, Q(**{f"{field}_id": getattr(donation, f"{field}_id")})
    )
    reached = [(a, fen) for d, a, fen in _fifo(donations, allocations) if d == donation.pk]
    details = {
        a.pk: a
        for a in Allocation.objects.filter(pk__in=[a for a, _fen in reached]).select_related(
            "referral__case__region", "referral__case__need", "referral__project"
        )
    }
    trail = []
    for allocation_id, fen in reached:
        allocation = details[allocation_id]
        case = allocation.referral.case
        need = getattr(case, "need", None)
        trail.append(
            {
                "allocation_id": allocation_id,
                "referral_id": allocation.referral_id,
                "project": allocation.referral.project.title,
                "category": case.category,
                "region": case.region.code,
                "need_public_id": str(need.public_id)
                if need and need.status == "published"
                else None,
                "amount_fen": fen,
                "allocation_status": allocation.status,
            }
        )
    return trail


@dataclass(frozen=True)
class FundingProgress:
    """A public need's progress, all of it from the case's one derived gap (needs.gap): what
    government relief left for charities and donors to cover (``gap_fen``), donations given
    to the need, money committed to its case's referrals from every source, money paid to the
    household, and what is still missing: the case's remaining gap, the public list's figure."""

    gap_fen: int
    donated_fen: int
    allocated_fen: int
    disbursed_fen: int
    missing_fen: int


def need_funding_progress(need) -> FundingProgress:
    from needs.gap import gap_parts

    parts = gap_parts(need.case_id)
    donated = Donation.objects.filter(
        need=need, status__in=[Donation.Status.SUCCEEDED, Donation.Status.REFUNDED]
    ).aggregate(total=Sum("amount_fen"), refunded=Sum("refunded_fen"))
    disbursed = Entry.objects.filter(
        account__kind=AKind.BENEFICIARY, account__referral__case_id=need.case_id
    ).aggregate(total=Sum("amount_fen"))["total"]
    return FundingProgress(
        gap_fen=parts.before_charity_fen or 0,
        donated_fen=(donated["total"] or 0) - (donated["refunded"] or 0),
        allocated_fen=parts.committed_fen,
        disbursed_fen=disbursed or 0,
        missing_fen=parts.remaining_fen or 0,
    )


# Who may read which money records: the API, the back office and supervision's exports.


def _visible_cases(user) -> QuerySet | None:
    from needs.models import Case
    from needs.selectors import case_filter

    condition = case_filter(user)
    return None if condition is None else Case.objects.filter(condition).values("pk")


def donations_visible_to(user, queryset: QuerySet[Donation]) -> QuerySet[Donation]:
    """Staff of the receiving organisation see its donations; government staff the gifts to
    public needs of cases in their jurisdiction; auditors and administrators all."""
    from core.jurisdiction import scope_for

    scope = scope_for(user)
    if scope.everything:
        return queryset
    condition = Q(receiving_organisation_id__in=scope.organisation_ids)
    cases = _visible_cases(user)
    if cases is not None:
        condition |= Q(need__case__in=cases)
    return queryset.filter(condition)


def allocations_visible_to(user, queryset: QuerySet, prefix: str = "") -> QuerySet:
    """Holders of the source money, the delivering charity, government staff of the case's
    region, auditors. ``prefix`` reaches the allocation from another model."""
    from core.jurisdiction import scope_for

    scope = scope_for(user)
    if scope.everything:
        return queryset
    organisations = scope.organisation_ids
    condition = (
        Q(**{f"{prefix}source__fund__owner_id__in": organisations})
        | Q(**{f"{prefix}source__project__organisation_id__in": organisations})
        | Q(**{f"{prefix}referral__to_organisation_id__in": organisations})
    )
    cases = _visible_cases(user)
    if cases is not None:
        condition |= Q(**{f"{prefix}referral__case__in": cases})
    return queryset.filter(condition)


def funds_visible_to(user, queryset: QuerySet[Fund] | None = None) -> QuerySet[Fund]:
    """Public funds for everyone; a fund holder's own funds for its staff; all for auditors."""
    from core.jurisdiction import scope_for

    queryset = Fund.objects.all() if queryset is None else queryset
    scope = scope_for(user)
    if scope.everything:
        return queryset
    return queryset.filter(Q(is_public=True) | Q(owner_id__in=scope.organisation_ids))


def donation_target(target_type: str, target_id: str):
    """The public fund, the project or the public need (by its public id) a donor names, or
    None. Whether it takes gifts now (open, published) is the donation service's rule."""
    from needs.models import Need
    from projects.models import Project

    target_id = (target_id or "").strip()
    if target_type == "need":
        try:
            return Need.objects.filter(public_id=uuid.UUID(target_id)).first()
        except ValueError:
            return None
    if not target_id.isdigit() or len(target_id) > 18:
        return None
    if target_type == "fund":
        return Fund.objects.filter(pk=int(target_id), is_public=True).first()
    if target_type == "project":
        return Project.objects.filter(pk=int(target_id)).first()
    return None
