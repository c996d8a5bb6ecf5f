"""Reports of someone in distress from the public (主动发现, seed 003). The table keeps its name
from when it lived in ``cms`` (issue 19)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PublicReport(models.Model):
    """Someone in distress reported by a member of the public (主动发现, seed 003): routed to
    the civil-affairs office of the region; the reporter follows it by tracking code, which
    shows the status only."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("received")
        HANDLING = "handling", _("being handled")
        CLOSED = "closed", _("closed")

    tracking_code = models.CharField(_("tracking code"), max_length=16, unique=True)
    region = models.ForeignKey(
        "core.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("region")
    )
    office = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="public_reports",
        verbose_name=_("office"),
    )
    what_happened = models.TextField(_("what happened"))
    reporter_contact = models.CharField(_("reporter's contact"), max_length=100, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.RECEIVED
    )
    created_at = models.DateTimeField(_("reported at"), auto_now_add=True)
    case = models.OneToOneField(
        "needs.Case",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="public_report",
        verbose_name=_("case"),
    )

    class Meta:
        db_table = "cms_publicreport"
        verbose_name = _("public report")
        verbose_name_plural = _("public reports")

    def __str__(self) -> str:
        return self.tracking_code

    @property
    def public_status(self) -> str:
        """What the reporter sees: the report's own status, closed once the case it became is
        closed (the case's details never show)."""
        if self.case_id and self.case.status == "closed":
            return self.Status.CLOSED.label
        return self.get_status_display()
