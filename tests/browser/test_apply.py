"""我要求助 on a phone (issue 18, items 3 and 4): from the home page a person finds the online
application, picks their county in the cascade, applies, gets a tracking code and a page
saying what happens next, and later finds it again with the code box on the home page. The
caseworker of the county's office finds the case on their 待办. axe-core finds nothing
serious or critical; screenshots artifacts/screenshots/apply_*.png."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache

from cms.demo import seed_site
from needs.models import OnlineApplication
from needs.worklist import cases_to_accept
from tests.browser.conftest import axe_serious, shoot
from tests.browser.test_region_picker import pick

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def site(world, live_server):
    cache.clear()
    seed_site()
    world.chaoyang.public_phone = "0431-8000 2204"
    world.chaoyang.save()
    return world, live_server.url


def test_a_person_applies_for_help_on_a_phone_and_finds_it_again(page, site):
    world, url = site
    page.goto(url + "/")
    with page.expect_navigation(url=re.compile(r"/apply/$")):
        page.locator('main a[href="/apply/"]').first.click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("heading", level=1).is_visible()

    page.locator("#applied-by-self").check()
    # The proxy's fields show only when applying for someone else.
    assert not page.locator("#apply-helper-name").is_visible()
    page.locator("#applied-by-proxy").check()
    assert page.locator("#apply-helper-name").is_visible()
    page.locator("#applied-by-self").check()

    page.locator("#apply-category").select_option("illness")
    pick(page.locator(".region-picker").first, "220000", "220100", "220104")
    page.locator("#apply-township").fill("前进街道")
    page.locator("#apply-text").fill("丈夫突发脑梗住院，家里没有收入，医药费交不上。")
    page.locator("#apply-name").fill("孙秀梅")
    page.locator("#apply-phone").fill("138 0000 2222")
    shoot(page, "apply_form")
    assert axe_serious(page) == []

    # Without the consent nothing is sent, and the form says which box is missing.
    with page.expect_navigation():
        page.locator(".apply-form button[type=submit]").click()
    page.wait_for_load_state("networkidle")  # the county picker has rebuilt its cascade
    assert page.locator("#apply-consent-error").is_visible()
    assert not OnlineApplication.objects.exists()
    assert page.locator("#apply-name").input_value() == "孙秀梅"  # nothing typed is lost
    page.locator("#apply-consent").check()
    with page.expect_navigation(url=re.compile(r"/apply/[A-Z2-9]{10}/$")):
        page.locator(".apply-form button[type=submit]").click()

    application = OnlineApplication.objects.get()
    code = application.tracking_code
    assert page.locator(".tracking-code").inner_text() == code
    text = page.locator("main").inner_text()
    assert "朝阳区民政局" in text and "0431-8000 2204" in text
    assert re.search(r"\d{4}-\d{2}-\d{2}", text)  # accepted by this day
    for private in ("孙秀梅", "13800002222", "脑梗", "前进街道"):
        assert private not in page.content()
    shoot(page, "apply_thanks")
    assert axe_serious(page) == []

    # The office's caseworker has it on their 待办.
    assert cases_to_accept(world.caseworker).items[0].title == application.case.number

    # Later: the code box on the home page finds it again, typed in lower case.
    page.goto(url + "/")
    page.locator("#track-box-code").fill(code.lower())
    with page.expect_navigation(url=re.compile(r"/track/\?code=")):
        page.locator(".track-box button[type=submit]").click()
    assert page.locator(".tracking-code").inner_text() == code
    assert page.locator('.steps li[aria-current="step"]').count() == 1
    assert "0431-8000 2204" in page.locator("main").inner_text()
    assert "孙秀梅" not in page.content()
    shoot(page, "apply_status")
    assert axe_serious(page) == []

    # A code that finds nothing gets the plain answer, with the box to try again.
    page.locator("#track-box-code").fill("ABCDEFGHJK")
    with page.expect_navigation():
        page.locator(".track-box button[type=submit]").click()
    assert page.get_by_role("alert").is_visible()
    shoot(page, "apply_status_not_found")
