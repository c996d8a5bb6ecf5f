"""The allocation proposal in the back office: the same proposal as the API, each proposed
referral confirmed by its own button (once), and what stays uncovered."""

from __future__ import annotations

import pytest

from needs.models import Referral
from tests.search.test_proposal_api import household

pytestmark = pytest.mark.django_db

URL = "/admin/cases/proposal/"


def test_staff_see_the_proposal_and_confirm_each_referral_once(client, money):
    world = money.world
    money.give(3_500_000, project=world.project)
    critical = world.relieved(urgency=3, gap=3_000_000, household=household(1))
    normal = world.relieved(urgency=1, gap=3_000_000, household=household(2))
    client.force_login(world.caseworker)
    page = client.get(URL)
    assert page.status_code == 200
    html = page.content.decode()
    assert critical.number in html and normal.number in html
    assert "¥26,000.00" in html and "¥17,000.00" in html  # covered share, uncovered rest
    assert not Referral.objects.exists()  # reading the proposal refers nothing

    first = page.context["proposal"]["referrals"][0]
    assert first["case"] == critical.pk
    share = first["shares"][0]
    form = {
        "project": share["project"],
        "amount_requested": share["amount_yuan"],
        "submission": share["submission"],
        "next": URL,
    }
    response = client.post(first["url"], form)
    assert response.status_code == 302 and response["Location"] == URL
    referral = Referral.objects.get()
    assert (referral.case_id, referral.project_id) == (critical.pk, world.project.pk)
    assert referral.amount_requested_fen == 2_600_000
    client.post(first["url"], form)  # the same button again: nothing more
    assert Referral.objects.count() == 1


def test_the_screen_is_for_government_staff_of_the_jurisdiction(client, money):
    world = money.world
    money.give(1_000_000, project=world.project)
    case = world.relieved(household=household(3))
    client.force_login(world.donghu_caseworker)
    assert case.number not in client.get(URL).content.decode()
    client.force_login(world.charity_staff)
    assert client.get(URL).status_code == 403
