"""Giving on the public site under the Charity Law: the pages show the charity's credit code,
qualification certificate and the plan's filing as 慈善中国 does; a gift to a need goes to
the qualified charity project handling it (or one the donor chooses), never to a government
office, and with no qualified receiver the page says so and offers the other ways to help."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from core.models import Organisation
from donors.models import Donation, Donor, Transaction
from projects.models import Project
from tests.donors import stripe_double as double

no_network = double.no_network
stripe_double = double.stripe_double

pytestmark = pytest.mark.django_db

YESTERDAY = timezone.localdate() - datetime.timedelta(days=1)


@pytest.fixture
def client():
    cache.clear()  # per-IP counters and cached pages
    return Client(HTTP_ACCEPT_LANGUAGE="en")


def _main(response) -> str:
    """The page's own content, without the footer (which lists the help hotline 12349 for
    people who need help, rightly)."""
    return response.content.decode().split('<main id="main">')[1].split("</main>")[0]


def _nothing_written(donors_before: int) -> bool:
    return (
        Donor.objects.count() == donors_before
        and not Donation.objects.exists()
        and not Transaction.objects.exclude(kind__in=["appropriation", "relief"]).exists()
    )


def test_the_project_page_shows_the_charitys_public_record(client, money):
    project = money.world.project
    charity = money.world.charity
    page = client.get(f"/projects/{project.pk}/").content.decode()
    assert charity.credit_code and charity.credit_code in page
    assert charity.fundraising_certificate_number in page
    assert project.filing_number in page
    assert "Unified social credit code" in page and "filing number" in page
    assert f"/donate/?project={project.pk}" in page


def test_a_project_without_a_filing_shows_why_and_offers_no_donate_button(client, money):
    project = money.world.project
    Project.objects.filter(pk=project.pk).update(filing_number="", filing_starts_on=None)
    page = client.get(f"/projects/{project.pk}/").content.decode()
    assert "may not raise money from the public" in page
    assert f"/donate/?project={project.pk}" not in page


def test_the_chinese_project_page_writes_the_dates_the_chinese_way(client, money):
    from core.locale.zh_hans_charitylaw import ZH

    project = money.world.project
    page = client.get(f"/projects/{project.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans").content
    assert "2024年1月1日" in page.decode()  # the filing's start
    # The labels' Chinese, as 慈善中国 names them (merged into the catalogue by the lead).
    assert ZH["Unified social credit code"] == "统一社会信用代码"
    assert ZH["Fundraising plan filing number"] == "募捐方案备案编号"


def test_the_donate_page_refuses_a_project_whose_plan_ended_and_writes_nothing(
    client, money, stripe_double
):
    Project.objects.filter(pk=money.world.project.pk).update(filing_ends_on=YESTERDAY)
    before = Donor.objects.count()
    response = client.post(
        "/donate/", {"project": money.world.project.pk, "amount": "10", "name": "王"}
    )
    assert response.status_code == 409
    assert "fundraising plan" in response.content.decode() and "ended" in response.content.decode()
    assert _nothing_written(before)
    assert not stripe_double.calls("POST", "/v1/checkout/sessions")


def test_the_choose_page_lists_only_what_may_raise_publicly(client, money):
    Organisation.objects.filter(pk=money.world.other_charity.pk).update(
        fundraising_qualified_until=YESTERDAY
    )
    page = client.get("/donate/").content.decode()
    assert f"?project={money.world.project.pk}" in page
    assert f"?project={money.world.other_project.pk}" not in page
    assert f"?fund={money.fund.pk}" in page  # under its filed plan


def test_the_need_page_sends_gifts_to_charities_never_a_government_office(client, money):
    need = money.published_need()
    page = _main(client.get(f"/needs/{need.public_id}/"))
    assert "12349" not in page and money.world.chaoyang.name not in page
    assert f"receiver=project:{money.world.project.pk}" in page
    assert money.world.charity.credit_code in page


def test_before_a_referral_the_donor_chooses_a_qualified_receiver(client, money, stripe_double):
    need = money.published_need()
    choose = client.get(f"/donate/?need={need.public_id}")
    page = _main(choose)
    assert choose.status_code == 200
    assert f'value="project:{money.world.project.pk}"' in page
    assert f'value="project:{money.world.other_project.pk}"' in page
    assert "12349" not in page and 'name="amount"' not in page
    # Paying without a choice is refused, naming the choice, and writes nothing.
    before = Donor.objects.count()
    response = client.post("/donate/", {"need": str(need.public_id), "amount": "50", "name": "王"})
    assert response.status_code == 400
    assert "Choose the charity project or fund" in response.content.decode()
    assert _nothing_written(before)
    # With a choice, the gift goes to that charity's project, kept for the need.
    key = f"project:{money.world.project.pk}"
    page = client.get(f"/donate/?need={need.public_id}&receiver={key}").content.decode()
    assert money.world.charity.name in page and money.world.project.filing_number in page
    response = client.post(
        "/donate/", {"need": str(need.public_id), "receiver": key, "amount": "50", "name": "王"}
    )
    assert response.status_code == 303
    donation = Donation.objects.get()
    assert donation.need == need and donation.receiving_project == money.world.project
    assert donation.receiving_organisation == money.world.charity


def test_with_no_qualified_receiver_the_page_says_so_and_offers_other_ways(
    client, money, stripe_double
):
    need = money.published_need()
    Organisation.objects.filter(kind="charity").update(fundraising_qualified_until=YESTERDAY)
    response = client.get(f"/donate/?need={need.public_id}")
    page = _main(response)
    assert response.status_code == 409
    assert "No charity entitled to raise money from the public" in page
    assert "/projects/" in page and "12349" not in page
    assert 'name="amount"' not in page and "Give by bank transfer" not in page


def test_an_enterprise_fund_under_a_filed_plan_shows_its_filing_and_takes_gifts(client, money):
    fund = money.fund
    page = _main(client.get(f"/donate/?fund={fund.pk}"))
    assert fund.filing_number in page
    assert "may not raise money from the public" not in page
    statement = _main(client.get(f"/transparency/funds/{fund.pk}/"))
    assert fund.filing_number in statement
