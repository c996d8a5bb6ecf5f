"""A statement as a CSV or Excel file for officials.

Money is written in yuan with two decimals, computed exactly from fen with ``Decimal`` (never
float arithmetic on fen). Column headings follow the active language (zh-hans by default).
Every text cell that a spreadsheet could read as a formula (starting with = + - @, or a tab
or carriage return) gets a leading apostrophe: a donor's name or a fund's title is typed by
someone else, and must not run as a formula on an official's computer (CSV injection).
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from donors.reports import Statement

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MONEY_FORMAT = "#,##0.00"
BOM = "\ufeff"


def yuan(fen: int) -> Decimal:
    """Exact yuan from fen: 12345 -> Decimal("123.45"), 100 -> Decimal("1.00")."""
    if not isinstance(fen, int) or isinstance(fen, bool):
        raise TypeError(f"yuan needs an integer number of fen, got {fen!r}")
    return Decimal(fen).scaleb(-2)


def safe_text(value: str) -> str:
    """Text that no spreadsheet reads as a formula."""
    value = str(value)
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _cell(value):
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        return value
    return safe_text(value if value is not None else "")


def _holder_label(statement: Statement) -> str:
    return {
        "fund": _("Special fund"),
        "project": _("Charity project"),
        "need": _("Public need"),
    }[statement.holder_type]


def _header_block(statement: Statement) -> list[list]:
    return [
        [_("Fund statement")],
        [_holder_label(statement), statement.holder_name],
        *([[_("Holder"), statement.owner_name]] if statement.owner_name else []),
        [_("Period"), f"{statement.start.isoformat()} – {statement.end.isoformat()}"],
        [_("Currency"), statement.currency],
    ]


def _totals_block(statement: Statement) -> list[list]:
    return [
        [_("Opening balance"), yuan(statement.opening_fen)],
        [_("Donations received"), yuan(statement.donations_fen)],
        [_("Processor fees"), yuan(statement.fees_fen)],
        [_("Allocated to referrals"), yuan(statement.allocations_fen)],
        [_("Allocations released back"), yuan(statement.releases_fen)],
        [_("Refunded to donors"), yuan(statement.refunds_fen)],
        [_("Corrections"), yuan(statement.corrections_fen)],
        [_("Closing balance"), yuan(statement.closing_fen)],
        [
            _("Paid to households from its allocations"),
            yuan(statement.disbursed_from_allocations_fen),
        ],
        [_("Refunds beyond the money held (owed)"), yuan(statement.refund_shortfall_fen)],
    ]


def _row_headings() -> list[str]:
    return [_("Date"), _("Kind"), _("Amount (yuan)"), _("Reference"), _("Details")]


def _rows(statement: Statement) -> list[list]:
    return [
        [
            row.booked_on.isoformat(),
            row.kind_label,
            yuan(row.amount_fen),
            row.reference,
            row.detail,
        ]
        for row in statement.rows
    ]


def _disbursement_headings() -> list[str]:
    return [
        _("Date"),
        _("Allocation"),
        _("Category"),
        _("County"),
        _("Amount (yuan)"),
        _("Payment"),
        _("Proof of payment"),
    ]


def _disbursement_rows(statement: Statement) -> list[list]:
    return [
        [
            row.booked_on.isoformat(),
            row.allocation,
            row.category,
            row.region,
            yuan(row.amount_fen),
            row.payment,
            row.proof_label,
        ]
        for row in statement.disbursements
    ]


def _sections(statement: Statement) -> list[list[list]]:
    return [
        _header_block(statement),
        _totals_block(statement),
        [[_("Movements")], _row_headings(), *_rows(statement)],
        [
            [_("Paid to households from its allocations")],
            _disbursement_headings(),
            *_disbursement_rows(statement),
        ],
    ]


def statement_csv(statement: Statement) -> str:
    """The statement as CSV text. It starts with a byte-order mark: without it, Excel in
    China reads UTF-8 as GBK and garbles every Chinese character."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for index, section in enumerate(_sections(statement)):
        if index:
            writer.writerow([])
        for row in section:
            writer.writerow([_cell(value) for value in row])
    return BOM + buffer.getvalue()


def statement_xlsx(statement: Statement) -> bytes:
    """The statement as an Excel workbook: a header block (holder and period), a totals
    block, the movements and the payments to households.

    Amounts are written as ``Decimal`` values computed exactly from fen. The xlsx format
    itself stores every number as a binary double, so the file holds the nearest double to
    each amount; that is exact to the fen for any amount below about 90 trillion yuan, and
    the "#,##0.00" format shows it with two decimals.
    """
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Statement")[:31]
    bold = Font(bold=True)
    line = 1
    for index, section in enumerate(_sections(statement)):
        if index:
            line += 1
        for position, row in enumerate(section):
            for column, value in enumerate(row, start=1):
                cell = sheet.cell(row=line, column=column, value=_cell(value))
                if isinstance(value, Decimal):
                    cell.number_format = MONEY_FORMAT
                if position == 0 or (index >= 2 and position == 1):
                    cell.font = bold  # titles and column headings
            line += 1
    for column, width in zip("ABCDEFG", (14, 22, 16, 24, 36, 10, 18), strict=True):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_filename(statement: Statement, extension: str) -> str:
    """An ASCII file name: statement-fund-12-2026-01-01-2026-03-31.csv."""
    return (
        f"statement-{statement.holder_type}-{statement.holder_id}-"
        f"{statement.start.isoformat()}-{statement.end.isoformat()}.{extension}"
    )
