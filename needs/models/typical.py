"""Typical cases (典型个案, seed 000: "对于较为典型的急难救助个案,要定期上报"): a case an office
marks as typical, with a summary that went through the public anonymizer, collected per
office and period for the report to the province."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TypicalCase(models.Model):
    """One case marked as a typical 急难 case: the office that reports it and the anonymized
    summary the report carries (never the household's names, numbers or address)."""

    case = models.OneToOneField(
        "needs.Case", on_delete=models.PROTECT, related_name="typical", verbose_name=_("case")
    )
    office = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        related_name="typical_cases",
        verbose_name=_("office"),
    )
    summary = models.TextField(_("anonymized summary"))
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    marked_at = models.DateTimeField(_("marked at"), db_index=True)

    class Meta:
        ordering = ["-marked_at", "-id"]
        verbose_name = _("typical case")
        verbose_name_plural = _("typical cases")

    def __str__(self) -> str:
        return str(self.case)
