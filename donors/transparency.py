"""The platform's public money figures, every one computed from the ledger's entries: totals,
each public fund, and the flow donors -> funds and projects -> categories -> regions that the
transparency page draws as a Sankey picture and lists as a table.

Public words only (DESIGN.md 7.1): donor kinds, public funds' names, charities' names, case
categories and counties. A fund that is not public is counted under one shared label.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from core.models.regions import in_active_language
from donors.models import Account, Donor, Entry, Fund, Transaction
from donors.reports import category_label

AKind = Account.Kind
TKind = Transaction.Kind


def platform_totals() -> dict[str, int]:
    """Platform-wide figures from the ledger entries, in one grouped query."""
    sums: dict[tuple[str, str], int] = {
        (kind, account_kind): total
        for kind, account_kind, total in Entry.objects.values_list(
            "transaction__kind", "account__kind"
        )
        .annotate(total=Sum("amount_fen"))
        .order_by()
    }

    def total(account_kind: str, *kinds: str) -> int:
        return sum(
            v for (k, a), v in sums.items() if a == account_kind and (not kinds or k in kinds)
        )

    return {
        "raised_fen": -total(AKind.DONOR, TKind.DONATION),
        "fees_fen": total(AKind.FEES),
        "allocated_fen": total(AKind.ALLOCATION, TKind.ALLOCATION, TKind.RELEASE),
        "disbursed_fen": total(AKind.BENEFICIARY),
        "refunded_fen": total(AKind.REFUNDS),
    }


def paid_to_households_by_fund(fund_ids) -> dict[int, int]:
    """What households were paid out of each fund's allocations (disbursements booked), by
    fund: the money that arrived, not only the money committed."""
    return dict(
        Entry.objects.filter(
            account__kind=AKind.ALLOCATION,
            account__allocation__source__fund_id__in=list(fund_ids),
            transaction__kind=TKind.DISBURSEMENT,
        )
        .values_list("account__allocation__source__fund_id")
        .annotate(total=-Sum("amount_fen"))
        .order_by()
    )


def public_fund_figures() -> list[dict]:
    """Each public fund: what it raised, what it holds now, what it committed to referrals
    (net of releases) and what of that was paid to households, from its entries."""
    funds = list(
        Fund.objects.filter(is_public=True)
        .annotate(
            raised=Sum(
                "account__entries__amount_fen",
                filter=Q(account__entries__transaction__kind=TKind.DONATION),
            ),
            committed=Sum(
                "account__entries__amount_fen",
                filter=Q(account__entries__transaction__kind__in=(TKind.ALLOCATION, TKind.RELEASE)),
            ),
            held=Sum("account__entries__amount_fen"),
        )
        .order_by("name")
        .values(
            "pk",
            "name",
            "owner__name",
            "owner__credit_code",
            "filing_number",
            "status",
            "raised",
            "committed",
            "held",
        )
    )
    paid = paid_to_households_by_fund(fund["pk"] for fund in funds)
    return [
        {
            "id": fund["pk"],
            "name": fund["name"],
            "owner_name": fund["owner__name"],
            "owner_credit_code": fund["owner__credit_code"],
            "filing_number": fund["filing_number"],
            "status": fund["status"],
            "raised_fen": fund["raised"] or 0,
            "available_fen": fund["held"] or 0,
            "committed_fen": -(fund["committed"] or 0),
            "paid_fen": paid.get(fund["pk"], 0),
        }
        for fund in funds
    ]


def project_public_figures(project) -> dict[str, int]:
    """A charity project's money as its public page shows it, from its ledger entries over
    its whole life (the figures of its statement, donors.reports, from its first day to
    today): donations received (gross, as the statement counts them), committed to referrals
    net of releases, paid to households out of those allocations, and what it holds now; and,
    apart from these, what special funds committed and paid for the project's referrals."""
    sums = dict(
        Entry.objects.filter(account__project=project)
        .values_list("transaction__kind")
        .annotate(total=Sum("amount_fen"))
        .order_by()
    )
    paid = Entry.objects.filter(
        account__kind=AKind.ALLOCATION,
        account__allocation__source__project=project,
        transaction__kind=TKind.DISBURSEMENT,
    ).aggregate(total=Sum("amount_fen"))["total"]
    return {
        "raised_fen": sums.get(TKind.DONATION, 0),
        "committed_fen": -(sums.get(TKind.ALLOCATION, 0) + sums.get(TKind.RELEASE, 0)),
        "paid_fen": -(paid or 0),
        "available_fen": sum(sums.values()),
        **_special_fund_help(project),
    }


def _special_fund_help(project) -> dict[str, int]:
    """What special funds committed (net of releases) and paid to households referred to the
    project: the project's families are often helped from a fund's account, not the
    project's, so the project's own figures above show none of it. Read on the allocations'
    own accounts (each belongs to one allocation, for one referral), so every yuan is counted
    once; it is the same money the fund's statement shows as the fund's."""
    sums = dict(
        Entry.objects.filter(
            account__kind=AKind.ALLOCATION,
            account__allocation__referral__project=project,
            account__allocation__source__kind=AKind.FUND,
        )
        .values_list("transaction__kind")
        .annotate(total=Sum("amount_fen"))
        .order_by()
    )
    return {
        "fund_committed_fen": sums.get(TKind.ALLOCATION, 0) + sums.get(TKind.RELEASE, 0),
        "fund_paid_fen": -sums.get(TKind.DISBURSEMENT, 0),
    }


@dataclass(frozen=True)
class Flow:
    source: str
    target: str
    amount_fen: int


def _holder_label(kind: str, fund_name: str | None, fund_public: bool, charity: str | None):
    if kind == AKind.FUND:
        return _("Fund: %(name)s") % {"name": fund_name} if fund_public else _("Other funds")
    if kind == AKind.PROJECT:
        return _("Projects of %(charity)s") % {"charity": charity}
    return _("Gifts to public needs")


def money_flows() -> list[Flow]:
    """Where donated money went, in three steps, each from the ledger:

    1. donors (by kind) -> the fund, the charity's projects or the public needs that received
       it, net of processor fees and refunds (the entries of donation, fee and refund
       transactions on those accounts);
    2. fund or projects -> the category of the cases it was allocated to, net of releases;
    3. category -> the county of those cases.
    Flows of zero or less are left out (a picture cannot draw them)."""
    donor_kinds = dict(Donor.Kind.choices)
    flows: dict[tuple[str, str], int] = defaultdict(int)
    received = (
        Entry.objects.filter(
            account__kind__in=(AKind.FUND, AKind.PROJECT, AKind.NEED),
            transaction__kind__in=(TKind.DONATION, TKind.FEE, TKind.REFUND),
            transaction__donation__isnull=False,
        )
        .values_list(
            "transaction__donation__donor__kind",
            "account__kind",
            "account__fund__name",
            "account__fund__is_public",
            "account__project__organisation__name",
        )
        .annotate(total=Sum("amount_fen"))
        .order_by()
    )
    for donor_kind, kind, fund_name, fund_public, charity, total in received:
        source = _("Donors: %(kind)s") % {"kind": donor_kinds.get(donor_kind, donor_kind)}
        flows[(str(source), str(_holder_label(kind, fund_name, fund_public, charity)))] += total
    allocated = (
        Entry.objects.filter(
            account__kind=AKind.ALLOCATION,
            transaction__kind__in=(TKind.ALLOCATION, TKind.RELEASE),
        )
        .values_list(
            "account__allocation__source__kind",
            "account__allocation__source__fund__name",
            "account__allocation__source__fund__is_public",
            "account__allocation__source__project__organisation__name",
            "account__allocation__referral__case__category",
            "account__allocation__referral__case__region__name",
            "account__allocation__referral__case__region__name_en",
        )
        .annotate(total=Sum("amount_fen"))
        .order_by()
    )
    for kind, fund_name, fund_public, charity, category, county, county_en, total in allocated:
        county = in_active_language(county, county_en)
        holder = str(_holder_label(kind, fund_name, fund_public, charity))
        category_name = str(category_label(category))
        flows[(holder, category_name)] += total
        flows[(category_name, county)] += total
    return [
        Flow(source, target, amount)
        for (source, target), amount in sorted(flows.items())
        if amount > 0
    ]


def sankey_data(flows: list[Flow]) -> dict:
    """The flows in the shape ECharts' Sankey series takes, values in exact fen (integers,
    never float yuan: the picture's tooltip formats them, the table beside it prints them)."""
    names = list(dict.fromkeys(name for f in flows for name in (f.source, f.target)))
    return {
        "nodes": [{"name": name} for name in names],
        "links": [{"source": f.source, "target": f.target, "value": f.amount_fen} for f in flows],
    }


def government_relief_figures() -> list[dict]:
    """Government relief money (issue 15, item 4) per county of the office, budget year and
    scheme: appropriated, paid to households, and the number of grants paid. Sums from the
    budgets' ledger entries; no household, no case."""
    from donors.models import ReliefBudget
    from donors.relief_statements import relief_figures

    schemes = dict(ReliefBudget.Scheme.choices)
    return [
        {
            "county": figure.county,
            "office": figure.office,
            "year": figure.year,
            "scheme": str(schemes.get(figure.scheme, figure.scheme)),
            "appropriated_fen": figure.appropriated_fen,
            "paid_fen": figure.paid_fen,
            "grants": figure.grants,
        }
        for figure in sorted(
            relief_figures(ReliefBudget.objects.all()),
            key=lambda f: (-f.year, f.county, f.office, f.scheme),
        )
    ]
