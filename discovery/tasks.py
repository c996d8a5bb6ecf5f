"""Background work of the data cross-check (Django's task framework, the django-tasks
backport)."""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django_tasks import task

from discovery import crosscheck_files
from discovery.models import CrossCheckImport
from discovery.services import (
    crosscheck_import_delete_files,
    crosscheck_import_fail,
    crosscheck_import_run,
    crosscheck_imports_recover,
)
from discovery.services.crosscheck import new_worker_id

logger = logging.getLogger(__name__)


def _codes(error: ValidationError) -> set[str | None]:
    if hasattr(error, "error_dict"):  # refuse() names the field
        return {e.code for errors in error.error_dict.values() for e in errors}
    return {e.code for e in error.error_list}


@task()
def crosscheck_import_rows(import_id: int, stored_name: str) -> dict:
    """The rows of a list uploaded on the data cross-check screen, imported in the background
    (a 100,000-row list takes longer than a web request may). The uploaded file waits in the
    private storage, listed on the import, and is deleted when the import ends, done or
    stopped; a stopped import says why on its report, and uploading the file again resumes it.

    The task holds the import's lease while it runs (renewed with each batch); first it looks
    for imports whose worker died and resumes or stops them (so does sweep_overdue)."""
    try:
        crosscheck_imports_recover(exclude=import_id)
    except Exception as error:  # the sweep must not keep this import from running
        logger.error("data cross-check recovery failed: %s", type(error).__name__)
    record = CrossCheckImport.objects.filter(pk=import_id).first()
    if record is None or record.status == CrossCheckImport.Status.DONE:
        crosscheck_import_delete_files(import_id, stored_name)
        return {"import": import_id, "status": record.status if record else "gone"}
    try:
        if not crosscheck_files.pending_exists(stored_name):
            crosscheck_import_fail(
                record,
                _("The uploaded file is no longer there; upload the file again to resume."),
            )
            return {"import": import_id, "status": "stopped"}
        with crosscheck_files.open_pending(stored_name) as stream:
            record = crosscheck_import_run(record, stream, worker=new_worker_id())
        return {"import": import_id, "status": record.status, "rows_read": record.rows_read}
    except ValidationError as error:
        if "import_in_progress" in _codes(error):
            # The same list is being imported by another run, which carries on (and deletes
            # the files when it ends).
            return {"import": import_id, "status": "running elsewhere"}
        crosscheck_import_fail(record, " ".join(error.messages))
        return {"import": import_id, "status": "stopped"}
    except Exception as error:
        # The class only, and not raised on: the task runner would log the message and the
        # traceback, which could quote a cell of the list (DESIGN.md 7.1). The import's record
        # says it stopped; the report page shows it.
        logger.error("data cross-check import %s stopped: %s", import_id, type(error).__name__)
        crosscheck_import_fail(
            record, _("The import stopped because of an error; upload the file again to resume.")
        )
        return {"import": import_id, "status": "stopped"}
    finally:
        crosscheck_import_delete_files(import_id, stored_name)
