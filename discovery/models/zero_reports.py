"""Zero reports (零报告, seeds 001 and 003): every grid, or a village without grids, reports
once per month either what it found or that it found no new hardship. A silent grid is the
one whose report is missing, and the township's and county's 待办 and the supervision
dashboard show it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ZeroReport(models.Model):
    """One grid's (or one village's) report for one period (a month, held as its first day).

    ``grid`` is empty for a village that reports as a whole (it has no grids). ``region`` is
    always the village, so that jurisdiction and the dashboard's counts read it directly."""

    class Outcome(models.TextChoices):
        NOTHING_NEW = "nothing_new", _("no new hardship (零报告)")
        FINDINGS = "findings", _("new hardship found")

    region = models.ForeignKey(
        "core.Region",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("village or community"),
    )
    grid = models.ForeignKey(
        "discovery.Grid",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="zero_reports",
        verbose_name=_("grid"),
    )
    period = models.DateField(_("period (month)"))
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices)
    households_found = models.PositiveIntegerField(_("households found in hardship"), default=0)
    findings = models.TextField(_("findings"), blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("reported by"),
    )
    reported_at = models.DateTimeField(_("reported at"), auto_now_add=True)

    class Meta:
        ordering = ["-period", "region_id", "grid_id"]
        verbose_name = _("zero report")
        verbose_name_plural = _("zero reports")
        constraints = [
            # One report per grid and period; one per village and period for a whole village.
            # The database refuses a second one even when two requests race.
            models.UniqueConstraint(
                fields=["grid", "period"],
                condition=models.Q(grid__isnull=False),
                name="zero_report_once_per_grid",
            ),
            models.UniqueConstraint(
                fields=["region", "period"],
                condition=models.Q(grid__isnull=True),
                name="zero_report_once_per_village",
            ),
        ]
        indexes = [models.Index(fields=["period", "region"], name="zero_report_period_region")]

    def __str__(self) -> str:
        where = self.grid if self.grid_id else self.region
        return f"{where} · {self.period:%Y-%m}"
