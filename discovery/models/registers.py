"""Active discovery (主动发现, seed 003): the 12349 hotline register (热线台账), visits of
routine surveys (摸底排查) with their schedules for key-group households (必到必访), and
applications filed on someone's behalf (代办帮办).

A caller's name and phone numbers are encrypted at rest like ID numbers (needs/crypto.py);
every read of them by staff is recorded (DESIGN.md 7.1). Visits hang on a household, whose
personal data stays where it always is.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from needs.models.cases import Case
from needs.models.households import KEY_GROUPS


class HotlineCall(models.Model):
    """One call to the 12349 social-assistance hotline, as the register records it: who called
    (encrypted), about whom and where, what they need, and what became of it. Whoever takes
    the call owns it (首问负责制) until it is called back, answered, or made into a case, within
    the time limits (限时办结)."""

    class Status(models.TextChoices):
        OPEN = "open", _("waiting for call-back")
        CALLED_BACK = "called_back", _("called back")
        CASE = "case", _("became a case")
        CLOSED = "closed", _("answered without a case")

    # A case's categories plus a policy question: read from Case.Category so the two never
    # drift apart (making a case of a call takes its topic as the case's category).
    Topic = models.TextChoices(
        "Topic",
        [
            *((c.name, (c.value, c.label)) for c in Case.Category if c != Case.Category.OTHER),
            ("POLICY", ("policy", _("policy question"))),
            ("OTHER", ("other", _("other"))),
        ],
    )

    OPEN_STATUSES = (Status.OPEN, Status.CALLED_BACK)

    caller_name_encrypted = models.TextField(_("caller's name (encrypted)"), editable=False)
    caller_phone_encrypted = models.TextField(_("caller's phone (encrypted)"), editable=False)
    caller_phone_hash = models.CharField(max_length=64, db_index=True, editable=False)
    callback_phone_encrypted = models.TextField(
        _("call-back number (encrypted)"), blank=True, editable=False
    )
    region = models.ForeignKey(
        "core.Region",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=pgettext_lazy("place", "county"),
        limit_choices_to={"level": 3},
    )
    township = models.CharField(_("township or street"), max_length=64, blank=True)
    topic = models.CharField(_("what it is about"), max_length=16, choices=Topic.choices)
    need = models.TextField(_("what they need"))
    office = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        related_name="hotline_calls",
        verbose_name=_("office"),
    )
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("taken by (first contact)"),
    )
    received_at = models.DateTimeField(_("received at"), db_index=True)
    callback_due_at = models.DateTimeField(_("call back by"))
    result_due_at = models.DateTimeField(_("result due by"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    called_back_at = models.DateTimeField(_("called back at"), null=True, blank=True)
    called_back_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    callback_note = models.TextField(_("call-back note"), blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    case = models.OneToOneField(
        Case,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hotline_call",
        verbose_name=_("case"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        db_table = "needs_hotlinecall"
        ordering = ["-received_at", "-id"]
        verbose_name = _("hotline call")
        verbose_name_plural = _("hotline calls")
        indexes = [models.Index(fields=["region", "status", "-received_at"])]

    def __str__(self) -> str:
        return _("Hotline call %(id)s") % {"id": self.pk}

    def is_callback_overdue(self, now) -> bool:
        return self.status == self.Status.OPEN and self.callback_due_at < now

    def is_result_overdue(self, now) -> bool:
        return self.status in self.OPEN_STATUSES and self.result_due_at < now


class Visit(models.Model):
    """A visit to a household in a routine or concentrated survey (摸底排查): who went, what
    they saw, which key groups apply and whether the household needs help now."""

    class Visitor(models.TextChoices):
        GRID_WORKER = "grid_worker", _("grid worker")
        CASEWORKER = "caseworker", _("caseworker")
        ASSISTANT = "assistant", _("village social-assistance assistant")
        SOCIAL_WORKER = "social_worker", _("social worker or volunteer")

    household = models.ForeignKey(
        "needs.Household",
        on_delete=models.PROTECT,
        related_name="visits",
        verbose_name=_("household"),
    )
    region = models.ForeignKey(
        "core.Region",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=pgettext_lazy("place", "county"),
    )
    office = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        related_name="visits",
        verbose_name=_("office"),
    )
    visitor_kind = models.CharField(_("visited by"), max_length=16, choices=Visitor.choices)
    visitor_name = models.CharField(_("visitor's name"), max_length=64, blank=True)
    visited_on = models.DateField(_("visited on"), db_index=True)
    observations = models.TextField(_("observations"))
    kg_elderly_disabled_ill = models.BooleanField(KEY_GROUPS[0][1], default=False)
    kg_no_work_capacity = models.BooleanField(KEY_GROUPS[1][1], default=False)
    kg_unstable_ex_poverty = models.BooleanField(KEY_GROUPS[2][1], default=False)
    kg_earlier_applicant = models.BooleanField(KEY_GROUPS[3][1], default=False)
    kg_hotline_caller = models.BooleanField(KEY_GROUPS[4][1], default=False)
    kg_disaster_hit = models.BooleanField(KEY_GROUPS[5][1], default=False)
    kg_hardship_after_relief = models.BooleanField(KEY_GROUPS[6][1], default=False)
    kg_other = models.BooleanField(KEY_GROUPS[7][1], default=False)
    needs_help = models.BooleanField(_("needs help now"), default=False)
    case = models.OneToOneField(
        Case,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="visit",
        verbose_name=_("case"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    # "Needs help now" waits on the 待办 of the office that covers the household's village
    # (the township's, else the county's), set when the visit is recorded, until a case is
    # made for the household or a caseworker marks the call for help dealt with.
    help_office = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("office to act on the call for help"),
    )
    help_dealt_with_at = models.DateTimeField(
        _("call for help dealt with at"), null=True, blank=True
    )
    help_dealt_with_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("call for help dealt with by"),
    )
    help_dealt_with_note = models.TextField(_("what was done"), blank=True)

    class Meta:
        db_table = "needs_visit"
        ordering = ["-visited_on", "-id"]
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        indexes = [models.Index(fields=["region", "-visited_on"])]

    def __str__(self) -> str:
        return _("Visit %(id)s") % {"id": self.pk}

    @property
    def key_groups(self) -> list[str]:
        return [name for name, _label in KEY_GROUPS if getattr(self, name)]


class VisitSchedule(models.Model):
    """The routine-visit schedule (必到必访) of one key-group household: visited every
    ``interval_days``; a visit moves ``next_due_on``."""

    household = models.OneToOneField(
        "needs.Household",
        on_delete=models.PROTECT,
        related_name="visit_schedule",
        verbose_name=_("household"),
    )
    region = models.ForeignKey(
        "core.Region",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=pgettext_lazy("place", "county"),
    )
    office = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        related_name="visit_schedules",
        verbose_name=_("office"),
    )
    interval_days = models.PositiveSmallIntegerField(_("visit every (days)"))
    last_visited_on = models.DateField(_("last visited on"), null=True, blank=True)
    next_due_on = models.DateField(_("next visit due"), db_index=True)
    is_active = models.BooleanField(_("active"), default=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        db_table = "needs_visitschedule"
        ordering = ["next_due_on", "id"]
        verbose_name = _("routine-visit schedule")
        verbose_name_plural = _("routine-visit schedules")
        indexes = [models.Index(fields=["region", "is_active", "next_due_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(interval_days__gte=1), name="visit_interval_at_least_one_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.household} · {self.next_due_on:%Y-%m-%d}"


class ProxyApplication(models.Model):
    """A case filed on behalf of someone who wants help but cannot apply (代办帮办, seed 003
    measure 12): for whom, why they cannot apply themselves, and who filed it."""

    class Reason(models.TextChoices):
        ELDERLY = "elderly", _("old age or frailty")
        DISABILITY = "disability", _("disability")
        ILLNESS = "illness", _("serious illness")
        MINOR = "minor", _("a minor without a guardian at hand")
        LITERACY = "literacy", _("cannot read or use the application channels")
        OTHER = "other", _("other reason")

    case = models.OneToOneField(
        Case, on_delete=models.PROTECT, related_name="proxy_application", verbose_name=_("case")
    )
    filed_for_name = models.CharField(_("filed for"), max_length=64)
    reason = models.CharField(_("why they cannot apply"), max_length=16, choices=Reason.choices)
    reason_note = models.TextField(_("details"), blank=True)
    proxy_name = models.CharField(_("proxy's name"), max_length=64)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    filed_at = models.DateTimeField(_("filed at"), auto_now_add=True)

    class Meta:
        db_table = "needs_proxyapplication"
        ordering = ["-filed_at", "-id"]
        verbose_name = _("proxy application")
        verbose_name_plural = _("proxy applications")

    def __str__(self) -> str:
        return str(self.case)
