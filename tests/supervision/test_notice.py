"""The public notice (公示) of relief: surname + 某, county, amount, category and date only;
only relief actually given; period and office filters; bad filters and pages past the end
get a note, never an error; cached like the other public lists."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client

from cms import listings
from needs import services
from needs.factories import household_input, id_number
from needs.models import ReliefGrant
from tests.supervision.conftest import BASE, hours

pytestmark = pytest.mark.django_db

PERSONAL = ["张建国", "李秀兰", "13912345678", "南湖街道", "幸福小区", "220104197903151"]


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


def nanguan_relieved(world):
    who = world.nanguan_caseworker
    case = world.report(
        by=who,
        office=world.nanguan,
        household=household_input(
            "220102", head="刘大海", head_id=id_number("22010219800101123"), phone="13800001111"
        ),
    )
    services.case_accept(by=who, case=case)
    services.case_assess(by=who, case=case, assessed_need_fen=500_000, assessed_gap_fen=500_000)
    services.relief_grant(by=who, case=case, kind="temporary", amount_fen=200_000)
    return case


def notice(**params) -> str:
    response = Client().get("/notice/", params)
    assert response.status_code == 200
    return response.content.decode()


def test_notice_shows_surname_and_never_personal_data(world):
    world.relieved()
    page = notice()
    assert "张某" in page
    assert "朝阳区" in page and "¥4,000.00" in page
    for identifier in PERSONAL:
        assert identifier not in page


def test_compound_surname_keeps_both_characters(world):
    household = household_input(
        head="欧阳明华", head_id=id_number("22010419850101123"), phone="13700000000"
    )
    world.relieved(household=household)
    page = notice()
    assert "欧阳某" in page and "欧阳明华" not in page


def test_only_relief_actually_given_is_shown(world):
    case = world.accepted()
    services.case_assess(
        by=world.caseworker, case=case, assessed_need_fen=3_000_000, assessed_gap_fen=3_000_000
    )
    grant = services.relief_grant(
        by=world.caseworker, case=case, kind="temporary", amount_fen=800_000, reason="医疗费用高"
    )
    assert grant.status == ReliefGrant.Status.PENDING_APPROVAL
    assert "张某" not in notice()
    services.relief_decide(by=world.supervisor, grant=grant, approve=True, reason="一事一议通过")
    assert "张某" in notice()  # a decision moves the cache generation: shown at once


def test_period_and_office_filters(world):
    case = world.relieved()
    ReliefGrant.objects.filter(case=case).update(granted_at=BASE + hours(1))  # March 2026
    nanguan_relieved(world)
    march = notice(period="2026-03")
    assert "张某" in march and "刘某" not in march
    assert "张某" in notice(period="2026-Q1")
    assert "张某" not in notice(period="2026-Q2")
    by_office = notice(office=str(world.nanguan.pk))
    assert "刘某" in by_office and "张某" not in by_office


def test_bad_filters_are_left_out_with_a_note(world):
    world.relieved()
    page = notice(period="2026-13", office="abc")
    assert "张某" in page
    assert "2026-13" in page and "abc" in page
    assert page.count('class="note"') == 2


def test_page_past_the_end_shows_the_last_page_with_a_note(world, monkeypatch):
    monkeypatch.setattr(listings, "PAGE_SIZE", 1)
    world.relieved()
    world.relieved()
    page = notice(page="99")
    assert "99" in page and 'class="note"' in page
    assert "张某" in page


def test_the_notice_is_linked_from_every_public_page(world):
    assert 'href="/notice/"' in Client().get("/needs/").content.decode()


def test_notice_is_served_from_the_cache_until_relief_changes(world, django_assert_max_num_queries):
    world.relieved()
    notice()
    with django_assert_max_num_queries(3):  # the generation's two small reads
        notice()


def test_notice_in_care_mode_and_in_english(world):
    world.relieved()
    client = Client()
    client.cookies["care_mode"] = "1"
    assert "张某" in client.get("/notice/").content.decode()
    english = Client(HTTP_ACCEPT_LANGUAGE="en")
    english.cookies["django_language"] = "en"
    page = english.get("/notice/").content.decode()
    assert "Public notice of relief granted" in page and "张某" in page


def test_relief_for_a_child_in_distress_is_not_published(world):
    """The protection of minors forbids what could identify a child: such relief stays off
    the notice, and the page says so."""
    world.relieved(
        category="child",
        household=household_input(head="王小明", head_id=id_number("22010420120101123")),
    )
    page = notice()
    assert "王某" not in page
    assert "未成年人" in page
