"""Offers of help (主动认领): a charity, seeing a case among its project's matches, offers to
help it with an amount; the case's caseworker refers it in one step or declines with a reason.

An offer lives here, beside the case and its referrals, not in projects/: it is about a case
(whose personal data never leaves needs/), it waits on the caseworker's 待办 like a referral
waits on the charity's, and the step that answers it is the case's referral
(needs.services.referrals.referral_create). The charity reads it through the anonymized need
only, never the case, until a referral it accepted opens the contact details.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.money import FenField


class Offer(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("waiting for the caseworker")
        REFERRED = "referred", _("referred")
        DECLINED = "declined", _("declined")

    case = models.ForeignKey("needs.Case", on_delete=models.PROTECT, related_name="offers")
    project = models.ForeignKey(
        "projects.Project",
        on_delete=models.PROTECT,
        related_name="offers",
        verbose_name=_("project"),
    )
    amount_fen = FenField(_("amount offered (fen)"))
    note = models.TextField(_("note to the caseworker"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    offered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    offered_at = models.DateTimeField(_("offered at"), auto_now_add=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    referral = models.OneToOneField(
        "needs.Referral",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="offer",
        verbose_name=_("referral"),
    )

    class Meta:
        ordering = ["-offered_at", "-id"]
        verbose_name = _("offer of help")
        verbose_name_plural = _("offers of help")
        constraints = [
            # A repeated offer while the first waits is refused (needs.services.offers); the
            # database holds the same rule under concurrent requests.
            models.UniqueConstraint(
                fields=["case", "project"],
                condition=models.Q(status="open"),
                name="offer_one_open_per_project",
            )
        ]

    def __str__(self) -> str:
        return f"{self.project} → {self.case}"
