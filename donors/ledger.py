"""Posting to the ledger: the only code that writes entries and moves cached balances.

``post`` takes the lines of one transaction, checks that they balance, locks the accounts in
a fixed order (so two transactions never wait on each other in a circle), refuses any line
that would take an account that holds money below zero, and writes the transaction, its
entries and the new cached balances together. Callers are the services in
``donors.services``, inside their own ``transaction.atomic``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db import connections, router
from django.db.models import F
from django.utils.translation import gettext as _

from core.money import format_money
from donors.models import Account, Entry, Transaction
from donors.rules import refuse

Kind = Account.Kind


class UnbalancedTransactionError(ValueError):
    """A programming error: the lines of a transaction must sum to zero."""


def account_for(kind: str, obj=None) -> Account:
    """The ledger account of ``kind`` for ``obj`` (a fund, project, need, allocation, donor or
    referral), or the single platform-wide account of ``kind`` (fees, refunds) when ``obj`` is
    None. Created on first use."""
    if obj is None:
        account, _created = Account.objects.get_or_create(key=kind, defaults={"kind": kind})
        return account
    model = obj._meta.model_name
    defaults = {"kind": kind}
    if kind != Kind.REFUND_SHORTFALL:  # a target's own account carries the link
        defaults[model] = obj
    account, _created = Account.objects.get_or_create(key=account_key(kind, obj), defaults=defaults)
    return account


def account_key(kind: str, obj) -> str:
    return f"{kind}:{obj._meta.model_name}:{obj.pk}"


def lock_accounts(accounts: Iterable[Account]) -> dict[int, Account]:
    """Re-read ``accounts`` under row locks, in id order. On SQLite the whole database is
    locked by the write transaction instead (settings: transaction_mode IMMEDIATE)."""
    ids = sorted({account.pk for account in accounts})
    return {a.pk: a for a in Account.objects.select_for_update().filter(pk__in=ids).order_by("pk")}


def post(
    *,
    kind: str,
    lines: Iterable[tuple[Account, int]],
    by=None,
    memo: str = "",
    field: str = "amount_fen",
    **links,
) -> Transaction:
    """Book one balanced transaction. ``field`` names the input field an overdraft error
    points at. ``links``: donation, allocation, disbursement, corrects."""
    connection = connections[router.db_for_write(Transaction)]
    if not connection.in_atomic_block:
        raise RuntimeError("Post ledger transactions inside the service's transaction.atomic")
    totals: dict[int, int] = defaultdict(int)
    accounts: dict[int, Account] = {}
    for account, amount in lines:
        if not isinstance(amount, int) or isinstance(amount, bool):
            raise TypeError("Ledger amounts are integer fen")
        totals[account.pk] += amount
        accounts[account.pk] = account
    totals = {pk: amount for pk, amount in totals.items() if amount}
    if sum(totals.values()) != 0 or len(totals) < 2:
        raise UnbalancedTransactionError(f"Lines do not balance: {dict(totals)}")
    locked = lock_accounts(accounts[pk] for pk in totals)
    for pk, amount in totals.items():
        account = locked[pk]
        if account.kind in Account.HOLDING_KINDS and account.balance_fen + amount < 0:
            refuse(
                field,
                _("Not enough money available: %(available)s is left.")
                % {"available": format_money(account.balance_fen)},
                "insufficient_balance",
            )
    transaction = Transaction.objects.create(kind=kind, memo=memo[:300], created_by=by, **links)
    Entry.objects.bulk_create(
        Entry(transaction=transaction, account_id=pk, amount_fen=amount)
        for pk, amount in totals.items()
    )
    for pk, amount in totals.items():
        Account.objects.filter(pk=pk).update(balance_fen=F("balance_fen") + amount)
        locked[pk].balance_fen += amount
    return transaction


def balance_fen(account: Account) -> int:
    """The cached balance, fresh from the database."""
    return Account.objects.values_list("balance_fen", flat=True).get(pk=account.pk)
