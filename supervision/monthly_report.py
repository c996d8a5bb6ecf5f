"""What a monthly report upward says, computed from the live tables, and how it is laid out
on the screen, in Excel and in PDF.

``report_figures`` runs a few GROUP BY queries over the office's jurisdiction (its region and
every region below: a province's report counts its counties) and returns plain numbers, so a
province of 100,000 cases costs a few aggregate scans and no rows in memory
(bench/monthly_report.py). ``report_sections`` turns the stored figures into labelled tables
in the reader's language; the screen, the workbook and the PDF all print those tables.

It also counts the assistance applications (低保, 特困, 医疗救助...) filed and decided in the
month, and lists the typical cases (典型个案) marked in the month with their anonymized summaries
(needs.TypicalCase). Reports stored before those existed show the sections as not reported.
"""

from __future__ import annotations

import calendar
import datetime as dt
import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db.models import Case as Choose
from django.db.models import Count, F, Q, Sum, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from core.models import Organisation, Region
from core.money import format_money
from donors.exports import MONEY_FORMAT, yuan
from donors.exports import _cell as safe_cell
from needs.models import (
    AssistanceApplication,
    AssistanceType,
    Case,
    CaseDeadline,
    OnlineApplication,
    Referral,
    ReliefGrant,
    TypicalCase,
)


def month_bounds(month: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The month as local time [first midnight, next month's first midnight)."""
    zone = timezone.get_default_timezone()
    first = month.replace(day=1)
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    start = timezone.make_aware(dt.datetime.combine(first, dt.time.min), zone)
    end = timezone.make_aware(dt.datetime.combine(last + dt.timedelta(days=1), dt.time.min), zone)
    return start, end


def month_last_day(month: dt.date) -> dt.date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def _subtree(region: Region):
    """The codes of ``region`` and every region below it, as a subquery."""
    within = Q(path=region.path) | Q(path__startswith=region.path + "/")
    return Region.objects.filter(within).values("code")


def _rows(queryset, *fields: str) -> list[list]:
    return [[row[f] for f in fields] for row in queryset]


def report_figures(office: Organisation, month: dt.date) -> dict:
    """The figures of ``office``'s jurisdiction for ``month``: plain JSON, amounts in fen."""
    start, end = month_bounds(month)
    regions = _subtree(office.region)
    cases = Case.objects.filter(region_id__in=regions)
    reported = cases.filter(reported_at__gte=start, reported_at__lt=end)
    by_channel_status = _rows(
        reported.values("channel", "status").annotate(n=Count("pk")).order_by("channel", "status"),
        "channel",
        "status",
        "n",
    )
    closed = cases.filter(closed_at__gte=start, closed_at__lt=end).count()
    open_at_end = (
        cases.filter(reported_at__lt=end)
        .filter(Q(closed_at__isnull=True) | Q(closed_at__gte=end))
        .count()
    )
    applications = _rows(
        OnlineApplication.objects.filter(
            case__region_id__in=regions, applied_at__gte=start, applied_at__lt=end
        )
        .values("applied_by")
        .annotate(n=Count("pk"))
        .order_by("applied_by"),
        "applied_by",
        "n",
    )
    relief = _rows(
        ReliefGrant.objects.filter(
            case__region_id__in=regions, granted_at__gte=start, granted_at__lt=end
        )
        .annotate(form=Choose(When(in_kind="", then=Value("cash")), default=Value("in_kind")))
        .values("kind", "form", "status")
        .annotate(n=Count("pk"), total=Sum("amount_fen"))
        .order_by("kind", "form", "status"),
        "kind",
        "form",
        "status",
        "n",
        "total",
    )
    referrals = Referral.objects.filter(case__region_id__in=regions)
    referrals_made = _rows(
        referrals.filter(requested_at__gte=start, requested_at__lt=end)
        .values("to_organisation__kind", "status")
        .annotate(n=Count("pk"))
        .order_by("to_organisation__kind", "status"),
        "to_organisation__kind",
        "status",
        "n",
    )
    referral_outcomes = _rows(
        referrals.filter(finished_at__gte=start, finished_at__lt=end)
        .values("status", "outcome")
        .annotate(n=Count("pk"))
        .order_by("status", "outcome"),
        "status",
        "outcome",
        "n",
    )
    deadlines = CaseDeadline.objects.filter(case__region_id__in=regions)
    overdue_at_end = _rows(
        deadlines.filter(due_at__lt=end)
        .filter(Q(met_at__isnull=True) | Q(met_at__gte=end))
        .exclude(case__closed_at__lt=end)
        .values("step")
        .annotate(n=Count("pk"))
        .order_by("step"),
        "step",
        "n",
    )
    assistance = AssistanceApplication.objects.filter(region_id__in=regions)
    assistance_filed = _rows(
        assistance.filter(applied_at__gte=start, applied_at__lt=end)
        .values("type")
        .annotate(n=Count("pk"))
        .order_by("type"),
        "type",
        "n",
    )
    assistance_decided = _rows(
        assistance.filter(decided_at__gte=start, decided_at__lt=end)
        .values("type", "stage")
        .annotate(n=Count("pk"), total=Sum("amount_fen"))
        .order_by("type", "stage"),
        "type",
        "stage",
        "n",
        "total",
    )
    typical = [
        [number, summary]
        for number, summary in TypicalCase.objects.filter(
            case__region_id__in=regions, marked_at__gte=start, marked_at__lt=end
        )
        .order_by("marked_at", "pk")
        .values_list("case__number", "summary")
    ]
    escalated = deadlines.filter(escalated_at__gte=start, escalated_at__lt=end).count()
    met_late = deadlines.filter(met_at__gte=start, met_at__lt=end, met_at__gt=F("due_at")).count()
    return {
        "office": office.name,
        "region": office.region.full_name,
        "month": month.strftime("%Y-%m"),
        "cases": {
            "by_channel_status": by_channel_status,
            "reported": sum(r[2] for r in by_channel_status),
            "closed": closed,
            "open_at_end": open_at_end,
        },
        "applications": {"by_applied_by": applications},
        "relief": {"rows": relief},
        "referrals": {"made": referrals_made, "finished": referral_outcomes},
        "overdue": {"open_at_end": overdue_at_end, "escalated": escalated, "met_late": met_late},
        "assistance": {"filed": assistance_filed, "decided": assistance_decided},
        "typical_cases": typical,
    }


# ---- the report as tables ----


@dataclass(frozen=True)
class Section:
    title: str
    headings: list[str]
    rows: list[list]
    # Columns holding amounts in fen (shown in yuan).
    money_columns: tuple[int, ...] = ()
    note: str = ""


# Relief that counts as given (the others wait for or were refused approval).
EFFECTIVE = (ReliefGrant.Status.GRANTED, ReliefGrant.Status.APPROVED)


def _labels(choices) -> dict:
    return {value: str(label) for value, label in choices}


def report_sections(figures: dict) -> list[Section]:
    """The stored figures as tables with labels in the active language; amounts stay in fen
    in the rows (``money_columns`` says where) so that each format prints them its own way."""
    channel = _labels(Case.Channel.choices)
    case_status = _labels(Case.Status.choices)
    relief_kind = _labels(ReliefGrant.Kind.choices)
    relief_status = _labels(ReliefGrant.Status.choices)
    referral_status = _labels(Referral.Status.choices)
    outcome = _labels(Referral.Outcome.choices)
    org_kind = _labels(Organisation.Kind.choices)
    step = _labels(CaseDeadline.Step.choices)
    applied_by = _labels(OnlineApplication.AppliedBy.choices)
    form = {"cash": _("cash"), "in_kind": _("in kind")}
    cases = figures["cases"]
    relief_rows = figures["relief"]["rows"]
    overdue = figures["overdue"]
    sections = [
        Section(
            _("Cases"),
            [_("figure"), _("number")],
            [
                [_("cases reported in the month"), cases["reported"]],
                [_("cases closed in the month"), cases["closed"]],
                [_("cases open at the end of the month"), cases["open_at_end"]],
            ],
        ),
        Section(
            _("Cases reported in the month by channel and stage"),
            [_("discovery channel"), _("stage"), _("number")],
            [
                [channel.get(c, c), case_status.get(s, s), n]
                for c, s, n in cases["by_channel_status"]
            ],
        ),
        Section(
            _("Online applications"),
            [_("applied by"), _("number")],
            [[applied_by.get(a, a), n] for a, n in figures["applications"]["by_applied_by"]],
        ),
        Section(
            _("Relief and money by scheme"),
            [_("scheme"), _("form"), _("status"), _("grants"), _("amount (yuan)")],
            [
                [relief_kind.get(k, k), form.get(f, f), relief_status.get(s, s), n, total or 0]
                for k, f, s, n, total in relief_rows
            ]
            + [
                [
                    _("total given (granted or approved)"),
                    "",
                    "",
                    sum(r[3] for r in relief_rows if r[2] in EFFECTIVE),
                    sum(r[4] or 0 for r in relief_rows if r[2] in EFFECTIVE),
                ]
            ],
            money_columns=(4,),
        ),
        Section(
            _("Referrals made in the month"),
            [_("referred to"), _("status"), _("number")],
            [
                [org_kind.get(k, k), referral_status.get(s, s), n]
                for k, s, n in figures["referrals"]["made"]
            ],
        ),
        Section(
            _("Referrals finished in the month and their outcomes"),
            [_("status"), _("outcome"), _("number")],
            [
                [referral_status.get(s, s), outcome.get(o, o) if o else "—", n]
                for s, o, n in figures["referrals"]["finished"]
            ],
        ),
        Section(
            _("Overdue work"),
            [_("step"), _("number")],
            [[step.get(s, s), n] for s, n in overdue["open_at_end"]]
            + [
                [_("steps escalated in the month"), overdue["escalated"]],
                [_("steps done late in the month"), overdue["met_late"]],
            ],
            note=_("Steps past their time limit and not done at the end of the month."),
        ),
        _assistance_section(figures.get("assistance")),
        _typical_section(figures.get("typical_cases")),
    ]
    return sections


def _assistance_section(assistance: dict | None) -> Section:
    title = _("Assistance applications")
    if assistance is None:  # a report generated before applications were counted
        return Section(title, [], [], note=_("Not reported in this report."))
    kind = _labels(AssistanceType.choices)
    stage = _labels(AssistanceApplication.Stage.choices)
    decided = assistance["decided"]
    rows = [[kind.get(t, t), _("filed"), n, 0] for t, n in assistance["filed"]]
    rows += [[kind.get(t, t), stage.get(s, s), n, total or 0] for t, s, n, total in decided]
    return Section(
        title,
        [_("assistance type"), _("filed or decided"), _("number"), _("amount (yuan)")],
        rows,
        money_columns=(3,),
        note=_("Filed in the month, and decided in the month (granted or refused)."),
    )


def _typical_section(typical: list | None) -> Section:
    title = _("Typical cases")
    if typical is None:  # a report generated before typical cases were collected
        return Section(title, [], [], note=_("Not reported in this report."))
    return Section(
        title,
        [_("case number"), _("anonymized summary")],
        [list(row) for row in typical],
        note=_("Typical 急难 cases marked in the month, in their anonymized words."),
    )


def money_text(section: Section, row: list) -> list:
    """A row as text: amounts in yuan the Chinese way (¥1,234.50)."""
    return [
        format_money(int(v)) if i in section.money_columns and isinstance(v, int) else v
        for i, v in enumerate(row)
    ]


def report_title(report) -> str:
    return _("%(office)s: monthly progress report for %(month)s") % {
        "office": report.office.name,
        "month": report.month.strftime("%Y-%m"),
    }


# ---- Excel ----


def report_xlsx(report):
    """The report as a workbook (one sheet, the sections one below the other), in a temporary
    file at its start; written in write-only mode, row by row."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=report.month.strftime("%Y-%m"))
    sheet.append([safe_cell(report_title(report))])
    sheet.append([safe_cell(_("jurisdiction")), safe_cell(report.figures.get("region", ""))])
    sheet.append([safe_cell(_("status")), safe_cell(report.get_status_display())])
    for section in report_sections(report.figures):
        sheet.append([])
        sheet.append([safe_cell(section.title)])
        if section.note:
            sheet.append([safe_cell(section.note)])
        if section.headings:
            sheet.append([safe_cell(h) for h in section.headings])
        for row in section.rows:
            cells = []
            for i, value in enumerate(row):
                if i in section.money_columns and isinstance(value, int):
                    cell = WriteOnlyCell(sheet, value=yuan(value))
                    cell.number_format = MONEY_FORMAT
                    cells.append(cell)
                else:
                    cells.append(safe_cell(value))
            sheet.append(cells)
    handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 (the response closes it)
    workbook.save(handle)
    handle.seek(0)
    return handle


# ---- PDF ----

# Where Debian's fonts-noto-cjk puts its fonts (CI installs it with the browser tools), and
# where other systems do; REPORT_PDF_FONT (settings, from the environment) comes first.
FONT_CANDIDATES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
)
# In a Noto CJK collection the faces come in the order JP, KR, SC, TC, HK: 2 is Simplified.
NOTO_SC_INDEX = 2


# fontTools reports every table it subsets at INFO: a dozen log lines per PDF, no news.
logging.getLogger("fontTools").setLevel(logging.WARNING)


class NoChineseFont(RuntimeError):
    """No font with Chinese glyphs is installed: a PDF would show empty boxes."""


def chinese_font() -> tuple[str, int]:
    """The font file to embed and its face in a collection."""
    chosen = getattr(settings, "REPORT_PDF_FONT", "") or os.environ.get("REPORT_PDF_FONT", "")
    for path in ([chosen] if chosen else []) + list(FONT_CANDIDATES):
        if path and Path(path).is_file():
            index = NOTO_SC_INDEX if "NotoSansCJK" in path and path.endswith(".ttc") else 0
            return path, index
    raise NoChineseFont(
        _(
            "No Chinese font is installed for the PDF: install fonts-noto-cjk or set "
            "REPORT_PDF_FONT to a font file."
        )
    )


def report_pdf(report) -> bytes:
    """The report as a PDF with its Chinese font embedded (a subset: only the glyphs used)."""
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    path, index = chinese_font()
    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    pdf.set_title(report_title(report))
    pdf.add_font("cjk", fname=path, collection_font_number=index)
    pdf.add_page()
    pdf.set_font("cjk", size=15)
    pdf.multi_cell(0, 9, report_title(report), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("cjk", size=10)
    pdf.multi_cell(
        0,
        6,
        f"{_('jurisdiction')}: {report.figures.get('region', '')} · "
        f"{_('status')}: {report.get_status_display()}",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    heading_style = FontFace(emphasis="", fill_color=(235, 235, 235))
    for section in report_sections(report.figures):
        pdf.ln(3)
        pdf.set_font("cjk", size=12)
        pdf.multi_cell(0, 7, section.title, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("cjk", size=9)
        if section.note:
            pdf.multi_cell(0, 5, section.note, new_x="LMARGIN", new_y="NEXT")
        if not section.headings:
            continue
        if not section.rows:
            pdf.multi_cell(0, 5, _("None."), new_x="LMARGIN", new_y="NEXT")
            continue
        with pdf.table(headings_style=heading_style, line_height=6) as table:
            table.row([str(h) for h in section.headings])
            for row in section.rows:
                table.row([str(v) for v in money_text(section, row)])
    return bytes(pdf.output())
