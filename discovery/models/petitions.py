"""The petition register (信访台账, seed 003 measure 7): letters and visits to the office with
their demand, the handling office, the time limits of the Regulations on Letters and Visits
(信访工作条例, 2022), the reply and the case a petition became.

The petitioner's name, phone and ID number are encrypted at rest like a household's
(needs/crypto.py); every read of them by staff is recorded (DESIGN.md 7.1). They never
reach a public page.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Petition(models.Model):
    """One letter or visit (来信来访) in the register, from registration to the written reply.

    Time limits (信访工作条例): the office decides within 15 days of receiving it whether to
    accept it, handles an accepted one within 60 days of accepting it, and may extend that
    once by at most 30 days, giving the reason. The days are calendar days (日) as the
    Regulation counts them; the figures are settings (PETITION_TIME_LIMITS_DAYS)."""

    class Form(models.TextChoices):
        LETTER = "letter", _("letter")
        VISIT = "visit", _("visit in person")
        ONLINE = "online", _("online petition")

    class Status(models.TextChoices):
        RECEIVED = "received", _("received, acceptance to decide")
        ACCEPTED = "accepted", _("accepted, being handled")
        NOT_ACCEPTED = "not_accepted", _("not accepted")
        REPLIED = "replied", _("replied")

    OPEN_STATUSES = (Status.RECEIVED, Status.ACCEPTED)

    form = models.CharField(_("form"), max_length=16, choices=Form.choices)
    petitioner_name_encrypted = models.TextField(_("petitioner's name (encrypted)"), editable=False)
    petitioner_phone_encrypted = models.TextField(
        _("petitioner's phone (encrypted)"), blank=True, editable=False
    )
    petitioner_phone_hash = models.CharField(
        max_length=64, blank=True, db_index=True, editable=False
    )
    petitioner_id_encrypted = models.TextField(
        _("petitioner's ID number (encrypted)"), blank=True, editable=False
    )
    petitioner_id_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    region = models.ForeignKey(
        "core.Region",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=pgettext_lazy("place", "county"),
        limit_choices_to={"level": 3},
    )
    township = models.CharField(_("township or street"), max_length=64, blank=True)
    demand = models.TextField(_("demand"))
    office = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        related_name="petitions",
        verbose_name=_("handling office"),
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("registered by"),
    )
    received_at = models.DateTimeField(_("received at"), db_index=True)
    accept_due_at = models.DateTimeField(_("decide on acceptance by"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.RECEIVED, db_index=True
    )
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    handle_due_at = models.DateTimeField(_("handle by"), null=True, blank=True)
    extended_days = models.PositiveSmallIntegerField(_("extended by (days)"), default=0)
    extension_reason = models.TextField(_("reason for the extension"), blank=True)
    not_accepted_reason = models.TextField(_("why it was not accepted"), blank=True)
    replied_at = models.DateTimeField(_("replied at"), null=True, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reply = models.TextField(_("reply"), blank=True)
    case = models.OneToOneField(
        "needs.Case",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="petition",
        verbose_name=_("case"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("petition")
        verbose_name_plural = _("petitions")
        indexes = [models.Index(fields=["region", "status", "-received_at"])]

    def __str__(self) -> str:
        return _("Petition %(id)s") % {"id": self.pk}

    def is_accept_overdue(self, now) -> bool:
        return self.status == self.Status.RECEIVED and self.accept_due_at < now

    def is_handle_overdue(self, now) -> bool:
        return (
            self.status == self.Status.ACCEPTED
            and self.handle_due_at is not None
            and self.handle_due_at < now
        )

    def is_overdue(self, now) -> bool:
        return self.is_accept_overdue(now) or self.is_handle_overdue(now)
