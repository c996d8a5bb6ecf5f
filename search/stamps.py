"""Recording changes for the matching index (search.models) and reading them back."""

from __future__ import annotations

import uuid

from search.models import IndexChange, IndexStamp

PROJECTS = "projects"
NEEDS = "needs"


def changed(side: str, object_ids) -> None:
    """Record that these projects (or cases) changed; called from model signals, inside the
    writer's transaction, so other processes see the change exactly when they see the data.
    The stamp row is locked first: changes of one side are chained in commit order."""
    object_ids = sorted(set(object_ids))
    stamp = IndexStamp.objects.select_for_update().filter(name=side).first()
    if stamp is None:
        stamp, _created = IndexStamp.objects.get_or_create(name=side, defaults={"version": ""})
    token = uuid.uuid4().hex
    IndexChange.objects.bulk_create(
        IndexChange(side=side, object_id=pk, prev_token=stamp.version, token=token)
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
