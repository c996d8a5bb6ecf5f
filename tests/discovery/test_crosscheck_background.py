"""The upload screen hands the import to a background task: the request checks the file and
records the import, the task imports the rows, the report shows how far it has got (and
refreshes itself while it runs), and the uploaded file is deleted when the task ends."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_tasks import default_task_backend

from core.models import AuditEvent
from discovery import crosscheck_files
from discovery.models import CrossCheckImport, RiskWarning
from discovery.tasks import crosscheck_import_rows
from tests.discovery.crosscheck_helpers import NEW_IDS, csv_bytes, rows

pytestmark = pytest.mark.django_db

REFRESH = '<meta http-equiv="refresh" content="3">'


def upload(client, world, data: bytes, name="名单.csv"):
    return client.post(
        "/admin/crosscheck/new/",
        {
            "office": world.chaoyang.pk,
            "kind": "medical_bills",
            "source_department": "朝阳区医疗保障局",
            "file": SimpleUploadedFile(name, data),
        },
    )


class Queue:
    def __init__(self, backend):
        self.backend = backend

    @property
    def results(self):
        """The import tasks waiting (Wagtail queues its own tasks too)."""
        path = crosscheck_import_rows.module_path
        return [r for r in self.backend.results if r.task.module_path == path]


@pytest.fixture
def queued(settings):
    """Tasks wait in a queue instead of running at once, as on a real worker."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    yield Queue(default_task_backend)
    default_task_backend.clear()


def test_upload_runs_the_task_and_the_report_shows_the_totals(client, world):
    client.force_login(world.caseworker)
    before = set(crosscheck_files.pending_names())

    response = upload(client, world, csv_bytes(rows()))

    record = CrossCheckImport.objects.get()
    assert response.status_code == 302
    assert record.status == CrossCheckImport.Status.DONE
    assert (record.rows_read, record.rows_imported, record.rows_expected) == (3, 3, 3)
    page = client.get(response["Location"]).content.decode()
    assert "http-equiv" not in page and "<progress" not in page  # finished: no refresh
    assert f"<dd>{record.get_status_display()}</dd>" in page
    assert page.count("<dd>3</dd>") >= 2  # rows read, rows imported
    assert set(crosscheck_files.pending_names()) == before  # the file is not kept


def test_the_report_of_a_running_import_shows_progress_and_refreshes(client, world, queued):
    client.force_login(world.caseworker)
    before = set(crosscheck_files.pending_names())

    response = upload(client, world, csv_bytes(rows()))

    record = CrossCheckImport.objects.get()
    assert response.status_code == 302
    assert record.status == CrossCheckImport.Status.RUNNING and record.rows_read == 0
    assert not RiskWarning.objects.exists()  # the request imported no row
    (result,) = queued.results
    stored = result.kwargs["stored_name"]
    assert set(crosscheck_files.pending_names()) == before | {stored}
    assert NEW_IDS[0] not in stored and "名单" not in stored  # a random name

    CrossCheckImport.objects.filter(pk=record.pk).update(rows_read=2)
    page = client.get(response["Location"]).content.decode()
    assert REFRESH in page
    assert re.search(r'<progress id="import-progress" max="3" value="2">66%</progress>', page)
    assert '<label for="import-progress">' in page
    assert re.search(r'<p role="status">[^<]*2[^<]*3[^<]*66%', page)  # the text equivalent
    assert REFRESH not in client.get(response["Location"] + "?refresh=0").content.decode()
    CrossCheckImport.objects.filter(pk=record.pk).update(rows_read=0)

    crosscheck_import_rows.call(**result.kwargs)  # the worker runs it

    record.refresh_from_db()
    assert record.status == CrossCheckImport.Status.DONE and record.rows_imported == 3
    assert RiskWarning.objects.count() == 3
    assert set(crosscheck_files.pending_names()) == before
    page = client.get(response["Location"]).content.decode()
    assert REFRESH not in page and "<progress" not in page


def test_the_same_file_again_changes_nothing_and_stores_nothing(client, world, queued):
    client.force_login(world.caseworker)
    upload(client, world, csv_bytes(rows()))
    (result,) = queued.results
    crosscheck_import_rows.call(**result.kwargs)
    warnings = RiskWarning.objects.count()
    before = set(crosscheck_files.pending_names())

    again = upload(client, world, csv_bytes(rows()))

    assert again.status_code == 302
    assert len(queued.results) == 1  # nothing more to do: no task, no stored file
    assert set(crosscheck_files.pending_names()) == before
    assert CrossCheckImport.objects.count() == 1 and RiskWarning.objects.count() == warnings


def test_a_second_run_of_the_same_import_changes_nothing(client, world, queued):
    client.force_login(world.caseworker)
    upload(client, world, csv_bytes(rows()))
    upload(client, world, csv_bytes(rows()))  # again while the first still waits: resumes
    first, second = queued.results

    crosscheck_import_rows.call(**first.kwargs)
    crosscheck_import_rows.call(**second.kwargs)

    record = CrossCheckImport.objects.get()
    assert record.status == CrossCheckImport.Status.DONE
    assert (record.rows_read, record.rows_imported) == (3, 3)
    assert RiskWarning.objects.count() == 3
    assert first.kwargs["stored_name"] not in crosscheck_files.pending_names()
    assert second.kwargs["stored_name"] not in crosscheck_files.pending_names()


def test_a_failed_import_deletes_the_file_says_why_and_resumes_on_upload(
    client, world, monkeypatch, caplog
):
    client.force_login(world.caseworker)
    before = set(crosscheck_files.pending_names())
    seen = []

    def broken(record, stream, **kwargs):
        seen.append(set(crosscheck_files.pending_names()) - before)  # stored while it runs
        raise OSError("disk gone 110101199003071234")  # as if it quoted a cell of the list

    monkeypatch.setattr("discovery.tasks.crosscheck_import_run", broken)
    response = upload(client, world, csv_bytes(rows()))

    record = CrossCheckImport.objects.get()
    assert response.status_code == 302
    assert len(seen) == 1 and len(seen[0]) == 1
    assert set(crosscheck_files.pending_names()) == before  # deleted after the failure
    assert record.status == CrossCheckImport.Status.FAILED and record.failure
    assert AuditEvent.objects.filter(action="crosscheck.import.fail").count() == 1
    page = client.get(response["Location"]).content.decode()
    assert 'role="alert"' in page and record.failure in page
    assert "http-equiv" not in page  # a stopped import does not refresh
    assert "disk gone" not in page
    # No log line carries the error's text or traceback (it could quote a cell of the list).
    assert "110101199003071234" not in caplog.text and "OSError" in caplog.text

    monkeypatch.undo()
    upload(client, world, csv_bytes(rows()))

    record.refresh_from_db()
    assert record.status == CrossCheckImport.Status.DONE and not record.failure
    assert record.rows_imported == 3 and CrossCheckImport.objects.count() == 1
    assert set(crosscheck_files.pending_names()) == before


def test_a_file_refused_during_the_import_is_deleted_and_the_reason_shown(
    client, world, monkeypatch
):
    from django.core.exceptions import ValidationError

    client.force_login(world.caseworker)
    before = set(crosscheck_files.pending_names())

    def refused(record, stream, **kwargs):
        raise ValidationError({"file": ValidationError("文件已损坏。", code="broken")})

    monkeypatch.setattr("discovery.tasks.crosscheck_import_run", refused)
    upload(client, world, csv_bytes(rows()))

    record = CrossCheckImport.objects.get()
    assert record.status == CrossCheckImport.Status.FAILED and record.failure == "文件已损坏。"
    assert set(crosscheck_files.pending_names()) == before


@pytest.mark.parametrize("who", ["auditor", "charity_staff", "nanguan_caseworker"])
def test_the_upload_is_still_refused_to_the_wrong_role(client, world, queued, who):
    client.force_login(getattr(world, who))
    before = set(crosscheck_files.pending_names())

    response = upload(client, world, csv_bytes(rows()))

    assert response.status_code in (200, 403)
    if who != "nanguan_caseworker":
        assert response.status_code == 403
    assert not CrossCheckImport.objects.exists()
    assert not queued.results
    assert set(crosscheck_files.pending_names()) == before


def test_the_command_still_imports_at_once(world, tmp_path):
    from django.core.management import call_command

    path = tmp_path / "名单.csv"
    path.write_bytes(csv_bytes(rows()))
    call_command(
        "import_crosscheck",
        str(path),
        office=str(world.chaoyang.pk),
        kind="medical_bills",
        user=world.caseworker.username,
        verbosity=0,
    )
    record = CrossCheckImport.objects.get()
    assert record.status == CrossCheckImport.Status.DONE and record.rows_imported == 3
