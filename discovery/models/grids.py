"""The network below the county (seeds 000, 001, 003: 县(区)、镇街、村社、网格长): grids (网格)
within a village or community with their grid leader, the households assigned to a grid, and
cadre-household pairing (包片联户) with its visit duty.

The households themselves, with their personal data, stay in ``needs``; this app only records
which grid a household belongs to and who is to visit it.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Grid(models.Model):
    """A grid (网格) of a village or community, looked after by its grid leader (网格长)."""

    region = models.ForeignKey(
        "core.Region",
        on_delete=models.PROTECT,
        related_name="grids",
        verbose_name=_("village or community"),
        limit_choices_to={"level": 5},
    )
    name = models.CharField(_("name"), max_length=64)
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_grids",
        verbose_name=_("grid leader"),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["region_id", "name"]
        verbose_name = _("grid")
        verbose_name_plural = _("grids")
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="grid_unique_name_in_village")
        ]
        indexes = [models.Index(fields=["region", "is_active"], name="grid_region_active")]

    def __str__(self) -> str:
        return f"{self.region.name}{self.name}"


class GridHousehold(models.Model):
    """A household's place in a grid: one grid per household, changed by reassigning."""

    household = models.OneToOneField(
        "needs.Household",
        on_delete=models.CASCADE,
        related_name="grid_assignment",
        verbose_name=_("household"),
    )
    grid = models.ForeignKey(
        Grid, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("grid")
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    assigned_at = models.DateTimeField(_("assigned at"), auto_now=True)

    class Meta:
        ordering = ["grid_id", "household_id"]
        verbose_name = _("household in a grid")
        verbose_name_plural = _("households in grids")

    def __str__(self) -> str:
        return _("Household %(id)s in %(grid)s") % {"id": self.household_id, "grid": self.grid}


class CadrePairing(models.Model):
    """包片联户: a cadre answers for a grid (包片) or for one household (联户) and visits it at
    least every ``visit_interval_days`` days; the next visit is due on ``next_visit_due_on``."""

    cadre = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="pairings",
        verbose_name=_("cadre"),
    )
    grid = models.ForeignKey(
        Grid,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pairings",
        verbose_name=_("grid"),
    )
    household = models.ForeignKey(
        "needs.Household",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="pairings",
        verbose_name=_("household"),
    )
    # The village the pairing is in: jurisdiction reads it without a join through the grid.
    region = models.ForeignKey(
        "core.Region",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("village or community"),
    )
    visit_interval_days = models.PositiveSmallIntegerField(_("visit at least every (days)"))
    last_visited_on = models.DateField(_("last visited on"), null=True, blank=True)
    next_visit_due_on = models.DateField(_("next visit due on"), db_index=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["next_visit_due_on", "pk"]
        verbose_name = _("cadre-household pairing")
        verbose_name_plural = _("cadre-household pairings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(grid__isnull=False, household__isnull=True)
                | models.Q(grid__isnull=True, household__isnull=False),
                name="pairing_grid_or_household",
            ),
        ]

    def __str__(self) -> str:
        if self.grid_id:
            return _("%(cadre)s · grid %(grid)s") % {"cadre": self.cadre, "grid": self.grid}
        return _("%(cadre)s · household %(id)s") % {"cadre": self.cadre, "id": self.household_id}

    def is_overdue(self, today: dt.date) -> bool:
        return self.is_active and self.next_visit_due_on < today


class PairingVisit(models.Model):
    """One visit made under a pairing: when, and what was found (no names in the note)."""

    pairing = models.ForeignKey(
        CadrePairing, on_delete=models.CASCADE, related_name="visits", verbose_name=_("pairing")
    )
    visited_on = models.DateField(_("visited on"))
    note = models.TextField(_("what was found"))
    found_hardship = models.BooleanField(_("found new hardship"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["-visited_on", "-pk"]
        verbose_name = _("pairing visit")
        verbose_name_plural = _("pairing visits")

    def __str__(self) -> str:
        return f"{self.pairing} · {self.visited_on:%Y-%m-%d}"
