"""Recording changes for the matching index (search.models) and reading them back."""

from __future__ import annotations

import uuid

from django.db import transaction

from search.models import IndexChange, IndexStamp

PROJECTS = "projects"
NEEDS = "needs"
SIDES = (NEEDS, PROJECTS)


def changed(side: str, object_ids) -> None:
    """Record that these projects (or cases) changed; called from model signals, inside the
    writer's transaction, so other processes see the change exactly when they see the data.
    Both stamp rows are locked, always in the same order: changes are chained in commit order
    and two writers never wait on each other in a circle."""
    with transaction.atomic():  # a savepoint inside the writer's transaction, if any
        _record(side, sorted(set(object_ids)))


def _record(side: str, object_ids: list[int]) -> None:
    stamps = {s.name: s for s in IndexStamp.objects.select_for_update().order_by("name")}
    if len(stamps) < len(SIDES):
        for name in SIDES:
            IndexStamp.objects.get_or_create(name=name, defaults={"version": ""})
        stamps = {s.name: s for s in IndexStamp.objects.select_for_update().order_by("name")}
    token = uuid.uuid4().hex
    IndexChange.objects.bulk_create(
        IndexChange(side=side, object_id=pk, prev_token=stamps[side].version, token=token)
        for pk in object_ids
    )
    IndexStamp.objects.filter(name=side).update(version=token)


def bump(side: str) -> None:
    """A change of the whole side (a rebuild): every process reloads it in full."""
    changed(side, [])


def current() -> dict[str, str]:
    return dict(IndexStamp.objects.values_list("name", "version"))


def last_change_id(side: str) -> int:
    return (
        IndexChange.objects.filter(side=side).order_by("-id").values_list("id", flat=True).first()
        or 0
    )


def changes_since(side: str, after_id: int) -> list[tuple[int, str, str, int]]:
    """(id, prev_token, token, object_id) of the side's changes after ``after_id``, in order."""
    return list(
        IndexChange.objects.filter(side=side, id__gt=after_id)
        .order_by("id")
        .values_list("id", "prev_token", "token", "object_id")
    )


def prune(before) -> int:
    """Forget the changes recorded before ``before``. A process still holding a token from
    before then finds the chain broken and reloads that side in full, which is correct, only
    slower; every process that queried since has consumed them already."""
    deleted, _kinds = IndexChange.objects.filter(at__lt=before).delete()
    return deleted
