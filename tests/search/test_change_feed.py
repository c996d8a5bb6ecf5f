"""The matching index's change feed under concurrent writers (issue 16, item 5): writers take
no common lock, and a reader still sees every change, also one whose transaction began
first and committed last.

These need real concurrent transactions: they run in the PostgreSQL leg of CI and are
skipped on SQLite, where one writer at a time holds the whole database.
"""

from __future__ import annotations

import threading

import pytest
from django.conf import settings
from django.db import connections, transaction

from projects.models import Project
from search import stamps
from search.engine import EmbeddedEngine

pytestmark = [
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="needs PostgreSQL: run with DATABASE_URL=postgres://... (CI does)",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


class Writer(threading.Thread):
    """Changes a project's title in its own connection and transaction, and holds the
    transaction open until told to commit."""

    def __init__(self, project_id: int, title: str):
        super().__init__(daemon=True)
        self.project_id, self.title = project_id, title
        self.written, self.commit, self.done = (
            threading.Event(),
            threading.Event(),
            threading.Event(),
        )
        self.error: BaseException | None = None

    def run(self):
        try:
            with transaction.atomic():
                project = Project.objects.get(pk=self.project_id)
                project.title = self.title
                project.save()  # records the change (search.signals)
                self.written.set()
                assert self.commit.wait(20)
        except BaseException as error:
            self.error = error
        finally:
            connections.close_all()
            self.written.set()
            self.done.set()


def _second_project(money) -> Project:
    from core.models import Region

    other = Project.objects.create(
        organisation=money.world.charity, title="第二个项目", status="open", categories=["illness"]
    )
    other.regions.add(Region.objects.get(code="220100"))
    return other


def test_writers_do_not_wait_for_each_other(money):
    """The old stamp row lock made a second writer wait until the first one committed."""
    first_project, second_project = money.world.project, _second_project(money)
    first = Writer(first_project.pk, "第一位写入者")
    first.start()
    assert first.written.wait(20) and first.error is None
    second = Writer(second_project.pk, "第二位写入者")
    second.start()
    second.commit.set()
    # The second writer commits while the first still holds its transaction open.
    assert second.done.wait(10), "the second writer waited for the first one"
    assert second.error is None
    first.commit.set()
    assert first.done.wait(20) and first.error is None


def test_a_change_committed_after_a_later_one_is_not_missed(money):
    """Writer A records its change first (lower id) and commits last: a reader that already
    saw writer B's later change still picks up A's."""
    engine = EmbeddedEngine()
    engine.refresh()
    slow_project, quick_project = money.world.project, _second_project(money)
    engine.refresh()
    slow = Writer(slow_project.pk, "慢的事务")
    slow.start()
    assert slow.written.wait(20) and slow.error is None
    quick = Writer(quick_project.pk, "快的事务")
    quick.start()
    quick.commit.set()
    assert quick.done.wait(20) and quick.error is None

    engine.refresh()
    assert engine.project_map[quick_project.pk].title == "快的事务"
    assert engine.project_map[slow_project.pk].title != "慢的事务"  # not committed yet

    slow.commit.set()
    assert slow.done.wait(20) and slow.error is None
    loads = engine.full_loads
    engine.refresh()
    assert engine.project_map[slow_project.pk].title == "慢的事务"
    assert engine.full_loads == loads  # caught up by the changed object, not a full read


def test_a_rolled_back_writer_leaves_nothing_to_apply(money):
    engine = EmbeddedEngine()
    engine.refresh()
    project = money.world.project
    title = project.title

    def write_and_roll_back():
        try:
            with transaction.atomic():
                project.title = "回滚的标题"
                project.save()
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass
        finally:
            connections.close_all()

    thread = threading.Thread(target=write_and_roll_back)
    thread.start()
    thread.join()
    engine.refresh()
    assert engine.project_map[project.pk].title == title
    assert stamps.read(None).rows == []
