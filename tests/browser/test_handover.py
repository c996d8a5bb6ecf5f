"""A hand-over on screen (issue 17, item 5): the 朝阳 caseworker hands a case over to 南关;
the 南关 caseworker finds it under 移交 in the menu and accepts it; the case is theirs."""

from __future__ import annotations

import pytest

from needs.models import Case, CaseHandover
from tests.browser.conftest import shoot

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "pass-for-tests"


def log_in(page, url: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()


def test_chaoyang_hands_over_and_nanguan_finds_and_accepts_it(browser, live_server, world):
    case = world.accepted()
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    url = live_server.url

    # The sender hands the case over from its page.
    log_in(page, url, world.caseworker.username)
    page.goto(f"{url}/admin/cases/{case.pk}/")
    form = page.locator(f'form[action="/admin/cases/{case.pk}/hand-over/"]')
    opener = page.locator('[data-case-action="hand-over"]')
    if opener.count():  # the actions bar's button opens the form
        opener.first.click()
    else:  # a folding form
        form.locator("xpath=ancestor::details[1]/summary").click()
    form.locator("select[name=to_office]").select_option(label=world.nanguan.name)
    form.locator("textarea[name=reason]").fill("该户已搬到南关区居住。")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    handover = CaseHandover.objects.get(case=case)
    assert handover.status == CaseHandover.Status.PENDING
    # Read-only while it waits: the page says so and offers no action.
    assert page.locator(f'form[action="/admin/cases/{case.pk}/assess/"]').count() == 0
    assert world.nanguan.name in page.locator("#case-handover").locator("..").inner_text()

    # The receiver finds it from the menu and accepts it there.
    log_in(page, url, world.nanguan_caseworker.username)
    page.locator('a[href="/admin/handovers/"]').first.click()
    page.wait_for_load_state()
    row = page.locator("tr").filter(has_text=case.number)
    assert row.count() == 1
    shoot(page, "handover_list")
    row.locator(f'form[action="/admin/handovers/{handover.pk}/accept/"] button').click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/admin/cases/{case.pk}/")
    handover.refresh_from_db()
    case.refresh_from_db()
    assert handover.status == CaseHandover.Status.ACCEPTED
    assert case.responsible_office == world.nanguan and case.owner == world.nanguan_caseworker
    assert Case.objects.get(pk=case.pk).region_id == "220102"
    # Now the receiver acts on it.
    assert page.locator(f'form[action="/admin/cases/{case.pk}/assess/"]').count() == 1
    shoot(page, "handover_accepted")
    context.close()
