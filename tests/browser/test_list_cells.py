"""A date-time in a back-office list reads as one piece: the referral inbox's "requested at"
and "answer due at" never break at the date's hyphen ("2026-12-" / "05 10:00"), neither at
1280 px, where the inbox's eight columns still fit beside the menu, nor on a phone, where the
table scrolls sideways inside its box instead of squeezing its cells (or widening the page)."""

from __future__ import annotations

import pytest

from tests.browser.conftest import shoot
from tests.browser.test_worklist import log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# For every date-time cell: its white-space, and how many lines its text takes.
DATE_TIME_CELLS = """() => [...document.querySelectorAll('#listing-results td')]
    .filter(td => /^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d/.test(td.innerText.trim()))
    .map(td => {
        const range = document.createRange();
        range.selectNodeContents(td);
        const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
        return [td.innerText.trim(), getComputedStyle(td).whiteSpace, tops.size];
    })"""
TABLE_BOX = """() => {
    const box = document.getElementById('listing-results');
    return [box.querySelector('table').scrollWidth, box.clientWidth,
            document.documentElement.scrollWidth];
}"""


def open_inbox(browser, url, user, width):
    context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    log_in(page, url, user)
    page.goto(url + "/admin/referrals/")
    page.wait_for_load_state()
    return page


@pytest.mark.parametrize("width", [1280, 390])
def test_the_referral_inbox_keeps_each_date_time_on_one_line(browser, live_server, world, width):
    world.referred()
    page = open_inbox(browser, live_server.url, world.caseworker, width)
    cells = page.evaluate(DATE_TIME_CELLS)
    assert len(cells) == 2  # requested at, answer due at
    for text, white_space, lines in cells:
        assert white_space == "nowrap", text
        assert lines == 1, text
    table, box, document = page.evaluate(TABLE_BOX)
    if width == 1280:
        assert table <= box, "the inbox no longer fits beside the menu at 1280 px"
    else:
        assert table > box and document == width, "the table scrolls inside its box"
    shoot(page, f"referral_inbox_{width}")
    page.context.close()
