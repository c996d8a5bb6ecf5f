"""Background work of the case flow (Django's task framework, the django-tasks backport)."""

from __future__ import annotations

import datetime as dt
import logging

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import default_task_backend, task

from needs import crosscheck_files
from needs.models import CrossCheckImport
from needs.services import crosscheck_import_fail, crosscheck_import_run, deadlines_sweep

logger = logging.getLogger(__name__)


@task()
def sweep_overdue_deadlines(every_seconds: int = 0) -> dict:
    """Escalate overdue steps and expire unanswered referrals. With ``every_seconds`` it queues
    its own next run, so one enqueue on a worker keeps it periodic."""
    result = deadlines_sweep()
    if every_seconds and default_task_backend.supports_defer:
        sweep_overdue_deadlines.using(
            run_after=timezone.now() + dt.timedelta(seconds=every_seconds)
        ).enqueue(every_seconds=every_seconds)
    return {"escalated": result.escalated, "referrals_expired": result.referrals_expired}


@task()
def crosscheck_import_rows(import_id: int, stored_name: str) -> dict:
    """The rows of a list uploaded on the data cross-check screen, imported in the background
    (a 100,000-row list takes longer than a web request may). The uploaded file waits in the
    private storage and is deleted here, when the import finishes or stops; a stopped import
    says why on its report, and uploading the file again resumes it."""
    record = CrossCheckImport.objects.filter(pk=import_id).first()
    try:
        if record is None:
            return {"import": import_id, "status": "gone"}
        with crosscheck_files.open_pending(stored_name) as stream:
            record = crosscheck_import_run(record, stream)
        return {"import": import_id, "status": record.status, "rows_read": record.rows_read}
    except ValidationError as error:
        if getattr(error, "code", None) == "import_in_progress" or any(
            e.code == "import_in_progress" for e in getattr(error, "error_list", [])
        ):
            # The same list is being imported by another run, which carries on.
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
        crosscheck_files.delete_pending(stored_name)
