"""The change feed of the matching index (search.models): writers append, readers catch up.

A writer records which projects or cases it changed by inserting rows into the change log,
inside its own transaction, and takes no lock: sixteen caseworkers saving cases at once do not
wait for one another here. Ids are handed out when a row is inserted, not when its
transaction commits, so a reader cannot just ask for "ids after the last one I saw": a slow
transaction may commit a lower id later. Each row therefore carries its **position**, and a
reader asks for the rows at or above its **horizon**, below which every transaction has ended
(committed or rolled back), so nothing new can appear there:

- PostgreSQL: the position is the writer's transaction id (``pg_current_xact_id()``) and the
  horizon is the oldest transaction still running when the reader's statement took its
  snapshot (``pg_snapshot_xmin``).
- SQLite: one writer at a time and ids never reused (AUTOINCREMENT), so a row's id is its
  position and the horizon is the newest id plus one, except inside the reader's own open
  transaction, whose rows could still roll back: there the horizon stays where it was.

A reader keeps the rows it has applied at or above its horizon; a row that appears is a
change, one it had applied that is gone was rolled back (its objects are read again). Every
answer is read in one statement, so the horizon and the rows come from the same snapshot.

Beside the log, each side has an **epoch** token (search.models.IndexStamp), changed by a
rebuild and missing after the database was emptied: a reader holding another epoch reads
that side in full. Pruning the log records the highest position it removed: a reader whose
horizon is not above it may have missed a change and reads everything in full.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from django.db import IntegrityError, connection, transaction
from django.db.models.expressions import RawSQL

from search.models import IndexChange, IndexStamp

PROJECTS = "projects"
NEEDS = "needs"
SIDES = (NEEDS, PROJECTS)
PRUNED = "pruned"  # the IndexStamp row holding the highest position pruned


@dataclass(frozen=True)
class Feed:
    """One reading of the change feed (all from one snapshot)."""

    epochs: dict[str, str]  # side -> epoch token ("" when the side has none yet)
    pruned: int  # highest position removed from the log
    horizon: int  # every transaction below this position has ended
    rows: list[tuple[int, str, int, int]] = field(default_factory=list)
    # (id, side, object_id, position) of the rows at or above the position asked for


def _postgres() -> bool:
    return connection.vendor == "postgresql"


def changed(side: str, object_ids) -> None:
    """Record that these projects (or cases) changed; called from model signals, inside the
    writer's transaction, so readers see the change exactly when they see the data. An insert,
    no lock: concurrent writers never wait on each other here."""
    ids = sorted(set(object_ids))
    if not ids:
        return
    position = RawSQL("pg_current_xact_id()::text::bigint", []) if _postgres() else None
    IndexChange.objects.bulk_create(
        IndexChange(side=side, object_id=pk, position=position) for pk in ids
    )


def bump(side: str) -> None:
    """A change of the whole side (a rebuild): every process reloads it in full. Rare, so a
    plain update of the side's epoch row."""
    with transaction.atomic():
        _set_stamp(side, uuid.uuid4().hex)


def ensure_epochs(sides=SIDES) -> None:
    """Give each side an epoch if it has none (a new or emptied database). Two processes doing
    it at once: the first one's token stays, and both read it next."""
    for side in sides:
        try:
            with transaction.atomic():
                IndexStamp.objects.get_or_create(name=side, defaults={"version": uuid.uuid4().hex})
        except IntegrityError:
            pass


def _set_stamp(name: str, version: str) -> None:
    if not IndexStamp.objects.filter(name=name).update(version=version):
        IndexStamp.objects.create(name=name, version=version)


def current() -> dict[str, str]:
    """The epoch of each side."""
    return dict(IndexStamp.objects.filter(name__in=SIDES).values_list("name", "version"))


# One statement: the epochs, the pruned mark and the horizon from the snapshot that also
# reads the rows. The LEFT JOIN keeps one row when the log has none to give.
_FEED_SQL = """
SELECT h.horizon,
       (SELECT version FROM search_indexstamp WHERE name = 'needs'),
       (SELECT version FROM search_indexstamp WHERE name = 'projects'),
       (SELECT version FROM search_indexstamp WHERE name = 'pruned'),
       c.id, c.side, c.object_id, {position}
FROM ({horizon}) h
LEFT JOIN search_indexchange c ON {position} >= {since} AND c.side IN ({sides})
ORDER BY c.id
"""
_HORIZON = {
    "postgresql": "SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS horizon",
    "sqlite": "SELECT COALESCE(MAX(id), 0) + 1 AS horizon FROM search_indexchange",
}
_POSITION = {"postgresql": "c.position", "sqlite": "c.id"}


def read(since: int | None, sides=SIDES) -> Feed:
    """The feed from position ``since`` on (None: from the horizon itself, which is what a
    reader loading a side in full starts from)."""
    vendor = "postgresql" if _postgres() else "sqlite"
    position = _POSITION[vendor]
    sql = _FEED_SQL.format(
        horizon=_HORIZON[vendor],
        position=position,
        since="h.horizon" if since is None else "%s",
        sides=", ".join(["%s"] * len(sides)),
    )
    params = ([] if since is None else [since]) + list(sides)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        result = cursor.fetchall()
    horizon, needs, projects, pruned = result[0][:4]
    rows = [tuple(row[4:]) for row in result if row[4] is not None]
    if vendor == "sqlite" and connection.in_atomic_block and since is not None:
        # Our own uncommitted rows are below the newest id: keep them in the window.
        horizon = min(horizon, since)
    epochs = {NEEDS: needs or "", PROJECTS: projects or ""}
    return Feed(epochs=epochs, pruned=int(pruned or 0), horizon=horizon, rows=rows)


_GENERATION_SQL = """
SELECT (SELECT version FROM search_indexstamp WHERE name = 'needs'),
       (SELECT version FROM search_indexstamp WHERE name = 'projects'),
       (SELECT version FROM search_indexstamp WHERE name = 'pruned'),
       (SELECT MAX({position}) FROM search_indexchange c WHERE {position} < h.horizon),
       (SELECT COUNT(*) FROM search_indexchange c WHERE {position} >= h.horizon)
FROM ({horizon}) h
"""


def generation() -> str:
    """Changes whenever the log's visible rows change (for caches of public lists): the
    epochs, the pruned mark, the newest position below the horizon (it moves when rows settle
    below it) and how many rows are above it (it moves when one commits there). One
    statement of indexed reads."""
    vendor = "postgresql" if _postgres() else "sqlite"
    sql = _GENERATION_SQL.format(horizon=_HORIZON[vendor], position=_POSITION[vendor])
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return ".".join(str(value) for value in cursor.fetchone())


def _position_field() -> str:
    return "position" if _postgres() else "id"


def prune(before) -> int:
    """Forget the changes recorded before ``before``, noting the highest position removed: a
    reader whose horizon is not above it may have missed one and reads everything again."""
    old = IndexChange.objects.filter(at__lt=before)
    field_name = _position_field()
    highest = old.order_by(f"-{field_name}").values_list(field_name, flat=True).first()
    if highest is None:
        return 0
    with transaction.atomic():
        mark = IndexStamp.objects.filter(name=PRUNED).values_list("version", flat=True).first()
        _set_stamp(PRUNED, str(max(int(mark or 0), highest)))
        deleted, _kinds = old.delete()
    return deleted
