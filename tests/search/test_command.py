"""manage.py search_index --rebuild: every process reloads; the command says what it holds."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from search import stamps
from search.models import IndexChange

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("search_index", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_rebuild_changes_the_stamps_and_counts_what_it_loaded(money):
    money.world.relieved()
    before = stamps.current()
    output = run("--rebuild")
    after = stamps.current()
    assert after[stamps.PROJECTS] != before.get(stamps.PROJECTS)
    assert after[stamps.NEEDS] != before.get(stamps.NEEDS)
    assert "2 open projects, 1 cases ready for referral" in output
    assert not IndexChange.objects.exists()  # the change log is pruned


def test_the_embedded_rebuild_shows_progress_with_the_counts(money):
    money.world.relieved()
    out, err = StringIO(), StringIO()
    call_command("search_index", "--rebuild", stdout=out, stderr=err)
    progress = err.getvalue()
    assert "projects: 100%" in progress and "2/2" in progress
    assert "needs: 100%" in progress and "1/1" in progress
    assert "2 open projects, 1 cases ready for referral" in out.getvalue()
    quiet = StringIO()
    call_command("search_index", "--rebuild", verbosity=0, stdout=StringIO(), stderr=quiet)
    assert quiet.getvalue() == ""


def test_a_bad_index_prefix_is_refused(settings):
    from django.core.exceptions import ImproperlyConfigured

    from search import elastic

    settings.SEARCH_INDEX_PREFIX = "Jijinan Prod"
    with pytest.raises(ImproperlyConfigured, match="SEARCH_INDEX_PREFIX"):
        elastic.projects_alias()
    settings.SEARCH_INDEX_PREFIX = "jijinan-staging"
    assert elastic.needs_alias() == "jijinan-staging-needs"


def test_without_rebuild_nothing_happens(money):
    before = stamps.current()
    assert "Nothing done" in run()
    assert stamps.current() == before


def test_with_elasticsearch_projects_and_ready_cases_are_indexed_behind_their_aliases(
    money, settings, monkeypatch
):
    from elasticsearch import Elasticsearch

    from search import elastic
    from tests.search.test_elastic import RecordingNode

    RecordingNode.calls = []
    settings.ELASTICSEARCH_URL = "http://es.test:9200"
    recording = Elasticsearch("http://es.test:9200", node_class=RecordingNode)
    monkeypatch.setattr(elastic, "client", lambda: recording)
    case = money.world.relieved()
    err = StringIO()
    out = StringIO()
    call_command("search_index", "--rebuild", stdout=out, stderr=err)
    output = out.getvalue()
    assert "Elasticsearch projects: 100%" in err.getvalue()
    assert "Elasticsearch needs: 100%" in err.getvalue()
    assert "(2 projects)" in output and "(1 cases) now serve behind their aliases" in output
    projects, needs = (body for m, p, body in RecordingNode.calls if p.endswith("/_bulk"))
    assert {doc["title"] for doc in projects[1::2]} == {
        money.world.project.title,
        money.world.other_project.title,
    }
    assert needs[0]["index"]["_id"] == case.pk and needs[1]["case_id"] == case.pk
    swaps = [body for m, p, body in RecordingNode.calls if p == "/_aliases"]
    assert [s["actions"][-1]["add"]["alias"] for s in swaps] == [
        elastic.projects_alias(),
        elastic.needs_alias(),
    ]


def test_an_unreachable_elasticsearch_is_a_clear_error(money, settings, monkeypatch):
    from elasticsearch import Elasticsearch

    from search import elastic

    settings.ELASTICSEARCH_URL = "http://127.0.0.1:1"
    monkeypatch.setattr(
        elastic, "client", lambda: Elasticsearch("http://127.0.0.1:1", max_retries=0)
    )
    with pytest.raises(CommandError, match="Elasticsearch refused the rebuild"):
        run("--rebuild")


def test_a_change_during_the_rebuild_is_pushed_again_after_the_swap(money, settings, monkeypatch):
    from elasticsearch import Elasticsearch

    from search import elastic
    from tests.search.test_elastic import RecordingNode

    RecordingNode.calls = []
    RecordingNode.no_alias = False
    settings.ELASTICSEARCH_URL = "http://es.test:9200"
    recording = Elasticsearch("http://es.test:9200", node_class=RecordingNode)
    monkeypatch.setattr(elastic, "client", lambda: recording)
    monkeypatch.setattr("search.tasks.push_after_commit", lambda side, ids: None)
    case = money.world.relieved()
    rebuild = elastic.rebuild_needs

    def rebuild_while_a_case_changes(client, needs, progress=None):
        case.urgency = 3
        case.save()  # committed meanwhile: its push would reach the old index
        return rebuild(client, needs, progress)

    monkeypatch.setattr(elastic, "rebuild_needs", rebuild_while_a_case_changes)
    run("--rebuild")
    swaps = [i for i, (m, p, b) in enumerate(RecordingNode.calls) if p == "/_aliases"]
    later = [b for m, p, b in RecordingNode.calls[swaps[-1] :] if p.endswith("/_bulk")]
    assert any(a.get("index", {}).get("_id") == case.pk for body in later for a in body)
