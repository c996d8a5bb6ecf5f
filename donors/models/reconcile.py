"""An auditor's acknowledgement of something reconciliation found (``manage.py reconcile``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models.audit import AppendOnlyModel


class ReconcileAcknowledgement(AppendOnlyModel):
    """Someone accountable looked at one finding and wrote why it needs no correction.

    Reconciliation keeps reporting the finding, as acknowledged, with who and why; it no longer
    makes the check fail. Append-only: an acknowledgement is part of the audit trail.
    """

    code = models.CharField(_("finding"), max_length=64)
    key = models.CharField(_("what it is about"), max_length=128)
    reason = models.TextField(_("reason"))
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    acknowledged_at = models.DateTimeField(_("acknowledged at"), auto_now_add=True)

    class Meta(AppendOnlyModel.Meta):
        ordering = ["-acknowledged_at", "-id"]
        verbose_name = _("reconciliation acknowledgement")
        verbose_name_plural = _("reconciliation acknowledgements")
        constraints = [
            models.UniqueConstraint(fields=["code", "key"], name="reconcile_ack_once"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.key}"
