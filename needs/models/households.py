"""Households and their members: the protected personal data of people in hardship.

Nothing here leaves needs/ except through the anonymizing path to the public Need and the
consent-gated path to an accepting charity (DESIGN.md section 5 and 7.1).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# The eight key groups of seed 003 (八类重点对象), as boolean fields on the household.
KEY_GROUPS = [
    ("kg_elderly_disabled_ill", _("household with elderly, disabled or seriously ill members")),
    ("kg_no_work_capacity", _("no or little capacity to work")),
    ("kg_unstable_ex_poverty", _("unstable after leaving poverty")),
    ("kg_earlier_applicant", _("applied earlier but was not covered")),
    ("kg_hotline_caller", _("called the hotline for help")),
    ("kg_disaster_hit", _("hit by disaster or accident")),
    ("kg_hardship_after_relief", _("still in hardship after relief")),
    ("kg_other", _("other key group")),
]
KEY_GROUP_FIELDS = [name for name, _label in KEY_GROUPS]


class Household(models.Model):
    """One household: the "one assistance chain" every case of theirs hangs on."""

    region = models.ForeignKey(
        "core.Region",
        on_delete=models.PROTECT,
        related_name="households",
        verbose_name=pgettext_lazy("place", "county"),
        limit_choices_to={"level": 3},
    )
    township = models.CharField(_("township or street"), max_length=64, blank=True)
    address_detail = models.CharField(_("address"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True, db_index=True)

    # Household statuses that change priority and eligibility.
    is_dibao = models.BooleanField(_("minimum-living allowance (低保)"), default=False)
    is_tekun = models.BooleanField(_("extreme-poverty support (特困)"), default=False)
    is_dibao_edge = models.BooleanField(_("marginal low-income (低保边缘)"), default=False)
    is_expenditure_hardship = models.BooleanField(
        _("expenditure-driven hardship (支出型困难)"), default=False
    )

    kg_elderly_disabled_ill = models.BooleanField(KEY_GROUPS[0][1], default=False)
    kg_no_work_capacity = models.BooleanField(KEY_GROUPS[1][1], default=False)
    kg_unstable_ex_poverty = models.BooleanField(KEY_GROUPS[2][1], default=False)
    kg_earlier_applicant = models.BooleanField(KEY_GROUPS[3][1], default=False)
    kg_hotline_caller = models.BooleanField(KEY_GROUPS[4][1], default=False)
    kg_disaster_hit = models.BooleanField(KEY_GROUPS[5][1], default=False)
    kg_hardship_after_relief = models.BooleanField(KEY_GROUPS[6][1], default=False)
    kg_other = models.BooleanField(KEY_GROUPS[7][1], default=False)

    # Empty for a household recorded from the public site's application form.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")

    def __str__(self) -> str:
        return _("Household %(id)s") % {"id": self.pk}

    @property
    def head(self) -> HouseholdMember | None:
        return next(
            (m for m in self.members.all() if m.relation == HouseholdMember.Relation.HEAD), None
        )

    @property
    def key_groups(self) -> list[str]:
        return [name for name in KEY_GROUP_FIELDS if getattr(self, name)]


class HouseholdMember(models.Model):
    """A member of a household. The ID number is encrypted at rest; ``id_number_hash`` (a keyed
    hash) finds the same person again without decrypting anything."""

    class Relation(models.TextChoices):
        HEAD = "head", _("head of household")
        SPOUSE = "spouse", _("spouse")
        CHILD = "child", _("child")
        PARENT = "parent", pgettext_lazy("relation", "parent")
        GRANDCHILD = "grandchild", _("grandchild")
        GRANDPARENT = "grandparent", _("grandparent")
        SIBLING = "sibling", _("sibling")
        OTHER = "other", _("other relative")

    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="members", verbose_name=_("household")
    )
    name = models.CharField(pgettext_lazy("person", "name"), max_length=64)
    relation = models.CharField(_("relation"), max_length=16, choices=Relation.choices)
    age = models.PositiveSmallIntegerField(_("age"), null=True, blank=True)
    has_disability = models.BooleanField(_("disability"), default=False)
    has_serious_illness = models.BooleanField(_("serious illness"), default=False)
    id_number_encrypted = models.TextField(_("ID number (encrypted)"), blank=True, editable=False)
    id_number_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)

    class Meta:
        ordering = ["household", "id"]
        verbose_name = _("household member")
        verbose_name_plural = _("household members")

    def __str__(self) -> str:
        return f"{self.get_relation_display()} #{self.pk}"


class HouseholdIdentifier(models.Model):
    """A number on one of the household's documents other than an ID card: a bank card, a
    hospital or admission record, a certificate, the household register. Encrypted at rest
    like ID numbers; ``value_hash`` (a keyed hash) finds the same number entered twice.

    Recorded so that the anonymizer knows them and no public text carries them (DESIGN.md
    7.1): staff screens show only the last few characters."""

    class Kind(models.TextChoices):
        BANK_CARD = "bank_card", _("bank card")
        HOSPITAL_RECORD = "hospital_record", _("hospital or admission record number")
        DISABILITY_CERTIFICATE = "disability_certificate", _("disability certificate (残疾证)")
        ASSISTANCE_CERTIFICATE = "assistance_certificate", _("低保 or 特困 certificate")
        HOUSEHOLD_REGISTER = "household_register", _("household register (户口簿)")
        OTHER_DOCUMENT = "other_document", _("other document")

    household = models.ForeignKey(
        Household,
        on_delete=models.CASCADE,
        related_name="identifiers",
        verbose_name=_("household"),
    )
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    value_encrypted = models.TextField(_("number (encrypted)"), editable=False)
    value_hash = models.CharField(max_length=64, editable=False)
    label = models.CharField(
        _("label"),
        max_length=64,
        blank=True,
        help_text=_("Which card or document, without names (for example: 农业银行工资卡)."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["household", "id"]
        verbose_name = _("bank card or document number")
        verbose_name_plural = _("bank cards and document numbers")
        constraints = [
            models.UniqueConstraint(
                fields=["household", "value_hash"], name="household_identifier_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"


class HouseholdContact(models.Model):
    """Someone outside the household who can reach it or speaks for it: a relative living
    elsewhere, a neighbour, the village or community cadre. Name and phone are encrypted at
    rest like a hotline caller's, and the anonymizer masks them in public text."""

    class Relation(models.TextChoices):
        RELATIVE = "relative", _("relative living elsewhere")
        NEIGHBOUR = "neighbour", _("neighbour")
        VILLAGE_CADRE = "village_cadre", _("village or community cadre")
        GRID_WORKER = "grid_worker", _("grid worker")
        EMPLOYER = "employer", _("employer or colleague")
        OTHER = "other", _("other contact")

    household = models.ForeignKey(
        Household,
        on_delete=models.CASCADE,
        related_name="contacts",
        verbose_name=_("household"),
    )
    relation = models.CharField(_("relation"), max_length=16, choices=Relation.choices)
    name_encrypted = models.TextField(_("name (encrypted)"), editable=False)
    phone_encrypted = models.TextField(_("phone (encrypted)"), blank=True, editable=False)
    phone_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["household", "id"]
        verbose_name = _("contact outside the household")
        verbose_name_plural = _("contacts outside the household")

    def __str__(self) -> str:
        return f"{self.get_relation_display()} #{self.pk}"
