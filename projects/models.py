"""Charity projects. The minimum referrals need; the projects issue fills in the rest."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.money import FenField


class Project(models.Model):
    """A charity's relief programme, to which caseworkers refer cases (转介)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        OPEN = "open", _("open")
        PAUSED = "paused", _("paused")
        CLOSED = "closed", _("closed")

    organisation = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        related_name="projects",
        verbose_name=_("charity"),
        limit_choices_to={"kind": "charity"},
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    categories = models.JSONField(_("categories covered"), default=list, blank=True)
    regions = models.ManyToManyField(
        "core.Region", related_name="projects", verbose_name=_("regions covered"), blank=True
    )
    per_case_cap_fen = FenField(_("per-case cap (fen)"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("charity project")
        verbose_name_plural = _("charity projects")

    def __str__(self) -> str:
        return self.title
