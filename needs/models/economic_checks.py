"""The household economic-status check (居民家庭经济状况核对, "逢进必核", seeds 002 and 004).

Before assistance is granted, the office asks the checking body (核对机构) to verify the
household's income and assets. The check may only be asked for with the household's signed
authorization (授权核对); its result is personal data readable only by the staff who decide,
and every read is logged (DESIGN.md 7.1).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.money import FenField


def check_authorization_storage():
    """The private storage of signed authorizations (settings.STORAGES["check_authorizations"]):
    no URL. A callable, so that migrations do not pin a location."""
    from django.core.files.storage import storages

    return storages["check_authorizations"]


class CheckAuthorization(models.Model):
    """The household's signed authorization to check its income and assets (授权核对), and its
    withdrawal. One in force per household at a time."""

    class Method(models.TextChoices):
        WRITTEN = "written", _("signed form")
        ELECTRONIC = "electronic", _("electronic")

    household = models.ForeignKey(
        "needs.Household",
        on_delete=models.PROTECT,
        related_name="check_authorizations",
        verbose_name=_("household"),
    )
    method = models.CharField(_("how"), max_length=16, choices=Method.choices)
    signed_by_name = models.CharField(_("signed by"), max_length=64)
    signed_on = models.DateField(_("signed on"))
    scan = models.FileField(
        _("scanned authorization"),
        upload_to="%Y/%m/",
        storage=check_authorization_storage,
        blank=True,
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["recorded_at", "id"]
        verbose_name = _("check authorization")
        verbose_name_plural = _("check authorizations")
        constraints = [
            models.UniqueConstraint(
                fields=["household"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="check_authorization_one_in_force",
            )
        ]

    def __str__(self) -> str:
        return _("Authorization %(id)s") % {"id": self.pk}


class EconomicCheck(models.Model):
    """One check of a household's income and assets: asked for by an office, answered by the
    checking body with the amounts by kind and a conclusion."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("requested")
        COMPLETED = "completed", _("completed")
        CANCELLED = "cancelled", _("cancelled")

    class Conclusion(models.TextChoices):
        WITHIN_LIMITS = "within_limits", _("income and assets within the limits")
        ABOVE_LIMITS = "above_limits", _("income or assets above the limits")

    class Source(models.TextChoices):
        ENTERED = "entered", _("entered on screen")
        IMPORTED = "imported", _("imported from the checking platform")

    household = models.ForeignKey(
        "needs.Household",
        on_delete=models.PROTECT,
        related_name="economic_checks",
        verbose_name=_("household"),
    )
    authorization = models.ForeignKey(
        CheckAuthorization,
        on_delete=models.PROTECT,
        related_name="checks",
        verbose_name=_("authorization"),
    )
    office = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("requesting office"),
    )
    purpose = models.CharField(_("purpose"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.REQUESTED
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    # The result, as the checking body reports it.
    checking_body = models.CharField(_("checking body"), max_length=128, blank=True)
    checked_on = models.DateField(_("checked on"), null=True, blank=True)
    conclusion = models.CharField(
        _("conclusion"), max_length=16, choices=Conclusion.choices, blank=True
    )
    conclusion_note = models.TextField(_("note on the conclusion"), blank=True)
    reference = models.CharField(_("checking platform reference"), max_length=64, blank=True)
    source = models.CharField(_("source"), max_length=16, choices=Source.choices, blank=True)
    result_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    result_recorded_at = models.DateTimeField(_("result recorded at"), null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("economic-status check")
        verbose_name_plural = _("economic-status checks")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="completed")
                | (models.Q(checked_on__isnull=False) & ~models.Q(conclusion="")),
                name="economic_check_completed_has_conclusion",
            )
        ]

    def __str__(self) -> str:
        return _("Check %(id)s") % {"id": self.pk}


class EconomicCheckItem(models.Model):
    """One amount of the result: an income of the past twelve months or an asset, by kind."""

    class Category(models.TextChoices):
        INCOME = "income", _("income")
        ASSET = "asset", _("asset")

    class Kind(models.TextChoices):
        WAGES = "wages", _("wages and salaries")
        BUSINESS = "business", _("business income")
        PROPERTY_INCOME = "property_income", _("property income (rent, interest)")
        TRANSFER = "transfer", _("transfer income (pensions, support payments)")
        OTHER_INCOME = "other_income", _("other income")
        DEPOSITS = "deposits", _("bank deposits")
        SECURITIES = "securities", _("securities and funds")
        REAL_ESTATE = "real_estate", _("real estate")
        VEHICLES = "vehicles", _("vehicles")
        BUSINESS_ASSETS = "business_assets", _("business assets")
        OTHER_ASSET = "other_asset", _("other asset")

    INCOME_KINDS = frozenset(
        {Kind.WAGES, Kind.BUSINESS, Kind.PROPERTY_INCOME, Kind.TRANSFER, Kind.OTHER_INCOME}
    )

    economic_check = models.ForeignKey(
        EconomicCheck, on_delete=models.CASCADE, related_name="items", verbose_name=_("check")
    )
    category = models.CharField(_("category"), max_length=8, choices=Category.choices)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    amount_fen = FenField(_("amount (fen)"))
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["economic_check", "category", "id"]
        verbose_name = _("check result item")
        verbose_name_plural = _("check result items")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_fen__gte=0), name="economic_check_item_not_negative"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"


class EconomicCheckPolicy(models.Model):
    """An office's own rule: relief above ``relief_threshold_fen`` needs a current check of the
    household, and a check stays current for ``validity_days``. Without one, the platform
    defaults in settings apply."""

    office = models.OneToOneField(
        "core.Organisation",
        on_delete=models.CASCADE,
        related_name="economic_check_policy",
        verbose_name=_("office"),
    )
    relief_threshold_fen = FenField(
        _("relief above this amount needs a current check (fen)"), null=True, blank=True
    )
    validity_days = models.PositiveIntegerField(_("a check stays current for (days)"))

    class Meta:
        verbose_name = _("economic-status check policy")
        verbose_name_plural = _("economic-status check policies")

    def __str__(self) -> str:
        return str(self.office)
