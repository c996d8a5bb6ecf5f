"""Charity projects (慈善项目): a charity's relief programme, with the needs it covers (case
categories, regions, who is eligible), a per-case cap and a budget target.

A project's available money is not stored here: it is derived from the ledger (donors/), where
every yuan given to or spent by the project is a balanced transaction (DESIGN.md 7.2).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.charity_law import FundraisingFiling
from core.money import FenField
from projects import eligibility
from projects.conditions import DISABILITY_GRADES, Sex, condition_codes


class Project(FundraisingFiling):
    """A charity's relief programme, to which caseworkers refer cases (转介).

    Regions are subtrees: a project covering 吉林省 (220000) serves every city and county in it.
    Categories are the case categories it takes on; eligibility narrows it to households with
    the given statuses (低保, 特困, ...) or in the given key groups (八类重点对象). An empty
    eligibility list means "no restriction" on that count.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        OPEN = "open", _("open")
        PAUSED = "paused", _("paused")
        CLOSED = "closed", _("closed")

    class Kind(models.TextChoices):
        FUNDS = "funds", _("relief funds")
        SERVICE = "service", _("service project")
        VOLUNTEER_TEAM = "volunteer_team", _("volunteer team")

    class ServiceType(models.TextChoices):
        PSYCHOLOGICAL = "psychological", _("psychological support (心理疏导)")
        CASE_MANAGEMENT = "case_management", _("social-work case management (社工个案管理)")
        CARE = "care", _("care and nursing (照料护理)")
        LEGAL = "legal", _("legal aid (法律援助)")
        EMPLOYMENT = "employment", _("employment help (就业帮扶)")
        OTHER = "other", _("other service")

    class Period(models.TextChoices):
        WEEK = "week", _("per week")
        MONTH = "month", _("per month")
        QUARTER = "quarter", _("per quarter")

    # A service project or a volunteer team gives places, not money: its capacity (places per
    # period) is the resource matching and referrals count (projects.capacity).
    kind = models.CharField(
        _("kind of project"), max_length=16, choices=Kind.choices, default=Kind.FUNDS
    )
    service_type = models.CharField(
        _("service"), max_length=20, choices=ServiceType.choices, blank=True
    )
    skills = models.JSONField(
        _("skills"),
        default=list,
        blank=True,
        help_text=_("What the team's people can do, one skill a line (for example: 心理咨询师)."),
    )
    places_per_period = models.PositiveIntegerField(_("places per period"), null=True, blank=True)
    capacity_period = models.CharField(
        _("capacity period"), max_length=8, choices=Period.choices, default=Period.MONTH
    )

    organisation = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        related_name="projects",
        verbose_name=_("charity"),
        limit_choices_to={"kind": "charity"},
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    categories = models.JSONField(_("categories covered"), default=list, blank=True)
    regions = models.ManyToManyField(
        "core.Region", related_name="projects", verbose_name=_("regions covered"), blank=True
    )
    eligible_statuses = models.JSONField(
        _("eligible household statuses"),
        default=list,
        blank=True,
        help_text=_("Leave empty if the household's status does not matter."),
    )
    eligible_key_groups = models.JSONField(
        _("eligible key groups"),
        default=list,
        blank=True,
        help_text=_("Leave empty if the project is not limited to key groups (八类重点对象)."),
    )
    # Structured limits a matching rule can read (search.policy); empty means no limit.
    age_min = models.PositiveSmallIntegerField(_("youngest patient age"), null=True, blank=True)
    age_max = models.PositiveSmallIntegerField(_("oldest patient age"), null=True, blank=True)
    sex = models.CharField(
        _("patient's sex"),
        max_length=8,
        choices=Sex.choices,
        blank=True,
        help_text=_("Leave empty if the project takes patients of either sex."),
    )
    conditions = models.JSONField(
        _("conditions covered"),
        default=list,
        blank=True,
        help_text=_("Leave empty if the project is not limited to certain conditions."),
    )
    disability_grade_max = models.PositiveSmallIntegerField(
        _("disability grade required"),
        null=True,
        blank=True,
        help_text=_(
            "Only patients with a disability certificate of this grade or a more severe one "
            "(grade 1 is the most severe); leave empty for no such limit."
        ),
    )
    requires_local_hukou = models.BooleanField(
        _("household registration (户籍) in the project's regions required"), default=False
    )
    eligibility_note = models.TextField(
        _("other eligibility conditions"),
        blank=True,
        help_text=_("Anything else a caseworker should know before referring a case."),
    )
    per_case_cap_fen = FenField(_("per-case cap (fen)"), null=True, blank=True)
    budget_target_fen = FenField(_("budget target (fen)"), null=True, blank=True)
    accepts_partial_funding = models.BooleanField(
        _("may fund part of a case's gap"),
        default=True,
        help_text=_(
            "Whether the project may cover only part of a case's remaining gap, leaving the "
            "rest to other help."
        ),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("charity project")
        verbose_name_plural = _("charity projects")

    def __str__(self) -> str:
        return self.title

    @property
    def is_service(self) -> bool:
        return self.kind != self.Kind.FUNDS

    def clean(self) -> None:
        """The codes in the JSON lists must be known ones; amounts must make sense together;
        a filing number comes with its period (FundraisingFiling)."""
        super().clean()
        errors: dict[str, list[ValidationError]] = {}
        lists = [
            ("categories", eligibility.category_codes(), _("Unknown category “%(value)s”.")),
            (
                "eligible_statuses",
                eligibility.household_status_codes(),
                _("Unknown household status “%(value)s”."),
            ),
            (
                "eligible_key_groups",
                eligibility.key_group_codes(),
                _("Unknown key group “%(value)s”."),
            ),
            ("conditions", condition_codes(), _("Unknown condition “%(value)s”.")),
        ]
        for field, known, message in lists:
            value = getattr(self, field)
            if not isinstance(value, list):
                errors.setdefault(field, []).append(
                    ValidationError(_("Give a list of codes."), code="invalid")
                )
                continue
            for code in value:
                if not isinstance(code, str) or code not in known:
                    errors.setdefault(field, []).append(
                        ValidationError(message % {"value": code}, code="invalid_choice")
                    )
            if len(set(map(str, value))) != len(value):
                errors.setdefault(field, []).append(
                    ValidationError(_("A code is listed twice."), code="duplicate")
                )
        for field in ("per_case_cap_fen", "budget_target_fen"):
            if getattr(self, field) == 0:
                errors.setdefault(field, []).append(
                    ValidationError(
                        _("Enter an amount greater than zero, or leave it empty for none."),
                        code="min_value",
                    )
                )
        ages = (self.age_min, self.age_max)
        if all(isinstance(age, int) for age in ages) and self.age_min > self.age_max:
            errors.setdefault("age_max", []).append(
                ValidationError(
                    _("The oldest age cannot be below the youngest age."), code="age_reversed"
                )
            )
        for field in ("age_min", "age_max"):
            value = getattr(self, field)
            if isinstance(value, int) and value > 150:
                errors.setdefault(field, []).append(
                    ValidationError(_("Enter an age between 0 and 150."), code="max_value")
                )
        grade = self.disability_grade_max
        if grade is not None and grade not in DISABILITY_GRADES:
            errors.setdefault("disability_grade_max", []).append(
                ValidationError(_("A disability grade is 1, 2, 3 or 4."), code="invalid_choice")
            )
        if self.kind != self.Kind.FUNDS:
            if not self.places_per_period:
                errors.setdefault("places_per_period", []).append(
                    ValidationError(
                        _("A service project or volunteer team says how many places it has."),
                        code="required",
                    )
                )
            if not self.service_type:
                errors.setdefault("service_type", []).append(
                    ValidationError(_("Choose the service given."), code="required")
                )
        if not isinstance(self.skills, list) or not all(
            isinstance(skill, str) and skill.strip() for skill in self.skills
        ):
            errors.setdefault("skills", []).append(
                ValidationError(_("Give a list of skills."), code="invalid")
            )
        cap, target = self.per_case_cap_fen, self.budget_target_fen
        if cap and target and cap > target:
            errors.setdefault("per_case_cap_fen", []).append(
                ValidationError(
                    _("The per-case cap cannot be larger than the budget target."),
                    code="cap_above_target",
                )
            )
        if errors:
            raise ValidationError(errors)


class ProjectUpdate(models.Model):
    """A dated progress report (执行反馈) the charity writes about its project for the public:
    what was done, for how many families, what comes next. Public once published, so its text
    passes the anonymizer's publishing check when it is written (projects.updates)."""

    project = models.ForeignKey(
        Project, on_delete=models.PROTECT, related_name="updates", verbose_name=_("project")
    )
    date = models.DateField(_("date"))
    text = models.TextField(_("text"))
    is_published = models.BooleanField(
        _("published"),
        default=True,
        help_text=_("Published updates appear on the project's public page."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("author"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["project", "is_published", "-date"])]
        verbose_name = _("project progress update")
        verbose_name_plural = _("project progress updates")

    def __str__(self) -> str:
        return f"{self.project} · {self.date}"


class Supermarket(models.Model):
    """A charity supermarket (慈善超市), run by a charity or a civil-affairs office: goods
    received from donors are issued to households in hardship against a referral or a relief
    decision. Its stock is derived from its movements, never stored (projects.stock)."""

    organisation = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        related_name="supermarkets",
        verbose_name=_("run by"),
    )
    name = models.CharField(_("name"), max_length=200)
    region = models.ForeignKey(
        "core.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("county")
    )
    categories = models.JSONField(_("categories of hardship it serves"), default=list, blank=True)
    is_active = models.BooleanField(_("open"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("charity supermarket")
        verbose_name_plural = _("charity supermarkets")

    def __str__(self) -> str:
        return self.name


class GoodsItem(models.Model):
    """One kind of goods a supermarket keeps (大米 in 袋, 棉被 in 床), with the value of one
    unit for the accounts. Issues lock this row: two issues of one item run one after the
    other, so the stock never goes below zero."""

    supermarket = models.ForeignKey(
        Supermarket, on_delete=models.PROTECT, related_name="items", verbose_name=_("supermarket")
    )
    name = models.CharField(_("goods"), max_length=100)
    unit = models.CharField(_("unit"), max_length=20)
    unit_value_fen = FenField(_("value of one unit (fen)"))

    class Meta:
        ordering = ["supermarket", "name", "id"]
        verbose_name = _("goods item")
        verbose_name_plural = _("goods items")
        constraints = [
            models.UniqueConstraint(fields=["supermarket", "name", "unit"], name="goods_item_once")
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.unit}）"


class StockMovement(models.Model):
    """Every movement of a supermarket's goods, append-only like the ledger: a receipt from a
    donor (+), an issue to a household (-) against a referral or a relief decision, or a stock
    count's correction (the difference between the count and the books). The stock of an item
    is the sum of its movements' quantities."""

    class Kind(models.TextChoices):
        RECEIPT = "receipt", _("receipt from a donor")
        ISSUE = "issue", _("issue to a household")
        COUNT = "count", _("stock count correction")

    item = models.ForeignKey(
        GoodsItem, on_delete=models.PROTECT, related_name="movements", verbose_name=_("goods")
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    quantity = models.IntegerField(_("quantity"))
    value_fen = FenField(_("value (fen)"), default=0)
    donor_name = models.CharField(_("donor"), max_length=200, blank=True)
    counted_quantity = models.PositiveIntegerField(_("quantity counted"), null=True, blank=True)
    # An issue goes to one case's household, against its referral or its relief grant: the
    # case's number only, no personal data (DESIGN.md 5).
    case = models.ForeignKey(
        "needs.Case", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    referral = models.ForeignKey(
        "needs.Referral", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    relief_grant = models.ForeignKey(
        "needs.ReliefGrant", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("stock movement")
        verbose_name_plural = _("stock movements")
        indexes = [models.Index(fields=["item", "created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind="receipt", quantity__gt=0)
                    | models.Q(kind="issue", quantity__lt=0, case__isnull=False)
                    | models.Q(kind="count")
                ),
                name="stock_movement_sign",
            )
        ]

    def __str__(self) -> str:
        return f"{self.item} {self.quantity:+d}"

    def save(self, *args, **kwargs):
        # Append-only: a wrong movement is corrected by another one (a stock count).
        if self.pk is not None and not kwargs.get("force_insert"):
            raise ValueError("Stock movements are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Stock movements are append-only.")
