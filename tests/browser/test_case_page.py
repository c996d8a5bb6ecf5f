"""The case page as a work screen, in a browser: a caseworker opens a case, presses an action
button at the top, completes its form on screen; the page at desktop and phone width is
photographed (artifacts/screenshots/case_page_*.png) and checked with axe-core."""

from __future__ import annotations

import pytest

from needs.models import Case
from tests.browser.conftest import SCREENSHOTS, axe_serious, shoot

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "case-page-test-2026"


def log_in(page, url: str, user) -> None:
    page.goto(url + "/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()


def test_a_caseworker_assesses_a_case_from_the_button_at_the_top(browser, world, live_server):
    caseworker = world.caseworker
    caseworker.first_name, caseworker.last_name = "芳", "王"
    caseworker.set_password(PASSWORD)
    caseworker.save()
    case = world.accepted()
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    log_in(page, live_server.url, caseworker)
    page.goto(f"{live_server.url}/admin/cases/{case.pk}/")

    header = page.locator(".case-header")
    assert case.number in header.inner_text() and "王芳" in header.inner_text()
    assess = page.locator('a[data-case-action="assess"]')
    assert assess.is_visible()
    # The button sits above the household, in the first screen.
    assert assess.bounding_box()["y"] < 900
    shoot(page, "case_page_desktop")
    assert axe_serious(page) == []

    panel = page.locator("#action-assess")
    assert not panel.is_visible()  # closed until its button is pressed
    assess.focus()
    page.keyboard.press("Enter")  # the keyboard opens it as well as a click
    assert panel.is_visible()
    panel.locator("input[name=assessed_need]").fill("30000")
    panel.locator("input[name=assessed_gap]").fill("20000")
    panel.get_by_role("button").first.click()
    page.wait_for_load_state()
    case.refresh_from_db()
    assert case.assessed_need_fen == 3_000_000 and case.status == Case.Status.ASSESSED
    assert "¥20,000.00" in page.locator(".case-header").inner_text()
    timeline = page.locator("section[aria-labelledby=case-timeline]")
    assert "¥30,000.00" in timeline.inner_text() and "王芳" in timeline.inner_text()
    timeline.screenshot(path=str(SCREENSHOTS / "case_page_timeline.png"))
    page.locator('a[data-case-action="refer"]').click()
    refer = page.locator("#action-refer")
    assert refer.is_visible() and refer.locator("input[name=amount_requested]").is_visible()
    refer.screenshot(path=str(SCREENSHOTS / "case_page_refer.png"))
    context.close()

    phone = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
    small = phone.new_page()
    log_in(small, live_server.url, caseworker)
    small.goto(f"{live_server.url}/admin/cases/{case.pk}/")
    width = small.evaluate("document.documentElement.scrollWidth")
    assert width <= 400, width  # nothing widens the page past the phone
    assert small.locator('a[data-case-action="relief"]').is_visible()
    shoot(small, "case_page_phone")
    phone.close()
