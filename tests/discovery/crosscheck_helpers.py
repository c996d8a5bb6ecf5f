"""Lists as other departments send them, for the data cross-check tests."""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook

from discovery import services as discovery_services
from discovery.models import CrossCheckImport
from needs.factories import id_number

HEADER = ["身份证号", "姓名", "所在地区", "医疗费用", "日期", "备注"]
# On record in Chaoyang (the World's household head) and three people nobody has recorded.
KNOWN_ID = id_number("22010419790315123")
NEW_IDS = [id_number(f"2201041985010{i}123") for i in range(1, 4)]
BAD_CHECK_ID = NEW_IDS[0][:-1] + ("0" if NEW_IDS[0][-1] != "0" else "1")


def rows(*extra: list[str]) -> list[list[str]]:
    return [
        [KNOWN_ID, "张建国", "朝阳区", "35000.50", "2099-01-01", "住院"],
        [NEW_IDS[0], "王小明", "朝阳区", "12000", "2024-03-05", ""],
        [NEW_IDS[1], "李红", "", "", "", ""],
        *extra,
    ]


def csv_bytes(data: list[list[str]], *, header=HEADER, encoding="utf-8") -> bytes:
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(header)
    writer.writerows(data)
    return text.getvalue().encode(encoding)


def xlsx_bytes(data: list[list], *, header=HEADER) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in data:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def run_import(world, data: bytes, *, file_name="名单.csv", by=None, kind="medical_bills", **kw):
    return discovery_services.crosscheck_import(
        by=by or world.caseworker,
        office=kw.pop("office", world.chaoyang),
        kind=kind,
        source_department=kw.pop("source_department", "朝阳区医疗保障局"),
        stream=io.BytesIO(data),
        file_name=file_name,
        **kw,
    )


def report(record: CrossCheckImport) -> dict:
    record.refresh_from_db()
    return {
        "read": record.rows_read,
        "imported": record.rows_imported,
        "refused": record.rows_refused,
        "duplicate": record.rows_duplicate,
        "warnings": record.warnings_by_type,
    }
