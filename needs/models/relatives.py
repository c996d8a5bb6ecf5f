"""Relatives' filing (近亲属备案, seeds 002 and 004): civil-affairs staff and village cadres
file their close relatives, so that any assistance those relatives receive is seen, recorded
in the register and reviewed by a supervisor before it takes effect.

The relative's ID number is kept as households' members' are: encrypted at rest, found by the
same keyed hash (needs.crypto), so a filed relative is recognised in any household.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.money import FenField


class RelativeFiling(models.Model):
    """One close relative filed by one official (a member of staff or a village cadre)."""

    class OfficialKind(models.TextChoices):
        STAFF = "staff", _("civil-affairs staff")
        VILLAGE_CADRE = "village_cadre", _("village or community cadre")

    class Relation(models.TextChoices):
        SPOUSE = "spouse", _("spouse")
        PARENT = "parent", pgettext_lazy("relation", "parent")
        CHILD = "child", _("child")
        SIBLING = "sibling", _("sibling")
        GRANDPARENT = "grandparent", _("grandparent")
        GRANDCHILD = "grandchild", _("grandchild")
        PARENT_IN_LAW = "parent_in_law", _("parent-in-law")
        CHILD_IN_LAW = "child_in_law", _("son- or daughter-in-law")

    office = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("office"),
    )
    official_kind = models.CharField(
        _("the official is"), max_length=16, choices=OfficialKind.choices
    )
    official_name = models.CharField(_("official's name"), max_length=64)
    # Set when the official is a user of the platform (staff filing their own relatives).
    official_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("official's account"),
    )
    relative_name = models.CharField(_("relative's name"), max_length=64)
    relation = models.CharField(_("relation"), max_length=16, choices=Relation.choices)
    id_number_encrypted = models.TextField(_("ID number (encrypted)"), editable=False)
    id_number_hash = models.CharField(max_length=64, db_index=True, editable=False)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    filed_at = models.DateTimeField(_("filed at"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-filed_at", "-id"]
        verbose_name = _("relative's filing")
        verbose_name_plural = _("relatives' filings")
        constraints = [
            models.UniqueConstraint(
                fields=["office", "official_name", "id_number_hash"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="relative_filing_once",
            )
        ]

    def __str__(self) -> str:
        return _("Filing %(id)s") % {"id": self.pk}


class RelativeBenefit(models.Model):
    """The register (台账) of assistance to filed relatives: made automatically when relief is
    asked, or an assistance application filed, for a household with a filed relative, and
    reviewed by a supervisor before the relief takes effect or the application is approved."""

    class Review(models.TextChoices):
        PENDING = "pending", _("awaiting the supervisor's review")
        APPROVED = "approved", _("approved by the supervisor")
        REFUSED = "refused", _("refused by the supervisor")

    filing = models.ForeignKey(
        RelativeFiling,
        on_delete=models.PROTECT,
        related_name="benefits",
        verbose_name=_("relative's filing"),
    )
    household = models.ForeignKey(
        "needs.Household", on_delete=models.PROTECT, related_name="+", verbose_name=_("household")
    )
    relief_grant = models.ForeignKey(
        "needs.ReliefGrant",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="relative_benefits",
        verbose_name=_("relief grant"),
    )
    # Or the assistance application for that household, recorded when it is filed; its amount
    # is known once reviewed and is written when the supervisor approves it.
    assistance_application = models.ForeignKey(
        "needs.AssistanceApplication",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="relative_benefits",
        verbose_name=_("assistance application"),
    )
    amount_fen = FenField(_("amount (fen)"), null=True, blank=True)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    review = models.CharField(
        _("review"), max_length=16, choices=Review.choices, default=Review.PENDING
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_reason = models.TextField(_("review reason"), blank=True)

    class Meta:
        ordering = ["-recorded_at", "-id"]
        verbose_name = _("assistance to a filed relative")
        verbose_name_plural = _("register of assistance to filed relatives")
        constraints = [
            models.UniqueConstraint(
                fields=["filing", "relief_grant"], name="relative_benefit_once_per_grant"
            ),
            models.UniqueConstraint(
                fields=["filing", "assistance_application"],
                name="relative_benefit_once_per_application",
            ),
            # An entry records either a relief grant or an assistance application.
            models.CheckConstraint(
                condition=models.Q(relief_grant__isnull=True)
                ^ models.Q(assistance_application__isnull=True),
                name="relative_benefit_grant_or_application",
            ),
        ]

    def __str__(self) -> str:
        return _("Register entry %(id)s") % {"id": self.pk}
