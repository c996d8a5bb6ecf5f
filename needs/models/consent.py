from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Consent(models.Model):
    """A person's recorded consent for one use of their case (DESIGN.md 7.1), and its withdrawal."""

    class Scope(models.TextChoices):
        PUBLISH_NEED = "publish_need", _("publish an anonymized need")
        DISCLOSE_CONTACT = "disclose_contact", _("disclose contact details to an accepting charity")
        # Health is sensitive personal information (PIPL art. 28-29): its own, separate consent.
        DISCLOSE_HEALTH = (
            "disclose_health",
            _("disclose health details (diagnosis, treatment) in the published need"),
        )

    class Method(models.TextChoices):
        WRITTEN = "written", _("signed form")
        VERBAL = "verbal", _("verbal, witnessed")
        ELECTRONIC = "electronic", _("electronic")

    case = models.ForeignKey("needs.Case", on_delete=models.PROTECT, related_name="consents")
    scope = models.CharField(_("scope"), max_length=24, choices=Scope.choices)
    method = models.CharField(_("how"), max_length=16, choices=Method.choices)
    given_by_name = models.CharField(_("given by"), max_length=64)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["recorded_at"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "scope"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="consent_one_active_per_scope",
            )
        ]

    def __str__(self) -> str:
        return f"{self.case} · {self.get_scope_display()}"
