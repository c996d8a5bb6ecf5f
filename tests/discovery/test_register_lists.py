"""The hotline and visit lists on Wagtail's IndexView: the registers' FilterSets filter them,
the table refreshes from its results URL under the same role check and jurisdiction, and the
zh-hans page shows labels, never codes."""

from __future__ import annotations

import pytest

from tests.discovery.test_discovery_admin import a_call, a_visit, listed

pytestmark = pytest.mark.django_db


def test_the_hotline_register_filters_by_status_and_topic(client, world):
    illness = a_call(world)
    housing = a_call(world, topic="policy")
    client.force_login(world.caseworker)
    assert sorted(listed(client, "/admin/hotline/")) == sorted([illness.pk, housing.pk])
    assert listed(client, "/admin/hotline/", {"topic": "policy"}) == [housing.pk]
    assert listed(client, "/admin/hotline/", {"status": "closed"}) == []


def test_a_bad_filter_value_is_named_and_filters_nothing(client, world):
    call = a_call(world)
    client.force_login(world.caseworker)
    page = client.get("/admin/hotline/", {"topic": "nonsense"}, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    assert "Select a valid choice" in page.content.decode()
    assert [row.pk for row in page.context["object_list"]] == [call.pk]


def test_the_results_views_refuse_other_roles_as_the_lists_do(client, world):
    client.force_login(world.charity_staff)
    for url in (
        "/admin/hotline/",
        "/admin/hotline/overdue/",
        "/admin/visits/",
        "/admin/visits/due/",
    ):
        assert client.get(f"{url}results/").status_code == 403


def test_the_visit_list_filters_and_stays_in_the_jurisdiction(client, world):
    helped = a_visit(world, needs_help=True)
    quiet = a_visit(world, key_groups=[])
    client.force_login(world.caseworker)
    assert listed(client, "/admin/visits/", {"needs_help": "true"}) == [helped.pk]
    assert listed(client, "/admin/visits/", {"key_group": "kg_elderly_disabled_ill"}) == [helped.pk]
    assert quiet.pk in listed(client, "/admin/visits/", {"has_case": "false"})
    client.force_login(world.nanguan_caseworker)
    assert listed(client, "/admin/visits/") == []


def test_the_lists_speak_chinese(client, world):
    a_call(world)
    a_visit(world, needs_help=True)
    client.force_login(world.caseworker)
    hotline = client.get("/admin/hotline/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    table = hotline.split('<table class="listing')[-1]
    assert "重大疾病" in table and "illness" not in table and "Overdue" not in hotline
    visits = client.get("/admin/visits/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    table = visits.split('<table class="listing')[-1]
    assert "网格员" in table and "grid_worker" not in table and "kg_elderly" not in table
    assert "True" not in table
