"""Reporting someone in distress: routed to the office of the region, a tracking code that
shows the status only, a honeypot and a per-IP limit; bad input gets a clear message."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from cms.models import PublicReport

pytestmark = pytest.mark.django_db

GOOD = {
    "region": "220104",
    "what_happened": "邻居老人独居，几天没见出门，家里没有吃的。",
    "contact": "13800001111",
}


@pytest.fixture(autouse=True)
def fresh_limit():
    cache.clear()


def test_a_report_is_routed_to_the_office_and_its_code_shows_the_status_only(client, world):
    response = client.post("/report/", GOOD)
    assert response.status_code == 302
    report = PublicReport.objects.get()
    assert report.office == world.chaoyang
    page = client.get(response["Location"]).content.decode()
    assert report.tracking_code in page and "已收到" in page
    for private in ("独居", "13800001111"):
        assert private not in page


def test_a_county_without_its_own_office_goes_to_the_office_above(client, world):
    client.post("/report/", {**GOOD, "region": "220105"})  # 二道区: the city office serves it
    assert PublicReport.objects.get().office == world.city


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"region": ""}, "region"),
        ({"region": "220100"}, "region"),
        ({"what_happened": ""}, "what_happened"),
        ({"what_happened": "很" * 10_001}, "what_happened"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_saved(client, world, change, field):
    response = client.post("/report/", {**GOOD, **change})
    assert response.status_code == 400
    html = response.content.decode()
    element = {"region": "report-region", "what_happened": "report-text"}[field]
    assert f'id="{element}-error"' in html  # the message sits beside the field it names
    assert not PublicReport.objects.exists()


def test_the_honeypot_saves_nothing(client, world):
    response = client.post("/report/", {**GOOD, "website": "http://spam.example"})
    assert response.status_code == 200
    assert not PublicReport.objects.exists()


def test_one_connection_may_send_five_reports_an_hour(client, world):
    for _ in range(5):
        assert client.post("/report/", GOOD).status_code == 302
    response = client.post("/report/", GOOD)
    assert response.status_code == 429
    assert PublicReport.objects.count() == 5


def test_an_unknown_tracking_code_is_a_clear_404(client, world):
    response = client.get("/report/NOSUCHCODE/")
    assert response.status_code == 404
    assert "NOSUCHCODE" in response.content.decode()
