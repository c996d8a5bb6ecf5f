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

from core.jurisdiction import Role, has_role, scope_for
from core.models import Organisation
from donors.models import Account, Allocation, Donation, Entry, Fund
from donors.rules import fund_restriction

AKind = Account.Kind


def available_fen(obj) -> int:
    """What a fund, project or need holds now and may still allocate (0 before any money)."""
    field = obj._meta.model_name
    if field == "need":  # one account per receiving charity (donors.ledger.need_account)
        return Account.objects.filter(need=obj).aggregate(s=Sum("balance_fen"))["s"] or 0
    balance = Account.objects.filter(**{field: obj}).values_list("balance_fen", flat=True).first()
    return balance or 0


def with_available_fen(queryset: QuerySet) -> QuerySet:
    """Funds, projects or needs annotated with ``available_fen`` (as ``available_fen`` reads it)
    in the same query: one join to their ledger account."""
    return queryset.annotate(available_fen=Coalesce("account__balance_fen", 0))


@dataclass(frozen=True, slots=True)
class FundSource:
    """A special fund as a money source for matching: its restrictions and what it holds.
    ``enterprise``: an enterprise's fund, which its own fund managers commit to any charity
    project's accepted referral (not only its owner's projects)."""

    id: int
    name: str
    owner_id: int
    categories: frozenset[str]
    region_paths: tuple[str, ...]
    available_fen: int
    enterprise: bool = False
    owner_name: str = ""

    def admits(self, category: str, region_path: str) -> bool:
        """The allocation service's restriction check (donors.rules.fund_restriction)."""
        return fund_restriction(self.categories, self.region_paths, category, region_path) is None


def fund_sources(condition: Q) -> list[FundSource]:
    """The active funds matching ``condition`` that hold money, their holder active, as
    matching reads them, richest first. Two queries, whatever the number of funds."""
    rows = list(
        with_available_fen(
            Fund.objects.filter(condition, owner__is_active=True, status=Fund.Status.ACTIVE)
        )
        .filter(available_fen__gt=0)
        .values(
            "pk", "name", "owner_id", "owner__kind", "owner__name", "categories", "available_fen"
        )
    )
    paths = defaultdict(list)
    for fund_id, path in Fund.regions.through.objects.filter(
        fund_id__in=[row["pk"] for row in rows]
    ).values_list("fund_id", "region__path"):
        paths[fund_id].append(path)
    return [
        FundSource(
            id=row["pk"],
            name=row["name"],
            owner_id=row["owner_id"],
            categories=frozenset(row["categories"] or ()),
            region_paths=tuple(sorted(paths[row["pk"]])),
            available_fen=row["available_fen"],
            enterprise=row["owner__kind"] == Organisation.Kind.ENTERPRISE,
            owner_name=row["owner__name"],
        )
        for row in sorted(rows, key=lambda r: (-r["available_fen"], r["pk"]))
    ]


def drawable_funds(organisation_ids) -> dict[int, list[FundSource]]:
    """The special funds each charity's projects may draw on for their referrals, by
    organisation, richest first: the active funds the charity holds itself (its own staff
    allocate them), and every enterprise's active fund (the enterprise's fund managers commit
    it to any charity project's accepted referral, issue 15 item 5). A case draws on those of
    them that ``admits`` it (its category and region). Two queries, whatever the number of
    organisations; an enterprise's fund is one object in every list, so the proposal shares
    its money across charities and never counts it twice."""
    organisation_ids = list(organisation_ids)
    sources = fund_sources(
        Q(owner_id__in=organisation_ids) | Q(owner__kind=Organisation.Kind.ENTERPRISE)
    )
    enterprise = [source for source in sources if source.enterprise]
    out: dict[int, list[FundSource]] = {}
    for organisation_id in organisation_ids:
        own = [s for s in sources if s.owner_id == organisation_id and not s.enterprise]
        funds = sorted([*own, *enterprise], key=lambda f: (-f.available_fen, f.id))
        if funds:
            out[organisation_id] = funds
    return out


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
    relief_fen: int = 0  # government relief in effect (the gap's other input)


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
        relief_fen=parts.relief_fen,
    )


# Who may read which money records: the API, the back office and supervision's exports.


def _visible_cases(user) -> QuerySet | None:
    from needs.models import Case
    from needs.selectors import case_filter

    condition = case_filter(user)
    return None if condition is None else Case.objects.filter(condition).values("pk")


def donations_visible_to(user, queryset: QuerySet[Donation]) -> QuerySet[Donation]:
    """Staff of the receiving organisation see its donations, staff of a fund's owner the
    gifts to the fund; government staff the gifts to public needs of cases in their
    jurisdiction; auditors and administrators all."""
    from core.jurisdiction import scope_for

    scope = scope_for(user)
    if scope.everything:
        return queryset
    # The fund's owner (an enterprise) sees the gifts to its fund its holding charity received.
    condition = Q(receiving_organisation_id__in=scope.organisation_ids) | Q(
        fund__owner_id__in=scope.organisation_ids
    )
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
    """Public funds for everyone; an organisation's own funds, and the funds a charity holds
    for their owners, for its staff; all for auditors."""
    from core.jurisdiction import scope_for

    queryset = Fund.objects.all() if queryset is None else queryset
    scope = scope_for(user)
    if scope.everything:
        return queryset
    mine = scope.organisation_ids
    return queryset.filter(Q(is_public=True) | Q(owner_id__in=mine) | Q(holder_id__in=mine))


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


# What a special fund may pay for, as its fund managers look for cases (issue 15, item 5).

FUNDABLE_REFERRAL_STATUSES = ("accepted", "in_progress")


def fund_admits_filter(fund: Fund, *, case: str = "case__") -> Q:
    """The cases ``fund``'s restrictions admit, as a Q on a path reaching the case
    (donors.rules.fund_restriction in SQL: empty restrictions admit everything, a region
    admits the cases below it)."""
    condition = Q()
    if fund.categories:
        condition &= Q(**{f"{case}category__in": list(fund.categories)})
    paths = [region.path for region in fund.regions.all()]
    if paths:
        inside = Q(pk__in=[])
        for path in paths:
            inside |= Q(**{f"{case}region__path": path})
            inside |= Q(**{f"{case}region__path__startswith": path + "/"})
        condition &= inside
    return condition


def fundable_referrals(fund: Fund, queryset: QuerySet | None = None) -> QuerySet:
    """The referrals ``fund`` may commit money to now: accepted (or in progress) by a charity
    project, their case admitted by the fund's categories and regions. What
    ``allocation_create`` accepts from the fund, so a fund manager finds a case to pay for
    without seeing the case file (they read it as an accepting charity does, anonymized)."""
    from needs.models import Referral

    queryset = Referral.objects.all() if queryset is None else queryset
    if fund.status != Fund.Status.ACTIVE:
        return queryset.none()
    return queryset.filter(
        fund_admits_filter(fund),
        project__isnull=False,
        status__in=FUNDABLE_REFERRAL_STATUSES,
    )


def funds_allocated_by(user) -> QuerySet[Fund]:
    """The active funds whose money ``user`` commits as a fund manager: those of the
    organisations where they hold that role (every active fund for a platform administrator).
    Charity staff allocate their own funds from their referrals' pages, not through this."""
    funds = Fund.objects.filter(status=Fund.Status.ACTIVE, owner__is_active=True)
    if has_role(user, Role.PLATFORM_ADMIN):
        return funds
    return funds.filter(owner_id__in=scope_for(user, roles=[Role.FUND_MANAGER]).organisation_ids)


def referrals_funds_may_pay(user, queryset: QuerySet | None = None) -> QuerySet:
    """The referrals any fund ``user`` manages may pay for now, and those its money already
    went to (one query: a fund manager has a handful of funds)."""
    from needs.models import Referral

    queryset = Referral.objects.all() if queryset is None else queryset
    funds = list(funds_allocated_by(user).prefetch_related("regions"))
    condition = Q(pk__in=[])
    for fund in funds:
        condition |= fund_admits_filter(fund) & Q(status__in=FUNDABLE_REFERRAL_STATUSES)
    owners = scope_for(user, roles=[Role.FUND_MANAGER]).organisation_ids
    if owners:
        paid = Allocation.objects.filter(source__fund__owner_id__in=owners)
        condition |= Q(pk__in=paid.values("referral_id"))
    return queryset.filter(condition, project__isnull=False)


def referrals_allocatable_by(user, queryset: QuerySet | None = None) -> QuerySet:
    """The referrals ``user`` may name when committing money: those they may read (sent to
    their charity, of cases in their jurisdiction; all for auditors and administrators) and
    those the funds they manage may pay for now or already paid into. Any other referral is
    answered as if it did not exist, so its existence, status, county and category stay
    unknown to whoever probes ``POST /allocations/`` (issue 16)."""
    from needs.models import Referral
    from needs.selectors import referrals_visible_to

    queryset = Referral.objects.all() if queryset is None else queryset
    if user is None or not getattr(user, "is_authenticated", False):
        return queryset.none()
    if scope_for(user).everything:
        return queryset
    visible = referrals_visible_to(user).values("pk")
    condition = Q(pk__in=visible)
    if has_role(user, Role.FUND_MANAGER):
        condition |= Q(pk__in=referrals_funds_may_pay(user).values("pk"))
    return queryset.filter(condition)
