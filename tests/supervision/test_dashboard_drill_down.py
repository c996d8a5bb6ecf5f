"""The dashboard's drill-down links carry the period and office of the figure they open: the
list behind a link shows exactly the number counted."""

from __future__ import annotations

import datetime as dt

import pytest

from discovery.models import RiskWarning
from needs.models import Referral
from tests.discovery.crosscheck_helpers import csv_bytes, rows, run_import
from tests.supervision.conftest import BASE

pytestmark = pytest.mark.django_db
DAY = BASE.date().isoformat()


def dashboard(client, **query):
    response = client.get("/admin/supervision/", query)
    assert response.status_code == 200
    return response


def listed(client, url: str) -> int:
    response = client.get(url)
    assert response.status_code == 200
    # Wagtail's generic lists name it "paginator"; the hand-built ones "page".
    paginator = response.context.get("paginator") or response.context["page"].paginator
    return paginator.count


def test_risk_warning_links_keep_the_period_and_office(client, world):
    run_import(world, csv_bytes(rows()))
    RiskWarning.objects.update(created_at=BASE)
    early = RiskWarning.objects.order_by("pk").first()
    RiskWarning.objects.filter(pk=early.pk).update(created_at=BASE - dt.timedelta(days=40))
    client.force_login(world.supervisor)

    response = dashboard(client, start=DAY, end=DAY, office=world.chaoyang.pk)
    figures = response.context["risk_warnings"]
    assert figures[0]["count"] == RiskWarning.objects.count() - 1  # the early one is left out
    assert f"raised_from={DAY}" in figures[0]["url"] and "office=" in figures[0]["url"]
    for row in figures:
        assert listed(client, row["url"]) == row["count"]

    everything = dashboard(client).context["risk_warnings"]
    assert everything[0]["count"] == RiskWarning.objects.count()
    assert listed(client, everything[0]["url"]) == everything[0]["count"]

    elsewhere = dashboard(client, start=DAY, end=DAY, office=world.nanguan.pk)
    for row in elsewhere.context["risk_warnings"]:
        assert row["count"] == 0 and listed(client, row["url"]) == 0


def test_charity_referral_links_keep_the_period_and_office(client, world):
    world.referred()
    world.referred()
    first, second = Referral.objects.order_by("pk")
    Referral.objects.filter(pk=first.pk).update(requested_at=BASE - dt.timedelta(days=40))
    Referral.objects.filter(pk=second.pk).update(requested_at=BASE)
    client.force_login(world.supervisor)

    response = dashboard(client, start=DAY, end=DAY, office=world.chaoyang.pk)
    [item] = response.context["answers"]
    assert item["row"].sent == 1
    url = item["url"]
    assert f"to={world.charity.pk}" in url and f"sent_from={DAY}" in url
    assert f"office={world.chaoyang.pk}" in url
    assert listed(client, url) == 1
    assert url.replace("&", "&amp;") in response.content.decode()

    [everything] = dashboard(client).context["answers"]
    assert everything["row"].sent == 2 and listed(client, everything["url"]) == 2

    other_office = url.replace(f"office={world.chaoyang.pk}", f"office={world.nanguan.pk}")
    assert listed(client, other_office) == 0
