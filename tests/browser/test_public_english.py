"""The public site in English on a phone (issue 18, item 7): chosen with the visible language
switch, remembered, every label, heading and category name in English, dates in the English
manner, lists joined with commas; the editor-worded pages (their English fields) and the home
page's sections; axe-core finds nothing serious. Screenshots go to
artifacts/screenshots/site-*.png (phone 390 px and desktop, Chinese and English)."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from core.models import Organisation, Region
from donors.models import Fund
from projects import services as project_services
from projects.models import Project
from tests.browser.conftest import SCREENSHOTS, axe_serious
from tests.browser.test_public_design import DESKTOP, PHONE, fits_the_width, open_page
from tests.browser.test_public_site import site  # noqa: F401  (the fixture is used by name)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def shoot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"site-{name}.png"), full_page=False)


def chrome_text(page) -> str:
    """What the site itself says on the page: headings, labels, buttons and navigation, not
    the records' own words (a need's title or a county's name are written in Chinese)."""
    return page.evaluate(
        """() => [...document.querySelectorAll(
            'h1, h2, label, button, nav a, legend, thead th, [role=status], .service-text')]
            .filter(e => !e.closest('[lang]:not(html)'))  // the switch's 中文 is Chinese
            .map(e => e.innerText).join('\\n')"""
    )


def test_the_switch_turns_the_whole_site_to_english_on_a_phone(browser, site):  # noqa: F811
    money, need, url = site
    project_services.progress_update_create(
        by=money.world.charity_staff,
        project=money.world.project,
        date=timezone.localdate(),
        text="首批救助金已发放。",
    )
    page = open_page(browser, url, viewport=PHONE)
    page.goto(url + "/")
    shoot(page, "home-zh-phone")
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text().startswith("Emergency and hardship")
    assert page.get_by_role("button", name="中文").is_visible()  # the way back
    shoot(page, "home-en-phone")
    paths = [
        "/",
        "/needs/",
        f"/needs/{need.public_id}/",
        "/projects/",
        f"/projects/{money.world.project.pk}/",
        "/transparency/",
        "/notice/",
        "/donate/",
        "/report/",
        "/apply/",
        "/track/",
        "/policies/",
    ]
    # The records' own names are written in Chinese (a charity, a project, a fund, a county:
    # regions have no English names yet); everything else on the page must be English.
    records = sorted(
        {
            *Organisation.objects.values_list("name", flat=True),
            *Project.objects.values_list("title", flat=True),
            *Fund.objects.values_list("name", flat=True),
            *Region.objects.values_list("name", flat=True),
            need.title,
        },
        key=len,
        reverse=True,
    )
    found = {}
    for path in paths:
        page.goto(url + path)  # the choice is remembered (the language cookie)
        assert page.locator("html").get_attribute("lang") == "en", path
        words = chrome_text(page)
        for name in records:
            words = words.replace(name, "")
        assert not CJK.findall(words), (path, CJK.findall(words)[:10])
        assert fits_the_width(page), path
        problems = axe_serious(page)
        if problems:
            found[path] = problems
    assert found == {}

    # Category names and dates in English; lists joined with commas, not "、".
    page.goto(url + f"/projects/{money.world.project.pk}/")
    covered = page.get_by_role("row", name=re.compile("Categories covered")).inner_text()
    assert "、" not in covered
    update = page.locator("main time").first.inner_text()  # the progress update's date
    assert re.fullmatch(r"[A-Z][a-z]+\.? \d{1,2}, \d{4}", update), update
    page.goto(url + "/needs/")
    assert (
        "Illness" in page.locator("main").inner_text()
        or "illness" in page.locator("main").inner_text()
    )
    shoot(page, "needs-en-phone")
    page.goto(url + "/apply/")
    assert page.get_by_role("heading", name="What to bring").is_visible()  # the editor's help
    shoot(page, "apply-en-phone")
    page.context.close()


def test_the_home_page_on_a_desktop_in_both_languages(browser, site):  # noqa: F811
    url = site[2]
    for language, name in (("zh-hans", "zh"), ("en", "en")):
        page = open_page(browser, url, viewport=DESKTOP, language=language)
        page.goto(url + "/")
        assert page.locator("html").get_attribute("lang") == language
        assert axe_serious(page) == []
        shoot(page, f"home-{name}-desktop")
        page.context.close()


def test_the_policy_search_shows_its_count_and_excerpts(browser, site):  # noqa: F811
    url = site[2]
    page = open_page(browser, url, viewport=PHONE)
    page.goto(url + "/policies/?q=临时救助")
    # (The count's Chinese wording comes with the lead's next catalogue: the figure is checked.)
    assert re.search(r"\d+", page.locator(".result-count").inner_text())
    assert page.locator(".excerpt mark").count() >= 1
    assert axe_serious(page) == []
    page.locator(".result-count").scroll_into_view_if_needed()
    shoot(page, "policies-search-zh-phone")
    page.context.close()
