"""Cases (急难个案) and what happens to them: relief, hand-overs, conferences, deadlines."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.money import FenField
from projects.conditions import Condition, Sex


class Case(models.Model):
    """One household's urgent situation, handled end to end by one responsible office."""

    class Channel(models.TextChoices):
        HOTLINE = "hotline", _("hotline 12349")
        GRID_WORKER = "grid_worker", _("grid worker")
        WALK_IN = "walk_in", _("walk-in")
        PETITION = "petition", _("petition")
        PUBLIC_REPORT = "public_report", _("public report")
        DATA_CROSS_CHECK = "data_cross_check", _("data cross-check")
        PROXY = "proxy", _("proxy application")
        # Filed by the person (or someone helping them) on the public site's 我要求助 form,
        # never by staff (needs.services.applications).
        ONLINE = "online", _("online application")
        # The other intake channels seed 000 names (政府网站、心愿墙、QQ群、微信群、群众信箱):
        # messages picked up by staff from these and entered as cases.
        WECHAT_GROUP = "wechat_group", _("WeChat group")
        QQ_GROUP = "qq_group", _("QQ group")
        WISH_WALL = "wish_wall", _("wish wall")
        MAILBOX = "mailbox", _("public mailbox")
        # A finding of a concentrated survey (集中排查, discovery.services.surveys).
        SURVEY = "survey", _("concentrated survey")

    class Category(models.TextChoices):
        DISASTER = "disaster", _("sudden disaster")
        ACCIDENT = "accident", _("accident or injury")
        ILLNESS = "illness", _("grave illness")
        FIRE = "fire", _("fire")
        BREADWINNER = "breadwinner", _("death or loss of the breadwinner")
        CHILD = "child", _("child in distress")
        OTHER = "other", _("other")

    class Urgency(models.IntegerChoices):
        NORMAL = 1, _("normal")
        URGENT = 2, _("urgent")
        CRITICAL = 3, _("critical")

    class Status(models.TextChoices):
        REPORTED = "reported", _("reported")
        ACCEPTED = "accepted", _("accepted")
        ASSESSED = "assessed", _("assessed")
        RELIEVED = "relieved", _("relief given")
        REFERRED = "referred", _("referred")
        CLOSED = "closed", _("closed")

    class Outcome(models.TextChoices):
        RESOLVED_WITH_HELP = "resolved_with_help", _("resolved with help")
        RESOLVED_WITHOUT = "resolved_without", _("resolved without help")
        WITHDRAWN = "withdrawn", _("withdrawn")
        NOT_ELIGIBLE = "not_eligible", _("not eligible")

    # Null until the case's id numbers it, just after the insert: an empty string would be a
    # value of the unique index, and every concurrent report would wait for the one before.
    number = models.CharField(_("case number"), max_length=32, unique=True, null=True, blank=True)
    household = models.ForeignKey(
        "needs.Household",
        on_delete=models.PROTECT,
        related_name="cases",
        verbose_name=_("household"),
    )
    region = models.ForeignKey(
        "core.Region",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=pgettext_lazy("place", "county"),
    )
    channel = models.CharField(_("discovery channel"), max_length=24, choices=Channel.choices)
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    narrative = models.TextField(_("what happened"))
    urgency = models.PositiveSmallIntegerField(
        _("urgency"), choices=Urgency.choices, default=Urgency.NORMAL
    )
    is_emergency = models.BooleanField(_("emergency"), default=False)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.REPORTED, db_index=True
    )
    responsible_office = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        related_name="responsible_cases",
        verbose_name=_("responsible office"),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="owned_cases",
        verbose_name=_("first-contact owner"),
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    assessed_need_fen = FenField(_("assessed need (fen)"), null=True, blank=True)
    assessed_gap_fen = FenField(
        _("gap at assessment (fen)"),
        null=True,
        blank=True,
        help_text=_(
            "What the household's own means, insurance and other schemes leave uncovered, as "
            "assessed: before the relief recorded here and before charity money."
        ),
    )
    # Derived (needs.gap): written only by needs.gap.gap_refresh, with the public Need's copy.
    remaining_gap_fen = FenField(
        _("remaining gap (fen)"),
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "The gap at assessment less the government relief in effect and the charity money "
            "committed, never below zero; empty before the assessment. The same figure on "
            "every screen."
        ),
    )
    # The patient's facts as assessed, which projects' structured limits read (search.policy):
    # a condition category, never the diagnosis (projects.conditions).
    condition = models.CharField(
        _("condition category"),
        max_length=32,
        blank=True,
        choices=Condition.choices,
    )
    patient_age = models.PositiveSmallIntegerField(_("patient's age"), null=True, blank=True)
    patient_sex = models.CharField(
        _("patient's sex"), max_length=8, blank=True, choices=Sex.choices
    )
    disability_kind = models.CharField(
        _("patient's kind of disability"),
        max_length=32,
        blank=True,
        choices=[(c, label) for c, label in Condition.choices if c.startswith("disability_")],
    )
    disability_grade = models.PositiveSmallIntegerField(
        _("patient's disability grade"), null=True, blank=True
    )
    hukou_elsewhere = models.BooleanField(
        _("household registered (户籍) outside the case's county"), default=False
    )
    needs_rematch = models.BooleanField(_("needs a new match"), default=False)
    next_due_at = models.DateTimeField(
        _("next deadline"),
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "The earliest unmet deadline of the case's steps; kept by the deadline services."
        ),
    )
    outcome = models.CharField(_("outcome"), max_length=24, choices=Outcome.choices, blank=True)
    outcome_note = models.TextField(_("outcome note"), blank=True)
    reported_at = models.DateTimeField(_("reported at"), auto_now_add=True, db_index=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    assessed_at = models.DateTimeField(_("assessed at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        ordering = ["-reported_at", "-id"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        # Lists are always narrowed to a jurisdiction (regions) first, then filtered: these
        # cover the usual filters and their counts (bench/cases_api.py).
        indexes = [
            models.Index(fields=["region", "status", "-reported_at"]),
            models.Index(fields=["region", "category", "status", "-reported_at"]),
            models.Index(fields=["region", "channel", "status", "-reported_at"]),
            models.Index(fields=["region", "next_due_at", "category", "status", "-reported_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(remaining_gap_fen__isnull=True)
                | models.Q(assessed_need_fen__isnull=True)
                | models.Q(remaining_gap_fen__lte=models.F("assessed_need_fen")),
                name="case_gap_within_need",
            ),
            models.CheckConstraint(
                condition=models.Q(assessed_gap_fen__isnull=True)
                | models.Q(assessed_need_fen__isnull=True)
                | models.Q(assessed_gap_fen__lte=models.F("assessed_need_fen")),
                name="case_assessed_gap_within_need",
            ),
        ]

    def __str__(self) -> str:
        return self.number or f"#{self.pk}"


class ReliefPolicy(models.Model):
    """An office's own ceilings; without one, the platform defaults in settings apply."""

    office = models.OneToOneField(
        "core.Organisation", on_delete=models.CASCADE, related_name="relief_policy"
    )
    ceiling_fen = FenField(_("normal relief ceiling (fen)"))
    advance_ceiling_fen = FenField(_("advance relief ceiling (fen)"))

    class Meta:
        verbose_name = _("relief policy")
        verbose_name_plural = _("relief policies")

    def __str__(self) -> str:
        return str(self.office)


class ReliefGrant(models.Model):
    """Temporary relief (临时救助) given to a case; advance relief (先行救助) comes first and
    its paperwork follows. Above the office's ceiling a supervisor must approve (一事一议)."""

    class Kind(models.TextChoices):
        TEMPORARY = "temporary", _("temporary relief")
        ADVANCE = "advance", _("advance relief")

    class Status(models.TextChoices):
        GRANTED = "granted", _("granted")
        PENDING_APPROVAL = "pending_approval", _("awaiting approval")
        APPROVED = "approved", _("approved above the ceiling")
        REFUSED = "refused", _("refused")

    class PaidVia(models.TextChoices):
        BANK_TRANSFER = "bank_transfer", _("bank transfer")
        SOCIAL_SECURITY_CARD = "social_security_card", _("social security card (一卡通)")
        CASH = "cash", _("cash against signature")

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="relief_grants")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    # The cash part, paid from the office's budget through the ledger; 0 when only goods
    # were given.
    amount_fen = FenField(_("amount (fen)"))
    # The goods given (实物救助), if any: the item, how many, and their value for the
    # accounts. Goods are not money: their value counts as relief in the case's gap and in the
    # reports, never as a ledger posting (DESIGN.md 7.2; needs.services.relief).
    in_kind = models.CharField(_("in-kind relief"), max_length=200, blank=True)
    goods_quantity = models.PositiveIntegerField(_("quantity of goods"), null=True, blank=True)
    goods_unit = models.CharField(_("unit of the goods"), max_length=20, blank=True)
    goods_value_fen = FenField(_("value of the goods (fen)"), default=0)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    reason = models.TextField(_("reason"), blank=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    granted_at = models.DateTimeField(_("granted at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_reason = models.TextField(_("deliberation (一事一议) reason"), blank=True)
    paperwork_completed_at = models.DateTimeField(
        _("paperwork completed at"), null=True, blank=True
    )
    # How the household was paid and the proof (a bank or card transaction number, a receipt
    # number): cash relief is booked from the office's budget when it takes effect.
    paid_via = models.CharField(_("paid via"), max_length=24, choices=PaidVia.choices, blank=True)
    payment_reference = models.CharField(_("proof of payment"), max_length=100, blank=True)
    paid_at = models.DateTimeField(_("payment recorded at"), null=True, blank=True)

    class Meta:
        ordering = ["granted_at", "id"]
        verbose_name = _("relief grant")
        verbose_name_plural = _("relief grants")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_fen__gte=0, goods_value_fen__gte=0)
                & (models.Q(amount_fen__gt=0) | models.Q(goods_value_fen__gt=0)),
                name="relief_cash_or_goods",
            )
        ]

    def __str__(self) -> str:
        return f"{self.case} · {self.get_kind_display()} · {self.amount_fen}"

    @property
    def is_effective(self) -> bool:
        return self.status in (self.Status.GRANTED, self.Status.APPROVED)

    @property
    def is_cash(self) -> bool:
        """Whether money was given (and booked from the budget): the goods of the grant, if
        any, stay outside the money ledger."""
        return self.amount_fen > 0

    @property
    def value_fen(self) -> int:
        """What the grant is worth to the household: cash and goods' value."""
        return self.amount_fen + self.goods_value_fen


class CaseHandover(models.Model):
    """A recorded hand-over: the only way ownership of a case moves (首问负责制).

    It goes to the receiving office as a request: the case stays with the sending office
    (read-only there) until a caseworker or supervisor of the receiving office accepts it;
    then the responsible office, the county when the receiver is a county office, and the
    owner move (needs.services.handovers). Declined, with a reason, it stays where it was;
    withdrawn by the sending office before an answer, too."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for the receiving office")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")
        # The sending office took it back before the receiving office answered.
        WITHDRAWN = "withdrawn", _("withdrawn by the sending office")

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="handovers")
    from_office = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("from office"),
    )
    to_office = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("to office"),
    )
    from_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    reason = models.TextField(_("reason"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("handed over by"),
    )
    at = models.DateTimeField(_("handed over at"), auto_now_add=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=Status.choices,
        default=Status.PENDING,
        db_index=True,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("case hand-over")
        verbose_name_plural = _("case hand-overs")
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(status="pending"),
                name="handover_one_pending_per_case",
            )
        ]
        indexes = [models.Index(fields=["to_office", "status"])]

    def __str__(self) -> str:
        return f"{self.case} → {self.to_office}"


class CaseConference(models.Model):
    """A case conference (会商 / 联席会议) on a complex case: who decided what, and next steps."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="conferences")
    held_on = models.DateField(_("held on"))
    participants = models.JSONField(_("participants"), default=list)
    decision = models.TextField(_("decision"))
    follow_ups = models.TextField(_("follow-ups"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["held_on", "id"]

    def __str__(self) -> str:
        return f"{self.case} · {self.held_on}"


class CaseDeadline(models.Model):
    """A step that must be done by a time (限时办结); the overdue sweep escalates it."""

    class Step(models.TextChoices):
        ACCEPT = "accept", _("accept the case")
        ADVANCE_RELIEF = "advance_relief", _("give advance relief")
        ADVANCE_RELIEF_PAPERWORK = (
            "advance_relief_paperwork",
            _("complete advance-relief paperwork"),
        )
        REFERRAL_ANSWER = "referral_answer", _("answer the referral")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="deadlines")
    step = models.CharField(_("step"), max_length=32, choices=Step.choices)
    referral = models.ForeignKey(
        "needs.Referral", on_delete=models.CASCADE, null=True, blank=True, related_name="deadlines"
    )
    relief_grant = models.ForeignKey(
        ReliefGrant, on_delete=models.CASCADE, null=True, blank=True, related_name="deadlines"
    )
    due_at = models.DateTimeField(_("due at"), db_index=True)
    met_at = models.DateTimeField(_("met at"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)

    class Meta:
        ordering = ["due_at"]
        indexes = [
            models.Index(fields=["met_at", "due_at"]),
            # "Is this case overdue?" for each case of a list page.
            models.Index(fields=["case", "met_at", "due_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.case} · {self.get_step_display()} · {self.due_at:%Y-%m-%d %H:%M}"
