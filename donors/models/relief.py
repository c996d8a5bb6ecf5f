"""Government relief money in the ledger (issue 15, item 4; DESIGN.md 7.2).

Each government office holds a relief budget per year and scheme (临时救助, 先行救助): a
holding account that only recorded appropriations (拨款) fill and only effective relief grants
draw on, and that can never go below zero. The money comes from an external account per office
(财政拨款) and leaves to the household's external account, so every yuan of government relief
is a balanced transaction that the fund inspections (资金筹集和使用管理, 专款专用) can follow.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models.audit import AppendOnlyModel
from core.money import FenField


class ReliefBudget(models.Model):
    """One office's budget for one relief scheme in one calendar year. Its balance lives in
    its ledger account (``account``), derived from the entries."""

    class Scheme(models.TextChoices):
        # The schemes a grant can be given under: the same words as ReliefGrant.Kind.
        TEMPORARY = "temporary", _("temporary relief")
        ADVANCE = "advance", _("advance relief")

    office = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        related_name="relief_budgets",
        verbose_name=_("office"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    scheme = models.CharField(_("scheme"), max_length=16, choices=Scheme.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["office__name", "-year", "scheme"]
        verbose_name = _("relief budget")
        verbose_name_plural = _("relief budgets")
        constraints = [
            models.UniqueConstraint(
                fields=["office", "year", "scheme"], name="relief_budget_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.office} · {self.year} · {self.get_scheme_display()}"


class Appropriation(AppendOnlyModel):
    """Money appropriated (拨款) to a relief budget, with the document that appropriated it.
    Append-only: a mistake is put right by a correction that reverses it (``corrects``,
    negative amount), never by editing."""

    budget = models.ForeignKey(
        ReliefBudget,
        on_delete=models.PROTECT,
        related_name="appropriations",
        verbose_name=_("relief budget"),
    )
    amount_fen = FenField(_("amount (fen)"), allow_negative=True)
    reference = models.CharField(_("appropriation document number"), max_length=100)
    received_on = models.DateField(_("received on"))
    memo = models.CharField(_("memo"), max_length=300, blank=True)
    corrects = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="correction",
        verbose_name=_("corrects"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["recorded_at", "id"]
        verbose_name = _("appropriation")
        verbose_name_plural = _("appropriations")
        constraints = [
            models.CheckConstraint(condition=~models.Q(amount_fen=0), name="appropriation_not_zero")
        ]

    def __str__(self) -> str:
        return f"{self.budget} · {self.reference}"
