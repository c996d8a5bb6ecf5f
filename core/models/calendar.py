"""Working-day calendar and per-office time limits (限时办结)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Holiday(models.Model):
    """A day that breaks the Monday-to-Friday rule.

    Public holidays are days off even on weekdays; make-up working days (调休上班) are working
    days even on a weekend. Loaded from the maintained ``holidays`` package and extendable by
    hand for local days off.
    """

    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=128)
    is_working_day = models.BooleanField(
        _("make-up working day"),
        default=False,
        help_text=_("Checked for a weekend day that is worked (调休上班)."),
    )

    class Meta:
        ordering = ["date"]
        verbose_name = _("holiday")
        verbose_name_plural = _("holidays")

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.name}"


class OfficeTimeLimit(models.Model):
    """An office's own time limit for one step, in working days, overriding the default."""

    office = models.ForeignKey(
        "core.Organisation",
        on_delete=models.CASCADE,
        related_name="time_limits",
        verbose_name=_("office"),
    )
    step = models.CharField(_("step"), max_length=64)
    working_days = models.PositiveSmallIntegerField(_("working days"))

    class Meta:
        verbose_name = _("office time limit")
        verbose_name_plural = _("office time limits")
        constraints = [
            models.UniqueConstraint(fields=["office", "step"], name="time_limit_unique_step"),
            models.CheckConstraint(
                condition=models.Q(working_days__gte=1), name="time_limit_at_least_one_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.office} · {self.step}: {self.working_days}"
