"""Organisations and the staff memberships that give people their roles."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.charity_law import qualification_clean, validate_credit_code


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
    # What a citizen who applied for help online is told to call (the status page of their
    # tracking code): the office's public service line, not a person's number.
    public_phone = models.CharField(
        _("public service phone"),
        max_length=32,
        blank=True,
        help_text=_("The number the public calls about applications, e.g. 0431-88880000."),
    )
    # Public bank details for gifts by transfer (the donate page's offline path).
    bank_account_name = models.CharField(_("bank account name"), max_length=128, blank=True)
    bank_name = models.CharField(_("bank"), max_length=128, blank=True)
    bank_account_number = models.CharField(_("bank account number"), max_length=40, blank=True)
    # What 慈善中国 shows of a charity: its code, who registered it, and whether (and until
    # when) it may raise money from the public (core.charity_law).
    credit_code = models.CharField(
        _("unified social credit code"),
        max_length=18,
        blank=True,
        validators=[validate_credit_code],
        help_text=_("统一社会信用代码: 18 characters, checked against its check character."),
    )
    registration_authority = models.CharField(
        _("registration authority"),
        max_length=128,
        blank=True,
        help_text=_("The civil-affairs department the charity is registered with (登记管理机关)."),
    )
    fundraising_certificate_number = models.CharField(
        _("public-fundraising qualification certificate number"),
        max_length=64,
        blank=True,
        help_text=_("公开募捐资格证书编号. Leave empty if the charity has no qualification."),
    )
    fundraising_qualified_from = models.DateField(
        _("public-fundraising qualification valid from"), null=True, blank=True
    )
    fundraising_qualified_until = models.DateField(
        _("public-fundraising qualification valid until"),
        null=True,
        blank=True,
        help_text=_("Leave empty if the certificate names no end date."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["credit_code"],
                condition=~models.Q(credit_code=""),
                name="organisation_unique_credit_code",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        self.credit_code = (self.credit_code or "").strip().upper()
        if (
            self.credit_code
            and Organisation.objects.exclude(pk=self.pk)
            .filter(credit_code=self.credit_code)
            .exists()
        ):
            raise ValidationError(
                {
                    "credit_code": ValidationError(
                        _("Another organisation already has this unified social credit code."),
                        code="unique",
                    )
                }
            )
        qualification_clean(self)

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
        # Staff of a functional department (协同办理): only the referrals addressed to their
        # department and what answering them needs; no case, no household.
        DEPARTMENT_STAFF = "department_staff", _("department staff (协同办理)")
        # 社会救助协理员: a village's (村/社区) assistant, who sees and records the visits, grids
        # and zero reports of that village only (core.jurisdiction.VILLAGE_ROLES).
        VILLAGE_ASSISTANT = "village_assistant", _("village social-assistance assistant")
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
