"""Background work of the matching service: pushing project and case changes to Elasticsearch
after the writer's transaction commits (only when ``ELASTICSEARCH_URL`` is set). The change
log the server processes catch up from is pruned by supervision's periodic run."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django_tasks import task

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
