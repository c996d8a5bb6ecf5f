"""The ledger's promises: balanced, append-only, never below zero, balances derived."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Sum

from core.models.audit import AppendOnlyError
from donors.ledger import UnbalancedTransactionError, account_for, post
from donors.models import Account, Entry, Transaction

AKind = Account.Kind


def _balance_from_entries(account: Account) -> int:
    return Entry.objects.filter(account=account).aggregate(total=Sum("amount_fen"))["total"] or 0


def test_a_donation_is_a_balanced_transaction_and_the_balance_is_its_entries(money):
    donation = money.give(1_000_000)
    fund_account = account_for(AKind.FUND, money.fund)
    donor_account = account_for(AKind.DONOR, money.donor)
    (txn,) = Transaction.objects.filter(donation=donation)
    assert txn.kind == Transaction.Kind.DONATION
    assert sorted(txn.entries.values_list("amount_fen", flat=True)) == [-1_000_000, 1_000_000]
    fund_account.refresh_from_db()
    assert fund_account.balance_fen == _balance_from_entries(fund_account) == 1_000_000
    donor_account.refresh_from_db()
    assert donor_account.balance_fen == -1_000_000


@pytest.mark.django_db
def test_unbalanced_lines_are_refused_and_nothing_is_written():
    fees = account_for(AKind.FEES)
    refunds = account_for(AKind.REFUNDS)
    with pytest.raises(UnbalancedTransactionError), transaction.atomic():
        post(kind="correction", lines=[(fees, 100), (refunds, -99)])
    assert not Transaction.objects.exists()
    assert not Entry.objects.exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_posting_outside_a_transaction_is_refused():
    with pytest.raises(RuntimeError):
        post(
            kind="correction",
            lines=[(account_for(AKind.FEES), 1), (account_for(AKind.REFUNDS), -1)],
        )


@pytest.mark.django_db
def test_float_amounts_are_refused():
    with pytest.raises(TypeError), transaction.atomic():
        post(
            kind="correction",
            lines=[(account_for(AKind.FEES), 1.0), (account_for(AKind.REFUNDS), -1.0)],
        )


def test_a_holding_account_cannot_go_below_zero(money):
    money.give(5_000)
    fund_account = account_for(AKind.FUND, money.fund)
    with pytest.raises(ValidationError) as error, transaction.atomic():
        post(kind="correction", lines=[(fund_account, -5_001), (account_for(AKind.FEES), 5_001)])
    assert error.value.error_dict["amount_fen"][0].code == "insufficient_balance"
    fund_account.refresh_from_db()
    assert fund_account.balance_fen == 5_000


def test_a_refusal_rolls_back_what_the_posting_wrote_even_if_the_caller_catches_it(money):
    money.give(5_000)
    fund_account = account_for(AKind.FUND, money.fund)
    before = Transaction.objects.count(), Entry.objects.count()
    with transaction.atomic():
        with pytest.raises(ValidationError):
            post(
                kind="correction", lines=[(fund_account, -5_001), (account_for(AKind.FEES), 5_001)]
            )
        # The transaction and entries written before the balance was refused cannot commit.
        assert transaction.get_rollback()
    assert (Transaction.objects.count(), Entry.objects.count()) == before
    fund_account.refresh_from_db()
    assert fund_account.balance_fen == 5_000


def test_an_account_given_unsaved_is_opened_with_its_line_as_balance(money):
    money.give(5_000)
    fund_account = account_for(AKind.FUND, money.fund)
    fees = Account(key="fees-test", kind=AKind.FEES)
    with transaction.atomic():
        post(kind="correction", lines=[(fund_account, -2_000), (fees, 2_000)])
    fees.refresh_from_db()
    fund_account.refresh_from_db()
    assert fees.balance_fen == _balance_from_entries(fees) == 2_000
    assert fund_account.balance_fen == _balance_from_entries(fund_account) == 3_000


def test_an_account_holding_money_cannot_be_opened_below_zero(money):
    money.give(5_000)
    fund_account = account_for(AKind.FUND, money.fund)
    holding = Account(key="fund-test", kind=AKind.FUND)
    with pytest.raises(ValidationError) as error, transaction.atomic():
        post(kind="correction", lines=[(fund_account, 1_000), (holding, -1_000)])
    assert error.value.error_dict["amount_fen"][0].code == "insufficient_balance"
    assert not Account.objects.filter(key="fund-test").exists()


def test_the_database_refuses_a_negative_holding_balance_too(money):
    fund_account = account_for(AKind.FUND, money.fund)
    with pytest.raises(IntegrityError), transaction.atomic():
        Account.objects.filter(pk=fund_account.pk).update(balance_fen=-1)


def test_entries_and_transactions_cannot_be_edited_or_deleted(money):
    money.give(1_000)
    entry = Entry.objects.first()
    txn = Transaction.objects.first()
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        Entry.objects.all().update(amount_fen=5)
    with pytest.raises(AppendOnlyError):
        Transaction.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        txn.delete()


def test_the_database_refuses_to_rewrite_an_entry(money):
    money.give(1_000)
    entry = Entry.objects.filter(transaction__kind="donation").first()
    with (
        pytest.raises(Exception, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE donors_entry SET amount_fen = 7 WHERE id = %s", [entry.pk])
    entry.refresh_from_db()
    assert entry.amount_fen in (1_000, -1_000)
