"""A shared link to a need that has ended still opens, on a phone and a desktop: the page says
it ended, with its final figures and nothing about the household; a project's page shows its
progress updates newest first. axe-core finds no serious or critical violation."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from needs import services as needs_services
from projects import services as project_services
from tests.browser.conftest import axe_serious, shoot
from tests.cms.test_privacy_crawl import leaks

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.mark.parametrize("viewport", [(390, 844), (1280, 900)], ids=["phone", "desktop"])
def test_a_closed_needs_link_still_opens_with_its_final_figures(page, money, live_server, viewport):
    cache.clear()
    need = money.published_need()
    needs_services.case_close(
        by=money.world.caseworker, case=need.case, outcome="resolved_with_help"
    )
    page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
    response = page.goto(f"{live_server.url}/needs/{need.public_id}/")
    assert response.status == 200
    assert page.locator("h1 .status-resolved").is_visible()
    assert page.locator("table tbody tr").count() == 6  # the final figures
    assert not leaks(page.content())
    shoot(page, f"pages_need_ended_{viewport[0]}")
    assert axe_serious(page) == []


def test_a_projects_progress_updates_newest_first(page, money, live_server):
    cache.clear()
    project, staff = money.world.project, money.world.charity_staff
    today = timezone.localdate()
    for days_ago, text in ((20, "首批救助金已发放。"), (3, "第二批转介已受理。")):
        project_services.progress_update_create(
            by=staff, project=project, date=today - datetime.timedelta(days=days_ago), text=text
        )
    page.goto(f"{live_server.url}/projects/{project.pk}/")
    updates = page.locator("article.update p").all_inner_texts()
    assert updates == ["第二批转介已受理。", "首批救助金已发放。"]
    shoot(page, "pages_project_browser")
    assert axe_serious(page) == []
