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


def test_the_case_page_ranks_projects_and_opens_the_refer_step_for_one(client, money):
    world = money.world
    money.give(3_000_000, project=world.project)
    case = world.relieved()
    client.force_login(world.caseworker)
    html = page(client, case)
    assert 'id="case-matches"' in html and world.project.title in html
    assert "/ 20" in html  # the text signal's points out of its weight
    link = re.search(r'<a class="button button-small" href="([^"]+\?project=(\d+))"', html)
    url, project_id = link.groups()
    assert int(project_id) == world.project.pk
    step = client.get(url.replace("&amp;", "&"))  # the refer step, the project chosen
    assert step.status_code == 200 and not Referral.objects.exists()
    form = step.context["action"]["form"]
    token = form["submission"].value()
    data = {
        "project": project_id,
        "amount_requested": "5000",
        "note": "请协助",
        "submission": token,
    }
    for _click in range(2):  # a double click
        response = client.post(step.context["action"]["url"], data)
        assert response.status_code in (200, 302)
    referral = Referral.objects.get(case=case, project=world.project)
    assert (referral.amount_requested_fen, referral.note) == (500_000, "请协助")


def test_a_case_not_ready_shows_no_suggestions_and_a_project_without_money_none(client, money):
    world = money.world
    client.force_login(world.caseworker)
    accepted = world.accepted()
    assert 'id="case-matches"' not in page(client, accepted)  # no relief, no gap yet
    relieved = world.relieved()
    html = page(client, relieved)
    assert 'id="case-matches"' in html
    assert world.project.title not in html.split('id="case-matches"')[1].split("</section>")[0]
