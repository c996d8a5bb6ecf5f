"""The project list on Wagtail's IndexView: the projects FilterSet filters it, the table
refreshes from its results URL under the same role check and jurisdiction."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_the_results_view_is_filtered_and_scoped_to_the_charity(client, world):
    client.force_login(world.charity_staff)
    html = client.get("/admin/projects/results/?status=draft").content.decode()
    assert "受灾家庭安居援助（筹备中）" in html
    assert "大病医疗救助项目" not in html and "邻里" not in html
    assert "<html" not in html  # the table fragment only


def test_the_results_view_refuses_other_roles_as_the_list_does(client, world):
    client.force_login(world.caseworker)
    assert client.get("/admin/projects/results/").status_code == 403


def test_a_bad_filter_value_is_named_and_filters_nothing(client, world):
    client.force_login(world.charity_staff)
    page = client.get("/admin/projects/?status=nonsense", HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Select a valid choice" in html
    assert "大病医疗救助项目" in html


def test_the_list_shows_labels_and_yuan_in_chinese(client, world):
    client.force_login(world.charity_staff)
    html = client.get("/admin/projects/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "¥20,000.00" in html and "per_case_cap" not in html
