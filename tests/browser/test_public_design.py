"""The public site's design in a real browser, on a phone (390×844) and a desktop (1280):
the identity bar and the home page's service entries, the menu button that opens the
navigation on a phone without script, 关怀版 after the elder-friendly rules (the first screen
shows content; larger text and targets; fewer navigation entries, the key services first),
and axe-core on every public page in both modes and both languages.

Screenshots go to artifacts/screenshots/design_*.png."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from discovery.services.public_reports import public_report_create
from needs import services as needs_services
from needs.services.applications import online_application_file
from projects import services as project_services
from tests.browser.conftest import AXE, SCREENSHOTS, axe_serious
from tests.browser.test_public_site import site  # noqa: F401  (the fixture is used by name)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

# The home page's service entries: (name, where it leads).
SERVICES = [
    ("我要求助", "/apply/"),
    ("查询办理进度", "/track/"),
    ("报告身边的困难群众", "/report/"),
    ("需求公示", "/needs/"),
    ("慈善项目", "/projects/"),
    ("资金公开", "/transparency/"),
    ("政策文件", "/policies/"),
    ("我要捐赠", "/donate/"),
]


def open_page(browser, url: str, *, viewport=PHONE, care=False, language="zh-hans"):
    """A page in a fresh browser context with the visitor's choices as their cookies."""
    context = browser.new_context(locale="zh-CN", viewport=viewport, device_scale_factor=1)
    cookies = [{"name": "django_language", "value": language, "url": url}]
    if care:
        cookies.append({"name": "care_mode", "value": "1", "url": url})
    context.add_cookies(cookies)
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


def shoot(page, name: str, *, full_page=True) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"design_{name}.png"), full_page=full_page)


def fits_the_width(page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_home_shows_the_identity_bar_and_the_service_entries(browser, site, viewport):  # noqa: F811
    url = site[2]
    page = open_page(browser, url, viewport=viewport)
    page.goto(url + "/")
    identity = page.locator("header .site-name")
    assert identity.is_visible() and "救急难救助平台" in identity.inner_text()
    emblem = identity.locator("svg.emblem")
    box = emblem.bounding_box()
    assert box and box["width"] >= 32 and emblem.get_attribute("width")  # sized: no shift
    services = page.get_by_role("region", name="办事服务")
    for name, href in SERVICES:
        entry = services.get_by_role("link", name=re.compile(f"^{name}"))
        assert entry.is_visible(), name
        assert entry.get_attribute("href") == href
    # The first service entry is on the first screen, on a phone as on a desktop.
    first = services.get_by_role("link").first.bounding_box()
    assert first["y"] + first["height"] <= viewport["height"]
    # Real buttons, not the browser's grey ones.
    care_button = page.get_by_role("button", name="关怀版")
    assert page.evaluate(
        "b => getComputedStyle(b).backgroundColor !== 'rgb(239, 239, 239)'",
        care_button.element_handle(),
    )
    # The navigation's links are not underlined.
    decoration = page.evaluate(
        "() => getComputedStyle(document.querySelector('.nav-list a')).textDecorationLine"
    )
    assert decoration == "none"
    assert fits_the_width(page)
    shoot(page, f"home_{'phone' if viewport is PHONE else 'desktop'}")
    page.context.close()


def test_the_menu_button_opens_the_navigation_on_a_phone(browser, site):  # noqa: F811
    url = site[2]
    page = open_page(browser, url)
    page.goto(url + "/needs/")
    nav = page.get_by_role("navigation", name="主导航")
    header = page.locator("header")
    # A compact header: the page's own heading shows on the first screen.
    assert header.bounding_box()["height"] < 844 * 0.15
    projects = nav.get_by_role("link", name="慈善项目")
    assert not projects.is_visible()
    menu = nav.locator("summary", has_text="菜单")
    menu.click()
    assert projects.is_visible()
    assert nav.locator('a[aria-current="page"]').inner_text() == "救助需求"
    shoot(page, "menu_open_phone", full_page=False)
    projects.click()
    page.wait_for_url(re.compile(r"/projects/$"))
    page.context.close()


def test_the_menu_works_without_javascript(browser, site):  # noqa: F811
    url = site[2]
    context = browser.new_context(java_script_enabled=False, viewport=PHONE, locale="zh-CN")
    page = context.new_page()
    page.goto(url + "/")
    page.locator("summary", has_text="菜单").click()
    assert page.locator(".nav-list").get_by_role("link", name="政策宣传").is_visible()
    context.close()


def test_on_a_desktop_the_navigation_is_a_bar_without_a_menu_button(browser, site):  # noqa: F811
    url = site[2]
    page = open_page(browser, url, viewport=DESKTOP)
    page.goto(url + "/transparency/")
    nav = page.get_by_role("navigation", name="主导航")
    assert not nav.locator("summary").is_visible()
    for name in ("首页", "我要求助", "救助需求", "慈善项目", "资金去向", "政策宣传", "我要捐赠"):
        assert nav.get_by_role("link", name=name, exact=True).is_visible(), name
    assert nav.locator('a[aria-current="page"]').inner_text() == "资金去向"
    page.context.close()


def test_the_language_switch_is_two_buttons(browser, site):  # noqa: F811
    url = site[2]
    page = open_page(browser, url)
    page.goto(url + "/needs/")
    assert page.get_by_role("button", name="中文").get_attribute("aria-current") == "true"
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("button", name="Care mode").is_visible()
    assert page.get_by_role("heading", level=1).inner_text() == "Needs"
    assert fits_the_width(page)
    page.context.close()


def test_care_mode_on_a_phone_shows_the_key_services_first(browser, site):  # noqa: F811
    url = site[2]
    page = open_page(browser, url)
    page.goto(url + "/")
    plain_h1 = page.evaluate("parseFloat(getComputedStyle(document.querySelector('h1')).fontSize)")
    page.get_by_role("button", name="关怀版").click()
    page.wait_for_load_state()
    assert "care" in page.locator("body").get_attribute("class")
    # Larger text: the body at least 18 px, headings larger than the body.
    body = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    h2 = page.evaluate("parseFloat(getComputedStyle(document.querySelector('main h2')).fontSize)")
    assert body >= 18 and h2 > body
    assert page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.services strong')).fontSize)"
    ) >= max(22, plain_h1 * 0.9)
    # The first screen shows content, not only the header: the key services are on it.
    header = page.locator("header").bounding_box()
    assert header["height"] < 844 / 4
    services = page.get_by_role("region", name="办事服务").get_by_role("link")
    names = [services.nth(i).inner_text().split("\n")[0] for i in range(3)]
    assert names == ["我要求助", "查询办理进度", "报告身边的困难群众"]
    third = services.nth(2).bounding_box()
    assert services.first.bounding_box()["y"] < 844 and third["y"] + third["height"] <= 844
    # The key services are larger than the others.
    assert third["height"] > services.nth(3).bounding_box()["height"]
    # Targets of at least 44 px: the header's controls, the services, the menu.
    sizes = page.evaluate(
        """() => [...document.querySelectorAll(
              'header button, header a, header summary, .services a'
            )].filter(e => e.offsetParent !== null)
            .map(e => [e.textContent.trim().slice(0, 10), e.getBoundingClientRect().height])"""
    )
    assert sizes and [s for s in sizes if s[1] < 44] == []
    # Simplified navigation: fewer entries, the key services among the first.
    page.locator("summary", has_text="菜单").click()
    entries = page.locator(".nav-list a").all_inner_texts()
    assert len(entries) <= 5 and entries[1] == "我要求助"
    shoot(page, "care_menu_open_phone", full_page=False)
    page.locator("summary", has_text="菜单").click()
    # No pop-ups: nothing fixed over the page, no dialog.
    assert page.evaluate(
        "() => [...document.querySelectorAll('body *')].every("
        "e => getComputedStyle(e).position !== 'fixed') && !document.querySelector('dialog')"
    )
    assert fits_the_width(page)
    shoot(page, "home_phone_care_first_screen", full_page=False)
    page.context.close()


def test_care_mode_is_high_contrast(browser, site):  # noqa: F811
    url = site[2]
    page = open_page(browser, url, care=True)
    page.goto(url + "/needs/")
    assert page.evaluate("getComputedStyle(document.body).color") == "rgb(0, 0, 0)"
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)"
    # Links in the text are underlined in 关怀版.
    link = page.locator("main .cards a").first
    assert "underline" in page.evaluate(
        "a => getComputedStyle(a).textDecorationLine", link.element_handle()
    )
    page.context.close()


def public_pages(site) -> dict[str, str]:  # noqa: F811
    """Every public page: name for the screenshot -> path."""
    money, need, _url = site
    report = public_report_create(region_code="220104", what_happened="一位老人夜里露宿街头。")
    application = online_application_file(
        applied_by="self",
        region_code="220104",
        category="fire",
        what_happened="家里失火，房子烧坏了，一家三口没有地方住。",
        name="李春华",
        phone="138 0000 4444",
        consent_to_contact=True,
    )
    ended = money.published_need()
    needs_services.case_close(
        by=money.world.caseworker, case=ended.case, outcome="resolved_with_help"
    )
    project_services.progress_update_create(
        by=money.world.charity_staff,
        project=money.world.project,
        date=timezone.localdate(),
        text="首批救助金已发放。",
    )
    return {
        "home": "/",
        "needs": "/needs/",
        "need": f"/needs/{need.public_id}/",
        "need-ended": f"/needs/{ended.public_id}/",
        "projects": "/projects/",
        "project": f"/projects/{money.world.project.pk}/",
        "transparency": "/transparency/",
        "fund": f"/transparency/funds/{money.fund.pk}/",
        "notice": "/notice/",
        "donate": "/donate/",
        "donate-project": f"/donate/?project={money.world.project.pk}",
        "policies": "/policies/",
        "policy": "/policies/policy-1/",
        "policy-search": "/policies/?q=临时救助",
        "report": "/report/",
        "report-status": f"/report/{report.tracking_code}/",
        "apply": "/apply/",
        "apply-sent": f"/apply/{application.tracking_code}/",
        "track": "/track/",
        "track-found": f"/track/?code={report.tracking_code}",
        "track-unknown": "/track/?code=ZZZZZZZZZZ",
        "contact": "/contact/",
        "accessibility": "/accessibility/",
        "not-found": "/no-such-page/",
    }


# Screenshots of these pages, on a phone and a desktop, in both modes (Chinese).
SHOWN = {"home", "needs", "need", "project", "transparency", "report", "apply", "apply-sent"}


@pytest.mark.parametrize("care", [False, True], ids=["standard", "care"])
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_axe_finds_nothing_serious_on_any_public_page(browser, site, care, language):  # noqa: F811
    assert AXE.exists()
    url = site[2]
    pages = public_pages(site)
    viewports = [("phone", PHONE), ("desktop", DESKTOP)]
    found = {}
    for label, viewport in viewports:
        page = open_page(browser, url, viewport=viewport, care=care, language=language)
        for name, path in pages.items():
            page.goto(url + path)
            if name == "transparency" and not care:
                page.wait_for_selector("#flow-chart svg")
                page.wait_for_timeout(1200)  # the chart's drawing animation
            assert page.locator("html").get_attribute("lang") == language
            assert fits_the_width(page), f"{path} is wider than the {label} screen"
            problems = axe_serious(page)
            if problems:
                found[f"{label} {path}"] = problems
            if language == "zh-hans" and name in SHOWN:
                shoot(page, f"{name}_{label}{'_care' if care else ''}")
        page.context.close()
    assert found == {}


def test_every_page_is_usable_at_320_px(browser, site):  # noqa: F811
    url = site[2]
    pages = public_pages(site)
    for care in (False, True):
        page = open_page(browser, url, viewport={"width": 320, "height": 640}, care=care)
        for path in pages.values():
            page.goto(url + path)
            assert fits_the_width(page), (path, care)
        page.context.close()
