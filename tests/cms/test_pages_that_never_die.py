"""Pages that never die (issue 18, item 5): a need taken off the site keeps its page, which
says it ended (or was resolved) with its final figures and nothing about the household; a need
never published has no page; a project's page shows its story, its money from the ledger, the
families it helped and its published progress updates, newest first."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from donors import services as money_services
from donors.reports import statement_for
from needs import services as needs_services
from projects import services as project_services
from projects.models import Project
from tests.cms.test_privacy_crawl import full_world, leaks  # noqa: F401  (fixture by name)

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def client():
    cache.clear()
    return Client()


def test_closed_resolved_case_need_page_says_resolved_with_final_figures(client, money):
    need = money.published_need()  # gap ¥30,000, relief ¥4,000: ¥26,000 before charity
    money.give(50_000, need=need)
    url = f"/needs/{need.public_id}/"
    assert "Resolved" not in client.get(url, **EN).content.decode()  # cached while live
    needs_services.case_close(
        by=money.world.caseworker, case=need.case, outcome="resolved_with_help"
    )
    response = client.get(url, **EN)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Resolved" in page
    assert "¥4,000.00" in page  # government relief given
    assert "¥26,000.00" in page  # gap left after relief (nothing committed: still the gap)
    assert "¥500.00" in page  # donated to the need
    assert "Gap remaining at the end" in page
    assert not leaks(page)
    assert need.story[:12] not in page  # the story is not repeated once the need is down
    assert "/donate/?need=" not in page  # no more gifts


def test_unpublished_need_page_says_ended_without_personal_data(client, full_world):  # noqa: F811
    money, need = full_world
    needs_services.need_unpublish(by=money.world.caseworker, need=need)
    response = client.get(f"/needs/{need.public_id}/", **EN)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ended" in page and "Resolved" not in page
    assert "Final figures" in page
    assert not leaks(page), leaks(page)
    assert 'property="og:title"' in page


def test_closed_without_resolution_says_ended(client, money):
    need = money.published_need()
    needs_services.case_close(by=money.world.caseworker, case=need.case, outcome="withdrawn")
    page = client.get(f"/needs/{need.public_id}/", **EN).content.decode()
    assert "Ended" in page and "Resolved" not in page


def test_a_need_never_published_has_no_page(client, money):
    case = money.world.relieved()
    needs_services.consent_record(
        by=money.world.caseworker,
        case=case,
        scope="publish_need",
        method="written",
        given_by_name="张建国",
    )
    draft = needs_services.need_preview(by=money.world.caseworker, case=case)
    assert client.get(f"/needs/{draft.public_id}/").status_code == 404
    assert client.get("/needs/00000000-0000-0000-0000-000000000000/").status_code == 404


def test_ended_need_is_not_listed_nor_searchable(client, money, api_client):
    need = money.published_need()
    needs_services.need_unpublish(by=money.world.caseworker, need=need)
    assert str(need.public_id) not in client.get("/needs/").content.decode()
    assert str(need.public_id) not in client.get("/").content.decode()
    listed = api_client.get("/api/v1/needs/", {"q": need.title[:4]}).content.decode()
    assert str(need.public_id) not in listed


def _project_with_money(money):
    """¥1,200 given to the project, ¥500 of it committed to a referral, ¥200 paid out, ¥100
    of the commitment released; the referral completed."""
    project = money.world.project
    staff = money.world.charity_staff
    money.give(120_000, project=project)
    referral = money.accepted_referral()
    allocation = money_services.allocation_create(
        by=staff, referral=referral, project=project, amount_fen=50_000
    )
    payment = money_services.disbursement_request(
        by=staff, allocation=allocation, amount_fen=20_000, method="hospital"
    )
    money_services.disbursement_approve(by=money.second_charity_staff, disbursement=payment)
    money_services.disbursement_mark_paid(by=staff, disbursement=payment, proof_reference="INV-1")
    money_services.allocation_release(allocation=allocation, reason="over-committed", by=staff)
    needs_services.referral_complete(by=staff, referral=referral, outcome="resolved")
    return project


def test_project_page_figures_match_the_ledger(client, money):
    project = _project_with_money(money)
    statement = statement_for(
        holder=project, start=datetime.date(2000, 1, 1), end=timezone.localdate()
    )
    assert statement.donations_fen == 120_000
    committed = statement.allocations_fen - statement.releases_fen
    assert committed == 20_000  # ¥500 committed, the unpaid ¥300 released
    assert statement.disbursed_from_allocations_fen == 20_000
    page = client.get(f"/projects/{project.pk}/", **EN).content.decode()
    assert 'Money raised</th><td class="num">¥1,200.00' in page
    assert 'Committed to families</th><td class="num">¥200.00' in page
    assert 'Paid to families</th><td class="num">¥200.00' in page
    assert 'Families helped</th><td class="num">1<' in page
    assert f"¥{statement.closing_fen // 100:,}.00" in page  # available now: the closing balance


def test_project_page_shows_published_updates_newest_first(client, money):
    project = money.world.project
    staff = money.world.charity_staff
    today = timezone.localdate()
    for days_ago, text in ((30, "首批救助金已发放到五户家庭。"), (2, "第二批救助金已到账。")):
        project_services.progress_update_create(
            by=staff, project=project, date=today - datetime.timedelta(days=days_ago), text=text
        )
    project_services.progress_update_create(
        by=staff, project=project, date=today, text="内部草稿，暂不公开。", is_published=False
    )
    page = client.get(f"/projects/{project.pk}/").content.decode()
    assert page.index("第二批救助金已到账") < page.index("首批救助金已发放到五户家庭")
    assert "内部草稿" not in page


def test_a_closed_project_keeps_its_page_without_the_donate_button(client, money):
    project = money.world.project
    project_services.project_set_status(
        by=money.world.charity_staff, project=project, status=Project.Status.CLOSED
    )
    response = client.get(f"/projects/{project.pk}/", **EN)
    assert response.status_code == 200
    assert "Ended" in response.content.decode()
    assert f"/donate/?project={project.pk}" not in response.content.decode()
    assert project.title not in client.get("/projects/").content.decode()


def test_a_draft_project_has_no_page(client, money):
    draft = Project.objects.create(
        organisation=money.world.charity, title="筹备中的项目", categories=["illness"]
    )
    assert client.get(f"/projects/{draft.pk}/").status_code == 404
