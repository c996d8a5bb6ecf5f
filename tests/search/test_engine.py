"""The embedded engine keeps up with the database in every process, and does no more work than
reading the stamps when nothing changed."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.models import Region
from projects.models import Project
from search.engine import EmbeddedEngine

pytestmark = pytest.mark.django_db


def test_two_processes_each_notice_a_new_project(money):
    first, second = EmbeddedEngine(), EmbeddedEngine()  # as two server processes would hold
    first.refresh()
    second.refresh()
    before = {p.title for p in first.projects}
    project = Project.objects.create(
        organisation=money.world.charity, title="新项目", status="open", categories=["illness"]
    )
    project.regions.add(Region.objects.get(code="220100"))
    for engine in (first, second):
        engine.refresh()
        assert {p.title for p in engine.projects} == before | {"新项目"}
        assert "220100" in engine.projects_by_region


def test_an_unchanged_index_costs_one_query(money):
    engine = EmbeddedEngine()
    engine.refresh()
    with CaptureQueriesContext(connection) as queries:
        engine.refresh()
    assert len(queries.captured_queries) == 1


def test_a_closed_project_leaves_the_index(money):
    engine = EmbeddedEngine()
    project = money.world.project
    engine.refresh()
    assert engine.open_project(project.pk) is not None
    project.status = Project.Status.CLOSED
    project.save()
    assert engine.open_project(project.pk) is None


def test_a_need_leaves_the_index_when_its_case_closes(money):
    from needs import services

    engine = EmbeddedEngine()
    case = money.world.relieved()
    engine.refresh()
    assert case.pk in {n.case_id for n in engine.needs}
    services.case_close(by=money.world.caseworker, case=case, outcome="withdrawn", note="撤回申请")
    engine.refresh()
    assert case.pk not in {n.case_id for n in engine.needs}


def test_a_change_updates_only_what_changed(money):
    from needs.models import Case

    engine = EmbeddedEngine()
    case = money.world.relieved()
    other = money.world.relieved()
    engine.refresh()
    assert engine.full_loads == 2  # projects and needs, once each
    Case.objects.get(pk=case.pk).save()  # as any service's save does
    case.urgency = 3
    case.save(update_fields=["urgency"])
    engine.refresh()
    assert engine.full_loads == 2  # no side read in full again
    assert engine.need_map[case.pk].urgency == 3
    assert other.pk in engine.need_map


def test_a_rebuilt_side_is_read_in_full(money):
    from search import stamps

    engine = EmbeddedEngine()
    case = money.world.relieved()
    engine.refresh()
    stamps.bump(stamps.NEEDS)  # as search_index --rebuild does
    case.save()
    engine.refresh()
    assert engine.full_loads == 4  # both sides again
    assert case.pk in engine.need_map


def test_an_emptied_change_log_and_epochs_read_everything_again(money):
    """A database emptied under a running process (the live test server between tests):
    the epochs are gone, and ids start again from the numbers the process has seen."""
    from search.models import IndexChange, IndexStamp

    engine = EmbeddedEngine()
    engine.refresh()
    IndexChange.objects.all().delete()
    IndexStamp.objects.all().delete()
    project = money.world.project
    project.title = "清空之后"
    project.save()
    assert engine.open_project(project.pk).title == "清空之后"
    assert engine.full_loads == 4


def test_a_rolled_back_change_is_read_again(money):
    """The engine saw a change inside a transaction that then rolled back: it reads the
    object again and holds what was committed."""
    from django.db import transaction

    engine = EmbeddedEngine()
    project = money.world.project
    title = project.title
    engine.refresh()

    class Undo(Exception):
        pass

    with pytest.raises(Undo), transaction.atomic():
        project.title = "未提交的标题"
        project.save()
        assert engine.open_project(project.pk).title == "未提交的标题"
        raise Undo
    assert engine.open_project(project.pk).title == title
    assert engine.full_loads == 2


def test_a_project_moving_region_is_moved_in_the_index(money):
    engine = EmbeddedEngine()
    project = money.world.project
    engine.refresh()
    assert project.pk in engine.projects_by_region["220000"]
    project.regions.set([Region.objects.get(code="220104")])
    engine.refresh()
    assert project.pk not in engine.projects_by_region["220000"]
    assert project.pk in engine.projects_by_region["220104"]
    assert engine.full_loads == 2


def test_needs_are_scored_with_the_current_rarity_of_terms_after_projects_change():
    """The engine keeps each story's text weight between queries; a change of projects
    changes how rare each term is, and the next ranking must use the new figures."""
    from search.text import term_counts
    from tests.search.test_policy import need, project

    medical = project(id=1)
    medical.terms = term_counts("资助突发重病住院的困难家庭")
    needs = [
        need(case_id=1, terms=term_counts("突发重病住院")),
        need(case_id=2, terms=term_counts("房屋失火住院")),
    ]
    engine = EmbeddedEngine.fixed([medical], needs, {1: 900_000, 2: 900_000})
    engine.needs_for(medical)  # fills the kept weights
    fire = project(id=2)
    fire.terms = term_counts("房屋失火受灾家庭临时安置")
    engine._put_projects({}, [fire])
    fresh = EmbeddedEngine.fixed([medical, fire], needs, {1: 900_000, 2: 900_000})
    fresh.refresh()
    assert [(m.need.case_id, m.score) for m in engine.needs_for(medical)] == [
        (m.need.case_id, m.score) for m in fresh.needs_for(medical)
    ]
    assert engine.needs_for(medical)[0].score != 0


def test_pruning_old_index_changes_keeps_recent_ones_and_engines_still_correct(money):
    import datetime as dt

    from django.utils import timezone

    from search import stamps
    from search.models import IndexChange
    from supervision.tasks import run_all

    engine = EmbeddedEngine()
    engine.refresh()
    project = money.world.project
    project.title = "改名之前的变化"
    project.save()
    IndexChange.objects.update(at=timezone.now() - dt.timedelta(hours=30))
    project.title = "最近的变化"
    project.save()
    result = run_all()  # the periodic run prunes the change log
    assert result["index_changes_pruned"] >= 1
    assert IndexChange.objects.exists()  # the recent change stays
    assert not IndexChange.objects.filter(at__lt=timezone.now() - dt.timedelta(hours=24)).exists()
    # The engine had read the log only up to before the pruned change: it reads both sides
    # in full and is right.
    loads = engine.full_loads
    assert engine.open_project(project.pk).title == "最近的变化"
    assert engine.full_loads == loads + 2
    assert stamps.prune(timezone.now() - dt.timedelta(hours=24)) == 0  # nothing left to prune


def test_a_need_whose_story_changed_is_scored_on_its_new_story():
    """A full reload (a rebuilt side) brings new facts for the same case: the kept
    text weight of the old story must not be used for the new one."""
    from search import stamps
    from search.text import term_counts
    from tests.search.test_policy import need, project

    medical = project(id=1)
    medical.terms = term_counts("资助突发重病住院的困难家庭")
    stories = {"story": "房屋失火受灾"}
    version = {"needs": "a", "projects": "p"}

    def needs(ids=None):
        return [need(case_id=1, terms=term_counts(stories["story"]))]

    engine = EmbeddedEngine(
        load_projects=lambda ids=None: [medical],
        load_needs=needs,
        balances=lambda ids: dict.fromkeys(ids, 900_000),
        read_feed=lambda since, sides: stamps.Feed(epochs=dict(version), pruned=0, horizon=1),
    )
    before = engine.needs_for(medical)[0].score
    stories["story"] = "突发重病住院"
    version["needs"] = "b"  # a new epoch, no change rows: the sides are read again in full
    after = engine.needs_for(medical)[0]
    fresh = EmbeddedEngine.fixed([medical], needs(), {1: 900_000})
    assert after.score == fresh.needs_for(medical)[0].score != before
    assert next(s for s in after.signals if s.code == "text").value <= 1.0


def test_one_ranking_at_a_time_so_threads_can_share_the_engine():
    """A threaded server shares one engine: while a ranking runs, a second one (and the
    refresh that may change the index under it) waits for it."""
    import threading

    from tests.search.test_policy import need, project

    entered, release = threading.Event(), threading.Event()
    calls = []

    def balances(ids):
        calls.append(threading.current_thread().name)
        if len(calls) == 1:
            entered.set()
            release.wait(5)
        return dict.fromkeys(ids, 900_000)

    medical = project(id=1)
    engine = EmbeddedEngine.fixed([medical], [need(case_id=1)], {})
    engine._balances = balances
    results = {}

    def rank(name):
        results[name] = [m.need.case_id for m in engine.needs_for(medical)]

    first = threading.Thread(target=rank, args=("first",), name="first")
    second = threading.Thread(target=rank, args=("second",), name="second")
    first.start()
    assert entered.wait(5)
    second.start()
    second.join(0.3)
    assert second.is_alive() and calls == ["first"]  # waiting for the lock, not ranking
    release.set()
    first.join(5)
    second.join(5)
    assert calls == ["first", "second"]
    assert results == {"first": [1], "second": [1]}
