"""Assistance applications by type (低保, 特困, 医疗救助...) and their statutory procedure:
申请 → 受理 → 核对 → 审核 → 公示 → 审批 → 落实 / 不予 (issue 20, items 1 and 3; seeds 002, 004).

Not the public 我要求助 form (needs.models.applications.OnlineApplication): an application here
is the formal request for one kind of social assistance, handled by the office or department
responsible for that kind, with separate reviewer and approver, a public notice period with
objections and, where the office requires it, a community review.

A household's statuses (低保, 特困...) follow from its granted applications with their start and
end dates (needs.services.assistance.household_statuses); the household's yes/no flags are
kept as a derived copy for the screens and rules that read them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.money import FenField


class AssistanceType(models.TextChoices):
    """The kinds of social assistance of seed 002 (社会救助体系)."""

    DIBAO = "dibao", _("minimum-living allowance (最低生活保障)")
    TEKUN = "tekun", _("extreme-poverty support (特困人员救助供养)")
    DIBAO_EDGE = "dibao_edge", _("marginal low-income (低保边缘)")
    EXPENDITURE_HARDSHIP = "expenditure_hardship", _("expenditure-driven hardship (支出型困难)")
    MEDICAL = "medical", _("medical assistance (医疗救助)")
    EDUCATION = "education", _("education assistance (教育救助)")
    HOUSING = "housing", _("housing assistance (住房救助)")
    EMPLOYMENT = "employment", _("employment assistance (就业救助)")
    DISASTER = "disaster", _("assistance to disaster victims (受灾人员救助)")
    TEMPORARY = "temporary", _("temporary assistance (临时救助)")
    VAGRANT = "vagrant", _("assistance to vagrants and beggars (流浪乞讨人员救助)")


# The household statuses a granted application gives, and the household flag that mirrors each.
STATUS_FLAGS = {
    AssistanceType.DIBAO: "is_dibao",
    AssistanceType.TEKUN: "is_tekun",
    AssistanceType.DIBAO_EDGE: "is_dibao_edge",
    AssistanceType.EXPENDITURE_HARDSHIP: "is_expenditure_hardship",
}


class AssistanceOfficeRule(models.Model):
    """An office's own rules for the procedure; without one, the defaults in
    needs.services.assistance apply. Time limits per stage are the office's OfficeTimeLimit
    rows (step ``assistance_<stage>`` or, for one type only, ``assistance_<stage>:<type>``)."""

    office = models.OneToOneField(
        "core.Organisation",
        on_delete=models.CASCADE,
        related_name="assistance_rule",
        verbose_name=_("office"),
    )
    notice_days = models.PositiveSmallIntegerField(_("public notice period (days)"), default=7)
    notice_min_days = models.PositiveSmallIntegerField(
        _("shortest public notice period (days)"), default=7
    )
    handler_approval_limit_fen = FenField(
        _("highest amount the applicant's handler may approve (fen)"),
        default=0,
        help_text=_(
            "Above this amount the caseworker who handles the application may not approve it."
        ),
    )
    community_review_types = models.JSONField(
        _("types that need a community review"),
        default=list,
        blank=True,
        help_text=_("A democratic or hearing review (民主评议/听证评议) before the review."),
    )

    class Meta:
        verbose_name = _("assistance procedure rules")
        verbose_name_plural = _("assistance procedure rules")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(notice_min_days__gte=1)
                & models.Q(notice_days__gte=models.F("notice_min_days")),
                name="assistance_notice_at_least_minimum",
            )
        ]

    def __str__(self) -> str:
        return str(self.office)


class AssistanceApplication(models.Model):
    """One household's application for one kind of assistance, from 申请 to 落实 or 不予."""

    Type = AssistanceType

    class Stage(models.TextChoices):
        APPLIED = "applied", _("applied (申请)")
        ACCEPTED = "accepted", _("accepted, check under way (受理)")
        CHECKED = "checked", _("checked, awaiting review (核对)")
        REVIEWED = "reviewed", _("reviewed (审核)")
        IN_NOTICE = "in_notice", _("in public notice (公示)")
        GRANTED = "granted", _("granted (落实)")
        REFUSED = "refused", _("refused (不予)")

    OPEN_STAGES = (
        Stage.APPLIED,
        Stage.ACCEPTED,
        Stage.CHECKED,
        Stage.REVIEWED,
        Stage.IN_NOTICE,
    )

    class Recommendation(models.TextChoices):
        GRANT = "grant", _("grant")
        REFUSE = "refuse", _("refuse")

    household = models.ForeignKey(
        "needs.Household",
        on_delete=models.PROTECT,
        related_name="assistance_applications",
        verbose_name=_("household"),
    )
    region = models.ForeignKey(
        "core.Region",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=pgettext_lazy("place", "county"),
    )
    village = models.CharField(_("village or community"), max_length=64, blank=True)
    type = models.CharField(_("assistance type"), max_length=24, choices=AssistanceType.choices)
    office = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        related_name="assistance_applications",
        verbose_name=_("responsible office or department"),
    )
    case = models.ForeignKey(
        "needs.Case",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assistance_applications",
        verbose_name=_("case"),
    )
    risk_warning = models.ForeignKey(
        "discovery.RiskWarning",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assistance_applications",
        verbose_name=_("risk warning"),
    )
    # The department referral that started it (needs.services.referrals), at most one each.
    referral = models.OneToOneField(
        "needs.Referral",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assistance_application",
        verbose_name=_("referral"),
    )
    reason = models.TextField(_("reason for applying"), blank=True)
    stage = models.CharField(
        _("stage"), max_length=16, choices=Stage.choices, default=Stage.APPLIED, db_index=True
    )
    stage_due_at = models.DateTimeField(
        _("current stage due at"),
        null=True,
        blank=True,
        help_text=_("From the office's time limits; empty once the application is decided."),
    )
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    applied_at = models.DateTimeField(_("applied at"), auto_now_add=True, db_index=True)
    # The caseworker who accepted it handles it: the "applicant's handler" of the approval rule.
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handler"),
    )
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    check_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    check_recorded_at = models.DateTimeField(_("check recorded at"), null=True, blank=True)
    check_note = models.TextField(_("check note"), blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewer"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    recommendation = models.CharField(
        _("recommendation"), max_length=8, choices=Recommendation.choices, blank=True
    )
    review_note = models.TextField(_("review note"), blank=True)
    amount_fen = FenField(
        _("amount (fen)"),
        null=True,
        blank=True,
        help_text=_("The monthly or one-off amount recommended and granted."),
    )
    notice_starts_on = models.DateField(_("public notice from"), null=True, blank=True)
    notice_ends_on = models.DateField(_("public notice until"), null=True, blank=True)
    # What the public notice shows instead of the name: the surname and 某 (张某), nothing else.
    notice_name = models.CharField(_("name in the notice"), max_length=8, blank=True)
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approver"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    outcome_reasons = models.TextField(_("reasons for the outcome"), blank=True)
    starts_on = models.DateField(_("assistance from"), null=True, blank=True)
    ends_on = models.DateField(_("assistance until"), null=True, blank=True)

    class Meta:
        ordering = ["-applied_at", "-id"]
        verbose_name = _("assistance application")
        verbose_name_plural = _("assistance applications")
        indexes = [
            models.Index(fields=["region", "stage", "-applied_at"]),
            models.Index(fields=["office", "stage", "stage_due_at"]),
            models.Index(fields=["household", "type", "stage"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_fen__isnull=True) | models.Q(amount_fen__gt=0),
                name="assistance_amount_positive",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(starts_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="assistance_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return _("Application %(id)s") % {"id": self.pk}

    @property
    def is_open(self) -> bool:
        return self.stage in self.OPEN_STAGES


class AssistanceObjection(models.Model):
    """An objection raised against an application during its public notice (公示异议): it must
    be resolved, on the record, before the application can be approved."""

    class Resolution(models.TextChoices):
        UPHELD = "upheld", _("upheld")
        DISMISSED = "dismissed", _("dismissed")

    application = models.ForeignKey(
        AssistanceApplication,
        on_delete=models.CASCADE,
        related_name="objections",
        verbose_name=_("application"),
    )
    received_on = models.DateField(_("received on"))
    summary = models.TextField(_("what the objection says"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    resolution = models.CharField(
        _("resolution"), max_length=12, choices=Resolution.choices, blank=True
    )
    resolution_note = models.TextField(_("findings"), blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    class Meta:
        ordering = ["received_on", "id"]
        verbose_name = _("objection")
        verbose_name_plural = _("objections")

    def __str__(self) -> str:
        return _("Objection %(id)s") % {"id": self.pk}

    @property
    def is_open(self) -> bool:
        return not self.resolution


class CommunityReview(models.Model):
    """A democratic or hearing review (民主评议 / 听证评议) of an application by village or
    community representatives, where the office requires one: who took part and the result."""

    class Kind(models.TextChoices):
        DEMOCRATIC = "democratic", _("democratic review (民主评议)")
        HEARING = "hearing", _("hearing review (听证评议)")

    class Result(models.TextChoices):
        AGREE = "agree", _("agrees with the application")
        DISAGREE = "disagree", _("disagrees with the application")

    application = models.ForeignKey(
        AssistanceApplication,
        on_delete=models.CASCADE,
        related_name="community_reviews",
        verbose_name=_("application"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    held_on = models.DateField(_("held on"))
    participants = models.JSONField(_("participants"), default=list)
    result = models.CharField(_("result"), max_length=12, choices=Result.choices)
    summary = models.TextField(_("summary"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["held_on", "id"]
        verbose_name = _("community review")
        verbose_name_plural = _("community reviews")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.held_on:%Y-%m-%d}"
