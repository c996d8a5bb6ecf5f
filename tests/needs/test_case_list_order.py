"""The case list opens on the most urgent work: open cases by urgency, then the nearest
deadline; the deadline column shows that time, its step, and how long it is overdue."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from needs.admin_views.cases import overdue_words
from needs.models import Case

pytestmark = pytest.mark.django_db


def _due(case: Case, when: dt.datetime) -> Case:
    Case.objects.filter(pk=case.pk).update(next_due_at=when)
    case.deadlines.filter(met_at__isnull=True).update(due_at=when)
    case.refresh_from_db()
    return case


def test_the_list_is_ordered_by_urgency_then_the_next_deadline(client, world):
    now = timezone.now()
    normal_soon = _due(world.report(urgency=Case.Urgency.NORMAL), now + dt.timedelta(hours=2))
    urgent_late = _due(world.report(urgency=Case.Urgency.URGENT), now + dt.timedelta(days=3))
    urgent_soon = _due(world.report(urgency=Case.Urgency.URGENT), now + dt.timedelta(hours=5))
    critical = _due(world.report(urgency=Case.Urgency.CRITICAL), now + dt.timedelta(days=9))
    closed = world.report(urgency=Case.Urgency.CRITICAL)
    Case.objects.filter(pk=closed.pk).update(status=Case.Status.CLOSED, next_due_at=None)
    client.force_login(world.caseworker)

    rows = client.get("/admin/cases/").context["rows"]
    assert [row["case"].pk for row in rows] == [
        critical.pk,
        urgent_soon.pk,
        urgent_late.pk,
        normal_soon.pk,
        closed.pk,
    ]
    by_due = client.get("/admin/cases/", {"order": "due"}).context["rows"]
    assert [row["case"].pk for row in by_due][:2] == [normal_soon.pk, urgent_soon.pk]
    newest = client.get("/admin/cases/", {"order": "newest"}).context["rows"]
    assert newest[0]["case"].pk == closed.pk


def test_the_deadline_column_shows_the_next_due_time_its_step_and_how_late(client, world):
    now = timezone.now()
    on_time = _due(world.report(), now + dt.timedelta(days=1))
    late = _due(world.report(), now - dt.timedelta(days=2, hours=3, minutes=10))
    client.force_login(world.caseworker)

    response = client.get("/admin/cases/")
    deadlines = {row["case"].pk: row["deadline"] for row in response.context["rows"]}
    assert deadlines[on_time.pk]["overdue"] is False and deadlines[on_time.pk]["late_by"] == ""
    assert deadlines[late.pk]["overdue"] is True
    assert deadlines[late.pk]["step"]  # the step it belongs to (受理个案), not only a time
    html = response.content.decode()
    local = timezone.localtime(on_time.next_due_at)
    assert f"{local:%Y-%m-%d %H:%M}" in html  # the next due time, not only "逾期"
    assert deadlines[late.pk]["late_by"] in html


def test_overdue_words_say_days_and_hours_or_hours_and_minutes():
    from django.utils import translation

    with translation.override("en"):
        assert overdue_words(dt.timedelta(days=2, hours=3, minutes=10)) == "2 d 3 h"
        assert overdue_words(dt.timedelta(hours=5, minutes=20)) == "5 h 20 min"
        assert overdue_words(dt.timedelta(seconds=30)) == "1 min"


def test_the_filters_sit_in_a_grid_and_a_region_is_picked(client, world):
    client.force_login(world.caseworker)
    html = client.get("/admin/cases/").content.decode()
    assert 'class="filter-grid"' in html
    assert "data-region-picker" in html and 'name="within"' in html
    assert "js/region-picker.js" in html and "css/back-office.css" in html
    inside = world.report()
    client.force_login(world.supervisor)  # 长春市: 朝阳区 and 南关区 below
    rows = client.get("/admin/cases/", {"within": "220104"}).context["rows"]
    assert [row["case"].pk for row in rows] == [inside.pk]
    assert client.get("/admin/cases/", {"within": "220102"}).context["rows"] == []
    # A region outside the jurisdiction, or none at all, is named on the form.
    for code in ("360102", "999999"):
        form = client.get("/admin/cases/", {"within": code}).context["filter_form"]
        assert code in form.errors["within"][0] or "东湖区" in form.errors["within"][0]
