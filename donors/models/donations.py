"""Donations (Stripe and offline), their receipts, refunds through Stripe, and the Stripe events
already processed."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.money import CNY, FenField


class Donation(models.Model):
    """A gift to one target: a special fund, a charity project, or a published need.

    It moves money only once it succeeds: then the donation (and the processor's fee) are
    booked in the ledger by ``donors.services.donations``. Never edited afterwards except
    by the services that refund it.
    """

    class Channel(models.TextChoices):
        STRIPE = "stripe", _("online (Stripe)")
        BANK_TRANSFER = "bank_transfer", _("bank transfer")
        CASH = "cash", _("cash")

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        SUCCEEDED = "succeeded", _("succeeded")
        FAILED = "failed", _("failed")
        REFUNDED = "refunded", _("refunded")

    OFFLINE_CHANNELS = (Channel.BANK_TRANSFER, Channel.CASH)

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    donor = models.ForeignKey(
        "donors.Donor", on_delete=models.PROTECT, related_name="donations", verbose_name=_("donor")
    )
    fund = models.ForeignKey(
        "donors.Fund",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="donations",
        verbose_name=_("special fund"),
    )
    project = models.ForeignKey(
        "projects.Project",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="donations",
        verbose_name=_("charity project"),
    )
    need = models.ForeignKey(
        "needs.Need",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="donations",
        verbose_name=_("public need"),
    )
    receiving_organisation = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        related_name="donations_received",
        verbose_name=_("receiving organisation"),
    )
    # A gift "to a need" is a gift to a qualified charity's project or fund, restricted to
    # that need (Charity Law: only such a charity raises from the public). The project or fund
    # is the one handling the case's referral, or, before any referral, the one the donor
    # chose among those whose rules admit the case; its charity issues the receipt.
    receiving_project = models.ForeignKey(
        "projects.Project",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="need_donations",
        verbose_name=_("receiving charity project"),
    )
    receiving_fund = models.ForeignKey(
        "donors.Fund",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="need_donations",
        verbose_name=_("receiving special fund"),
    )
    amount_fen = FenField(_("amount (fen)"))
    currency = models.CharField(_("currency"), max_length=3, default=CNY)
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    external_reference = models.CharField(
        _("external reference"),
        max_length=128,
        blank=True,
        help_text=_("Bank transfer number, cash voucher number, or Stripe Checkout Session id."),
    )
    payment_intent = models.CharField(_("Stripe payment intent"), max_length=128, blank=True)
    fee_fen = FenField(_("processor fee (fen)"), default=0)
    refunded_fen = FenField(_("refunded (fen)"), default=0)
    receipt_number = models.CharField(
        _("receipt number"), max_length=40, unique=True, null=True, blank=True
    )
    message = models.CharField(_("message"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    succeeded_at = models.DateTimeField(_("succeeded at"), null=True, blank=True)
    failure_reason = models.CharField(_("failure reason"), max_length=200, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("donation")
        verbose_name_plural = _("donations")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(fund__isnull=False, project__isnull=True, need__isnull=True)
                    | models.Q(fund__isnull=True, project__isnull=False, need__isnull=True)
                    | models.Q(fund__isnull=True, project__isnull=True, need__isnull=False)
                ),
                name="donation_one_target",
            ),
            # Only a gift to a need names a receiving project or fund, and at most one.
            models.CheckConstraint(
                condition=models.Q(receiving_project__isnull=True, receiving_fund__isnull=True)
                | models.Q(need__isnull=False, receiving_fund__isnull=True)
                | models.Q(need__isnull=False, receiving_project__isnull=True),
                name="donation_receiver_only_for_need",
            ),
            models.CheckConstraint(condition=models.Q(amount_fen__gt=0), name="donation_positive"),
            models.CheckConstraint(
                condition=models.Q(refunded_fen__lte=models.F("amount_fen")),
                name="donation_refund_within_amount",
            ),
            # A bank reference or a Checkout Session books once (DESIGN.md 7.2).
            models.UniqueConstraint(
                fields=["channel", "external_reference"],
                condition=~models.Q(external_reference=""),
                name="donation_unique_reference",
            ),
        ]

    def __str__(self) -> str:
        return self.receipt_number or f"#{self.pk}"

    @property
    def target(self):
        return self.fund or self.project or self.need

    @property
    def receiving_holder(self):
        """The project or fund that answers for the money: the target itself, or for a gift
        to a need the charity project or fund that received it."""
        return self.fund or self.project or self.receiving_project or self.receiving_fund

    @property
    def net_fen(self) -> int:
        """What the donation still contributes: the amount less the fee and refunds."""
        return self.amount_fen - self.fee_fen - self.refunded_fen


class Refund(models.Model):
    """Money of an online gift given back to the donor through Stripe's Refund API.

    Asked by staff of the receiving organisation (or made in Stripe's Dashboard and reported
    by its webhook), a refund is pending until Stripe says it succeeded; only then is it booked
    in the ledger (``transaction``). While pending its amount cannot be refunded a second
    time. A refund that fails or is cancelled books nothing; one that fails after it was booked
    is reversed by a correction (``reversal``). Offline gifts are refunded at once, without a
    row here (``donors.services.donations.donation_refund``).
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("pending at Stripe")
        SUCCEEDED = "succeeded", _("refunded")
        FAILED = "failed", _("failed")
        CANCELED = "canceled", _("cancelled")

    donation = models.ForeignKey(
        Donation, on_delete=models.PROTECT, related_name="refunds", verbose_name=_("donation")
    )
    amount_fen = FenField(_("amount (fen)"))
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    # A digest of who asked and their request's key (Idempotency-Key, form token): the same
    # request finds this row again, and Stripe gets an idempotency key derived from it.
    request_key = models.CharField(max_length=64, blank=True)
    stripe_refund_id = models.CharField(_("Stripe refund"), max_length=255, blank=True)
    failure_reason = models.CharField(_("failure reason"), max_length=200, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    transaction = models.OneToOneField(
        "donors.Transaction",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="refund_booked",
    )
    reversal = models.OneToOneField(
        "donors.Transaction",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="refund_reversed",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    settled_at = models.DateTimeField(_("settled at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("refund")
        verbose_name_plural = _("refunds")
        constraints = [
            models.CheckConstraint(condition=models.Q(amount_fen__gt=0), name="refund_positive"),
            models.UniqueConstraint(
                fields=["request_key"],
                condition=~models.Q(request_key=""),
                name="refund_unique_request",
            ),
            # One Stripe refund is one row: its events never book it twice.
            models.UniqueConstraint(
                fields=["stripe_refund_id"],
                condition=~models.Q(stripe_refund_id=""),
                name="refund_unique_stripe_id",
            ),
        ]

    def __str__(self) -> str:
        return self.stripe_refund_id or f"R{self.pk}"


class ReceiptCounter(models.Model):
    """The last receipt number an organisation issued in a year: receipts are sequential per
    organisation and year, and the row is locked while a number is taken."""

    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year"], name="receipt_counter_unique")
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id}/{self.year}: {self.last_number}"


class StripeEvent(models.Model):
    """A Stripe webhook event processed once: its id is stored in the transaction that acted
    on it, so a redelivered event finds it and does nothing."""

    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=64)
    donation = models.ForeignKey(
        "donors.Donation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    outcome = models.CharField(max_length=64, blank=True)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("Stripe event")
        verbose_name_plural = _("Stripe events")

    def __str__(self) -> str:
        return f"{self.type} {self.event_id}"
