"""Statements of government relief money: per office, scheme and period (issue 15, item 4),
and the aggregated public and supervision figures (per county, scheme and period).

Every figure is summed from the budget accounts' ledger entries, never from the grants, so a
statement is what the ledger says. Public and supervision figures name no household
(DESIGN.md 7.1): they are sums per county of the office, scheme and year.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum
from django.utils import timezone

from core.jurisdiction import visible_to
from core.models.regions import in_active_language
from donors.models import Account, Entry, ReliefBudget, Transaction

TKind = Transaction.Kind


def budgets_visible_to(user):
    """The relief budgets ``user`` may read: an office's staff its own region's offices,
    supervisors above their region's, auditors all (core.jurisdiction)."""
    return visible_to(
        ReliefBudget.objects.select_related("office__region"), user, region_field="office__region"
    )


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


@dataclass
class StatementLine:
    booked_at: dt.datetime
    kind: str  # Transaction.Kind
    amount_fen: int  # on the budget: + in, - out
    reference: str  # the appropriation's document number, or the case number
    proof: str = ""  # how a grant was paid and its proof reference


@dataclass
class ReliefStatement:
    budget: ReliefBudget
    date_from: dt.date
    date_to: dt.date
    opening_fen: int = 0
    appropriated_fen: int = 0  # net of corrections within the period
    granted_fen: int = 0  # paid to households within the period (positive)
    closing_fen: int = 0
    grants: int = 0
    grants_without_proof: int = 0
    lines: list[StatementLine] = field(default_factory=list)


def relief_statement(budget: ReliefBudget, date_from: dt.date, date_to: dt.date) -> ReliefStatement:
    """Opening balance, appropriations, grants and closing balance of ``budget`` for the days
    ``date_from`` to ``date_to`` (both included, by booking date)."""
    statement = ReliefStatement(budget=budget, date_from=date_from, date_to=date_to)
    account = Account.objects.filter(relief_budget=budget).first()
    if account is None:
        return statement
    start, end = _day_start(date_from), _day_start(date_to + dt.timedelta(days=1))
    entries = Entry.objects.filter(account=account)
    statement.opening_fen = (
        entries.filter(transaction__created_at__lt=start).aggregate(t=Sum("amount_fen"))["t"] or 0
    )
    period = (
        entries.filter(transaction__created_at__gte=start, transaction__created_at__lt=end)
        .select_related("transaction__appropriation", "transaction__relief_grant__case")
        .order_by("transaction__created_at", "id")
    )
    for entry in period:
        txn = entry.transaction
        grant = txn.relief_grant
        if grant is not None:
            statement.granted_fen -= entry.amount_fen
            statement.grants += 1
            statement.grants_without_proof += not grant.payment_reference
            reference = str(grant.case)
            proof = (
                f"{grant.get_paid_via_display()} {grant.payment_reference}"
                if grant.payment_reference
                else ""
            )
        else:
            statement.appropriated_fen += entry.amount_fen
            reference, proof = (txn.appropriation.reference if txn.appropriation else ""), ""
        statement.lines.append(
            StatementLine(txn.created_at, txn.kind, entry.amount_fen, reference, proof)
        )
    statement.closing_fen = (
        statement.opening_fen + statement.appropriated_fen - statement.granted_fen
    )
    return statement


@dataclass(frozen=True)
class ReliefFigure:
    county: str
    office: str
    year: int
    scheme: str  # ReliefBudget.Scheme
    appropriated_fen: int
    paid_fen: int
    grants: int

    @property
    def held_fen(self) -> int:
        return self.appropriated_fen - self.paid_fen


def relief_figures(budgets, date_from: dt.date | None = None, date_to: dt.date | None = None):
    """Per budget (office, year, scheme) of ``budgets``: money appropriated and paid to
    households within the period (all time if not given), and the number of grants paid.
    One grouped query; no household is named."""
    when = Q()
    if date_from:
        when &= Q(entries__transaction__created_at__gte=_day_start(date_from))
    if date_to:
        when &= Q(entries__transaction__created_at__lt=_day_start(date_to + dt.timedelta(days=1)))
    relief = Q(entries__transaction__kind=TKind.RELIEF)
    rows = (
        Account.objects.filter(relief_budget__in=budgets)
        .values(
            "relief_budget__office__region__name",
            "relief_budget__office__region__name_en",
            "relief_budget__office__name",
            "relief_budget__year",
            "relief_budget__scheme",
        )
        .annotate(
            appropriated=Sum("entries__amount_fen", filter=when & ~relief),
            paid=Sum("entries__amount_fen", filter=when & relief),
            grants=Count("entries", filter=when & relief),
        )
        .order_by("relief_budget__office__name", "relief_budget__year", "relief_budget__scheme")
    )
    return [
        ReliefFigure(
            county=in_active_language(
                row["relief_budget__office__region__name"],
                row["relief_budget__office__region__name_en"],
            ),
            office=row["relief_budget__office__name"],
            year=row["relief_budget__year"],
            scheme=row["relief_budget__scheme"],
            appropriated_fen=row["appropriated"] or 0,
            paid_fen=-(row["paid"] or 0),
            grants=row["grants"],
        )
        for row in rows
    ]
