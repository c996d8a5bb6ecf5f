"""An import whose worker died (issue 16, item 4): the import holds a lease renewed with each
batch; the sweep (sweep_overdue, or the next import task) finds an expired lease and resumes the
import from its progress, without importing a row twice, or stops it saying why; the uploaded
file is deleted whenever the import ends. The real kill is in test_crosscheck_worker_kill.py."""

from __future__ import annotations

import datetime as dt
import io
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from django.utils.translation import gettext
from django_tasks import default_task_backend

from core.models import AuditEvent
from discovery import crosscheck_files
from discovery import services as discovery_services
from discovery.models import CrossCheckImport, RiskWarning
from discovery.tasks import crosscheck_import_rows
from needs.factories import id_number
from tests.discovery.crosscheck_helpers import NEW_IDS, csv_bytes, rows, run_import

pytestmark = pytest.mark.django_db

MANY = [[id_number(f"22010419860101{i:03d}"), f"人{i}", "", "", "", ""] for i in range(1, 11)]
LATER = dt.timedelta(hours=1)


class Killed(Exception):
    pass


@pytest.fixture
def queued(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    yield default_task_backend
    default_task_backend.clear()


def import_tasks(backend):
    path = crosscheck_import_rows.module_path
    return [r for r in backend.results if r.task.module_path == path]


def upload(client, world, data: bytes):
    client.force_login(world.caseworker)
    response = client.post(
        "/admin/crosscheck/new/",
        {
            "office": world.chaoyang.pk,
            "kind": "medical_bills",
            "source_department": "朝阳区医疗保障局",
            "file": SimpleUploadedFile("名单.csv", data),
        },
    )
    assert response.status_code == 302
    return response["Location"]


def die_after_first_batch(record, stored_name, *, batch_size=4):
    """Run the import as a worker that dies once its first batch is committed: its lease stays
    held and is never renewed (what SIGKILL leaves; the kill itself is tested elsewhere)."""
    state = {}

    def progress(done):
        state.update(
            CrossCheckImport.objects.filter(pk=record.pk).values("lease_owner", "rows_done").get()
        )
        raise Killed

    with pytest.raises(Killed), crosscheck_files.open_pending(stored_name) as stream:
        discovery_services.crosscheck_import_run(
            record, stream, batch_size=batch_size, progress=progress, worker="host:1:dead"
        )
    # As the dead process left it: its lease taken, never given back.
    CrossCheckImport.objects.filter(pk=record.pk).update(
        lease_owner=state["lease_owner"], lease_expires_at=timezone.now() + dt.timedelta(minutes=1)
    )
    return state


def test_the_lease_is_held_and_renewed_while_rows_are_imported_and_given_back_at_the_end(world):
    seen = []

    def progress(done):
        seen.append(CrossCheckImport.objects.values_list("lease_owner", "lease_expires_at").get())

    outcome = run_import(world, csv_bytes(MANY), batch_size=4, progress=progress)

    assert len(seen) == 3
    owners = {owner for owner, _ in seen}
    assert len(owners) == 1 and owners.pop()  # one worker, named
    assert all(expires > timezone.now() for _, expires in seen)
    assert seen[0][1] <= seen[1][1] <= seen[2][1]  # renewed with each batch
    record = outcome.crosscheck_import
    assert record.status == CrossCheckImport.Status.DONE
    assert (record.lease_owner, record.lease_expires_at) == ("", None)


def test_a_dead_workers_import_is_resumed_by_the_sweep_without_duplicates(client, world, queued):
    before = set(crosscheck_files.pending_names())
    report_url = upload(client, world, csv_bytes(MANY))
    (task,) = import_tasks(queued)
    record = CrossCheckImport.objects.get()
    assert record.pending_files == [task.kwargs["stored_name"]]
    assert record.lease_expires_at is not None  # queued: a worker must take it in time

    state = die_after_first_batch(record, task.kwargs["stored_name"])
    assert state["rows_done"] == 5 and state["lease_owner"] == "host:1:dead"
    assert RiskWarning.objects.count() == 4

    # Not yet expired: nothing to do.
    assert discovery_services.crosscheck_imports_recover().resumed == 0
    result = discovery_services.crosscheck_imports_recover(now=timezone.now() + LATER)
    assert (result.resumed, result.failed) == (1, 0)
    assert set(crosscheck_files.pending_names()) == before | {task.kwargs["stored_name"]}
    resumed = import_tasks(queued)[-1]
    assert resumed.kwargs == task.kwargs
    crosscheck_import_rows.call(**resumed.kwargs)  # the next worker

    record.refresh_from_db()
    assert record.status == CrossCheckImport.Status.DONE and record.recoveries == 1
    assert (record.rows_read, record.rows_imported) == (10, 10)
    assert RiskWarning.objects.count() == 10  # none twice
    assert record.pending_files == []
    assert set(crosscheck_files.pending_names()) == before
    assert AuditEvent.objects.filter(action="crosscheck.import.recover").count() == 1
    page = client.get(report_url).content.decode()
    assert (
        gettext(
            "The background worker importing this list stopped; the import was resumed where it "
            "had got to, and no row was imported twice."
        )
        in page
    )

    # The dead worker's queued task, delivered again, changes nothing.
    crosscheck_import_rows.call(**task.kwargs)
    assert RiskWarning.objects.count() == 10


def test_a_live_lease_is_left_alone_and_a_second_task_leaves_the_file(client, world, queued):
    upload(client, world, csv_bytes(rows()))
    (task,) = import_tasks(queued)
    record = CrossCheckImport.objects.get()
    CrossCheckImport.objects.filter(pk=record.pk).update(
        lease_owner="other:2:alive", lease_expires_at=timezone.now() + LATER
    )

    assert discovery_services.crosscheck_imports_recover().resumed == 0
    outcome = crosscheck_import_rows.call(**task.kwargs)

    assert outcome["status"] == "running elsewhere"
    record.refresh_from_db()
    assert record.status == CrossCheckImport.Status.RUNNING
    # Kept: if the other worker dies, the sweep resumes the import with it.
    assert task.kwargs["stored_name"] in crosscheck_files.pending_names()

    result = discovery_services.crosscheck_imports_recover(now=timezone.now() + 2 * LATER)
    assert result.resumed == 1
    crosscheck_import_rows.call(**import_tasks(queued)[-1].kwargs)
    record.refresh_from_db()
    assert record.status == CrossCheckImport.Status.DONE and RiskWarning.objects.count() == 3
    assert task.kwargs["stored_name"] not in crosscheck_files.pending_names()


def test_a_worker_thought_dead_stops_at_its_next_batch(world):
    data = csv_bytes(MANY)
    calls = []

    def progress(done):
        calls.append(done)
        if len(calls) == 1:  # the sweep took the import over while this worker was slow
            CrossCheckImport.objects.update(lease_owner="", lease_expires_at=timezone.now())

    with pytest.raises(ValidationError) as error:
        run_import(world, data, batch_size=4, progress=progress)
    assert error.value.error_dict["file"][0].code == "import_in_progress"
    assert RiskWarning.objects.count() == 4  # the first batch only

    outcome = run_import(world, data, batch_size=4)  # whoever takes it next

    assert outcome.crosscheck_import.status == CrossCheckImport.Status.DONE
    assert RiskWarning.objects.count() == 10


def test_a_dead_workers_import_whose_file_is_gone_is_stopped_saying_why(client, world, queued):
    before = set(crosscheck_files.pending_names())
    report_url = upload(client, world, csv_bytes(MANY))
    (task,) = import_tasks(queued)
    record = CrossCheckImport.objects.get()
    die_after_first_batch(record, task.kwargs["stored_name"])
    crosscheck_files.delete_pending(task.kwargs["stored_name"])

    result = discovery_services.crosscheck_imports_recover(now=timezone.now() + LATER)

    assert (result.resumed, result.failed) == (0, 1)
    record.refresh_from_db()
    assert record.status == CrossCheckImport.Status.FAILED
    why = gettext("its file is no longer there")
    assert record.failure == gettext(
        "The background worker importing this list stopped (%(why)s)."
    ) % {"why": why}
    assert (record.lease_owner, record.lease_expires_at, record.pending_files) == ("", None, [])
    assert set(crosscheck_files.pending_names()) == before
    page = client.get(report_url).content.decode()
    assert 'role="alert"' in page and record.failure in page
    assert "http-equiv" not in page

    # Uploading the file again resumes it after the rows already imported.
    upload(client, world, csv_bytes(MANY))
    crosscheck_import_rows.call(**import_tasks(queued)[-1].kwargs)
    record.refresh_from_db()
    assert record.status == CrossCheckImport.Status.DONE and RiskWarning.objects.count() == 10
    assert set(crosscheck_files.pending_names()) == before


def test_an_import_that_kills_its_worker_each_time_is_stopped_and_its_file_deleted(
    client, world, queued, settings
):
    settings.CROSSCHECK_MAX_RECOVERIES = 2
    before = set(crosscheck_files.pending_names())
    upload(client, world, csv_bytes(MANY))
    record = CrossCheckImport.objects.get()
    CrossCheckImport.objects.filter(pk=record.pk).update(
        recoveries=2, lease_owner="host:1:dead", lease_expires_at=timezone.now()
    )

    result = discovery_services.crosscheck_imports_recover(now=timezone.now() + LATER)

    assert result.failed == 1
    record.refresh_from_db()
    assert record.status == CrossCheckImport.Status.FAILED
    assert gettext("it was resumed %(count)s times and stopped again") % {"count": 2} in (
        record.failure
    )
    assert set(crosscheck_files.pending_names()) == before


def test_a_queued_import_no_worker_took_is_handled_after_the_queue_time(
    client, world, queued, settings
):
    upload(client, world, csv_bytes(rows()))
    record = CrossCheckImport.objects.get()
    assert discovery_services.crosscheck_imports_recover(now=timezone.now() + LATER).resumed == 0
    later = timezone.now() + dt.timedelta(seconds=settings.CROSSCHECK_QUEUE_SECONDS + 60)
    assert discovery_services.crosscheck_imports_recover(now=later).resumed == 1
    crosscheck_import_rows.call(**import_tasks(queued)[-1].kwargs)
    record.refresh_from_db()
    assert record.status == CrossCheckImport.Status.DONE


def test_the_sweep_deletes_files_an_ended_import_still_lists(world):
    name = crosscheck_files.store_pending(io.BytesIO(b"x"))
    outcome = run_import(world, csv_bytes(rows()))
    CrossCheckImport.objects.filter(pk=outcome.crosscheck_import.pk).update(pending_files=[name])

    assert discovery_services.crosscheck_imports_recover().cleaned == 1

    assert name not in crosscheck_files.pending_names()
    assert CrossCheckImport.objects.get().pending_files == []


def test_sweep_overdue_reports_the_imports(world):
    out = StringIO()
    call_command("sweep_overdue", stdout=out)
    assert "resumed 0 and stopped 0 imports" in out.getvalue()


def test_a_task_whose_file_is_missing_stops_the_import(client, world, queued):
    upload(client, world, csv_bytes(rows(*[[NEW_IDS[2], "某", "", "", "", ""]])))
    (task,) = import_tasks(queued)
    crosscheck_files.delete_pending(task.kwargs["stored_name"])
    assert crosscheck_import_rows.call(**task.kwargs)["status"] == "stopped"
    record = CrossCheckImport.objects.get()
    assert record.status == CrossCheckImport.Status.FAILED and record.pending_files == []
