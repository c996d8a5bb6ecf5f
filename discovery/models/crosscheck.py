"""Data cross-checks (数据比对, seed 003 measures 5, 10 and 11): lists from other departments
imported through "专项救助数据导入", compared with the households on record, and the risk
warnings (风险预警) they raise, each disposed of in one of the four ways of seed 003 measure 11.

Nothing of the uploaded file is kept but its content hash and the import's report. A warning
keeps what disposing of it needs: the ID number encrypted (like a household member's), its
keyed hash and its masked form; never the number in clear.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.money import FenField


class CrossCheckImport(models.Model):
    """One imported list: its kind, where it came from, the office it is for, and its report.

    The same file (same content hash) imported again for the same office and kind is the same
    import: a finished one is not repeated, an interrupted one resumes after ``rows_done``.
    """

    class Kind(models.TextChoices):
        MEDICAL_BILLS = "medical_bills", _("large medical bills")
        DISASTER_HIT = "disaster_hit", _("disaster-hit households")
        UNSTABLE_EX_POVERTY = "unstable_ex_poverty", _("unstable ex-poverty households")
        SUDDEN_HARDSHIP = "sudden_hardship", _("sudden severe hardship")
        EDUCATION = "education", _("education assistance")
        DISABILITY = "disability", _("disabled persons' federation list")
        OTHER = "other", _("other department list")

    class Status(models.TextChoices):
        RUNNING = "running", _("importing")
        DONE = "done", _("imported")
        FAILED = "failed", _("stopped")

    office = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        related_name="crosscheck_imports",
        verbose_name=_("office"),
    )
    kind = models.CharField(_("list kind"), max_length=24, choices=Kind.choices)
    source_department = models.CharField(_("source department"), max_length=100)
    file_name = models.CharField(_("file name"), max_length=200)
    content_sha256 = models.CharField(_("content hash (SHA-256)"), max_length=64)
    mapping = models.JSONField(_("column mapping"), default=dict)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.RUNNING
    )
    rows_done = models.PositiveIntegerField(_("rows done"), default=0)
    # About how many rows the file holds (lines of a CSV), for the report's progress bar.
    rows_expected = models.PositiveIntegerField(_("rows expected"), null=True, blank=True)
    rows_read = models.PositiveIntegerField(_("rows read"), default=0)
    rows_imported = models.PositiveIntegerField(_("rows imported"), default=0)
    rows_refused = models.PositiveIntegerField(_("rows refused"), default=0)
    rows_duplicate = models.PositiveIntegerField(_("duplicated rows"), default=0)
    # [{"row": 7, "code": "invalid_check", "reason": "..."}], at most CROSSCHECK_REPORT_ROWS
    refused = models.JSONField(_("refused rows"), default=list)
    warnings_by_type = models.JSONField(_("warnings by type"), default=dict)
    extra_columns = models.JSONField(_("ignored columns"), default=list)
    # Why a background import stopped (status "failed"); uploading the file again resumes it.
    failure = models.CharField(_("why the import stopped"), max_length=500, blank=True)
    # The uploaded files waiting in the private storage for this import (random names): every
    # one is deleted when the import ends, done or stopped (services.crosscheck).
    pending_files = models.JSONField(_("files waiting"), default=list, blank=True)
    # The worker importing the rows and until when it holds the import; renewed with each
    # committed batch. An expired lease means the worker died (crosscheck_imports_recover).
    lease_owner = models.CharField(_("worker"), max_length=100, blank=True)
    lease_expires_at = models.DateTimeField(_("lease expires at"), null=True, blank=True)
    recoveries = models.PositiveSmallIntegerField(_("resumed after a worker stopped"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        db_table = "needs_crosscheckimport"
        ordering = ["-created_at", "-id"]
        verbose_name = _("data cross-check import")
        verbose_name_plural = _("data cross-check imports")
        constraints = [
            models.UniqueConstraint(
                fields=["office", "kind", "content_sha256"], name="crosscheck_import_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.file_name} · #{self.pk}"


class RiskWarning(models.Model):
    """A risk warning (风险预警) raised by one row of an imported list, and its disposition."""

    class Type(models.TextChoices):
        NOT_COVERED = "not_covered", _("not on record")
        NO_OPEN_CASE = "no_open_case", _("on record, no open case")
        NEW_HARDSHIP = "new_hardship", _("covered, new hardship")

    class Disposition(models.TextChoices):
        # The four dispositions of seed 003, measure 11.
        START_PROCEDURE = "start_procedure", _("start the eligibility procedure")
        SUPERVISE = "supervise", _("open a supervision task")
        REFER = "refer", _("refer for the new need")
        END_ASSISTANCE = "end_assistance", _("end assistance")

    crosscheck_import = models.ForeignKey(
        CrossCheckImport,
        on_delete=models.CASCADE,
        related_name="warnings",
        verbose_name=_("data cross-check import"),
    )
    row_number = models.PositiveIntegerField(_("row number"))
    office = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("office")
    )
    region = models.ForeignKey(
        "core.Region",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=pgettext_lazy("place", "county"),
    )
    type = models.CharField(_("warning type"), max_length=16, choices=Type.choices)
    id_number_hash = models.CharField(max_length=64, editable=False)
    id_number_encrypted = models.TextField(editable=False)
    id_number_masked = models.CharField(_("ID number (masked)"), max_length=18, editable=False)
    name = models.CharField(pgettext_lazy("person", "name"), max_length=64, blank=True)
    amount_fen = FenField(_("amount (fen)"), null=True, blank=True)
    event_date = models.DateField(_("date"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    household = models.ForeignKey(
        "needs.Household",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="risk_warnings",
        verbose_name=_("household"),
    )
    case = models.ForeignKey(
        "needs.Case",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="risk_warnings",
        verbose_name=_("case"),
    )
    disposition = models.CharField(
        _("disposition"), max_length=16, choices=Disposition.choices, blank=True
    )
    disposition_note = models.TextField(_("disposition note"), blank=True)
    disposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    disposed_at = models.DateTimeField(_("disposed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        db_table = "needs_riskwarning"
        ordering = ["-created_at", "-id"]
        verbose_name = _("risk warning")
        verbose_name_plural = _("risk warnings")
        constraints = [
            # A resumed or repeated batch never raises a row's warning twice.
            models.UniqueConstraint(
                fields=["crosscheck_import", "row_number"], name="risk_warning_row_once"
            ),
            models.UniqueConstraint(
                fields=["crosscheck_import", "id_number_hash"], name="risk_warning_person_once"
            ),
        ]
        indexes = [models.Index(fields=["region", "disposition", "-created_at"])]

    def __str__(self) -> str:
        return _("Risk warning %(id)s") % {"id": self.pk}
