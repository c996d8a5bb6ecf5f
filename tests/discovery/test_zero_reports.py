"""Zero reports (零报告): once per grid (or gridless village) and month; the missing ones on the
township's and county's 待办 and on the supervision dashboard; the screens and the API."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from rest_framework.test import APIClient

from core.models import AuditEvent
from discovery.models import GridHousehold, ZeroReport
from discovery.selectors_grids import (
    current_period,
    missing_reports,
    zero_report_figures,
    zero_reports_visible_to,
)
from discovery.services.grids import grid_create
from discovery.services.zero_reports import zero_report_submit
from needs.worklist import worklist_for

pytestmark = pytest.mark.django_db
NOTHING, FINDINGS = ZeroReport.Outcome.NOTHING_NEW, ZeroReport.Outcome.FINDINGS


def report(by, **kwargs) -> ZeroReport:
    kwargs.setdefault("period", timezone.localdate())
    kwargs.setdefault("outcome", NOTHING)
    return zero_report_submit(by=by, **kwargs)


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


# ---- the service ----


def test_the_grid_leader_reports_nothing_new_for_the_month(grids):
    sent = report(grids.leader, grid=grids.grid, period=timezone.localdate())
    assert sent.period == current_period()
    assert sent.region == grids.village
    event = AuditEvent.objects.get(action="zero_report.submit")
    assert event.changes["outcome"] == NOTHING


def test_a_second_report_for_the_same_period_is_refused_naming_the_period(in_english, grids):
    report(grids.leader, grid=grids.grid)
    with pytest.raises(ValidationError) as error:
        report(grids.assistant, grid=grids.grid, outcome=FINDINGS, households_found=1, findings="x")
    assert "already reported" in error.value.message_dict["period"][0]
    assert ZeroReport.objects.count() == 1


def test_findings_need_a_count_and_a_description_and_a_zero_report_finds_nobody(grids):
    with pytest.raises(ValidationError) as error:
        report(grids.assistant, grid=grids.grid, outcome=FINDINGS)
    assert set(error.value.message_dict) == {"households_found", "findings"}
    with pytest.raises(ValidationError) as error:
        report(grids.assistant, grid=grids.grid, outcome=NOTHING, households_found=2)
    assert "households_found" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        report(grids.assistant, grid=grids.grid, outcome="maybe")
    assert "outcome" in error.value.message_dict
    assert not ZeroReport.objects.exists()


def test_a_future_month_cannot_be_reported(grids):
    next_month = current_period() + dt.timedelta(days=40)
    with pytest.raises(ValidationError) as error:
        report(grids.assistant, grid=grids.grid, period=next_month)
    assert "period" in error.value.message_dict
    assert not ZeroReport.objects.exists()


def test_only_the_village_its_assistant_and_its_offices_report_for_a_grid(grids):
    with pytest.raises(PermissionDenied):
        report(grids.other_assistant, grid=grids.grid)
    with pytest.raises(PermissionDenied):
        report(grids.nanguan_caseworker, grid=grids.grid)
    with pytest.raises(PermissionDenied):
        report(grids.leader, grid=grids.second_grid)  # a leader reports only their own grid
    report(grids.township_caseworker, grid=grids.second_grid)
    assert ZeroReport.objects.count() == 1


def test_a_village_with_grids_reports_grid_by_grid_and_one_without_reports_whole(grids):
    with pytest.raises(ValidationError) as error:
        report(grids.assistant, village=grids.village)
    assert "village" in error.value.message_dict
    empty = grids.other_village
    grids.other_grid.is_active = False
    grids.other_grid.save()
    report(grids.other_assistant, village=empty)
    with pytest.raises(ValidationError) as error:
        report(grids.caseworker, village=empty)
    assert "period" in error.value.message_dict
    assert ZeroReport.objects.filter(grid=None).count() == 1


# ---- who has not reported ----


def test_the_figures_count_grids_and_gridless_villages_per_county_and_township(grids):
    report(grids.leader, grid=grids.grid)
    figures = zero_report_figures(grids.supervisor, period=current_period())
    assert [(r.code, r.expected, r.reported, r.missing) for r in figures.rows] == [
        ("220104", 3, 1, 2)
    ]
    by_township = zero_report_figures(
        grids.supervisor, period=current_period(), within=grids.county, by_level=4
    )
    assert [(r.name, r.missing) for r in by_township.rows] == [("南湖街道", 2)]
    assert zero_report_figures(grids.assistant, period=current_period()).expected == 2
    assert zero_report_figures(grids.nanguan_caseworker, period=current_period()).rows == []
    missing = missing_reports(grids.township_caseworker, period=current_period())
    assert [u.label for u in missing] == [str(grids.second_grid), str(grids.other_grid)]


def test_missing_reports_are_on_the_townships_and_the_countys_worklist(grids):
    report(grids.leader, grid=grids.grid)
    for user in (grids.township_caseworker, grids.caseworker):
        lists = {w.kind: w for w in worklist_for(user)}
        work = lists["zero_reports_missing"]
        assert work.count == 2
        assert {item.title for item in work.items} == {
            str(grids.second_grid),
            str(grids.other_grid),
        }
    kinds = {w.kind for w in worklist_for(grids.nanguan_caseworker)}
    assert "zero_reports_missing" in kinds
    nanguan = {w.kind: w for w in worklist_for(grids.nanguan_caseworker)}
    assert nanguan["zero_reports_missing"].count == 0
    assert "zero_reports_missing" not in {w.kind for w in worklist_for(grids.assistant)}


def test_the_supervision_dashboard_shows_the_missing_reports(client, grids):
    report(grids.leader, grid=grids.grid)
    client.force_login(grids.supervisor)
    page = client.get("/admin/supervision/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Zero reports for" in text
    assert "朝阳区" in text
    assert page.context["zero_reports"].missing == 2


def test_the_missing_reports_screen_lists_the_silent_grids(client, grids):
    report(grids.leader, grid=grids.grid)
    client.force_login(grids.township_caseworker)
    page = client.get("/admin/grid-work/zero-reports/missing/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    text = page.content.decode()
    assert "第二网格" in text and "红旗村" in text
    client.force_login(grids.nanguan_caseworker)
    page = client.get("/admin/grid-work/zero-reports/missing/", HTTP_ACCEPT_LANGUAGE="en")
    assert "第二网格" not in page.content.decode()


# ---- back-office screens ----


def test_the_assistant_sends_a_zero_report_from_the_screen_and_a_repeat_is_refused(client, grids):
    client.force_login(grids.assistant)
    data = {
        "grid": grids.grid.pk,
        "village": "",
        "period": timezone.localdate().isoformat(),
        "outcome": NOTHING,
        "households_found": 0,
        "findings": "",
    }
    page = client.get("/admin/zero_reports/new/")
    assert page.status_code == 200
    response = client.post("/admin/zero_reports/new/", data)
    assert response.status_code == 302
    assert ZeroReport.objects.count() == 1
    again = client.post("/admin/zero_reports/new/", data, HTTP_ACCEPT_LANGUAGE="en")
    assert again.status_code == 200
    assert "already reported" in again.content.decode()
    assert ZeroReport.objects.count() == 1
    listing = client.get("/admin/zero_reports/")
    assert listing.status_code == 200 and "第一网格" in listing.content.decode()


def test_a_household_assigned_on_the_screen_outside_the_jurisdiction_is_refused(client, grids):
    household = grids.household()
    client.force_login(grids.nanguan_caseworker)
    response = client.post(
        "/admin/grid_households/new/",
        {"household": household.pk, "grid": grids.grid.pk},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    # The grid is not even offered to an office outside the village's county.
    assert response.status_code == 200
    assert not GridHousehold.objects.exists()
    client.force_login(grids.caseworker)
    response = client.post(
        "/admin/grid_households/new/", {"household": household.pk, "grid": grids.grid.pk}
    )
    assert response.status_code == 302
    assert GridHousehold.objects.get().grid == grids.grid


def test_a_caseworker_creates_a_grid_with_the_village_picker(client, grids):
    client.force_login(grids.caseworker)
    assert client.get("/admin/grids/new/").status_code == 200
    response = client.post(
        "/admin/grids/new/", {"region": grids.village.code, "name": "第三网格", "leader": ""}
    )
    assert response.status_code == 302
    assert grids_count(grids) == 4
    refused = client.post(
        "/admin/grids/new/",
        {"region": grids.township.code, "name": "第四网格", "leader": ""},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert refused.status_code == 200 and grids_count(grids) == 4


def grids_count(grids) -> int:
    from discovery.models import Grid

    return Grid.objects.count()


def test_a_village_assistant_cannot_open_the_grid_form(client, grids):
    client.force_login(grids.assistant)
    assert client.get("/admin/grids/new/").status_code in (302, 403)
    assert client.get("/admin/grids/").status_code == 200


# ---- the API ----


def test_the_api_takes_a_report_once_and_a_retry_with_its_key_replays_the_answer(grids):
    client = api(grids.assistant)
    body = {"grid": grids.grid.pk, "period": timezone.localdate().isoformat(), "outcome": NOTHING}
    headers = {"HTTP_IDEMPOTENCY_KEY": "zero-report-0001"}
    first = client.post("/api/v1/zero-reports/", body, format="json", **headers)
    replay = client.post("/api/v1/zero-reports/", body, format="json", **headers)
    assert first.status_code == replay.status_code == 201
    assert first.json() == replay.json()
    again = client.post("/api/v1/zero-reports/", body, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert again.status_code == 400
    assert "period" in str(again.json())
    assert ZeroReport.objects.count() == 1


def test_the_api_lists_reports_within_jurisdiction_and_the_missing_figures(grids):
    report(grids.leader, grid=grids.grid)
    listed = api(grids.assistant).get("/api/v1/zero-reports/").json()
    assert listed["count"] == 1
    assert api(grids.other_assistant).get("/api/v1/zero-reports/").json()["count"] == 0
    figures = (
        api(grids.supervisor).get("/api/v1/zero-reports/missing/", {"within": "220000"}).json()
    )
    assert (figures["expected"], figures["reported"], figures["missing"]) == (3, 1, 2)
    assert figures["rows"][0]["code"] == "220104"
    bad = api(grids.supervisor).get("/api/v1/zero-reports/missing/", {"within": "12"})
    assert bad.status_code == 400 and "within" in bad.json().__str__()


def test_the_api_refuses_a_household_in_a_grid_outside_the_jurisdiction(grids):
    household = grids.household()
    response = api(grids.nanguan_caseworker).post(
        "/api/v1/grid-households/",
        {"household": household.pk, "grid": grids.grid.pk},
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert "grid" in response.json().__str__()
    assert not GridHousehold.objects.exists()
    ok = api(grids.caseworker).post(
        "/api/v1/grid-households/",
        {"household": household.pk, "grid": grids.grid.pk},
        format="json",
    )
    assert ok.status_code == 201


def test_the_api_creates_villages_grids_and_pairings_and_records_visits(grids):
    client = api(grids.caseworker)
    village = client.post(
        "/api/v1/local-regions/",
        {"parent": grids.township.code, "code": "220104001003", "name": "光明社区"},
        format="json",
    )
    assert village.status_code == 201 and village.json()["level"] == 5
    grid = client.post(
        "/api/v1/grids/", {"region": "220104001003", "name": "第一网格"}, format="json"
    )
    assert grid.status_code == 201
    pairing = client.post(
        "/api/v1/pairings/",
        {"cadre": grids.leader.pk, "grid": grid.json()["id"], "visit_interval_days": 30},
        format="json",
    )
    assert pairing.status_code == 201
    visit = api(grids.leader).post(
        f"/api/v1/pairings/{pairing.json()['id']}/visits/",
        {"visited_on": timezone.localdate().isoformat(), "note": "走访无新增"},
        format="json",
    )
    assert visit.status_code == 201
    assert (
        api(grids.assistant)
        .post("/api/v1/grids/", {"region": grids.village.code, "name": "X"}, format="json")
        .status_code
        == 403
    )
    grids_seen = api(grids.assistant).get("/api/v1/grids/").json()
    assert {g["name"] for g in grids_seen["results"]} == {"第一网格", "第二网格"}
    assert (
        api(grids.other_assistant).get("/api/v1/grids/", {"within": "220104001003"}).json()["count"]
        == 0
    )


def test_a_new_grid_appears_in_the_missing_reports(grids):
    grid_create(by=grids.caseworker, region=grids.village, name="第三网格")
    assert zero_report_figures(grids.caseworker, period=current_period()).missing == 4
    assert zero_reports_visible_to(grids.caseworker).count() == 0
