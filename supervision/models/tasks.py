"""Supervision tasks (督办) opened from the data cross-check's risk warnings (seed 003 measure
11): the household is covered but the policy has not reached it. The table keeps its name from
when it lived in ``needs`` (issue 19)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class SupervisionTask(models.Model):
    """A supervision task (督办): the household is covered but the policy has not reached it."""

    class Status(models.TextChoices):
        # In context: a project's "open" (for referrals) reads differently in Chinese.
        OPEN = "open", pgettext_lazy("supervision task status", "open")
        DONE = "done", _("done")

    warning = models.OneToOneField(
        "discovery.RiskWarning",
        on_delete=models.PROTECT,
        related_name="supervision_task",
        verbose_name=_("risk warning"),
    )
    office = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("office")
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="supervision_tasks",
        verbose_name=_("assigned to"),
    )
    due_on = models.DateField(_("due on"))
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default="open")
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        db_table = "needs_supervisiontask"
        ordering = ["due_on", "id"]
        verbose_name = _("supervision task")
        verbose_name_plural = _("supervision tasks")

    def __str__(self) -> str:
        return _("Supervision task %(id)s") % {"id": self.pk}
