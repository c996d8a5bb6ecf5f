"""Files for inspections (专项治理 督查, seed 004: "查阅有关文件及档案资料、核对财务凭证"):
the cases, relief grants, referrals, fund use and government relief money (appropriated and
paid, per county and scheme) of a period and office, and the audit trail
of one case, as CSV (UTF-8 with a byte-order mark, so Excel in China reads the Chinese) or
as an Excel workbook.

The cells go through the donors exports' helpers (``donors.exports``): amounts exact in yuan
from fen, and no text cell that a spreadsheet could run as a formula. Rows are read from the
database in chunks and written out as they come: a CSV streams, a workbook is written in
openpyxl's write-only mode to a temporary file, so 100,000 cases never sit in memory.

No file carries a household's personal data (names, ID numbers, phones, addresses): a case is
its number, county and office. Whoever needs the household opens the case page, where the
read is recorded (DESIGN.md 7.1).
"""

from __future__ import annotations

import csv
import datetime as dt
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import get_language, override
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from core.audit import audit_record
from discovery.supervision_petitions import petition_headings, petition_rows
from donors.exports import BOM, MONEY_FORMAT, yuan
from donors.exports import _cell as safe_cell
from donors.models import Allocation, Disbursement
from donors.selectors import allocations_visible_to
from needs.models import Case, Referral, ReliefGrant
from needs.selectors import case_timeline, cases_visible_to
from supervision.selectors import Filters, cases_in_scope, referrals_in_scope

CHUNK = 2000


def _local(value: dt.datetime | None) -> str:
    if value is None:
        return ""
    return value.astimezone(timezone.get_default_timezone()).strftime("%Y-%m-%d %H:%M")


def _money(fen: int | None):
    return "" if fen is None else yuan(int(fen))


def _labels(choices) -> dict:
    """A choice's value to its label in the active language; built once per file, not per
    row (100,000 rows)."""
    return {value: str(label) for value, label in choices}


def _yes_no(value: bool | None) -> str:
    return "" if value is None else (_("yes") if value else _("no"))


# ---- what each file holds ----


def case_headings() -> list[str]:
    return [
        _("Case number"),
        _("Status"),
        _("Category"),
        _("Discovery channel"),
        _("Urgency"),
        _("County"),
        _("Responsible office"),
        _("Owner"),
        _("Reported at"),
        _("Accepted at"),
        _("Closed at"),
        _("Assessed need (yuan)"),
        _("Remaining gap (yuan)"),
        _("Overdue step"),
        _("Outcome"),
    ]


def case_rows(user, filters: Filters) -> Iterator[list]:
    now = timezone.now()
    status_labels, category_labels = _labels(Case.Status.choices), _labels(Case.Category.choices)
    channel_labels, urgency_labels = _labels(Case.Channel.choices), _labels(Case.Urgency.choices)
    outcome_labels = _labels(Case.Outcome.choices)
    rows = (
        cases_in_scope(user, filters)
        .order_by("reported_at", "pk")
        .values_list(
            "number",
            "status",
            "category",
            "channel",
            "urgency",
            "region__name",
            "responsible_office__name",
            "owner__username",
            "reported_at",
            "accepted_at",
            "closed_at",
            "assessed_need_fen",
            "remaining_gap_fen",
            "next_due_at",
            "outcome",
        )
    )
    for row in rows.iterator(chunk_size=CHUNK):
        (number, status, category, channel, urgency, county, office, owner) = row[:8]
        reported, accepted, closed, need, gap, next_due, outcome = row[8:]
        yield [
            number,
            status_labels.get(status, status),
            category_labels.get(category, category),
            channel_labels.get(channel, channel),
            urgency_labels.get(urgency, urgency),
            county,
            office,
            owner or "",
            _local(reported),
            _local(accepted),
            _local(closed),
            _money(need),
            _money(gap),
            _yes_no(status != Case.Status.CLOSED and next_due is not None and next_due < now),
            outcome_labels.get(outcome, outcome),
        ]


def relief_headings() -> list[str]:
    return [
        _("Case number"),
        _("County"),
        _("Responsible office"),
        _("Kind"),
        _("Status"),
        _("Amount (yuan)"),
        _("In kind"),
        _("Granted at"),
        _("Granted by"),
        _("Decided at"),
        _("Decided by"),
        _("Paperwork completed at"),
    ]


def relief_rows(user, filters: Filters) -> Iterator[list]:
    kind_labels, status_labels = (
        _labels(ReliefGrant.Kind.choices),
        _labels(ReliefGrant.Status.choices),
    )
    grants = ReliefGrant.objects.filter(
        case__in=cases_visible_to(user, Case.objects.all()).values("pk")
    )
    start, end = filters.bounds()
    if start:
        grants = grants.filter(granted_at__gte=start)
    if end:
        grants = grants.filter(granted_at__lt=end)
    if filters.office_id:
        grants = grants.filter(case__responsible_office_id=filters.office_id)
    rows = grants.order_by("granted_at", "pk").values_list(
        "case__number",
        "case__region__name",
        "case__responsible_office__name",
        "kind",
        "status",
        "amount_fen",
        "in_kind",
        "granted_at",
        "granted_by__username",
        "decided_at",
        "decided_by__username",
        "paperwork_completed_at",
    )
    for row in rows.iterator(chunk_size=CHUNK):
        number, county, office, kind, status, amount, in_kind = row[:7]
        granted_at, granted_by, decided_at, decided_by, paperwork_at = row[7:]
        yield [
            number,
            county,
            office,
            kind_labels.get(kind, kind),
            status_labels.get(status, status),
            _money(amount),
            in_kind,
            _local(granted_at),
            granted_by or "",
            _local(decided_at),
            decided_by or "",
            _local(paperwork_at),
        ]


def referral_headings() -> list[str]:
    return [
        _("Case number"),
        _("Responsible office"),
        _("Referred to"),
        _("Project"),
        _("Status"),
        _("Amount requested (yuan)"),
        _("Sent at"),
        _("Answer due at"),
        _("Answered at"),
        _("Answered in time"),
        _("Reason for declining"),
        _("Outcome"),
        _("Finished at"),
    ]


def referral_rows(user, filters: Filters) -> Iterator[list]:
    status_labels = _labels(Referral.Status.choices)
    reason_labels = _labels(Referral.RejectReason.choices)
    outcome_labels = _labels(Referral.Outcome.choices)
    rows = (
        referrals_in_scope(user, filters)
        .order_by("requested_at", "pk")
        .values_list(
            "case__number",
            "case__responsible_office__name",
            "to_organisation__name",
            "project__title",
            "status",
            "amount_requested_fen",
            "requested_at",
            "answer_due_at",
            "answered_at",
            "reject_reason",
            "outcome",
            "finished_at",
        )
    )
    for row in rows.iterator(chunk_size=CHUNK):
        number, office, organisation, project, status, amount = row[:6]
        requested_at, due_at, answered_at, reject_reason, outcome, finished_at = row[6:]
        yield [
            number,
            office,
            organisation,
            project or "",
            status_labels.get(status, status),
            _money(amount),
            _local(requested_at),
            _local(due_at),
            _local(answered_at),
            _yes_no(answered_at <= due_at) if answered_at else "",
            reason_labels.get(reject_reason, reject_reason),
            outcome_labels.get(outcome, outcome),
            _local(finished_at),
        ]


def fund_use_headings() -> list[str]:
    return [
        _("Responsible office"),
        _("Allocations"),
        _("Allocated (yuan)"),
        _("Released back (yuan)"),
        _("Paid to households (yuan)"),
        _("Payments"),
    ]


def fund_use_rows(user, filters: Filters) -> Iterator[list]:
    """Money committed (allocations) and paid (disbursements) for the cases of each office,
    through the donors app's own jurisdiction rule for allocations; a government user sees
    those of the cases in their jurisdiction."""
    allocations = allocations_visible_to(user, Allocation.objects.all()).filter(
        referral__case__in=cases_visible_to(user, Case.objects.all()).values("pk")
    )
    if filters.office_id:
        allocations = allocations.filter(referral__case__responsible_office_id=filters.office_id)
    start, end = filters.bounds()
    committed = allocations
    if start:
        committed = committed.filter(created_at__gte=start)
    if end:
        committed = committed.filter(created_at__lt=end)
    office = "referral__case__responsible_office__name"
    by_office: dict[str, list[int]] = {}
    for row in (
        committed.order_by()
        .values(office)
        .annotate(n=Count("pk"), amount=Sum("amount_fen"), released=Sum("released_fen"))
    ):
        by_office[row[office]] = [row["n"], row["amount"] or 0, row["released"] or 0, 0, 0]
    paid = Disbursement.objects.filter(
        allocation__in=allocations.values("pk"), status=Disbursement.Status.PAID
    )
    if start:
        paid = paid.filter(paid_at__gte=start)
    if end:
        paid = paid.filter(paid_at__lt=end)
    paid_office = f"allocation__{office}"
    for row in (
        paid.order_by().values(paid_office).annotate(n=Count("pk"), amount=Sum("amount_fen"))
    ):
        entry = by_office.setdefault(row[paid_office], [0, 0, 0, 0, 0])
        entry[3], entry[4] = row["amount"] or 0, row["n"]
    for name in sorted(by_office):
        n, amount, released, paid_fen, payments = by_office[name]
        yield [name, n, yuan(amount), yuan(released), yuan(paid_fen), payments]


def government_relief_headings() -> list[str]:
    return [
        _("Region"),
        _("Office"),
        _("Year"),
        _("Scheme"),
        _("Appropriated (yuan)"),
        _("Relief paid to households (yuan)"),
        _("Grants paid"),
    ]


def government_relief_rows(user, filters: Filters) -> Iterator[list]:
    """Government relief money per office's county, budget year and scheme: appropriated and
    paid in the period, from the ledger (issue 15, item 4). Sums only, never a household; the
    budgets are those the user's jurisdiction covers."""
    from donors.models import ReliefBudget
    from donors.relief_statements import budgets_visible_to, relief_figures

    budgets = budgets_visible_to(user)
    if filters.office_id:
        budgets = budgets.filter(office_id=filters.office_id)
    schemes = _labels(ReliefBudget.Scheme.choices)
    for figure in relief_figures(budgets, filters.start, filters.end):
        yield [
            figure.county,
            figure.office,
            figure.year,
            schemes.get(figure.scheme, figure.scheme),
            yuan(figure.appropriated_fen),
            yuan(figure.paid_fen),
            figure.grants,
        ]


def audit_headings() -> list[str]:
    return [_("Time"), _("Actor"), _("Action"), _("Changed fields")]


def audit_rows(case: Case) -> Iterator[list]:
    """The case's audit trail (the case and its relief, referrals, consents, public need)."""
    for event in case_timeline(case):
        changes = "; ".join(
            f"{name}: {value}" for name, value in sorted((event["changes"] or {}).items())
        )
        yield [_local(event["at"]), event["actor"] or _("system"), event["action"], changes]


@dataclass(frozen=True)
class ExportKind:
    name: str
    title: Callable[[], str]
    headings: Callable[[], list[str]]
    rows: Callable[[object, Filters], Iterable[list]]


EXPORTS = {
    kind.name: kind
    for kind in (
        ExportKind("cases", lambda: _("Cases"), case_headings, case_rows),
        ExportKind("relief", lambda: _("Relief grants"), relief_headings, relief_rows),
        ExportKind("referrals", lambda: _("Referrals"), referral_headings, referral_rows),
        ExportKind("fund_use", lambda: _("Fund use by office"), fund_use_headings, fund_use_rows),
        ExportKind(
            "government_relief",
            lambda: _("Government relief money by county and scheme"),
            government_relief_headings,
            government_relief_rows,
        ),
        ExportKind("petitions", lambda: _("Petition register"), petition_headings, petition_rows),
    )
}


# ---- writing ----


def export_record(*, user, what: str, filters: Filters | None, fmt: str, case=None) -> None:
    """Write who exported what (and with which filters) to the audit log, before the file
    goes out."""
    from django.db import transaction

    changes = {"format": fmt, "export": what}
    if filters is not None:
        changes.update(
            {
                "from": filters.start.isoformat() if filters.start else "",
                "to": filters.end.isoformat() if filters.end else "",
                "office": filters.office_id or "",
            }
        )
    with transaction.atomic():
        audit_record(actor=user, action=f"export.{what}", obj=case, changes=changes)


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_stream(headings: list[str], rows: Iterable[list]) -> Iterator[str]:
    """The CSV text, line by line, starting with the byte-order mark. The rows are made
    while the response streams, after the view has returned: they keep the language that
    was active when the stream was created."""
    writer = csv.writer(_Echo(), lineterminator="\r\n")
    language = get_language()

    def lines():
        with override(language):
            yield BOM + writer.writerow([safe_cell(h) for h in headings])
            for row in rows:
                yield writer.writerow([safe_cell(value) for value in row])

    return lines()


def _xlsx_cell(sheet, value):
    """A plain value, or a cell with the money format for an amount (a cell object per value
    would cost twice the time on 100,000 rows)."""
    if isinstance(value, Decimal):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = MONEY_FORMAT
        return cell
    return safe_cell(value)


def xlsx_file(title: str, headings: list[str], rows: Iterable[list]):
    """An Excel workbook in a temporary file (open, at its start), written row by row."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append([safe_cell(h) for h in headings])
    for row in rows:
        sheet.append([_xlsx_cell(sheet, value) for value in row])
    handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 (the response closes it)
    workbook.save(handle)
    handle.seek(0)
    return handle


def export_filename(what: str, filters: Filters | None, extension: str) -> str:
    """ASCII only: cases-2026-01-01-2026-03-31-office-3.csv."""
    parts = [what.replace("_", "-")]
    if filters is not None:
        parts += [
            filters.start.isoformat() if filters.start else "start",
            filters.end.isoformat() if filters.end else "now",
        ]
        if filters.office_id:
            parts.append(f"office-{filters.office_id}")
    return "-".join(parts) + f".{extension}"


__all__ = [
    "EXPORTS",
    "audit_headings",
    "audit_rows",
    "csv_stream",
    "export_filename",
    "export_record",
    "xlsx_file",
]
