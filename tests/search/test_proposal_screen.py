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


def test_the_proposal_is_made_for_the_chosen_cases_and_the_buttons_come_back_to_them(client, money):
    world = money.world
    money.give(3_500_000, project=world.project)
    critical = world.relieved(urgency=3, gap=1_000_000, household=household(4))
    normal = world.relieved(urgency=1, gap=1_000_000, household=household(5))
    client.force_login(world.caseworker)
    page = client.get(URL, {"urgency": 3})
    assert page.status_code == 200
    html = page.content.decode()
    assert critical.number in html and normal.number not in html
    assert page.context["proposal"]["cases"] == 1
    row = page.context["proposal"]["referrals"][0]
    share = row["shares"][0]
    form = {
        "project": share["project"],
        "amount_requested": share["amount_yuan"],
        "submission": share["submission"],
        "next": page.context["next"],
    }
    response = client.post(row["url"], form)
    assert response.status_code == 302 and response["Location"] == f"{URL}?urgency=3"


@pytest.mark.parametrize("query", [{"urgency": "9"}, {"within": "999999"}, {"category": "x"}])
def test_a_bad_scope_is_shown_on_the_form_and_nothing_is_proposed(client, money, query):
    world = money.world
    world.relieved(household=household(6))
    client.force_login(world.caseworker)
    page = client.get(URL, query)
    assert page.status_code == 200
    assert page.context["proposal"] is None
    (field,) = query
    assert page.context["scope"].errors[field]


def test_a_refer_button_goes_back_only_to_the_proposal_screen(client, money):
    world = money.world
    money.give(3_500_000, project=world.project)
    case = world.relieved(urgency=3, gap=1_000_000, household=household(7))
    client.force_login(world.caseworker)
    page = client.get(URL)
    row = page.context["proposal"]["referrals"][0]
    share = row["shares"][0]
    form = {
        "project": share["project"],
        "amount_requested": share["amount_yuan"],
        "submission": share["submission"],
        "next": f"https://evil.example{URL}?urgency=3",
    }
    response = client.post(row["url"], form)
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]
    assert str(case.pk) in response["Location"]  # the case page, as any refer


def test_too_many_cases_at_once_are_not_proposed_and_the_screen_says_what_to_choose(
    client, money, settings
):
    world = money.world
    money.give(3_500_000, project=world.project)
    world.relieved(urgency=3, gap=1_000_000, household=household(8))
    world.relieved(urgency=1, gap=1_000_000, household=household(9))
    settings.PROPOSAL_MAX_CASES = 1
    client.force_login(world.caseworker)
    page = client.get(URL)
    assert page.status_code == 200 and page.context["proposal"] is None
    assert "2" in page.context["too_large"]
    assert page.context["too_large"] in page.content.decode()
    assert client.get(URL, {"urgency": 3}).context["proposal"]["cases"] == 1
