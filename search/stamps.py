"""Bumping and reading the index stamps (search.models.IndexStamp)."""

from __future__ import annotations

import uuid

from search.models import IndexStamp

PROJECTS = "projects"
NEEDS = "needs"


def bump(name: str) -> None:
    """Mark one side changed; called from model signals, inside the writer's transaction, so
    readers in other processes see the new version exactly when they can see the change."""
    token = uuid.uuid4().hex
    if not IndexStamp.objects.filter(name=name).update(version=token):
        IndexStamp.objects.update_or_create(name=name, defaults={"version": token})


def current() -> dict[str, str]:
    return dict(IndexStamp.objects.values_list("name", "version"))
