"""Data cross-checks (数据比对, seed 003 measures 5 and 10, "专项救助数据导入"): import
another department's list, compare it with the households on record and raise a risk warning
for each person not covered or newly in hardship. Their dispositions are in risk_warnings.py.

The import commits batch by batch and records its progress, so an interrupted import resumes
where it stopped; the same file imported again changes nothing.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import socket
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.jurisdiction import GOVERNMENT_ROLES, scope_for
from core.models import Organisation, Region
from core.money import yuan_to_fen
from discovery import crosscheck_files as files
from discovery.models import CrossCheckImport, RiskWarning
from needs.crypto import encrypt_id_number, id_number_hash, mask_id_number
from needs.identifiers import validate_id_number
from needs.models import Case, HouseholdMember
from needs.services.rules import refuse

logger = logging.getLogger(__name__)

Kind = CrossCheckImport.Kind
Type = RiskWarning.Type

# Which case category a list's kind suggests when a procedure starts from it.
KIND_CATEGORY = {
    Kind.MEDICAL_BILLS: Case.Category.ILLNESS,
    Kind.DISASTER_HIT: Case.Category.DISASTER,
}
_DATE_RE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")


@dataclass
class ImportOutcome:
    crosscheck_import: CrossCheckImport
    already_imported: bool = False
    resumed: bool = False


def require_government_scope(user, region: Region, message: str) -> None:
    scope = scope_for(user, roles=GOVERNMENT_ROLES)
    if scope.is_empty or not scope.covers_region(region):
        raise PermissionDenied(message)


def _size_of(stream: IO[bytes]) -> int:
    size = getattr(stream, "size", None)
    if size is None:
        stream.seek(0, 2)
        size = stream.tell()
        stream.seek(0)
    return size


def _validate_upload(*, by, office: Organisation, kind: str, source_department: str, stream):
    require_government_scope(by, office.region, _("This office is not in your jurisdiction."))
    if not office.is_government:
        refuse("office", _("Lists are imported for a government office."), "not_government")
    if kind not in Kind.values:
        refuse("kind", _("Choose a list kind."), "invalid_choice")
    if not (source_department or "").strip():
        refuse("source_department", _("This field is required."), "required")
    size = _size_of(stream)  # before reading a byte of it
    if size == 0:
        refuse("file", _("The file is empty."), "empty")
    limit = settings.CROSSCHECK_MAX_UPLOAD_BYTES
    if size > limit:
        refuse(
            "file",
            _("The file is larger than %(limit)s MB; split it into smaller files.")
            % {"limit": limit // (1024 * 1024) or 1},
            "too_large",
        )


def crosscheck_import(
    *,
    by,
    office: Organisation,
    kind: str,
    source_department: str,
    stream: IO[bytes],
    file_name: str,
    mapping: dict[str, str] | None = None,
    batch_size: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> ImportOutcome:
    """Import one list (CSV or .xlsx) for ``office``, raising a risk warning for each person
    not covered or newly in hardship. Bad rows are refused one by one with their row number;
    a missing required column refuses the whole file before anything is written.

    All at once (the command, the benchmark); the upload screen calls the two halves,
    ``crosscheck_import_prepare`` in the request and ``crosscheck_import_run`` in a task."""
    outcome, sheet = _prepare(
        by=by,
        office=office,
        kind=kind,
        source_department=source_department,
        stream=stream,
        file_name=file_name,
        mapping=mapping,
    )
    if sheet is None:
        return outcome
    try:
        _run(outcome.crosscheck_import, sheet, batch_size, progress, new_worker_id())
    finally:
        sheet.close()
    return outcome


def crosscheck_import_prepare(
    *,
    by,
    office: Organisation,
    kind: str,
    source_department: str,
    stream: IO[bytes],
    file_name: str,
    mapping: dict[str, str] | None = None,
) -> ImportOutcome:
    """What the upload screen checks before it hands the file to a background task: the
    permission, the file's size, kind and columns; then the import record, new or resumed
    (an interrupted or stopped one). Reads the headers, not the rows."""
    outcome, sheet = _prepare(
        by=by,
        office=office,
        kind=kind,
        source_department=source_department,
        stream=stream,
        file_name=file_name,
        mapping=mapping,
    )
    if sheet is not None:
        sheet.close()
    stream.seek(0)
    return outcome


def crosscheck_import_run(
    record: CrossCheckImport,
    stream: IO[bytes],
    *,
    batch_size: int | None = None,
    progress: Callable[[int], None] | None = None,
    worker: str | None = None,
) -> CrossCheckImport:
    """Import the rows of a prepared import's file (its background task), from where it
    stopped, holding the import's lease as ``worker``. A finished import is left as it is."""
    record.refresh_from_db()
    if record.status == CrossCheckImport.Status.DONE:
        return record
    sha256, _size = files.content_hash(stream)
    if sha256 != record.content_sha256:
        refuse("file", _("This is not the file this import was started with."), "other_file")
    sheet = files.open_sheet(stream, record.file_name)
    try:
        _run(record, sheet, batch_size, progress, worker or new_worker_id())
    finally:
        sheet.close()
    record.refresh_from_db()
    return record


def crosscheck_import_fail(record: CrossCheckImport, reason: str) -> None:
    """A background import stopped: say why on its report (uploading the file again resumes
    it). A finished import stays finished."""
    with transaction.atomic():
        locked = CrossCheckImport.objects.select_for_update().get(pk=record.pk)
        if locked.status == CrossCheckImport.Status.DONE:
            return
        locked.status = CrossCheckImport.Status.FAILED
        locked.failure = reason[:500]
        locked.lease_owner, locked.lease_expires_at = "", None
        locked.save(update_fields=["status", "failure", "lease_owner", "lease_expires_at"])
        audit_record(
            actor=locked.created_by,
            action="crosscheck.import.fail",
            obj=locked,
            changes={"rows_done": (None, locked.rows_done), "failure": (None, locked.failure)},
        )
    crosscheck_import_delete_files(record.pk)


def _prepare(*, by, office, kind, source_department, stream, file_name, mapping):
    """(outcome, open sheet); the sheet is None for a file already imported."""
    _validate_upload(
        by=by, office=office, kind=kind, source_department=source_department, stream=stream
    )
    sha256, _size = files.content_hash(stream)
    record = CrossCheckImport.objects.filter(
        office=office, kind=kind, content_sha256=sha256
    ).first()
    if record is not None and record.status == CrossCheckImport.Status.DONE:
        return ImportOutcome(record, already_imported=True), None

    expected = files.estimate_rows(stream, file_name) if record is None else None
    sheet = files.open_sheet(stream, file_name)  # reads on from the start: count before it
    try:
        columns, extra = files.resolve_mapping(
            sheet.headers, record.mapping if record is not None else mapping
        )
        resumed = record is not None
        if resumed:
            with transaction.atomic():
                record = CrossCheckImport.objects.select_for_update().get(pk=record.pk)
                if record.status == CrossCheckImport.Status.FAILED:
                    record.status = CrossCheckImport.Status.RUNNING
                    record.failure = ""
                    record.save(update_fields=["status", "failure"])
                audit_record(
                    actor=by,
                    action="crosscheck.import.resume",
                    obj=record,
                    changes={"rows_done": (None, record.rows_done)},
                )
        else:
            record = _import_start(
                by=by,
                office=office,
                kind=kind,
                source_department=source_department.strip(),
                file_name=file_name,
                sha256=sha256,
                mapping={name: sheet.headers[index] for name, index in columns.items()},
                extra=extra,
                rows_expected=expected,
            )
    except BaseException:
        sheet.close()
        raise
    return ImportOutcome(record, resumed=resumed), sheet


def _run(record, sheet, batch_size, progress, worker: str) -> None:
    columns, _extra = files.resolve_mapping(sheet.headers, record.mapping)
    if not _claim(record, worker):
        return  # finished meanwhile
    try:
        _import_rows(
            record, sheet, columns, batch_size or settings.CROSSCHECK_BATCH_SIZE, progress, worker
        )
    except BaseException:
        # Stopped, not dead: give the lease back at once, so that running the import again
        # (or uploading the file again) resumes it without waiting for the lease to expire.
        CrossCheckImport.objects.filter(pk=record.pk, lease_owner=worker).update(
            lease_owner="", lease_expires_at=None
        )
        raise


def _import_start(
    *, by, office, kind, source_department, file_name, sha256, mapping, extra, rows_expected=None
):
    try:
        with transaction.atomic():
            record = CrossCheckImport.objects.create(
                office=office,
                kind=kind,
                source_department=source_department[:100],
                file_name=file_name[-200:],
                content_sha256=sha256,
                mapping=mapping,
                extra_columns=extra,
                rows_expected=rows_expected,
                created_by=by,
            )
            audit_record(
                actor=by,
                action="crosscheck.import",
                obj=record,
                changes={"kind": (None, kind), "office": (None, office.pk)},
            )
            return record
    except IntegrityError:  # the same file started at the same moment elsewhere
        return CrossCheckImport.objects.get(office=office, kind=kind, content_sha256=sha256)


@dataclass
class _Row:
    number: int
    id_number: str
    id_hash: str
    name: str = ""
    region_text: str = ""
    amount_fen: int | None = None
    event_date: dt.date | None = None
    note: str = ""


class _Refusal(Exception):
    def __init__(self, code: str, reason: str):
        super().__init__(reason)
        self.code, self.reason = code, reason


def _cell(cells: list[str], columns: dict[str, int], name: str) -> str:
    index = columns.get(name)
    return cells[index].strip() if index is not None and index < len(cells) else ""


def _parse_date(text: str) -> dt.date:
    compact = text.strip()
    if re.fullmatch(r"\d{8}", compact):
        compact = f"{compact[:4]}-{compact[4:6]}-{compact[6:]}"
    match = _DATE_RE.match(compact.split(" ")[0].split("T")[0])
    if not match:
        raise ValueError(text)
    return dt.date(*(int(part) for part in match.groups()))


_UNREADABLE = "\x00unreadable"


def _parse_row(number: int, cells: list[str], columns: dict[str, int], today: dt.date) -> _Row:
    if cells == [_UNREADABLE]:
        raise _Refusal("unreadable", _("This row cannot be read (a cell is too long or broken)."))
    raw_id = _cell(cells, columns, "id_number")
    if re.fullmatch(r"\d(\.\d+)?e\+\d+", raw_id):
        raise _Refusal(
            "id_as_number",
            _(
                "The ID number was stored as a number and lost its last digits: format the "
                "column as text in Excel and export the list again."
            ),
        )
    if not raw_id:
        raise _Refusal("missing_id", _("The ID number is missing."))
    try:
        id_number = validate_id_number(raw_id, today=today)
    except ValidationError as error:
        raise _Refusal(error.code or "invalid_id", error.messages[0]) from None
    row = _Row(number=number, id_number=id_number, id_hash=id_number_hash(id_number))
    row.name = _cell(cells, columns, "name")[:64]
    row.region_text = _cell(cells, columns, "region")
    row.note = _cell(cells, columns, "note")[:500]
    amount = _cell(cells, columns, "amount").replace("元", "").replace("，", ",")
    if amount:
        try:
            row.amount_fen = yuan_to_fen(amount)
        except ValidationError as error:
            raise _Refusal("invalid_amount", error.messages[0]) from None
    date = _cell(cells, columns, "date")
    if date:
        try:
            row.event_date = _parse_date(date)
        except ValueError:
            raise _Refusal(
                "invalid_date", _("Enter the date as YYYY-MM-DD (or 2024年3月5日).")
            ) from None
    return row


class _Batch:
    """What one import keeps between rows: the people seen (duplicates), the office's regions
    and the report's counters, written to the import record with each committed batch."""

    def __init__(self, record: CrossCheckImport, columns: dict[str, int], worker: str):
        self.record = record
        self.worker = worker
        self.columns = columns
        self.seen: dict[str, int] = {}
        self.today = timezone.localdate()  # once, not per row (ID birth dates are checked to it)
        office_region = record.office.region
        regions = [office_region, *office_region.descendants()]
        self.regions = {r.code: r for r in regions} | {r.name: r for r in regions}
        self.region_paths = {r.code: r.path for r in regions}
        self.rows: list[_Row] = []
        self.refused: list[dict] = []
        self.read = self.imported = self.duplicate = 0
        self.last_row = record.rows_done

    def refuse(self, number: int, code: str, reason: str) -> None:
        self.refused.append({"row": number, "code": code, "reason": reason})

    def take(self, number: int, cells: list[str]) -> None:
        self.read += 1
        self.last_row = number
        try:
            row = _parse_row(number, cells, self.columns, self.today)
        except _Refusal as refusal:
            self.refuse(number, refusal.code, refusal.reason)
            return
        first = self.seen.get(row.id_hash)
        if first is not None:
            self.duplicate += 1
            self.refuse(number, "duplicate", _("Same ID number as row %(row)s.") % {"row": first})
            return
        self.seen[row.id_hash] = number
        self.rows.append(row)

    def remember(self, number: int, cells: list[str]) -> None:
        """A row committed before an interruption: only who it was, for the duplicate check."""
        try:
            row = _parse_row(number, cells, self.columns, self.today)
        except _Refusal:
            return
        self.seen.setdefault(row.id_hash, number)

    @property
    def size(self) -> int:
        return self.read

    def commit(self) -> None:
        """Raise this batch's warnings and store the progress, in one transaction."""
        record = self.record
        with transaction.atomic():
            # Under the import's row lock: if another process imported the same file at the
            # same time and got further, stop rather than race it (its warnings stand).
            done, owner = (
                CrossCheckImport.objects.select_for_update()
                .values_list("rows_done", "lease_owner")
                .get(pk=record.pk)
            )
            # A worker whose lease was taken over (it was thought dead) stops here too.
            if done != record.rows_done or owner != self.worker:
                refuse(
                    "file",
                    _("This list is being imported elsewhere at this moment; look at its report."),
                    "import_in_progress",
                )
            self._refuse_people_elsewhere()
            warnings = self._warnings()
            RiskWarning.objects.bulk_create(warnings)
            counts = dict(record.warnings_by_type)
            for warning in warnings:
                counts[warning.type] = counts.get(warning.type, 0) + 1
            room = max(settings.CROSSCHECK_REPORT_ROWS - len(record.refused), 0)
            CrossCheckImport.objects.filter(pk=record.pk).update(
                rows_done=self.last_row,
                rows_read=record.rows_read + self.read,
                rows_imported=record.rows_imported + len(self.rows),
                rows_refused=record.rows_refused + len(self.refused),
                rows_duplicate=record.rows_duplicate + self.duplicate,
                refused=record.refused + self.refused[:room],
                warnings_by_type=counts,
                lease_expires_at=_lease_until(),  # the heartbeat
            )
        record.refresh_from_db()
        self.rows, self.refused = [], []
        self.read = self.duplicate = 0

    def _refuse_people_elsewhere(self) -> None:
        """A person on record only with households outside this list's office's jurisdiction
        is that office's work: the row is refused, saying so without naming the office, the
        household or the case (a warning here would show another county's case, and could
        not be disposed of by this office)."""
        inside = self.record.office.region.path
        members = HouseholdMember.objects.filter(id_number_hash__in=[r.id_hash for r in self.rows])
        here = set(
            members.filter(household__region__path__startswith=inside).values_list(
                "id_number_hash", flat=True
            )
        )
        elsewhere = set(members.values_list("id_number_hash", flat=True)) - here
        if not elsewhere:
            return
        kept = []
        for row in self.rows:
            if row.id_hash in elsewhere:
                self.refuse(
                    row.number,
                    "on_record_elsewhere",
                    _("This person is on record with an office outside this list's area."),
                )
            else:
                kept.append(row)
        self.rows = kept

    def _warnings(self) -> list[RiskWarning]:
        record = self.record
        hashes = [row.id_hash for row in self.rows]
        households = dict(
            HouseholdMember.objects.filter(
                id_number_hash__in=hashes,
                household__region__path__startswith=record.office.region.path,
            ).values_list("id_number_hash", "household_id")
        )
        open_cases: dict[int, tuple[int, dt.date, str]] = {}
        for case_id, household_id, reported_at, region_id in (
            Case.objects.filter(household_id__in=set(households.values()))
            .exclude(status=Case.Status.CLOSED)
            .order_by("reported_at", "pk")
            .values_list("pk", "household_id", "reported_at", "region_id")
        ):
            open_cases[household_id] = (case_id, timezone.localdate(reported_at), region_id)
        warnings = []
        for row in self.rows:
            household_id = households.get(row.id_hash)
            case = open_cases.get(household_id) if household_id else None
            if household_id is None:
                kind = Type.NOT_COVERED
            elif case is None:
                kind = Type.NO_OPEN_CASE
            elif row.event_date and row.event_date <= case[1]:
                continue  # the open case already answers this hardship
            else:
                kind = Type.NEW_HARDSHIP
            region = self.regions.get(row.region_text) or record.office.region
            if case is not None and case[2] in self.region_paths:
                region = self.regions[case[2]]
            warnings.append(
                RiskWarning(
                    crosscheck_import=record,
                    row_number=row.number,
                    office_id=record.office_id,
                    region=region,
                    type=kind,
                    id_number_hash=row.id_hash,
                    id_number_encrypted=encrypt_id_number(row.id_number),
                    id_number_masked=mask_id_number(row.id_number),
                    name=row.name,
                    amount_fen=row.amount_fen,
                    event_date=row.event_date,
                    note=row.note,
                    household_id=household_id,
                    case_id=case[0] if case else None,
                )
            )
        return warnings


def _import_rows(record, sheet, columns, batch_size, progress, worker) -> None:
    batch = _Batch(record, columns, worker)
    resume_after = record.rows_done
    for number, cells in sheet.rows:
        if cells is None:
            cells = [_UNREADABLE]
        if not any(cells):
            continue  # blank lines are not rows
        if number <= resume_after:
            batch.remember(number, cells)
            continue
        batch.take(number, cells)
        if batch.size >= batch_size:
            done = batch.size
            batch.commit()
            if progress:
                progress(done)
    if batch.size:
        done = batch.size
        batch.commit()
        if progress:
            progress(done)
    with transaction.atomic():
        record = CrossCheckImport.objects.select_for_update().get(pk=record.pk)
        if record.lease_owner != worker:  # taken over meanwhile: the new owner finishes
            refuse(
                "file",
                _("This list is being imported elsewhere at this moment; look at its report."),
                "import_in_progress",
            )
        record.status = CrossCheckImport.Status.DONE
        record.finished_at = timezone.now()
        record.lease_owner, record.lease_expires_at = "", None
        record.save(update_fields=["status", "finished_at", "lease_owner", "lease_expires_at"])
        audit_record(
            actor=record.created_by,
            action="crosscheck.import.finish",
            obj=record,
            changes={
                "rows_read": (None, record.rows_read),
                "rows_imported": (None, record.rows_imported),
                "rows_refused": (None, record.rows_refused),
                "warnings_by_type": (None, record.warnings_by_type),
            },
        )
    crosscheck_import_delete_files(record.pk)
    batch.record.refresh_from_db()


# Leases: a background import says which worker imports it and renews its lease with every
# committed batch, so that an import whose worker died (killed, out of memory, host lost) is
# found by the sweep and resumed from its progress or stopped, and its file deleted.


def new_worker_id() -> str:
    return f"{socket.gethostname()[:60]}:{os.getpid()}:{uuid.uuid4().hex[:12]}"


def _lease_until(now: dt.datetime | None = None) -> dt.datetime:
    return (now or timezone.now()) + dt.timedelta(seconds=settings.CROSSCHECK_LEASE_SECONDS)


def _claim(record: CrossCheckImport, worker: str) -> bool:
    """Take the import's lease for ``worker``: False if it is finished, refused (import in
    progress) while another worker's lease runs."""
    with transaction.atomic():
        locked = CrossCheckImport.objects.select_for_update().get(pk=record.pk)
        if locked.status == CrossCheckImport.Status.DONE:
            return False
        now = timezone.now()
        held = (
            locked.lease_owner
            and locked.lease_owner != worker
            and locked.lease_expires_at is not None
            and locked.lease_expires_at > now
        )
        if held:
            refuse(
                "file",
                _("This list is being imported elsewhere at this moment; look at its report."),
                "import_in_progress",
            )
        locked.lease_owner, locked.lease_expires_at = worker, _lease_until(now)
        locked.save(update_fields=["lease_owner", "lease_expires_at"])
    record.refresh_from_db()
    return True


def crosscheck_import_queue(record: CrossCheckImport, stored_name: str) -> None:
    """An uploaded file stored for the import's background task: listed on the record (so
    that it is deleted whatever happens to the task), and a queued import not yet taken by a
    worker gets until CROSSCHECK_QUEUE_SECONDS to be taken."""
    with transaction.atomic():
        locked = CrossCheckImport.objects.select_for_update().get(pk=record.pk)
        locked.pending_files = [*locked.pending_files, stored_name]
        fields = ["pending_files"]
        if not locked.lease_owner:
            locked.lease_expires_at = timezone.now() + dt.timedelta(
                seconds=settings.CROSSCHECK_QUEUE_SECONDS
            )
            fields.append("lease_expires_at")
        locked.save(update_fields=fields)


def crosscheck_import_delete_files(import_id: int, *also: str) -> None:
    """Delete the uploaded files of an import that has ended (done or stopped), and ``also``
    (a task's own file). While the import runs its files are kept: the worker holding it, or
    the sweep after it, needs one of them; they go when it ends."""
    record = CrossCheckImport.objects.filter(pk=import_id).first()
    if record is not None and record.status == CrossCheckImport.Status.RUNNING:
        return
    names = list(dict.fromkeys([*also, *(record.pending_files if record else [])]))
    for name in names:
        files.delete_pending(name)  # before the list is cleared: a crash leaves it listed
    if record is None or not record.pending_files:
        return
    with transaction.atomic():
        locked = CrossCheckImport.objects.select_for_update().get(pk=import_id)
        kept = [name for name in locked.pending_files if name not in names]
        if kept != locked.pending_files:
            locked.pending_files = kept
            locked.save(update_fields=["pending_files"])


@dataclass
class RecoverResult:
    resumed: int = 0
    failed: int = 0
    cleaned: int = 0


def _worker_died_reason(why: str) -> str:
    return _("The background worker importing this list stopped (%(why)s).") % {"why": why}


def crosscheck_imports_recover(
    *, now: dt.datetime | None = None, exclude: int | None = None
) -> RecoverResult:
    """Find the imports whose worker died (their lease expired) and resume each from its
    recorded progress in a new task, with one of its files, or stop it saying why when its
    file is gone or it has been resumed CROSSCHECK_MAX_RECOVERIES times; and delete the files
    still listed by an ended import. Safe to run as often as you like, from any process."""
    from discovery.tasks import crosscheck_import_rows

    now = now or timezone.now()
    result = RecoverResult()
    running = CrossCheckImport.Status.RUNNING
    expired = CrossCheckImport.objects.filter(status=running).filter(
        models.Q(lease_expires_at__lt=now)
        | models.Q(
            lease_expires_at__isnull=True,
            created_at__lt=now - dt.timedelta(seconds=settings.CROSSCHECK_QUEUE_SECONDS),
        )
    )
    if exclude is not None:
        expired = expired.exclude(pk=exclude)
    for import_id in expired.values_list("pk", flat=True):
        resume_with = None
        with transaction.atomic():
            record = (
                CrossCheckImport.objects.select_for_update()
                .filter(pk=import_id, status=running)
                .first()
            )
            alive = record is None or (
                record.lease_expires_at is not None and record.lease_expires_at >= now
            )
            if alive:  # renewed, finished or taken by another sweep meanwhile
                continue
            present = [name for name in record.pending_files if files.pending_exists(name)]
            if not present:
                why = _("its file is no longer there")
            elif record.recoveries >= settings.CROSSCHECK_MAX_RECOVERIES:
                why = _("it was resumed %(count)s times and stopped again") % {
                    "count": record.recoveries
                }
            else:
                why = None
            if why is None:
                resume_with = present[0]
                previous = record.lease_owner
                record.recoveries += 1
                record.lease_owner = ""
                record.lease_expires_at = _lease_until(now)  # for the new task to take it
                record.save(update_fields=["recoveries", "lease_owner", "lease_expires_at"])
                audit_record(
                    actor=None,
                    action="crosscheck.import.recover",
                    obj=record,
                    changes={
                        "rows_done": (None, record.rows_done),
                        "worker": (previous, None),
                        "recoveries": (record.recoveries - 1, record.recoveries),
                    },
                )
        if record is None or alive:
            continue
        if resume_with is None:
            crosscheck_import_fail(record, _worker_died_reason(why))
            result.failed += 1
            continue
        logger.warning("data cross-check import %s: worker died, resuming", import_id)
        crosscheck_import_rows.enqueue(import_id=import_id, stored_name=resume_with)
        result.resumed += 1
    ended = CrossCheckImport.objects.exclude(status=running).exclude(pending_files=[])
    for import_id in ended.values_list("pk", flat=True):
        crosscheck_import_delete_files(import_id)
        result.cleaned += 1
    return result
