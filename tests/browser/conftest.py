"""Playwright driving Debian's Chromium against Django's live test server.

Chromium is found at CHROMIUM_PATH (default /usr/bin/chromium) and axe-core in
node_modules (``npm ci``). Where either is missing the browser tests are skipped with the
reason, unless BROWSER_TESTS=required (as .ci/run sets), where they fail instead.
Screenshots of the key pages go to artifacts/screenshots/.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "artifacts" / "screenshots"


def _missing() -> str:
    if not CHROMIUM.exists():
        return f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    if not AXE.exists():
        return f"axe-core not found at {AXE} (npm ci)"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (make setup)"
    return ""


@pytest.fixture(scope="session")
def browser():
    missing = _missing()
    if missing:
        if os.environ.get("BROWSER_TESTS") == "required":
            pytest.fail(f"browser tests required: {missing}")
        pytest.skip(missing)
    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
    # around it are plain synchronous calls, which Django would otherwise refuse there.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-dev-shm-usage"]
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(
        locale="zh-CN", viewport={"width": 390, "height": 844}, device_scale_factor=1
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def axe_serious(page) -> list[str]:
    """Serious and critical axe-core violations on the page, as readable lines."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', "
        "'wcag21aa', 'best-practice']})"
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def shoot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


from tests.donors.conftest import money  # noqa: E402, F401  (the fixtures are used by name)
from tests.needs.conftest import world  # noqa: E402, F401
