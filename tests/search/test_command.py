"""manage.py search_index --rebuild: every process reloads; the command says what it holds."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from search import stamps

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


def test_without_rebuild_nothing_happens(money):
    before = stamps.current()
    assert "Nothing done" in run()
    assert stamps.current() == before


def test_elasticsearch_is_refused_clearly_until_it_is_built(money, settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9200"
    with pytest.raises(CommandError, match="not built yet"):
        run("--rebuild")
