"""The README's "first five minutes" tour, step by step as written, on the demo data.

This file runs first among the browser tests (its name): after another live-server test has
emptied the database, seeding the demo here left the server threads on a stale SQLite
connection (a known limit of Django's live server on an in-memory database; not seen alone).

If the demo or the screens change so that the tour no longer works, this test fails, and the
README is corrected with it. The case and project it names are read from the README itself.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command

from needs.models import Referral
from search import engine as search_engine
from tests.browser.conftest import shoot

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

README = Path(__file__).resolve().parents[2] / "README.md"
PASSWORD = "jijinan-demo-2026"


def tour_text() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("### The first five minutes")
    return text[start : text.index("\n## ", start)]


def log_in(page, url: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()


def section(page, title: str):
    """Press the case page's action button called ``title`` and return the form it opens."""
    button = (
        page.locator("a[data-case-action]").filter(has_text=re.compile(rf"^\s*{title}\s*$")).first
    )
    button.click()
    return page.locator(button.get_attribute("href"))


def test_the_readme_tour_works_as_written(browser, live_server):
    tour = tour_text()
    case_number = re.search(r"\*\*(\d{6}-\d{4}-\d{6})\*\*", tour).group(1)
    project_label = re.search(r"choose (\S+ · [^\s,]+)", tour).group(1)
    assert PASSWORD in tour
    cache.clear()
    call_command("seed_demo", allow_production=True, verbosity=0)
    # The process's matching engine may still hold an earlier test's projects: the database
    # was emptied between them, and its change stamps started again from the same numbers.
    search_engine._engine = None
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    url = live_server.url

    # 1-2. The caseworker finds the case from the menu.
    log_in(page, url, "caseworker.chaoyang")
    for item in ("急难个案", "分配建议", "主动发现", "待办转介", "群众报告", "数据比对"):
        assert page.get_by_text(item, exact=True).first.is_visible(), item
    page.get_by_text("急难个案", exact=True).first.click()
    page.get_by_role("link", name=case_number).click()
    page.wait_for_load_state()
    assert "已救助" in page.content() and "推荐理由" in page.content()

    # 3. Refer it to the project the README names.
    refer = section(page, "转介")
    refer.locator("select").first.select_option(label=project_label)
    refer.locator("input[name=amount_requested]").fill("10000")
    refer.locator("textarea").first.fill("住院自付部分仍有缺口，请协助。")
    refer.get_by_role("button", name="转介").click()
    page.wait_for_load_state()
    assert "须于" in page.content()  # the confirmation names the deadline for the answer
    referral = Referral.objects.get(case__number=case_number, status=Referral.Status.REQUESTED)
    assert referral.amount_requested_fen == 1_000_000

    # 4. The charity answers from its 待办转介.
    log_in(page, url, "charity.jilin")
    page.get_by_text("待办转介", exact=True).first.click()
    page.get_by_role("link", name=case_number).first.click()
    page.wait_for_load_state()
    assert "住院自付部分仍有缺口" in page.content()
    page.get_by_role("button", name="受理", exact=True).click()
    page.wait_for_load_state()
    referral.refresh_from_db()
    assert referral.status == Referral.Status.ACCEPTED
    shoot(page, "tour-charity-accepted")

    # 5. The public site at phone width.
    phone = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
    public = phone.new_page()
    public.goto(url + "/")
    assert public.locator("h1").first.inner_text()
    phone.close()
    context.close()
