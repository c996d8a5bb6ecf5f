"""Importing another department's list (专项救助数据导入): encodings, Excel, column mapping,
bad rows refused one by one, bad files refused whole, idempotence and resuming."""

from __future__ import annotations

import io
import os

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import connection

from core.models import AuditEvent
from discovery import services as discovery_services
from discovery.models import CrossCheckImport, RiskWarning
from discovery.services import crosscheck as crosscheck_service
from needs import services
from tests.discovery.crosscheck_helpers import (
    BAD_CHECK_ID,
    KNOWN_ID,
    NEW_IDS,
    csv_bytes,
    report,
    rows,
    run_import,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db

DIGITS_ID = next(n for n in NEW_IDS if n.isdigit())
EXPECTED = {
    "read": 3,
    "imported": 3,
    "refused": 0,
    "duplicate": 0,
    "warnings": {"new_hardship": 1, "not_covered": 2},
}


def refused_codes(record: CrossCheckImport) -> dict[int, str]:
    record.refresh_from_db()
    return {entry["row"]: entry["code"] for entry in record.refused}


def field_errors(excinfo) -> dict[str, list[str]]:
    return {name: [e.code for e in errors] for name, errors in excinfo.value.error_dict.items()}


# ---- the three kinds of file officials send ----


@pytest.mark.parametrize(
    ("encoding", "file_name"),
    [("utf-8", "名单.csv"), ("utf-8-sig", "名单-bom.csv"), ("gbk", "名单-gbk.csv")],
)
def test_it_imports_utf8_utf8_bom_and_gbk_csv(world, encoding, file_name):
    world.report()

    outcome = run_import(world, csv_bytes(rows(), encoding=encoding), file_name=file_name)

    record = outcome.crosscheck_import
    assert report(record) == EXPECTED
    assert record.status == CrossCheckImport.Status.DONE
    names = set(RiskWarning.objects.values_list("name", flat=True))
    assert names == {"张建国", "王小明", "李红"}  # the Chinese survived the decoding
    assert record.mapping["id_number"] == "身份证号"


def test_it_imports_an_xlsx_workbook_with_numbers_and_dates_in_cells(world):
    import datetime as dt

    world.report()
    data = [
        [KNOWN_ID, "张建国", "朝阳区", 35000.5, dt.datetime(2099, 1, 1), "住院"],
        [NEW_IDS[0], "王小明", "朝阳区", 12000, None, None],
        [NEW_IDS[1], "李红", None, None, None, None],
        # Typed as a number, Excel keeps 15 significant digits: the row is refused, not guessed.
        [int(DIGITS_ID), "赵六", None, None, None, None],
    ]

    outcome = run_import(world, xlsx_bytes(data), file_name="名单.xlsx")

    record = outcome.crosscheck_import
    assert report(record) == EXPECTED | {"read": 4, "refused": 1}
    assert list(refused_codes(record)) == [5]
    warning = RiskWarning.objects.get(row_number=2)
    assert warning.amount_fen == 3_500_050
    assert str(warning.event_date) == "2099-01-01"


def test_it_raises_the_right_warning_for_each_situation(world):
    covered = world.report()  # an open case, reported today
    old_news = csv_bytes(
        [
            [KNOWN_ID, "张建国", "朝阳区", "100", "2020-01-01", ""],  # before the case: covered
            [NEW_IDS[0], "王小明", "", "", "", ""],
        ]
    )

    record = run_import(world, old_news).crosscheck_import

    assert report(record)["warnings"] == {"not_covered": 1}
    assert record.rows_imported == 2
    from needs.services.cases import case_close

    services.case_accept(by=world.caseworker, case=covered)
    case_close(by=world.caseworker, case=covered, outcome="withdrawn")
    record = run_import(world, csv_bytes(rows()[:1])).crosscheck_import
    warning = record.warnings.get()
    assert warning.type == RiskWarning.Type.NO_OPEN_CASE
    assert warning.household_id == covered.household_id


def test_a_person_on_record_with_another_office_is_refused_without_naming_it(world):
    """Nanguan's list names someone Chaoyang handles: no warning here (it would show
    Chaoyang's case and could not be disposed of by Nanguan), a refused row instead."""
    chaoyang_case = world.report()  # the KNOWN_ID household, in Chaoyang, with an open case
    record = run_import(
        world,
        csv_bytes([[KNOWN_ID, "张建国", "南关区", "100", "2099-01-01", ""]]),
        by=world.nanguan_caseworker,
        office=world.nanguan,
    ).crosscheck_import
    assert not record.warnings.exists()
    assert [r["code"] for r in record.refused] == ["on_record_elsewhere"]
    assert chaoyang_case.number not in str(record.refused)
    assert record.rows_imported == 0


# ---- columns ----


def test_a_missing_required_column_refuses_the_file_and_imports_nothing(world):
    data = csv_bytes([["王小明", "朝阳区"]], header=["姓名", "所在地区"])

    with pytest.raises(ValidationError) as excinfo:
        run_import(world, data)

    assert field_errors(excinfo) == {"mapping": ["missing_column"]}
    assert "姓名" in str(excinfo.value)  # the file's own headers are named
    assert not CrossCheckImport.objects.exists()
    assert not RiskWarning.objects.exists()


def test_the_uploader_maps_unusual_headers_and_extra_columns_are_ignored_and_reported(world):
    header = ["公民号", "户主", "联系电话", "救助类别"]
    data = csv_bytes([[NEW_IDS[0], "王小明", "13900001111", "大病"]], header=header)

    record = run_import(
        world, data, mapping={"id_number": "公民号", "name": "户主"}
    ).crosscheck_import

    assert record.rows_imported == 1
    assert record.extra_columns == ["联系电话", "救助类别"]
    assert RiskWarning.objects.get().name == "王小明"


def test_a_mapping_to_a_header_the_file_lacks_is_refused(world):
    with pytest.raises(ValidationError) as excinfo:
        run_import(world, csv_bytes(rows()), mapping={"id_number": "证件号"})

    assert field_errors(excinfo) == {"mapping": ["unknown_column"]}
    assert not CrossCheckImport.objects.exists()


# ---- bad rows: refused one by one, the rest imported ----


def test_invalid_id_numbers_are_refused_with_row_number_and_reason(world):
    data = csv_bytes(
        rows(
            [BAD_CHECK_ID, "赵六", "", "", "", ""],
            ["12345", "钱七", "", "", "", ""],
            ["", "孙八", "", "", "", ""],
            [NEW_IDS[2], "周九", "", "一万", "", ""],
            [NEW_IDS[2][:-1] + "Z", "吴十", "", "", "not a date", ""],
        )
    )

    record = run_import(world, data).crosscheck_import

    assert refused_codes(record) == {
        5: "invalid_check",
        6: "invalid_format",
        7: "missing_id",
        8: "invalid_amount",
        9: "invalid_format",
    }
    assert report(record)["imported"] == 3
    assert report(record)["refused"] == 5
    reasons = " ".join(entry["reason"] for entry in record.refused)
    assert BAD_CHECK_ID not in reasons  # reasons never repeat the number


def test_a_row_with_a_huge_cell_is_refused_and_the_rest_imported(world):
    data = csv_bytes(rows()) + b'"' + b"x" * 200_000 + b'",y\n' + csv_bytes([[NEW_IDS[2]]])[-20:]

    record = run_import(world, data).crosscheck_import

    # Read whole (not cut at the csv module's 128 KB), then refused for its ID cell.
    assert refused_codes(record)[5] == "invalid_format"
    assert RiskWarning.objects.filter(row_number__in=[2, 3, 4]).count() == 3


def test_duplicated_rows_are_counted_and_reported_once(world):
    data = csv_bytes(rows([NEW_IDS[0], "王小明", "朝阳区", "12000", "2024-03-05", ""]))

    record = run_import(world, data).crosscheck_import

    assert report(record)["duplicate"] == 1
    assert refused_codes(record) == {5: "duplicate"}
    assert "3" in record.refused[0]["reason"]  # names the row it repeats
    first = RiskWarning.objects.get(row_number=3)
    assert RiskWarning.objects.filter(id_number_hash=first.id_number_hash).count() == 1


def test_formulas_in_cells_are_kept_as_text_never_evaluated(world):
    data = csv_bytes(
        [
            [NEW_IDS[0], '=HYPERLINK("http://x")', "", "", "", "+1+2"],
            ["=1+1", "@SUM(A1)", "", "", "", ""],
        ]
    )
    record = run_import(world, data).crosscheck_import

    warning = RiskWarning.objects.get()
    assert warning.name == '=HYPERLINK("http://x")'
    assert warning.note == "+1+2"
    assert refused_codes(record) == {3: "invalid_format"}

    xlsx = xlsx_bytes([[NEW_IDS[1], "=1+1", "", "", "", "=SUM(A1:A2)"]])
    run_import(world, xlsx, file_name="公式.xlsx")
    warning = RiskWarning.objects.get(name="=1+1")
    assert warning.note == "=SUM(A1:A2)"


# ---- bad files: refused whole ----


@pytest.mark.parametrize(
    "data",
    [
        os.urandom(2048) + b"\xff\xfe\x00\x81",
        "身份证号,姓名\n110101199003071234,张三\n".encode("utf-16"),
    ],
    ids=["random bytes", "utf-16"],
)
def test_a_file_in_an_unknown_encoding_is_refused(world, data):
    with pytest.raises(ValidationError) as excinfo:
        run_import(world, data)

    assert field_errors(excinfo) == {"file": ["invalid_encoding"]}
    assert not CrossCheckImport.objects.exists()


def test_an_empty_file_and_a_header_only_file(world):
    with pytest.raises(ValidationError) as excinfo:
        run_import(world, b"")
    assert field_errors(excinfo) == {"file": ["empty"]}
    with pytest.raises(ValidationError) as excinfo:
        run_import(world, b"\n\n")
    assert field_errors(excinfo) == {"file": ["empty"]}

    record = run_import(world, csv_bytes([])).crosscheck_import
    assert report(record)["read"] == 0


def test_a_file_above_the_size_limit_is_refused_before_reading(world, settings):
    settings.CROSSCHECK_MAX_UPLOAD_BYTES = 100

    class Unreadable(io.BytesIO):
        def read(self, *args):  # the size is known without reading a byte
            raise AssertionError("read before the size check")

    stream = Unreadable(csv_bytes(rows()))
    with pytest.raises(ValidationError) as excinfo:
        discovery_services.crosscheck_import(
            by=world.caseworker,
            office=world.chaoyang,
            kind="medical_bills",
            source_department="医保局",
            stream=stream,
            file_name="big.csv",
        )
    assert field_errors(excinfo) == {"file": ["too_large"]}
    assert not CrossCheckImport.objects.exists()


def test_a_broken_xlsx_is_refused(world):
    with pytest.raises(ValidationError) as excinfo:
        run_import(world, b"PK\x03\x04not really a zip", file_name="坏.xlsx")
    assert field_errors(excinfo) == {"file": ["invalid_xlsx"]}


# ---- idempotent and resumable ----


def test_importing_the_same_file_again_changes_nothing_and_says_so(world):
    data = csv_bytes(rows())
    first = run_import(world, data)
    events, warnings = AuditEvent.objects.count(), RiskWarning.objects.count()

    again = run_import(world, data, file_name="另一个名字.csv")

    assert again.already_imported
    assert again.crosscheck_import.pk == first.crosscheck_import.pk
    assert (AuditEvent.objects.count(), RiskWarning.objects.count()) == (events, warnings)
    assert CrossCheckImport.objects.count() == 1


def test_an_interrupted_import_resumes_without_duplicating_warnings(world, monkeypatch):
    world.report()
    data = csv_bytes(
        rows(
            *[[id_, "某某", "", "", "", ""] for id_ in NEW_IDS[2:]],
            [NEW_IDS[0], "重复", "", "", "", ""],
        )
    )
    real_commit = crosscheck_service._Batch.commit
    calls = {"n": 0}

    def crash_on_second_batch(self):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("power cut")
        real_commit(self)

    monkeypatch.setattr(crosscheck_service._Batch, "commit", crash_on_second_batch)
    with pytest.raises(RuntimeError):
        run_import(world, data, batch_size=2)
    record = CrossCheckImport.objects.get()
    assert record.status == CrossCheckImport.Status.RUNNING
    assert record.rows_done == 3  # the first batch (rows 2 and 3) committed
    assert RiskWarning.objects.count() == 2

    monkeypatch.setattr(crosscheck_service._Batch, "commit", real_commit)
    outcome = run_import(world, data, batch_size=2)

    assert outcome.resumed
    assert AuditEvent.objects.filter(action="crosscheck.import.resume").count() == 1
    assert report(outcome.crosscheck_import) == {
        "read": 5,
        "imported": 4,
        "refused": 1,
        "duplicate": 1,  # row 6 repeats row 3, committed before the crash
        "warnings": {"new_hardship": 1, "not_covered": 3},
    }
    assert RiskWarning.objects.count() == 4
    assert outcome.crosscheck_import.status == CrossCheckImport.Status.DONE


def test_two_imports_of_the_same_file_at_once_do_not_race(world, monkeypatch):
    data = csv_bytes(rows())
    real_commit = crosscheck_service._Batch.commit

    def someone_else_got_further(self):
        CrossCheckImport.objects.filter(pk=self.record.pk).update(rows_done=99)
        real_commit(self)

    monkeypatch.setattr(crosscheck_service._Batch, "commit", someone_else_got_further)
    with pytest.raises(ValidationError) as excinfo:
        run_import(world, data)
    assert field_errors(excinfo) == {"file": ["import_in_progress"]}
    assert not RiskWarning.objects.exists()


def test_progress_is_reported_per_batch(world):
    done = []
    run_import(world, csv_bytes(rows()), batch_size=2, progress=done.append)
    assert done == [2, 1]


# ---- who may import ----


def test_only_government_staff_of_the_office_may_import(world):
    for user in (world.nanguan_caseworker, world.charity_staff, world.auditor):
        with pytest.raises(PermissionDenied):
            run_import(world, csv_bytes(rows()), by=user)
    assert not CrossCheckImport.objects.exists()
    # A city supervisor covers the district's office.
    assert run_import(world, csv_bytes(rows()), by=world.supervisor).crosscheck_import.pk


# ---- personal data ----


def test_no_raw_id_number_is_stored_in_plain_text(world):
    world.report()
    run_import(world, csv_bytes(rows()))

    with connection.cursor() as cursor:
        for table in ("needs_riskwarning", "needs_crosscheckimport", "core_auditevent"):
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608
            dump = repr(cursor.fetchall())
            for number in (KNOWN_ID, *NEW_IDS[:2]):
                assert number not in dump, table
    warning = RiskWarning.objects.get(row_number=3)
    assert warning.id_number_masked == NEW_IDS[0][:6] + "********" + NEW_IDS[0][-4:]


# ---- the command ----


def test_the_command_imports_and_prints_the_report(world, tmp_path):
    path = tmp_path / "名单.csv"
    path.write_bytes(csv_bytes(rows([BAD_CHECK_ID, "赵六", "", "", "", ""]), encoding="gbk"))
    out = io.StringIO()

    call_command(
        "import_crosscheck",
        str(path),
        office=str(world.chaoyang.pk),
        kind="medical_bills",
        user=world.caseworker.username,
        mapping="id_number=身份证号",
        verbosity=0,
        stdout=out,
    )
    call_command(
        "import_crosscheck",
        str(path),
        office=world.chaoyang.name,
        kind="medical_bills",
        user=world.caseworker.username,
        verbosity=0,
        stdout=out,
    )

    text = out.getvalue()
    assert "4 rows read, 3 imported, 1 refused" in text
    assert "row 5: invalid_check" in text
    assert "Already imported" in text


def test_an_id_number_excel_stored_as_a_number_is_refused_not_guessed(world):
    """Excel keeps 15 significant digits: 2.20104196412151E+17 must not become an ID."""
    data = [[float(int(DIGITS_ID)), "赵六", None, None, None, None]]
    record = run_import(world, xlsx_bytes(data), file_name="名单.xlsx").crosscheck_import
    assert refused_codes(record) == {2: "id_as_number"}
    assert not record.warnings.exists()


def test_a_damaged_workbook_is_a_clear_error_and_imports_nothing(world):
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes([[NEW_IDS[0], "王小明", "", "", "", ""]])))
    damaged = io.BytesIO()
    with zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename.endswith("sheet1.xml"):
                content = content[: len(content) // 2]  # cut in the middle of the XML
            target.writestr(item, content)
    with pytest.raises(ValidationError) as refused:
        run_import(world, damaged.getvalue(), file_name="名单.xlsx")
    assert refused.value.error_dict["file"][0].code == "invalid_xlsx"
    assert not RiskWarning.objects.exists()


def test_a_very_long_cell_does_not_turn_its_lines_into_rows(world):
    """A quoted cell longer than the csv module's default limit, with a line break and an
    ID number inside: it is one cell of one row, never a row of its own."""
    long_note = "长" * 200_000 + "\n" + NEW_IDS[1] + ",伪造"
    record = run_import(
        world, csv_bytes([[NEW_IDS[0], "王小明", "", "", "", long_note]])
    ).crosscheck_import
    assert record.rows_read == 1
    assert not RiskWarning.objects.filter(row_number__gt=2).exists()
