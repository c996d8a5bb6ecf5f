"""Each role starts on its own work (待办): the dashboard lists the waiting item, its link opens
the screen where it is done, and doing it there takes it off the list."""

from __future__ import annotations

import pytest

from needs import services
from needs.models import Referral
from tests.browser.conftest import axe_serious, shoot

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
PASSWORD = "pass-for-tests"  # core.factories.UserFactory


@pytest.fixture
def desk(browser, live_server):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page, live_server.url
    context.close()


def log_in(page, url: str, user) -> None:
    page.context.clear_cookies()
    page.goto(url + "/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()


def test_each_role_finds_its_waiting_item_and_opens_it(desk, world):
    page, url = desk
    case, referral = world.referred()
    fresh = world.report()

    # The caseworker: the new case to accept, opened from the dashboard.
    log_in(page, url, world.caseworker)
    assert page.url.endswith("/admin/")
    section = page.locator("#work-cases_to_accept")
    assert section.get_by_role("link", name=fresh.number).is_visible()
    assert not axe_serious(page), axe_serious(page)
    shoot(page, "worklist_flow_caseworker")
    section.get_by_role("link", name=fresh.number).click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/admin/cases/{fresh.pk}/")
    assert fresh.number in page.content()

    # The charity: the referral to answer, accepted on its page, then gone from the list.
    log_in(page, url, world.charity_staff)
    section = page.locator("#work-referrals_to_answer")
    section.get_by_role("link", name=case.number).click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/admin/referrals/{referral.pk}/")
    page.get_by_role("button", name="受理", exact=True).click()
    page.wait_for_load_state()
    referral.refresh_from_db()
    assert referral.status == Referral.Status.ACCEPTED
    page.goto(url + "/admin/")
    assert page.locator("#work-referrals_to_answer").count() == 0
    shoot(page, "worklist_flow_charity")

    # The supervisor: relief above the ceiling, opened at the case's relief section.
    other = world.accepted()
    services.case_assess(
        by=world.caseworker, case=other, assessed_need_fen=2_000_000, assessed_gap_fen=2_000_000
    )
    services.relief_grant(
        by=world.caseworker, case=other, kind="temporary", amount_fen=800_000, reason="特别困难"
    )
    log_in(page, url, world.supervisor)
    section = page.locator("#work-relief_approvals")
    assert "¥8,000.00" in section.inner_text()
    section.get_by_role("link", name=other.number).click()
    page.wait_for_load_state()
    assert f"/admin/cases/{other.pk}/" in page.url
    shoot(page, "worklist_flow_supervisor")
