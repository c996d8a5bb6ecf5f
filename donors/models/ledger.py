"""The double-entry ledger (DESIGN.md 7.2; Open Collective's habit).

Every movement of money is a ``Transaction``: a group of ``Entry`` rows, in fen, that sums to
zero. Entries and transactions are append-only; a correction is a new transaction that names
the one it corrects. ``Account.balance_fen`` is a cache of the sum of the account's entries,
kept in the same database transaction, guarded by a CHECK constraint for accounts that hold
money, and compared with the entries by ``manage.py reconcile``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models.audit import AppendOnlyModel
from core.money import CNY, FenField


class Account(models.Model):
    class Kind(models.TextChoices):
        # Outside the platform: money comes from donors and leaves to beneficiaries, the
        # payment processor (fees) and back to donors (refunds).
        DONOR = "donor", _("donor")
        BENEFICIARY = "beneficiary", _("beneficiaries paid")
        FEES = "fees", _("processor fees")
        REFUNDS = "refunds", _("refunds")
        REFUND_SHORTFALL = "refund_shortfall", _("refund shortfall owed by the fund holder")
        # Government relief: the treasury's appropriations to an office (财政拨款), and the
        # households an office's relief was paid to.
        APPROPRIATIONS = "appropriations", _("government appropriations")
        RELIEF_PAID = "relief_paid", _("government relief paid")
        # Held on the platform: these can never go below zero.
        FUND = "fund", _("special fund")
        PROJECT = "project", _("charity project")
        NEED = "need", _("public need")
        ALLOCATION = "allocation", _("allocation")
        RELIEF_BUDGET = "relief_budget", _("government relief budget")

    HOLDING_KINDS = (Kind.FUND, Kind.PROJECT, Kind.NEED, Kind.ALLOCATION, Kind.RELIEF_BUDGET)

    key = models.CharField(_("key"), max_length=64, unique=True)
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices, db_index=True)
    currency = models.CharField(_("currency"), max_length=3, default=CNY)
    balance_fen = FenField(_("balance (fen)"), default=0, allow_negative=True)
    fund = models.OneToOneField(
        "donors.Fund", on_delete=models.PROTECT, null=True, blank=True, related_name="account"
    )
    project = models.OneToOneField(
        "projects.Project", on_delete=models.PROTECT, null=True, blank=True, related_name="account"
    )
    # Gifts to a need are held by the charity that received them (its staff alone commit them,
    # 慈善法): one account per need and receiving charity, never one pooled account per need.
    need = models.ForeignKey(
        "needs.Need", on_delete=models.PROTECT, null=True, blank=True, related_name="accounts"
    )
    receiver = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("held by"),
        help_text=_("For gifts to a need: the charity that received them."),
    )
    allocation = models.OneToOneField(
        "donors.Allocation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="account",
    )
    donor = models.OneToOneField(
        "donors.Donor", on_delete=models.PROTECT, null=True, blank=True, related_name="account"
    )
    referral = models.OneToOneField(
        "needs.Referral",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="beneficiary_account",
    )
    relief_budget = models.OneToOneField(
        "donors.ReliefBudget",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="account",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["key"]
        verbose_name = _("ledger account")
        verbose_name_plural = _("ledger accounts")
        constraints = [
            # The database's own guard against overspending, also under concurrency.
            models.CheckConstraint(
                condition=models.Q(balance_fen__gte=0)
                | ~models.Q(kind__in=["fund", "project", "need", "allocation", "relief_budget"]),
                name="account_holding_not_negative",
            )
        ]

    def __str__(self) -> str:
        return self.key


class Transaction(AppendOnlyModel):
    class Kind(models.TextChoices):
        DONATION = "donation", _("donation")
        FEE = "fee", _("processor fee")
        ALLOCATION = "allocation", _("allocation")
        RELEASE = "release", _("allocation release")
        DISBURSEMENT = "disbursement", _("disbursement")
        REFUND = "refund", _("refund")
        CORRECTION = "correction", _("correction")
        APPROPRIATION = "appropriation", _("government appropriation")
        RELIEF = "relief", _("government relief")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, db_index=True)
    memo = models.CharField(_("memo"), max_length=300, blank=True)
    donation = models.ForeignKey(
        "donors.Donation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="transactions",
    )
    allocation = models.ForeignKey(
        "donors.Allocation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="transactions",
    )
    disbursement = models.ForeignKey(
        "donors.Disbursement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="transactions",
    )
    appropriation = models.ForeignKey(
        "donors.Appropriation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="transactions",
    )
    relief_grant = models.ForeignKey(
        "needs.ReliefGrant",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ledger_transactions",
    )
    corrects = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
        verbose_name=_("corrects"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("booked at"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("ledger transaction")
        verbose_name_plural = _("ledger transactions")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"


class Entry(AppendOnlyModel):
    transaction = models.ForeignKey(Transaction, on_delete=models.PROTECT, related_name="entries")
    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="entries")
    amount_fen = FenField(_("amount (fen)"), allow_negative=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        indexes = [models.Index(fields=["account", "created_at"], name="entry_account_time")]
        constraints = [
            models.CheckConstraint(condition=~models.Q(amount_fen=0), name="entry_not_zero")
        ]

    def __str__(self) -> str:
        return f"{self.account.key} {self.amount_fen:+d}"
