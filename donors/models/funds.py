"""Donors and special funds (专项基金)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.charity_law import FundraisingFiling


class Donor(models.Model):
    """A person or organisation who gives. ``is_anonymous`` hides the name on every public page
    and report; the back office still knows who gave (receipts, refunds)."""

    class Kind(models.TextChoices):
        PERSON = "person", _("person")
        ORGANISATION = "organisation", _("organisation")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.PERSON)
    name = models.CharField(_("name"), max_length=128)
    email = models.EmailField(_("email"), blank=True)
    is_anonymous = models.BooleanField(_("anonymous"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("donor")
        verbose_name_plural = _("donors")

    def __str__(self) -> str:
        return self.public_name

    @property
    def public_name(self) -> str:
        return str(_("anonymous donor")) if self.is_anonymous else self.name


class Fund(FundraisingFiling):
    """Money an enterprise, foundation or charity sets aside for some purposes (专项基金).

    ``categories`` and ``regions`` restrict what it may pay for: empty means no restriction.
    Its balance is never stored here: it is the balance of its ledger account. A fund takes
    gifts from the public only under a filed fundraising plan (FundraisingFiling).

    ``holder`` is the charity that holds the fund's money in law: it receives every gift to
    the fund and issues the receipts (a charity's own fund: itself; an enterprise's special
    fund is set up inside a charity or the platform's charitable organisation, 慈善组织设立的
    专项基金, Charity Law art. 8 and the civil-affairs rules on special funds). The owner's
    staff (an enterprise's fund managers) decide what it pays for; an enterprise never
    receives gifts or issues receipts, not even for the money it gives its own fund.
    """

    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        CLOSED = "closed", _("closed")

    owner = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        related_name="funds",
        verbose_name=_("owner"),
        limit_choices_to={"kind__in": ["enterprise", "charity"]},
    )
    holder = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="held_funds",
        verbose_name=_("holding charity"),
        limit_choices_to={"kind": "charity"},
        help_text=_("The charity that receives the fund's gifts and issues their receipts."),
    )
    name = models.CharField(_("name"), max_length=128, unique=True)
    purpose = models.TextField(_("purpose"))
    categories = models.JSONField(_("categories it may pay for"), default=list, blank=True)
    regions = models.ManyToManyField(
        "core.Region", related_name="funds", verbose_name=_("regions it may pay for"), blank=True
    )
    is_public = models.BooleanField(_("shown on the public site"), default=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.ACTIVE
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("special fund")
        verbose_name_plural = _("special funds")

    def __str__(self) -> str:
        return self.name
