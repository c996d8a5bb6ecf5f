"""Background work of the matching service: pushing project and case changes to Elasticsearch
after the writer's transaction commits (only when ``ELASTICSEARCH_URL`` is set). A push the
cluster fails or refuses is tried again later, a few times, with growing delays; then it is
logged as given up (``manage.py search_index --rebuild`` brings the indexes back in line).
The change log the server processes catch up from is pruned by supervision's periodic run."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task
from elastic_transport import TransportError
from elasticsearch import ApiError

from search import stamps

logger = logging.getLogger(__name__)

# Seconds to wait before each new attempt of a failed push: a cluster restarting or
# rebalancing is back within minutes; one down for longer needs a person anyway.
RETRY_DELAYS = (60, 300, 1800, 7200)


@task()
def push_changes(side: str, ids: list[int], attempt: int = 1) -> dict:
    """Index or delete these projects (side "projects") or cases (side "needs")."""
    from search import elastic

    if not settings.ELASTICSEARCH_URL:
        return {"indexed": 0, "deleted": 0}
    push = elastic.push_projects if side == stamps.PROJECTS else elastic.push_needs
    try:
        return push(elastic.client(), ids)
    except (TransportError, ApiError, elastic.PushRefused) as error:
        return _retry_later(side, ids, attempt, error)


def _retry_later(side: str, ids: list[int], attempt: int, error: Exception) -> dict:
    if attempt > len(RETRY_DELAYS):
        logger.error(
            "search push of %d %s gave up after %d attempts (%s); run search_index --rebuild",
            len(ids), side, attempt, type(error).__name__,
        )  # fmt: skip
        return {"status": "gave up", "attempts": attempt}
    delay = RETRY_DELAYS[attempt - 1]
    retry = push_changes
    if retry.get_backend().supports_defer:
        retry = retry.using(run_after=timezone.now() + dt.timedelta(seconds=delay))
    logger.warning(
        "search push of %d %s failed (attempt %d, %s); trying again in %d s",
        len(ids), side, attempt, type(error).__name__, delay,
    )  # fmt: skip
    retry.enqueue(side=side, ids=ids, attempt=attempt + 1)
    return {"status": "retrying", "attempt": attempt}


def push_after_commit(side: str, ids) -> None:
    """Queue the push once the current transaction commits (at once outside one): a rolled
    back change is never pushed, and the worker reads what was committed."""
    if not settings.ELASTICSEARCH_URL or not ids:
        return
    ids = sorted(set(ids))
    transaction.on_commit(lambda: push_changes.enqueue(side=side, ids=ids))
