"""Organisations and the staff memberships that give people their roles."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    """A government office, functional department, charity, or enterprise/foundation.

    A government office's ``region`` is its jurisdiction (辖区): its staff handle cases in that
    region and below. Other kinds record where they are based.
    """

    class Kind(models.TextChoices):
        GOVERNMENT_OFFICE = "government_office", _("government office")
        DEPARTMENT = "department", _("functional department")
        CHARITY = "charity", _("charity")
        ENTERPRISE = "enterprise", _("enterprise or foundation")

    class Sector(models.TextChoices):
        CIVIL_AFFAIRS = "civil_affairs", _("civil affairs")
        EDUCATION = "education", _("education")
        HOUSING = "housing", _("housing")
        HEALTH = "health", _("health and medical insurance")
        HUMAN_RESOURCES = "human_resources", _("human resources and social security")
        EMERGENCY = "emergency", _("emergency management")
        OTHER = "other", _("other")

    name = models.CharField(_("name"), max_length=128, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    region = models.ForeignKey(
        "core.Region",
        on_delete=models.PROTECT,
        related_name="organisations",
        verbose_name=_("region"),
    )
    sector = models.CharField(
        _("sector"), max_length=32, choices=Sector.choices, blank=True, default=""
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent organisation"),
    )
    is_verified = models.BooleanField(
        _("verified charity"),
        default=False,
        help_text=_("A charity registered and checked by civil affairs (慈善组织认定)."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    # Public bank details for gifts by transfer (the donate page's offline path).
    bank_account_name = models.CharField(_("bank account name"), max_length=128, blank=True)
    bank_name = models.CharField(_("bank"), max_length=128, blank=True)
    bank_account_number = models.CharField(_("bank account number"), max_length=40, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    @property
    def is_government(self) -> bool:
        return self.kind in (self.Kind.GOVERNMENT_OFFICE, self.Kind.DEPARTMENT)


class Membership(models.Model):
    """A user's role in one organisation. A user may hold several."""

    class Role(models.TextChoices):
        CASEWORKER = "caseworker", _("caseworker")
        SUPERVISOR = "supervisor", _("supervisor")
        CHARITY_STAFF = "charity_staff", _("charity staff")
        FUND_MANAGER = "fund_manager", _("fund manager")
        AUDITOR = "auditor", _("auditor")
        PLATFORM_ADMIN = "platform_admin", _("platform administrator")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["organisation__name", "role"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="membership_unique_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.organisation}"
