"""The periodic work of supervision as background tasks (Django's task framework, the
django-tasks backport): the overdue sweep, then the notifications it calls for.

With ``every_seconds`` a task queues its own next run (as needs.tasks does), so one enqueue
on a worker keeps it periodic: ``manage.py supervision_notify --every 900`` once, and the
worker that ``make run`` starts beside the server runs it every quarter of an hour.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone
from django_tasks import default_task_backend, task

from discovery import notify_petitions
from needs.services import deadlines_sweep
from needs.services.assistance import household_statuses_expire
from search import stamps
from supervision import services, services_meetings, services_reports


def run_all() -> dict:
    """The sweep first (it escalates), then the escalation notices, the reminders, the
    quarterly disclosure reminder, the hotline time limits, the overdue supervision tasks,
    the daily digest of routine visits past due and the monthly report upward due by the
    28th; the household statuses whose assistance ended; and, as housekeeping on the same
    beat, the matching index's change log older than a day (search.stamps.prune)."""
    sweep = deadlines_sweep()
    return {
        "index_changes_pruned": stamps.prune(timezone.now() - dt.timedelta(hours=24)),
        "escalated": sweep.escalated,
        "referrals_expired": sweep.referrals_expired,
        "escalation_notices": services.escalation_notifications_send().notifications,
        "deadline_reminders": services.deadline_reminders_send().notifications,
        "disclosure_reminders": services.disclosure_reminders_send().notifications,
        "hotline_reminders": services.hotline_reminders_send().notifications,
        "supervision_task_reminders": services.supervision_task_reminders_send().notifications,
        "visit_digests": services.visit_digests_send().notifications,
        "monthly_report_reminders": services_reports.monthly_report_reminders_send(),
        # Petitions near or past a time limit; joint-meeting follow-up tasks overdue.
        "petition_reminders": notify_petitions.petition_reminders_send(),
        "meeting_task_reminders": services_meetings.overdue_task_reminders_send(),
        # Household statuses (低保, 特困...) end with the assistance that gave them.
        "household_statuses_expired": household_statuses_expire(),
    }


def periodic_already_queued() -> bool:
    """Whether a self-repeating run already waits in the database queue (so that running the
    command twice does not start a second chain). Other backends cannot be asked: False."""
    if not settings.TASKS["default"]["BACKEND"].startswith("django_tasks_db."):
        return False
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        task_path=supervision_periodic.module_path, status__in=("READY", "RUNNING")
    ).exists()


def _next_run_waiting() -> bool:
    """Whether a later run already waits (the command while this one ran, or another chain):
    then this run does not queue one more, so there is never more than one chain."""
    if not settings.TASKS["default"]["BACKEND"].startswith("django_tasks_db."):
        return False
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        task_path=supervision_periodic.module_path, status="READY"
    ).exists()


@task()
def supervision_periodic(every_seconds: int = 0) -> dict:
    try:
        return run_all()
    finally:
        # Also after a failure: one bad run must not stop the reminders for good.
        if every_seconds and default_task_backend.supports_defer and not _next_run_waiting():
            supervision_periodic.using(
                run_after=timezone.now() + dt.timedelta(seconds=every_seconds)
            ).enqueue(every_seconds=every_seconds)
