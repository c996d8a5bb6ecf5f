"""Referrals (转介) to a charity project or a functional department (协同办理).

States follow the HL7 FHIR SDOH task vocabulary, plus "expired" for an unanswered referral.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.money import FenField
from needs.models.assistance import AssistanceType


class Referral(models.Model):
    class Status(models.TextChoices):
        REQUESTED = "requested", _("requested")
        ACCEPTED = "accepted", _("accepted")
        REJECTED = "rejected", _("rejected")
        CANCELLED = "cancelled", _("cancelled")
        IN_PROGRESS = "in-progress", _("in progress")
        COMPLETED = "completed", _("completed")
        FAILED = "failed", _("failed")
        EXPIRED = "expired", _("expired")

    class RejectReason(models.TextChoices):
        NO_CAPACITY = "no_capacity", _("no capacity")
        OUT_OF_AREA = "out_of_area", _("out of area")
        NOT_ELIGIBLE = "not_eligible", _("not eligible")
        CANNOT_CONTACT = "cannot_contact", _("cannot contact")
        OTHER = "other", _("other")

    class Outcome(models.TextChoices):
        RESOLVED = "resolved", _("resolved with help")
        NOT_RESOLVED = "not_resolved", _("not resolved")

    OPEN_STATUSES = (Status.REQUESTED, Status.ACCEPTED, Status.IN_PROGRESS)

    case = models.ForeignKey("needs.Case", on_delete=models.PROTECT, related_name="referrals")
    project = models.ForeignKey(
        "projects.Project",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals",
    )
    to_organisation = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        related_name="referrals_received",
        verbose_name=_("referred to"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.REQUESTED, db_index=True
    )
    amount_requested_fen = FenField(_("amount requested (fen)"), null=True, blank=True)
    note = models.TextField(_("note to the receiver"), blank=True)
    emergency_reason = models.TextField(_("emergency exception reason"), blank=True)
    # A supervisor's written reason for referring where the matching rules (search.policy)
    # would not: recorded here and in the audit log (needs.services.referrals).
    rules_override_reason = models.TextField(
        _("reason for overriding the matching rules"), blank=True
    )
    # A referral to a functional department may name the assistance it is asked to consider
    # (医疗救助 at the medical-security bureau...): the department, accepting it, starts an
    # application of that type for the case's household (needs.services.referrals).
    assistance_type = models.CharField(
        _("assistance type"),
        max_length=24,
        choices=AssistanceType.choices,
        blank=True,
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    answer_due_at = models.DateTimeField(_("answer due at"))
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    reject_reason = models.CharField(
        _("reason for rejecting"), max_length=16, choices=RejectReason.choices, blank=True
    )
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices, blank=True)
    outcome_reason = models.TextField(_("outcome reason"), blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "to_organisation", "project"],
                condition=models.Q(status__in=["requested", "accepted", "in-progress"]),
                name="referral_one_open_per_target",
            )
        ]

    def __str__(self) -> str:
        return f"{self.case} → {self.to_organisation}"


class ServiceRecord(models.Model):
    """What a volunteer or social worker did for a case referred to a service (a visit, a
    session, a call): the date, the time spent and the outcome, on the case's record. Who did
    it (``provider_name``) is the provider's personal data: back office only, never on a public
    page or the public API."""

    class Kind(models.TextChoices):
        VISIT = "visit", _("home visit")
        SESSION = "session", _("session")
        CALL = "call", _("phone call")
        OTHER = "other", _("other")

    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="service_records")
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    date = models.DateField(_("date"))
    minutes = models.PositiveIntegerField(_("time spent (minutes)"))
    outcome = models.TextField(_("outcome"))
    provider_name = models.CharField(_("volunteer or social worker"), max_length=100)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("service record")
        verbose_name_plural = _("service records")
        constraints = [
            models.CheckConstraint(condition=models.Q(minutes__gt=0), name="service_minutes")
        ]

    def __str__(self) -> str:
        return f"{self.referral} · {self.date}"
