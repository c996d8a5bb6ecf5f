"""Reading the lists other departments send (专项救助数据导入): UTF-8 CSV (with or without BOM),
GBK CSV and .xlsx, streamed row by row, never the whole file in memory.

Every cell is read as text: a cell holding "=HYPERLINK(...)" or "+86..." is that text, never a
formula to evaluate (openpyxl gives a formula's source as a string, and nothing here computes
it). Errors are Django ValidationErrors naming the field ("file" or "mapping") and the rule.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import hashlib
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO
from xml.etree import ElementTree

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl.utils.exceptions import InvalidFileException

CHUNK = 1 << 16
ENCODINGS = ("utf-8-sig", "gb18030")  # GBK files decode as GB 18030, its superset

# The fields a column may map to, and the headers officials commonly give them.
FIELDS = {
    "id_number": gettext_lazy("ID number"),
    "name": gettext_lazy("name"),
    "region": gettext_lazy("region or county"),
    "amount": gettext_lazy("amount (yuan)"),
    "date": gettext_lazy("date"),
    "note": gettext_lazy("note"),
}
REQUIRED_FIELDS = ("id_number",)
HEADER_ALIASES = {
    "id_number": [
        "身份证号",
        "身份证号码",
        "证件号码",
        "证件号",
        "公民身份号码",
        "身份证",
        "id number",
        "id_number",
    ],
    "name": ["姓名", "户主姓名", "救助对象姓名", "name"],
    "region": [
        "所在地区",
        "区县",
        "所在区县",
        "地区",
        "行政区划",
        "县（市、区）",
        "region",
        "county",
    ],
    "amount": [
        "金额",
        "医疗费用",
        "医疗费用总额",
        "自付费用",
        "个人自付",
        "救助金额",
        "损失金额",
        "amount",
    ],
    "date": ["日期", "发生日期", "就诊日期", "出院日期", "受灾日期", "认定日期", "date"],
    "note": ["备注", "说明", "致困原因", "note"],
}


def refuse(field_name: str, message: str, code: str):
    raise ValidationError({field_name: ValidationError(message, code=code)})


def _normal_header(text: str) -> str:
    return "".join(str(text or "").split()).lower()


@dataclass
class Sheet:
    """A readable list: its headers and an iterator of (row number, cells) after the header;
    cells is None for a row that cannot be read."""

    headers: list[str]
    rows: Iterator[tuple[int, list[str] | None]]
    closers: list = field(default_factory=list)

    def close(self) -> None:
        for close in self.closers:
            close()


def content_hash(stream: IO[bytes]) -> tuple[str, int]:
    """SHA-256 and size of the file, read in chunks."""
    digest, size = hashlib.sha256(), 0
    stream.seek(0)
    while chunk := stream.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
    stream.seek(0)
    return digest.hexdigest(), size


def estimate_rows(stream: IO[bytes], file_name: str) -> int | None:
    """About how many rows follow the header, for a progress bar: a CSV's lines, counted in
    chunks (a cell with a line break in it counts twice, so this is at most a little high);
    None for a workbook, whose rows cannot be counted without reading them."""
    if is_xlsx(stream, file_name):
        return None
    lines, last = 0, b""
    stream.seek(0)
    while chunk := stream.read(CHUNK):
        lines += chunk.count(b"\n")
        last = chunk
    stream.seek(0)
    if last and not last.endswith(b"\n"):
        lines += 1
    return max(lines - 1, 0)


def is_xlsx(stream: IO[bytes], file_name: str) -> bool:
    stream.seek(0)
    magic = stream.read(4)
    stream.seek(0)
    return magic == b"PK\x03\x04" or file_name.lower().endswith((".xlsx", ".xlsm"))


def detect_encoding(stream: IO[bytes]) -> str:
    """The first of UTF-8 (a BOM is dropped) and GB 18030 that decodes the whole file, checked
    chunk by chunk with an incremental decoder; a NUL byte means it is not a text file (UTF-16
    is refused here: officials' tools save CSV as UTF-8 or GBK)."""
    for encoding in ENCODINGS:
        decoder = codecs.getincrementaldecoder(encoding)()
        stream.seek(0)
        try:
            while chunk := stream.read(CHUNK):
                if b"\x00" in chunk:
                    raise UnicodeDecodeError(encoding, chunk, 0, 1, "NUL byte")
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        stream.seek(0)
        return encoding
    refuse(
        "file",
        _(
            "The file is neither UTF-8 nor GBK text nor an Excel (.xlsx) workbook: "
            "save it as CSV (UTF-8 or GBK) or .xlsx and upload it again."
        ),
        "invalid_encoding",
    )


def _cell_text(value) -> str:
    """A cell as text. Numbers typed into Excel (an ID number without its leading apostrophe)
    come back whole; dates as ISO dates."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        if abs(value) >= 1e15:
            # Beyond Excel's 15 significant digits: an 18-digit ID typed as a number has lost
            # its last digits, and str(int()) would invent them. Kept as Excel's own form so
            # the row is refused (services.crosscheck), never guessed.
            return repr(value)
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


# A cell may be as long as an upload may be: the csv module's default limit (128 KB) made it
# stop inside a quoted cell and read the rest of that cell as rows of its own.
csv.field_size_limit(max(csv.field_size_limit(), 256 * 1024 * 1024))


def _csv_sheet(stream: IO[bytes]) -> Sheet:
    encoding = detect_encoding(stream)
    text = io.TextIOWrapper(stream, encoding=encoding, newline="")
    reader = csv.reader(text)
    try:
        headers = next(reader)
    except StopIteration:
        headers = []
    except csv.Error:
        refuse("file", _("The file is not a readable CSV table."), "invalid_csv")

    def rows() -> Iterator[tuple[int, list[str] | None]]:
        index = 1
        while True:
            index += 1
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error:  # a row the csv module cannot read: that row only
                yield index, None
                continue
            yield index, [cell.strip() for cell in cells]

    # The wrapper must not close the caller's stream when it is collected.
    return Sheet([h.strip() for h in headers], rows(), [text.detach])


# What openpyxl raises for a damaged workbook: a broken zip, a missing part, broken XML.
BROKEN_XLSX = (
    zipfile.BadZipFile,
    KeyError,
    OSError,
    ValueError,
    IndexError,
    TypeError,
    ElementTree.ParseError,
    InvalidFileException,
)


def _refuse_xlsx():
    refuse("file", _("The Excel file cannot be read: save it again as .xlsx."), "invalid_xlsx")


def _xlsx_sheet(stream: IO[bytes]) -> Sheet:
    from openpyxl import load_workbook

    try:
        # read_only streams the rows; data_only=False: a formula is its source text, not run.
        workbook = load_workbook(stream, read_only=True, data_only=False)
    except BROKEN_XLSX:
        _refuse_xlsx()
    try:
        iterator = workbook.worksheets[0].iter_rows(values_only=True)
        headers = [_cell_text(v) for v in next(iterator, ())]
    except BROKEN_XLSX:
        workbook.close()
        _refuse_xlsx()

    def rows() -> Iterator[tuple[int, list[str]]]:
        try:
            for index, values in enumerate(iterator, start=2):
                yield index, [_cell_text(v) for v in values]
        except BROKEN_XLSX:  # a damaged sheet further down: stop with a clear error
            _refuse_xlsx()

    return Sheet(headers, rows(), [workbook.close])


def open_sheet(stream: IO[bytes], file_name: str) -> Sheet:
    """The headers and rows of an uploaded list (CSV or .xlsx)."""
    sheet = _xlsx_sheet(stream) if is_xlsx(stream, file_name) else _csv_sheet(stream)
    while sheet.headers and not sheet.headers[-1]:
        sheet.headers.pop()
    if not any(sheet.headers):
        sheet.close()
        refuse("file", _("The file is empty: it has no header row."), "empty")
    return sheet


def resolve_mapping(
    headers: list[str], given: dict[str, str] | None
) -> tuple[dict[str, int], list[str]]:
    """Field -> column index, from the uploader's mapping (field -> header) completed by the
    common Chinese headers; and the headers left unused (ignored, reported).

    A mapped header that is not in the file, or a required field without a column, is refused
    before anything is imported.
    """
    by_header = {_normal_header(h): i for i, h in enumerate(headers) if h}
    columns: dict[str, int] = {}
    for name, header in (given or {}).items():
        if name not in FIELDS:
            refuse("mapping", _("Unknown field “%(field)s”.") % {"field": name}, "unknown_field")
        if not header:
            continue
        index = by_header.get(_normal_header(header))
        if index is None:
            refuse(
                "mapping",
                _("The file has no column “%(header)s” (for %(field)s).")
                % {"header": header, "field": FIELDS[name]},
                "unknown_column",
            )
        columns[name] = index
    for name, aliases in HEADER_ALIASES.items():
        if name in columns:
            continue
        for alias in aliases:
            index = by_header.get(_normal_header(alias))
            if index is not None and index not in columns.values():
                columns[name] = index
                break
    missing = [str(FIELDS[name]) for name in REQUIRED_FIELDS if name not in columns]
    if missing:
        refuse(
            "mapping",
            _("No column for the required field %(fields)s; the file's columns are: %(headers)s.")
            % {"fields": "、".join(missing), "headers": "、".join(h for h in headers if h)},
            "missing_column",
        )
    used = set(columns.values())
    extra = [h for i, h in enumerate(headers) if h and i not in used]
    return columns, extra


def parse_mapping_option(text: str) -> dict[str, str]:
    """``id_number=证件号码,name=姓名`` (the command's --mapping) as a dict."""
    mapping: dict[str, str] = {}
    for part in (text or "").split(","):
        if not part.strip():
            continue
        name, sep, header = part.partition("=")
        if not sep:
            refuse(
                "mapping", _("Write the mapping as field=header, separated by commas."), "invalid"
            )
        mapping[name.strip()] = header.strip()
    return mapping


# An uploaded list waiting for its background import (discovery.tasks.crosscheck_import_rows):
# kept under a random name in the private "crosscheck_uploads" storage, and deleted when the
# import finishes or stops. Only the import's report stays (README, "Data cross-check").


def _upload_storage():
    from django.core.files.storage import storages

    return storages["crosscheck_uploads"]


def store_pending(stream: IO[bytes]) -> str:
    """Copy the uploaded list into the private storage; the name to give the task."""
    import secrets

    from django.core.files import File

    stream.seek(0)
    name = _upload_storage().save(f"{secrets.token_urlsafe(24)}.upload", File(stream))
    stream.seek(0)
    return name


def open_pending(name: str) -> IO[bytes]:
    return _upload_storage().open(name, "rb")


def pending_exists(name: str) -> bool:
    return _upload_storage().exists(name)


def delete_pending(name: str) -> None:
    storage = _upload_storage()
    if storage.exists(name):
        storage.delete(name)


def pending_names() -> list[str]:
    """The lists waiting in the private storage (for tests and housekeeping)."""
    storage = _upload_storage()
    try:
        return storage.listdir("")[1]
    except FileNotFoundError:
        return []
