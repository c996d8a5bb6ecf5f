"""Regions picked on screen (issue 17, item 4): a charity picks the regions of a project in
cascade (吉林省 → 长春市, then 江西省), removes one, and the project saves their codes; a
supervisor narrows the case list to 朝阳区 with the same picker."""

from __future__ import annotations

import pytest

from projects.models import Project
from tests.browser.conftest import AXE, shoot

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "pass-for-tests"


def log_in(page, url: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()


def pick(picker, *codes: str) -> None:
    """Choose each code at the next level of the cascade, waiting for its level to load."""
    for depth, code in enumerate(codes):
        level = picker.locator(".region-picker__selects select").nth(depth)
        level.locator(f'option[value="{code}"]').wait_for(state="attached")
        level.select_option(code)


def test_a_charity_picks_the_regions_of_a_project_in_cascade(browser, live_server, world):
    context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(15_000)
    log_in(page, live_server.url, world.charity_staff.username)
    page.goto(live_server.url + "/admin/projects/new/")
    picker = page.locator(".region-picker").first
    picker.locator(".region-picker__selects select").first.wait_for()
    assert picker.locator("select[name=regions]").is_hidden()  # the plain list is the fallback

    add = picker.locator(".region-picker__levels > .button")
    pick(picker, "220000", "220100")
    add.click()
    pick(picker, "360000")
    add.click()
    pick(picker, "220000", "220100", "220104")
    add.click()
    chosen = picker.locator(".region-picker__chosen li")
    assert chosen.count() == 3
    assert "吉林省长春市朝阳区" in chosen.nth(2).inner_text()
    chosen.nth(2).locator("button").click()  # changed their mind: not the county alone
    assert chosen.count() == 2
    page.add_script_tag(path=str(AXE))
    serious = page.evaluate(
        "async () => (await axe.run('.region-picker', {runOnly: ['wcag2a', 'wcag2aa']}))"
        ".violations.filter(v => ['serious', 'critical'].includes(v.impact)).map(v => v.id)"
    )
    assert serious == []
    shoot(page, "region_picker_browser_test")

    page.fill("#id_title", "困境儿童关爱计划")
    page.locator("form[method=post] button[type=submit]").last.click()
    page.wait_for_load_state()
    project = Project.objects.get(title="困境儿童关爱计划")
    assert sorted(project.regions.values_list("code", flat=True)) == ["220100", "360000"]
    context.close()


def test_a_supervisor_narrows_the_case_list_to_a_county(browser, live_server, world):
    inside = world.report()
    context = browser.new_context(locale="zh-CN", viewport={"width": 1024, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    log_in(page, live_server.url, world.supervisor.username)
    page.goto(live_server.url + "/admin/cases/")
    picker = page.locator(".region-picker").first
    pick(picker, "220000", "220100", "220102")  # 南关区: nothing there
    page.locator(".filter-grid__actions button[type=submit]").click()
    page.wait_for_load_state()
    assert "within=220102" in page.url
    assert inside.number not in page.locator("main").inner_text()
    # The picker shows the county chosen again after the page reloads.
    picker = page.locator(".region-picker").first
    picker.locator(".region-picker__selects select").nth(2).wait_for()
    assert picker.locator(".region-picker__selects select").nth(2).input_value() == "220102"
    pick(picker, "220000", "220100", "220104")
    page.locator(".filter-grid__actions button[type=submit]").click()
    page.wait_for_load_state()
    assert inside.number in page.locator("main").inner_text()
    context.close()
