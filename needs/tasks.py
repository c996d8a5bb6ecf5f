"""Background work of the case flow (Django's task framework, the django-tasks backport)."""

from __future__ import annotations

import datetime as dt
import logging

from django.utils import timezone
from django_tasks import default_task_backend, task

from discovery.services import crosscheck_imports_recover
from needs.services import deadlines_sweep

logger = logging.getLogger(__name__)


@task()
def sweep_overdue_deadlines(every_seconds: int = 0) -> dict:
    """Escalate overdue steps and expire unanswered referrals. With ``every_seconds`` it queues
    its own next run, so one enqueue on a worker keeps it periodic."""
    result = deadlines_sweep()
    imports = crosscheck_imports_recover()
    if every_seconds and default_task_backend.supports_defer:
        sweep_overdue_deadlines.using(
            run_after=timezone.now() + dt.timedelta(seconds=every_seconds)
        ).enqueue(every_seconds=every_seconds)
    return {
        "escalated": result.escalated,
        "referrals_expired": result.referrals_expired,
        "imports_resumed": imports.resumed,
        "imports_stopped": imports.failed,
    }
