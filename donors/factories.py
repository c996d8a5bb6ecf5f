"""Test and demo helpers for money set-ups that would otherwise need a supervisor's steps."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from donors.ledger import post
from donors.models import Appropriation, ReliefBudget, Transaction
from donors.services.relief_budgets import _appropriations_account, budget_account


@transaction.atomic
def fund_relief_budgets(
    office, *, amount_fen: int = 100_000_000, year: int | None = None, by=None, schemes=None
) -> list[ReliefBudget]:
    """Give ``office`` a budget of ``amount_fen`` per relief scheme for ``year`` (this year),
    booked like a recorded appropriation. ``by`` defaults to nobody: fixtures and the demo
    fund offices whose supervisors they do not model."""
    from core.factories import UserFactory

    year = year or timezone.localdate().year
    recorder = by or UserFactory(username=f"treasury.{office.pk}.{year}")
    budgets = []
    for scheme in schemes or ReliefBudget.Scheme.values:
        budget, _created = ReliefBudget.objects.get_or_create(
            office=office, year=year, scheme=scheme, defaults={"created_by": recorder}
        )
        appropriation = Appropriation.objects.create(
            budget=budget,
            amount_fen=amount_fen,
            reference=f"财社〔{year}〕{office.pk}号",
            received_on=timezone.localdate(),
            recorded_by=recorder,
        )
        post(
            kind=Transaction.Kind.APPROPRIATION,
            lines=[
                (_appropriations_account(office), -amount_fen),
                (budget_account(budget), amount_fen),
            ],
            by=recorder,
            memo=appropriation.reference,
            appropriation=appropriation,
        )
        budgets.append(budget)
    return budgets
