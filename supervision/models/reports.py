"""The monthly progress report an office sends to the office above (seed 004, 七(三):
"每月28日前上报...工作进展情况"; seed 000: reporting to the provincial department).

A report is a snapshot: its figures are computed from the live tables when it is generated
(supervision.reports.report_figures) and kept as they were, so what the office above
acknowledged is what was sent. Generated, reviewed by a second person, submitted to the
parent office, acknowledged there (supervision.services_reports).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class MonthlyReport(models.Model):
    """One office's report for one calendar month."""

    class Status(models.TextChoices):
        GENERATED = "generated", _("generated, awaiting review")
        REVIEWED = "reviewed", _("reviewed, awaiting submission")
        SUBMITTED = "submitted", _("submitted, awaiting acknowledgement")
        ACKNOWLEDGED = "acknowledged", _("acknowledged")

    office = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        related_name="monthly_reports",
        verbose_name=_("office"),
    )
    # The first day of the month reported on.
    month = models.DateField(_("month"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.GENERATED
    )
    figures = models.JSONField(_("figures"), default=dict)
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    generated_at = models.DateTimeField(_("generated at"))
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_note = models.TextField(_("review note"), blank=True)
    submitted_to = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="monthly_reports_received",
        verbose_name=_("submitted to"),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    acknowledgement_note = models.TextField(_("acknowledgement note"), blank=True)

    class Meta:
        ordering = ["-month", "office__name"]
        verbose_name = _("monthly report")
        verbose_name_plural = _("monthly reports")
        constraints = [
            models.UniqueConstraint(fields=["office", "month"], name="monthly_report_once")
        ]

    def __str__(self) -> str:
        return f"{self.office} · {self.month:%Y-%m}"
