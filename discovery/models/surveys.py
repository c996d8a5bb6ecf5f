"""Concentrated surveys (集中排查, seed 003 measure 4): when a flood, an epidemic or another
sudden event strikes, the county surveys a region within a period, household by household or
village by village, each assigned to a visitor; the coverage shows what is left to visit and
what a visit finds becomes a case in one step."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Survey(models.Model):
    """One campaign: why, where, when, run by which office."""

    class Reason(models.TextChoices):
        FLOOD = "flood", _("flood")
        DISASTER = "disaster", _("other natural disaster")
        EPIDEMIC = "epidemic", _("epidemic")
        ACCIDENT = "accident", _("major accident")
        OTHER = "other", _("other sudden event")

    class Status(models.TextChoices):
        OPEN = "open", _("in progress")
        CLOSED = "closed", _("closed")

    name = models.CharField(_("name"), max_length=128)
    reason = models.CharField(_("reason"), max_length=16, choices=Reason.choices)
    region = models.ForeignKey(
        "core.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("region")
    )
    office = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        related_name="surveys",
        verbose_name=_("office"),
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("concentrated survey")
        verbose_name_plural = _("concentrated surveys")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="survey_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.name


class SurveyAssignment(models.Model):
    """A household, or a village named where the household list is not known yet, assigned
    to a visitor; the visit's finding and the case it became."""

    class Status(models.TextChoices):
        PENDING = "pending", _("to visit")
        VISITED = "visited", _("visited")

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("survey")
    )
    household = models.ForeignKey(
        "needs.Household",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="survey_assignments",
        verbose_name=_("household"),
    )
    village = models.CharField(_("village or community"), max_length=64, blank=True)
    visitor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="survey_assignments",
        verbose_name=_("visitor"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    visited_on = models.DateField(_("visited on"), null=True, blank=True)
    finding = models.TextField(_("finding"), blank=True)
    needs_help = models.BooleanField(_("needs help now"), default=False)
    case = models.OneToOneField(
        "needs.Case",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="survey_assignment",
        verbose_name=_("case"),
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    assigned_at = models.DateTimeField(_("assigned at"), auto_now_add=True)

    class Meta:
        ordering = ["survey", "status", "id"]
        verbose_name = _("survey assignment")
        verbose_name_plural = _("survey assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "household"],
                condition=models.Q(household__isnull=False),
                name="survey_household_once",
            ),
            models.UniqueConstraint(
                fields=["survey", "village"],
                condition=models.Q(household__isnull=True),
                name="survey_village_once",
            ),
            models.CheckConstraint(
                condition=models.Q(household__isnull=False) | ~models.Q(village=""),
                name="survey_assignment_household_or_village",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.survey} · {self.household or self.village}"
