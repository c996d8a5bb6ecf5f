"""Special inspection of social assistance (社会救助专项治理, seed 004): a campaign over some
offices and a period; each office's self-inspection (自查自纠) against a checklist; spot checks
(实地抽查) of a reproducible random sample of cases with a finding per case; rectification tasks
(整改) with owners and deadlines; and the closing report (总结).

Every change goes through supervision.services_inspections.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class InspectionCampaign(models.Model):
    """One campaign, run by an organising office over offices below it."""

    class Status(models.TextChoices):
        OPEN = "open", _("under way")
        CLOSED = "closed", _("closed")

    title = models.CharField(_("title"), max_length=200)
    organiser = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        related_name="inspections_organised",
        verbose_name=_("organising office"),
    )
    offices = models.ManyToManyField(
        "core.Organisation",
        through="SelfInspection",
        related_name="inspections",
        verbose_name=_("offices inspected"),
    )
    # The period whose work is inspected (e.g. the funds of 2014-2015 in seed 004).
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    self_inspection_due_on = models.DateField(_("self-inspection due on"))
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    closing_report = models.TextField(_("closing report"), blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("inspection campaign")
        verbose_name_plural = _("inspection campaigns")

    def __str__(self) -> str:
        return self.title


class SelfInspection(models.Model):
    """One office's self-inspection in a campaign: the checklist it answers."""

    class Status(models.TextChoices):
        PENDING = "pending", _("awaiting the office's answers")
        SUBMITTED = "submitted", _("submitted")

    campaign = models.ForeignKey(
        InspectionCampaign, on_delete=models.CASCADE, related_name="self_inspections"
    )
    office = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("office")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    summary = models.TextField(_("summary"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    class Meta:
        ordering = ["campaign", "office__name"]
        verbose_name = _("self-inspection")
        verbose_name_plural = _("self-inspections")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "office"], name="self_inspection_once")
        ]

    def __str__(self) -> str:
        return f"{self.campaign} · {self.office}"


class SelfInspectionItem(models.Model):
    """One line of the checklist and the office's answer to it."""

    class Result(models.TextChoices):
        UNANSWERED = "", _("not answered")
        COMPLIANT = "compliant", _("in order")
        PROBLEM = "problem", _("problem found")
        NOT_APPLICABLE = "not_applicable", _("not applicable")

    self_inspection = models.ForeignKey(
        SelfInspection, on_delete=models.CASCADE, related_name="items"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.CharField(_("item"), max_length=300)
    result = models.CharField(
        _("result"), max_length=16, choices=Result.choices, blank=True, default=""
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["self_inspection", "number"]
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        constraints = [
            models.UniqueConstraint(
                fields=["self_inspection", "number"], name="self_inspection_item_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text}"


class SpotCheck(models.Model):
    """A random sample of an office's cases of the campaign's period. The sample is drawn with
    Python's ``random.Random(seed)`` from the case ids in ascending order, so anyone can draw it
    again from the recorded seed and population (supervision.services_inspections)."""

    campaign = models.ForeignKey(
        InspectionCampaign, on_delete=models.CASCADE, related_name="spot_checks"
    )
    office = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("office")
    )
    sample_size = models.PositiveIntegerField(_("sample size"))
    seed = models.BigIntegerField(_("random seed"))
    population = models.PositiveIntegerField(_("cases to draw from"))
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    drawn_at = models.DateTimeField(_("drawn at"), auto_now_add=True)

    class Meta:
        ordering = ["-drawn_at", "-id"]
        verbose_name = _("spot check")
        verbose_name_plural = _("spot checks")

    def __str__(self) -> str:
        return f"{self.campaign} · {self.office} · {self.sample_size}"


class SpotCheckCase(models.Model):
    """One sampled case and the inspectors' finding on it."""

    class Finding(models.TextChoices):
        PENDING = "", _("not checked yet")
        IN_ORDER = "in_order", _("in order")
        PROBLEM = "problem", _("problem found")

    spot_check = models.ForeignKey(SpotCheck, on_delete=models.CASCADE, related_name="cases")
    case = models.ForeignKey("needs.Case", on_delete=models.PROTECT, related_name="+")
    position = models.PositiveIntegerField(_("position in the sample"))
    finding = models.CharField(
        _("finding"), max_length=12, choices=Finding.choices, blank=True, default=""
    )
    note = models.TextField(_("note"), blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    checked_at = models.DateTimeField(_("checked at"), null=True, blank=True)

    class Meta:
        ordering = ["spot_check", "position"]
        verbose_name = _("sampled case")
        verbose_name_plural = _("sampled cases")
        constraints = [
            models.UniqueConstraint(fields=["spot_check", "case"], name="spot_check_case_once")
        ]

    def __str__(self) -> str:
        return f"{self.spot_check} · {self.case}"


class RectificationTask(models.Model):
    """Something an inspected office must put right (整改), by a date, owned by one person."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        DONE = "done", _("done")

    campaign = models.ForeignKey(
        InspectionCampaign, on_delete=models.CASCADE, related_name="rectifications"
    )
    office = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("office")
    )
    finding = models.ForeignKey(
        SpotCheckCase,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rectifications",
        verbose_name=_("finding"),
    )
    description = models.TextField(_("what to put right"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="rectifications",
        verbose_name=_("owner"),
    )
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    done_note = models.TextField(_("what was done"), blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("rectification task")
        verbose_name_plural = _("rectification tasks")

    def __str__(self) -> str:
        return f"{self.office} · {self.due_on:%Y-%m-%d}"
