"""Background work of the matching service: pushing project and case changes to Elasticsearch
after the writer's transaction commits (only when ``ELASTICSEARCH_URL`` is set), and pruning
the change log the server processes catch up from."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import default_task_backend, task

from search import stamps


@task()
def push_changes(side: str, ids: list[int]) -> dict:
    """Index or delete these projects (side "projects") or cases (side "needs")."""
    from search import elastic

    if not settings.ELASTICSEARCH_URL:
        return {"indexed": 0, "deleted": 0}
    push = elastic.push_projects if side == stamps.PROJECTS else elastic.push_needs
    return push(elastic.client(), ids)


def push_after_commit(side: str, ids) -> None:
    """Queue the push once the current transaction commits (at once outside one): a rolled
    back change is never pushed, and the worker reads what was committed."""
    if not settings.ELASTICSEARCH_URL or not ids:
        return
    ids = sorted(set(ids))
    transaction.on_commit(lambda: push_changes.enqueue(side=side, ids=ids))


@task()
def prune_index_changes(keep_hours: int = 24, every_seconds: int = 0) -> dict:
    """Delete index changes older than ``keep_hours`` (a few rows per case or project write
    would otherwise grow for ever). With ``every_seconds`` it queues its own next run."""
    pruned = stamps.prune(timezone.now() - dt.timedelta(hours=keep_hours))
    if every_seconds and default_task_backend.supports_defer:
        prune_index_changes.using(
            run_after=timezone.now() + dt.timedelta(seconds=every_seconds)
        ).enqueue(keep_hours=keep_hours, every_seconds=every_seconds)
    return {"pruned": pruned}
