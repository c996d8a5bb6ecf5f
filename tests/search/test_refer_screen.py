"""The case page in the back office lists ranked projects with their explanation, and refers
with one click (once, however often the button is pressed)."""

from __future__ import annotations

import re

import pytest

from needs.models import Referral

pytestmark = pytest.mark.django_db


def page(client, case) -> str:
    response = client.get(f"/admin/cases/{case.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_case_page_ranks_projects_and_refers_with_one_click(client, money):
    world = money.world
    money.give(3_000_000, project=world.project)
    case = world.relieved()
    client.force_login(world.caseworker)
    html = page(client, case)
    assert 'id="case-matches"' in html and world.project.title in html
    assert "/ 30" in html  # the text signal's points out of its weight
    form = re.search(
        r'<form method="post" action="([^"]+)" class="w-mt-2">.*?name="project" value="(\d+)">'
        r'.*?name="submission" value="(\w+)">',
        html,
        re.S,
    )
    url, project_id, token = form.groups()
    assert int(project_id) == world.project.pk
    for _click in range(2):  # a double click
        response = client.post(url, {"project": project_id, "submission": token})
        assert response.status_code in (200, 302)
    assert Referral.objects.filter(case=case, project=world.project).count() == 1


def test_a_case_not_ready_shows_no_suggestions_and_a_project_without_money_none(client, money):
    world = money.world
    client.force_login(world.caseworker)
    accepted = world.accepted()
    assert 'id="case-matches"' not in page(client, accepted)  # no relief, no gap yet
    relieved = world.relieved()
    html = page(client, relieved)
    assert 'id="case-matches"' in html
    assert world.project.title not in html.split('id="case-matches"')[1].split("</section>")[0]
