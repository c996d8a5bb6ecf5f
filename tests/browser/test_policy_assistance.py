"""A policy on the public site links to the assistance types it governs (issue 20, item 7):
on a phone, the policy page reads "本政策适用于：医疗救助、…", and each type opens 我要求助 with
that type chosen, each link a tap target of at least 44 px. axe-core finds nothing serious
or critical; the screenshot is
artifacts/screenshots/policy_assistance_types.png."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache

from cms.demo import seed_site
from cms.models import PolicyPage
from tests.browser.conftest import axe_serious, shoot

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def site(live_server):
    cache.clear()
    seed_site()
    return live_server.url


def test_a_policy_links_its_assistance_types_to_the_apply_form(page, site):
    policy = PolicyPage.objects.get(document_number="甬政办发〔2015〕50号")
    page.goto(site + policy.url)
    line = page.locator(".policy-assistance")
    assert line.is_visible()
    assert line.inner_text().startswith("本政策适用于：")
    assert "医疗救助" in line.inner_text() and "临时救助" in line.inner_text()
    assert axe_serious(page) == []
    # On a phone each type is a tap target of at least 44 px, and none runs off the line.
    for link in line.get_by_role("link").all():
        box = link.bounding_box()
        assert box["height"] >= 44, (link.inner_text(), box)
        assert box["x"] + box["width"] <= 390, (link.inner_text(), box)
    line.scroll_into_view_if_needed()
    shoot(page, "policy_assistance_types")

    with page.expect_navigation(url=re.compile(r"/apply/\?type=medical$")):
        line.get_by_role("link", name="医疗救助").click()
    assert page.locator("#apply-assistance-type").input_value() == "medical"
