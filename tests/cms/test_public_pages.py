"""The public lists and pages of needs and projects, the transparency page and the home page:
what they show, their filters, bad input answered with notes (never a 500), and caching that
follows changes."""

from __future__ import annotations

import json
import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import translation

from donors import services as money_services
from donors.transparency import money_flows, platform_totals
from needs import services as needs_services
from projects.models import Project

pytestmark = pytest.mark.django_db


@pytest.fixture
def client():
    cache.clear()
    return Client()


def notes(response) -> list[str]:
    return re.findall(r'class="note">([^<]*)<', response.content.decode())


def test_needs_list_shows_published_needs_only(client, money):
    published = money.published_need()
    withdrawn = money.published_need()
    needs_services.need_unpublish(by=money.world.caseworker, need=withdrawn)
    page = client.get("/needs/").content.decode()
    assert f"/needs/{published.public_id}/" in page
    assert str(withdrawn.public_id) not in page
    assert "Needs found: 1" in client.get("/needs/", HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_needs_filters_by_category_region_amount_and_text(client, money):
    need = money.published_need()  # illness, Chaoyang, gap ¥26,000
    assert need.remaining_gap_fen == 2_600_000
    url = f"/needs/{need.public_id}/"
    assert url in client.get("/needs/?category=illness&within=220100").content.decode()
    assert url not in client.get("/needs/?category=disaster").content.decode()
    assert url not in client.get("/needs/?within=360000").content.decode()
    assert url in client.get("/needs/?min_yuan=25999.99&max_yuan=26000").content.decode()
    assert url not in client.get("/needs/?min_yuan=26000.01").content.decode()
    assert url in client.get("/needs/", {"q": need.title[:4]}).content.decode()
    assert url not in client.get("/needs/", {"q": "完全无关的词语"}).content.decode()


def test_nonsense_filters_and_pages_give_notes_not_errors(client, money):
    need = money.published_need()
    response = client.get(
        "/needs/?category=nonsense&within=999999&min_yuan=abc&page=99",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    found = notes(response)
    assert any("abc" in note and "left out" in note for note in found)
    assert any("999999" in note for note in found)
    assert any("nonsense" in note for note in found)
    assert any("no page “99”" in note for note in found)
    # The filters that could be read still apply; the bad ones are dropped.
    assert f"/needs/{need.public_id}/" in response.content.decode()
    assert client.get("/projects/?min_yuan=-&page=x&category=zz").status_code == 200


def test_need_page_shows_story_progress_and_donate_link(client, money):
    need = money.published_need()
    money.give(50_000, need=need)
    page = client.get(f"/needs/{need.public_id}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert need.story[:10] in page
    assert "¥500.00" in page  # donated
    assert "¥26,000.00" in page  # the gap
    assert f"/donate/?need={need.public_id}" in page


def test_unpublished_need_and_closed_project_pages_stay_without_their_offers(client, money):
    need = money.published_need()
    needs_services.need_unpublish(by=money.world.caseworker, need=need)
    page = client.get(f"/needs/{need.public_id}/").content.decode()
    # Ended pages: tests/cms/test_pages_that_never_die.py
    assert f"/donate/?need={need.public_id}" not in page
    Project.objects.filter(pk=money.world.project.pk).update(status=Project.Status.CLOSED)
    page = client.get(f"/projects/{money.world.project.pk}/").content.decode()
    assert f"/donate/?project={money.world.project.pk}" not in page
    assert client.get("/needs/not-a-uuid/").status_code == 404


def test_projects_list_and_page_show_ledger_money(client, money):
    project = money.world.project
    money.give(120_000, project=project)
    listing = client.get("/projects/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert project.title in listing and "¥1,200.00" in listing
    assert project.title not in client.get("/projects/?min_yuan=1200.01").content.decode()
    assert project.title in client.get("/projects/?covers=220104").content.decode()
    assert project.title not in client.get("/projects/?covers=360102").content.decode()
    page = client.get(f"/projects/{project.pk}/").content.decode()
    assert "¥1,200.00" in page and f"/donate/?project={project.pk}" in page


def test_lists_are_cached_and_refreshed_when_money_or_records_change(
    client, money, django_assert_max_num_queries
):
    project = money.world.project
    client.get("/projects/")
    with django_assert_max_num_queries(2):  # the generation's reads; the page from the cache
        client.get("/projects/")
    money.give(10_000, project=project)  # a ledger transaction: the list must show it
    assert "¥100.00" in client.get("/projects/").content.decode()
    Project.objects.get(pk=project.pk).save()  # (stamp moves with the record)
    project.title = "改名后的大病救助项目"
    project.save()
    assert "改名后的大病救助项目" in client.get("/projects/").content.decode()


def test_home_page_shows_urgent_needs_projects_and_totals(client, money):
    from cms.demo import seed_site

    seed_site()
    need = money.published_need()
    money.give(200_000)
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f"/needs/{need.public_id}/" in page
    assert money.world.project.title in page
    assert "¥2,000.00" in page  # raised
    assert "/report/" in page


def test_transparency_figures_come_from_the_ledger(client, money):
    referral = money.accepted_referral()
    money.give(300_000)
    money_services.allocation_create(
        by=money.fund_manager, referral=referral, fund=money.fund, amount_fen=100_000
    )
    totals = platform_totals()
    assert totals["raised_fen"] == 300_000 and totals["allocated_fen"] == 100_000
    with translation.override("en"):
        flows = {(f.source, f.target): f.amount_fen for f in money_flows()}
    fund_label = f"Fund: {money.fund.name}"
    assert flows == {
        ("Donors: person", fund_label): 300_000,
        (fund_label, "grave illness"): 100_000,
        ("grave illness", "Chaoyang District"): 100_000,
    }
    page = client.get("/transparency/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "¥3,000.00" in page and "¥1,000.00" in page
    assert 'id="flow-data"' in page and "echarts.min.js" in page
    assert "<caption>The flow of the money, as a table</caption>" in page
    # The picture's data carries whole fen, never float yuan (DESIGN.md 7.2).
    chart = json.loads(re.search(r'id="flow-data"[^>]*>(.*?)</script>', page, re.S).group(1))
    values = [link["value"] for link in chart["links"]]
    assert sorted(values) == [100_000, 100_000, 300_000]
    assert all(type(value) is int for value in values)


def test_a_missing_page_gets_the_sites_own_localized_page(client, money):
    response = client.get("/needs/00000000-0000-0000-0000-000000000000/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_apply_contact_and_accessibility_pages_are_seeded_once_and_linked(client, money):
    from cms.demo import seed_site
    from cms.editor_pages import ApplyPage
    from cms.models import StandardPage

    seed_site()
    seed_site()
    # How to apply is the help text of the 我要求助 page at /apply/ (issue 18, item 6), no
    # longer a standard page that the form's URL hid.
    assert StandardPage.objects.count() == 2 and ApplyPage.objects.count() == 1
    assert "12349" in client.get("/apply/").content.decode()
    assert client.get("/contact/").status_code == 200
    assert "关怀版" in client.get("/accessibility/").content.decode()
    home = client.get("/").content.decode()
    assert 'href="/apply/"' in home and 'href="/contact/"' in home
    # 无障碍 in the header of every page, as on the government sites the seeds come from.
    header = client.get("/needs/").content.decode().split("</header>")[0]
    assert 'href="/accessibility/"' in header and "无障碍" in header


def test_whole_pages_are_cached_per_language_and_care_mode(client, money):
    need = money.published_need()
    url = f"/needs/{need.public_id}/"
    plain = client.get(url).content.decode()
    client.cookies["care_mode"] = "1"
    care = client.get(url).content.decode()
    assert 'class="care"' in care and 'class="care"' not in plain
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'lang="en"' in english and 'lang="zh-hans"' in care
    # No per-visitor token sits in a cached public page.
    assert "csrfmiddlewaretoken" not in plain + care + english


def test_a_public_fund_has_a_yearly_statement_from_the_ledger(client, money):
    from donors.models import Fund
    from needs.models import Case

    referral = money.accepted_referral()
    money.give(300_000)
    allocation = money_services.allocation_create(
        by=money.fund_manager, referral=referral, fund=money.fund, amount_fen=100_000
    )
    staff = money.world.charity_staff
    payment = money_services.disbursement_request(
        by=staff, allocation=allocation, amount_fen=40_000, method="hospital"
    )
    money_services.disbursement_approve(by=staff, disbursement=payment)
    money_services.disbursement_mark_paid(by=staff, disbursement=payment, proof_reference="P-1")
    Fund.objects.filter(pk=money.fund.pk).update(is_public=True)
    cache.clear()

    transparency = client.get("/transparency/").content.decode()
    assert f'href="/transparency/funds/{money.fund.pk}/"' in transparency
    page = client.get(f"/transparency/funds/{money.fund.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert page.status_code == 200
    assert "¥3,000.00" in html  # donations
    assert "¥2,000.00" in html  # closing: 3,000 in, 1,000 committed
    assert "¥400.00" in html and f"A{allocation.pk}" in html and "Chaoyang District" in html
    case = Case.objects.get(pk=referral.case_id)
    for private in [m.name for m in case.household.members.all()] + [case.narrative[:10]]:
        assert private not in html
    assert money.donor.name not in html  # donors are counted, not listed

    # A year that cannot be read gets this year with a note; a private fund is not there.
    assert notes(client.get(f"/transparency/funds/{money.fund.pk}/", {"year": "1999"}))
    assert notes(client.get(f"/transparency/funds/{money.fund.pk}/", {"year": "x²"}))
    Fund.objects.filter(pk=money.fund.pk).update(is_public=False)
    cache.clear()
    assert client.get(f"/transparency/funds/{money.fund.pk}/").status_code == 404
