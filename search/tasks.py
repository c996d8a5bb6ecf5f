"""Background work of the matching service: pushing project changes to Elasticsearch after
the writer's transaction commits (only when ``ELASTICSEARCH_URL`` is set)."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django_tasks import task


@task()
def push_project_changes(project_ids: list[int]) -> dict:
    from search import elastic

    if not settings.ELASTICSEARCH_URL:
        return {"indexed": 0, "deleted": 0}
    return elastic.push_projects(elastic.client(), project_ids)


def push_after_commit(project_ids) -> None:
    """Queue the push once the current transaction commits (at once outside one): a rolled
    back change is never pushed, and the worker reads what was committed."""
    if not settings.ELASTICSEARCH_URL or not project_ids:
        return
    ids = sorted(set(project_ids))
    transaction.on_commit(lambda: push_project_changes.enqueue(project_ids=ids))
