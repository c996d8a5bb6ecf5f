"""In-app notifications for staff: reminders before a deadline, escalations of overdue steps,
the quarterly call to publish a charity's project disclosures, and the events that hand work
to someone (a referral received or answered, an approval asked for or decided, a hand-over,
a payment awaiting a second person, money allocated).

A notification carries no personal data about people in hardship: a case is named by its
number, never by the household (DESIGN.md 7.1); the same text may go out by email.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """One message to one member of staff; only the recipient ever sees it."""

    class Kind(models.TextChoices):
        DEADLINE_REMINDER = "deadline_reminder", _("deadline reminder")
        ESCALATION = "escalation", _("overdue step escalated")
        DISCLOSURE_REMINDER = "disclosure_reminder", _("project disclosure reminder")
        # Events that hand work to someone (needs.notify_events).
        REFERRAL = "referral", _("referral")
        APPROVAL = "approval", _("approval")
        HANDOVER = "handover", _("case hand-over")
        ALLOCATION = "allocation", _("money allocated")
        OTHER = "other", _("other")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    message = models.CharField(_("message"), max_length=500)
    link = models.CharField(_("link"), max_length=300, blank=True)
    # What the notification is about, for sending it once only ("deadline-reminder:12").
    key = models.CharField(_("key"), max_length=120, blank=True, db_index=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("emailed at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["recipient", "read_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "key"],
                condition=~models.Q(key=""),
                name="notification_once_per_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.recipient} · {self.get_kind_display()}"
