"""Allocations (money committed to an accepted referral) and disbursements (money paid out)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.money import FenField


def payment_proof_storage():
    """The private storage of proofs of payment (settings.STORAGES["payment_proofs"]): no URL,
    read only through donors.proofs. A callable, so that migrations do not pin a location."""
    from django.core.files.storage import storages

    return storages["payment_proofs"]


class Allocation(models.Model):
    """Money committed from a fund, a project or a need's donations to one accepted referral.

    Its own ledger account holds the money until it is disbursed or released; ``amount_fen``
    is what was committed, the account's balance is what is still undisbursed.
    """

    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        RELEASED = "released", _("released")
        SPENT = "spent", _("fully disbursed")

    referral = models.ForeignKey(
        "needs.Referral", on_delete=models.PROTECT, related_name="allocations"
    )
    source = models.ForeignKey(
        "donors.Account",
        on_delete=models.PROTECT,
        related_name="allocations_out",
        verbose_name=_("paid from"),
    )
    amount_fen = FenField(_("amount (fen)"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.ACTIVE, db_index=True
    )
    released_fen = FenField(_("released (fen)"), default=0)
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("allocated at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("allocation")
        verbose_name_plural = _("allocations")

    def __str__(self) -> str:
        return f"A{self.pk}"


class Disbursement(models.Model):
    """A payment from an allocation to the household, with the proof that it happened.

    pending -> approved -> paid; or pending/approved -> cancelled. Above
    ``DISBURSEMENT_FOUR_EYES_FEN`` someone other than the requester must approve.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        APPROVED = "approved", _("approved")
        PAID = "paid", _("paid")
        CANCELLED = "cancelled", _("cancelled")

    class Method(models.TextChoices):
        BANK_TRANSFER = "bank_transfer", _("bank transfer to the household")
        HOSPITAL = "hospital", _("paid to the hospital")
        IN_KIND = "in_kind", _("goods or services in kind")
        CASH = "cash", _("cash")

    allocation = models.ForeignKey(
        Allocation, on_delete=models.PROTECT, related_name="disbursements"
    )
    amount_fen = FenField(_("amount (fen)"))
    method = models.CharField(_("method"), max_length=16, choices=Method.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    proof_reference = models.CharField(
        _("proof reference"),
        max_length=128,
        blank=True,
        help_text=_("Bank transfer number, hospital invoice number or delivery note number."),
    )
    # The slip or invoice itself (an image or a PDF, checked by its content): personal data,
    # stored under a random name in private storage, never replaced once attached.
    proof_file = models.FileField(
        _("proof of payment file"),
        storage=payment_proof_storage,
        max_length=200,
        blank=True,
    )
    proof_content_type = models.CharField(_("proof file type"), max_length=32, blank=True)
    proof_sha256 = models.CharField(_("proof file SHA-256"), max_length=64, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("disbursement")
        verbose_name_plural = _("disbursements")

    def __str__(self) -> str:
        return f"D{self.pk}"

    @property
    def has_proof_file(self) -> bool:
        return bool(self.proof_file)
