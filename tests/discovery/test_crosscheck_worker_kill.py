"""A worker is killed (SIGKILL) in the middle of a data cross-check import (issue 16, item 4):
the import is left holding an expired lease; the sweep resumes it from its progress in the next
worker, it ends complete with no row imported twice, and its uploaded file is deleted.

The worker is a separate process sharing the database, so this runs on PostgreSQL only (an
in-memory SQLite test database cannot be shared): DATABASE_URL=postgres://... (CI does)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django_tasks import default_task_backend

from core.models import AuditEvent
from discovery import crosscheck_files
from discovery.models import CrossCheckImport, RiskWarning
from discovery.tasks import crosscheck_import_rows
from needs.factories import id_number
from tests.discovery.crosscheck_helpers import csv_bytes

pytestmark = [
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="the killed worker is another process sharing the database: needs PostgreSQL "
        "(DATABASE_URL=postgres://...; CI runs it)",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ROOT = Path(__file__).resolve().parents[2]
ROWS = 4000
LEASE_SECONDS = 2

# The worker: the import task, run in its own process against the test database, with the
# uploads on disk where the test put them.
WORKER = """
import sys
import django
django.setup()
from django.test.utils import override_settings
from discovery.tasks import crosscheck_import_rows
storages = {
    **__import__("django.conf").conf.settings.STORAGES,
    "crosscheck_uploads": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": sys.argv[1]},
    },
}
with override_settings(STORAGES=storages):
    print(crosscheck_import_rows.call(import_id=int(sys.argv[2]), stored_name=sys.argv[3]))
"""


def people(count: int) -> list[list[str]]:
    out = []
    for n in range(count):
        month, rest = divmod(n, 28 * 500)
        day, seq = divmod(rest, 500)
        first17 = f"2201041986{month + 1:02d}{day + 1:02d}{seq:03d}"
        out.append([id_number(first17), f"人{n}", "", "", "", ""])
    return out


def database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return (
        f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
        f"/{db['NAME']}"
    )


@pytest.fixture
def uploads(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "crosscheck_uploads": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    return tmp_path


def start_import(client, world, settings):
    """Upload a long list on the screen; its task waits in the queue. (record, stored name,
    report URL)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    client.force_login(world.caseworker)
    response = client.post(
        "/admin/crosscheck/new/",
        {
            "office": world.chaoyang.pk,
            "kind": "medical_bills",
            "source_department": "朝阳区医疗保障局",
            "file": SimpleUploadedFile("名单.csv", csv_bytes(people(ROWS))),
        },
    )
    assert response.status_code == 302
    path = crosscheck_import_rows.module_path
    (task,) = [r for r in default_task_backend.results if r.task.module_path == path]
    default_task_backend.clear()
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    return CrossCheckImport.objects.get(), task.kwargs["stored_name"], response["Location"]


def run_worker_and_kill_it(record, stored: str, uploads: Path) -> int:
    """Start a worker process on the import and SIGKILL it once it has read some rows; its
    process id."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "core.settings.test",
        "DATABASE_URL": database_url(),
        "CROSSCHECK_BATCH_SIZE": "20",
        "CROSSCHECK_LEASE_SECONDS": str(LEASE_SECONDS),
    }
    worker = subprocess.Popen(  # noqa: S603  (our own interpreter and script)
        [sys.executable, "-c", WORKER, str(uploads), str(record.pk), stored],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            record.refresh_from_db()
            if record.rows_read >= 100 or worker.poll() is not None:
                break
            time.sleep(0.05)
        assert worker.poll() is None, worker.stderr.read().decode()[-2000:]
        worker.send_signal(signal.SIGKILL)  # no cleanup of any kind
        assert worker.wait(timeout=30) == -signal.SIGKILL
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait()
        worker.stdout.close()
        worker.stderr.close()
    return worker.pid


def test_a_worker_killed_mid_import_is_resumed_by_the_sweep_complete_and_without_duplicates(
    client, world, uploads, settings
):
    record, stored, report_url = start_import(client, world, settings)
    assert (uploads / stored).exists()

    pid = run_worker_and_kill_it(record, stored, uploads)

    record.refresh_from_db()
    # What the dead worker left: a running import, part done, its lease held by the dead
    # process, and the file (names and ID numbers) still on disk.
    assert record.status == CrossCheckImport.Status.RUNNING
    assert 0 < record.rows_read < ROWS
    assert f":{pid}:" in record.lease_owner
    assert (uploads / stored).exists()
    assert RiskWarning.objects.count() == record.rows_read

    time.sleep(LEASE_SECONDS + 0.5)  # the lease expires: nobody renews it
    # The next sweep (sweep_overdue, from cron or its periodic task) resumes it in a worker.
    out = StringIO()
    call_command("sweep_overdue", stdout=out)
    assert "resumed 1 and stopped 0 imports" in out.getvalue()

    record.refresh_from_db()
    assert record.status == CrossCheckImport.Status.DONE and record.recoveries == 1
    assert (record.rows_read, record.rows_imported, record.rows_refused) == (ROWS, ROWS, 0)
    assert RiskWarning.objects.count() == ROWS  # every row once: none lost, none twice
    assert RiskWarning.objects.values("id_number_hash").distinct().count() == ROWS
    assert (record.lease_owner, record.pending_files) == ("", [])
    assert not (uploads / stored).exists() and crosscheck_files.pending_names() == []
    assert AuditEvent.objects.filter(action="crosscheck.import.recover").count() == 1
    page = client.get(report_url).content.decode()
    assert "http-equiv" not in page and f"<dd>{record.get_status_display()}</dd>" in page


def test_a_worker_killed_mid_import_with_its_file_gone_is_stopped_saying_why(
    client, world, uploads, settings
):
    record, stored, report_url = start_import(client, world, settings)
    run_worker_and_kill_it(record, stored, uploads)
    record.refresh_from_db()
    assert record.status == CrossCheckImport.Status.RUNNING and record.rows_read > 0
    (uploads / stored).unlink()  # the disk was lost with the worker's host

    time.sleep(LEASE_SECONDS + 0.5)
    out = StringIO()
    call_command("sweep_overdue", stdout=out)

    assert "resumed 0 and stopped 1 imports" in out.getvalue()
    record.refresh_from_db()
    assert record.status == CrossCheckImport.Status.FAILED and record.failure
    assert (record.lease_owner, record.pending_files) == ("", [])
    page = client.get(report_url).content.decode()
    assert 'role="alert"' in page and record.failure in page
