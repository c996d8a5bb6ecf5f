"""Supervision tasks (督办) opened from risk warnings: the household is covered but the policy
has not reached it (seed 003 measure 11). Opened by the warning's disposition
(discovery.services.risk_warnings.warning_supervise), recorded done by the county."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from core.audit import audit_record
from discovery.services.crosscheck import require_government_scope
from needs.services.rules import lock, refuse
from supervision.models import SupervisionTask


@transaction.atomic
def supervision_task_open(
    *, by, warning, assigned_to, due_on: dt.date, note: str = ""
) -> SupervisionTask:
    """Open the task of a warning being disposed of; the disposition has checked who it is
    assigned to and the due date, and records itself."""
    task = SupervisionTask(
        warning=warning,
        office=warning.office,
        assigned_to=assigned_to,
        due_on=due_on,
        note=(note or "").strip(),
        created_by=by,
    )
    task.full_clean(exclude=["warning"])
    task.save()
    audit_record(
        actor=by,
        action="supervision_task.open",
        obj=task,
        changes={"assigned_to": (None, assigned_to.pk), "due_on": (None, due_on)},
    )
    return task


@transaction.atomic
def supervision_task_done(*, by, task: SupervisionTask, note: str = "") -> SupervisionTask:
    """A caseworker or supervisor of the county records the task done."""
    task = lock(task)
    require_government_scope(
        by, task.warning.region, _("This supervision task is not in your jurisdiction.")
    )
    if task.status == SupervisionTask.Status.DONE:
        refuse(None, _("This supervision task is already done."), "already_done")
    task.status = SupervisionTask.Status.DONE
    if note.strip():
        task.note = f"{task.note}\n{note.strip()}".strip()
    task.save(update_fields=["status", "note"])
    audit_record(
        actor=by, action="supervision_task.done", obj=task, changes={"status": ("open", "done")}
    )
    return task
