"""Posting to the ledger: the only code that writes entries and moves cached balances.

``post`` takes the lines of one transaction, checks that they balance, writes the transaction
and its entries, then moves the cached balances last, one guarded ``UPDATE`` per account in a
fixed order (so two transactions never wait on each other in a circle): the row lock of a busy
account (a fund every allocation draws on) is taken as late as possible and held only until
the commit. An ``UPDATE`` that would take an account holding money below zero matches no row;
the whole transaction is then refused (its atomic block is marked for rollback, so nothing of
it can be committed). Callers are the services in ``donors.services``, inside their own
``transaction.atomic``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db import connections, router
from django.db import transaction as db_transaction
from django.db.models import F, Q
from django.utils.translation import gettext as _

from core.money import format_money
from donors.models import Account, Entry, Transaction
from donors.rules import refuse

Kind = Account.Kind


class UnbalancedTransactionError(ValueError):
    """A programming error: the lines of a transaction must sum to zero."""


def account_for(kind: str, obj=None) -> Account:
    """The ledger account of ``kind`` for ``obj`` (a fund, project, allocation, donor or
    referral), or the single platform-wide account of ``kind`` (fees, refunds) when ``obj`` is
    None. Created on first use. A need's gifts have one account per receiving charity
    (``need_account``)."""
    if kind == Kind.NEED:
        raise ValueError("a need's gifts are held per receiving charity: use need_account")
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


def need_account(need, receiver) -> Account:
    """The account holding the gifts to ``need`` that the charity ``receiver`` received: each
    receiving charity holds, and alone commits, what was given through it. Created on first
    use."""
    account, _created = Account.objects.get_or_create(
        key=f"{account_key(Kind.NEED, need)}:organisation:{receiver.pk}",
        defaults={"kind": Kind.NEED, "need": need, "receiver": receiver},
    )
    return account


def lock_accounts(accounts: Iterable[Account]) -> dict[int, Account]:
    """Re-read ``accounts`` under row locks, in id order. On SQLite the whole database is
    locked by the write transaction instead (settings: transaction_mode IMMEDIATE).

    ``FOR NO KEY UPDATE``: it excludes every other locker and writer of the balance, but not
    the foreign-key checks of rows that merely point at the account (an allocation or entry
    inserted by another transaction), which a plain ``FOR UPDATE`` would make wait."""
    ids = sorted({account.pk for account in accounts})
    return {
        a.pk: a
        for a in Account.objects.select_for_update(no_key=True).filter(pk__in=ids).order_by("pk")
    }


def refuse_overdraft(field: str, available_fen: int):
    """The localized refusal of a line that would overdraw an account holding money."""
    refuse(
        field,
        _("Not enough money available: %(available)s is left.")
        % {"available": format_money(max(available_fen, 0))},
        "insufficient_balance",
    )


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
    points at. ``links``: donation, allocation, disbursement, corrects.

    An account given unsaved (a new allocation's own account) is opened here, in the same
    transaction, with its line as its opening balance: its cached balance equals its entries
    from the start, and it needs no balance update."""
    connection = connections[router.db_for_write(Transaction)]
    if not connection.in_atomic_block:
        raise RuntimeError("Post ledger transactions inside the service's transaction.atomic")
    totals: dict[int, int] = defaultdict(int)  # by pk, or by id() for an account to open
    accounts: dict[int, Account] = {}
    for account, amount in lines:
        if not isinstance(amount, int) or isinstance(amount, bool):
            raise TypeError("Ledger amounts are integer fen")
        ref = id(account) if account._state.adding else account.pk
        totals[ref] += amount
        accounts[ref] = account
    totals = {ref: amount for ref, amount in totals.items() if amount}
    if sum(totals.values()) != 0 or len(totals) < 2:
        raise UnbalancedTransactionError(f"Lines do not balance: {dict(totals)}")
    opening = {ref: accounts[ref] for ref in totals if accounts[ref]._state.adding}
    for ref, account in opening.items():
        if account.kind in Account.HOLDING_KINDS and totals[ref] < 0:
            refuse_overdraft(field, 0)
    for ref, account in opening.items():
        account.balance_fen = totals[ref]
        account.save(force_insert=True)
    transaction = Transaction.objects.create(kind=kind, memo=memo[:300], created_by=by, **links)
    Entry.objects.bulk_create(
        Entry(transaction=transaction, account_id=accounts[ref].pk, amount_fen=amount)
        for ref, amount in totals.items()
    )
    # The balances last, in id order: each UPDATE takes (or waits for) the account's row lock
    # and re-reads the committed balance, so the guard sees every concurrent posting.
    for pk in sorted(ref for ref in totals if ref not in opening):
        amount = totals[pk]
        rows = Account.objects.filter(pk=pk)
        if amount < 0:
            rows = rows.filter(~Q(kind__in=Account.HOLDING_KINDS) | Q(balance_fen__gte=-amount))
        if not rows.update(balance_fen=F("balance_fen") + amount):
            available = balance_fen(accounts[pk])
            db_transaction.set_rollback(True, using=connection.alias)
            refuse_overdraft(field, available)
    return transaction


def balance_fen(account: Account) -> int:
    """The cached balance, fresh from the database."""
    return Account.objects.values_list("balance_fen", flat=True).get(pk=account.pk)
