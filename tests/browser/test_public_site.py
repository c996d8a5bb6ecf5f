"""The public site in a real browser (Playwright + Debian's Chromium, phone-sized): the home
page, policies, needs, the donate flow to the Stripe redirect and the offline path, the report
form and its status page, the 关怀版 switch; axe-core finds no serious or critical violation on
the key pages; screenshots go to artifacts/screenshots/."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache

from cms.demo import seed_policies, seed_site
from donors.models import Donation
from tests.browser.conftest import axe_serious, shoot
from tests.donors import stripe_double as double

no_network = double.no_network
stripe_double = double.stripe_double

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def site(money, live_server):
    cache.clear()
    seed_policies(seed_site())
    charity = money.world.charity
    charity.bank_name, charity.bank_account_number = "中国工商银行长春支行", "4200 0000 0001"
    charity.save()
    need = money.published_need()
    money.give(100_000, project=money.world.project)
    return money, need, live_server.url


def assert_accessible(page, name: str) -> None:
    shoot(page, name)
    assert axe_serious(page) == []


def test_home_page(page, site):
    _money, need, url = site
    page.goto(url + "/")
    assert page.locator("h1").first.inner_text()
    assert page.get_by_role("navigation", name="主导航").is_visible()
    assert page.locator(f'a[href="/needs/{need.public_id}/"]').count() >= 1
    assert_accessible(page, "home")
    # Keyboard: the first Tab reaches the skip link, which is then visible.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"


def test_search_and_open_a_policy(page, site):
    url = site[2]
    page.goto(url + "/policies/")
    page.get_by_label("检索词").fill("临时救助")
    page.get_by_role("button", name="检索").click()
    page.wait_for_load_state()
    assert_accessible(page, "policies")
    page.get_by_role("link", name=re.compile("进一步完善临时救助制度")).click()
    page.wait_for_load_state()
    assert "吉民发〔2015〕47号" in page.content()
    assert_accessible(page, "policy")


def test_filter_needs_and_open_one(page, site):
    _money, need, url = site
    page.goto(url + "/needs/")
    page.get_by_label("救助类别").select_option("illness")
    page.get_by_role("button", name="检索").click()
    page.wait_for_url(re.compile(r"category=illness"))
    assert_accessible(page, "needs")
    page.locator(f'a[href="/needs/{need.public_id}/"]').first.click()
    page.wait_for_url(re.compile(str(need.public_id)))
    # Giving goes through the qualified charity project handling the need (core.charity_law).
    assert page.get_by_role("heading", name="为此需求捐赠").is_visible()
    assert page.get_by_role("link", name=re.compile("^通过“.+”捐赠$")).first.is_visible()
    assert_accessible(page, "need")


def test_donate_online_up_to_the_stripe_redirect(page, site, stripe_double, settings):
    money, _need, url = site
    settings.STRIPE_CHECKOUT_ORIGIN = "https://checkout.stripe.test"
    # The browser must not leave for the real Stripe: answer the Checkout page locally.
    page.route(
        "https://checkout.stripe.test/**",
        lambda route: route.fulfill(status=200, body="<title>Stripe Checkout</title>"),
    )
    page.goto(f"{url}/donate/?project={money.world.project.pk}")
    assert_accessible(page, "donate")
    page.get_by_label("金额（元）").fill("66.60")
    page.get_by_label("您的姓名（用于收据）").fill("陈爱心")
    page.get_by_role("button", name="前往支付").click()
    page.wait_for_url(re.compile(r"^https://checkout\.stripe\.test/c/pay/cs_test_"))
    donation = Donation.objects.get(channel=Donation.Channel.STRIPE)
    assert (donation.amount_fen, donation.status) == (6_660, Donation.Status.PENDING)


def test_donate_refuses_a_zero_amount_in_the_page(page, site, stripe_double):
    money, _need, url = site
    page.goto(f"{url}/donate/?fund={money.fund.pk}")
    page.get_by_label("金额（元）").fill("0")
    page.get_by_label("您的姓名（用于收据）").fill("陈爱心")
    page.get_by_role("button", name="前往支付").click()
    page.wait_for_load_state()
    assert page.locator("#donate-amount-error").inner_text()
    assert not Donation.objects.filter(channel=Donation.Channel.STRIPE).exists()


def test_donate_offline_shows_the_bank_details(page, site):
    money, _need, url = site
    page.goto(f"{url}/donate/?project={money.world.project.pk}")
    assert page.get_by_text("4200 0000 0001").is_visible()
    assert page.locator('input[name="amount"]').count() == 0


def test_report_form_gives_a_tracking_code_and_its_status(page, site):
    url = site[2]
    page.goto(url + "/report/")
    assert_accessible(page, "report")
    # The county in the cascade (core.widgets' region picker), as a person picks it.
    from tests.browser.test_region_picker import pick

    page.wait_for_load_state("networkidle")
    pick(page.locator(".region-picker").first, "220000", "220100", "220104")
    page.locator("#report-text").fill("小区门口有一位老人连续几天夜里露宿，看起来生病了。")
    page.get_by_role("button", name=re.compile("提交|发送")).click()
    page.wait_for_url(re.compile(r"/report/[A-Za-z0-9-]+/$"))
    status = page.get_by_role("status").inner_text()
    assert status and "老人" not in page.content()  # the status page never shows details
    assert_accessible(page, "report-status")


def test_elder_friendly_switch_is_remembered(page, site):
    url = site[2]
    page.goto(url + "/transparency/")
    assert "care" not in (page.locator("body").get_attribute("class") or "")
    base_size = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    page.get_by_role("button", name=re.compile("关怀版")).click()
    page.wait_for_load_state()
    assert "care" in page.locator("body").get_attribute("class")
    page.goto(url + "/needs/")
    assert "care" in page.locator("body").get_attribute("class")
    assert page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") > base_size
    assert_accessible(page, "needs-care-mode")


def test_transparency_chart_draws_with_its_table(page, site):
    url = site[2]
    page.goto(url + "/transparency/")
    page.wait_for_selector("#flow-chart svg")
    page.wait_for_timeout(1500)  # let the chart's drawing animation finish for the screenshot
    assert page.locator("table caption", has_text="资金流向").is_visible()
    assert_accessible(page, "transparency")


def test_accessibility_page_from_the_header_and_a_fund_statement(page, site):
    money, _need, url = site
    page.goto(url + "/needs/")
    page.locator("header").get_by_role("link", name=re.compile("无障碍")).click()
    page.wait_for_url(re.compile(r"/accessibility/$"))
    assert "关怀版" in page.content()
    assert_accessible(page, "accessibility")
    page.goto(f"{url}/transparency/funds/{money.fund.pk}/")
    assert page.locator("h1").inner_text() == money.fund.name
    assert_accessible(page, "fund-statement")
