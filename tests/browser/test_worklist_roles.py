"""The other three roles of issue 17's per-role test: the department (协同办理), the fund
manager and the auditor each start on the dashboard, find what is theirs there and finish it on
screen (the caseworker, charity and supervisor are in test_worklist.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from core import services as core_services
from core.factories import UserFactory
from core.models import Membership
from donors.models import Allocation
from needs import services
from needs.models import Referral
from tests.browser.conftest import axe_serious, shoot
from tests.browser.test_worklist import desk, log_in  # noqa: F401  (the fixture is used by name)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_department_answers_the_referral_waiting_on_its_dashboard(desk, world):  # noqa: F811
    page, url = desk
    staff = UserFactory(username="yibao.desk")
    core_services.membership_grant(
        by=None, user=staff, organisation=world.department, role=Membership.Role.DEPARTMENT_STAFF
    )
    case = world.relieved()
    referral = services.referral_create(
        by=world.caseworker, case=case, department=world.department, note="请协助核定医疗救助"
    )

    log_in(page, url, staff)
    assert page.url.endswith("/admin/")
    section = page.locator("#work-referrals_to_answer")
    link = section.get_by_role("link", name=case.number)
    assert link.is_visible()
    assert not axe_serious(page), axe_serious(page)
    shoot(page, "worklist_flow_department")
    link.click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/admin/referrals/{referral.pk}/")
    # The department reads the facts it needs, never the household's name or ID number.
    assert case.household.members.first().name not in page.content()
    page.get_by_role("button", name="受理", exact=True).click()
    page.wait_for_load_state()
    referral.refresh_from_db()
    assert referral.status == Referral.Status.ACCEPTED
    page.goto(url + "/admin/")
    assert page.locator("#work-referrals_to_answer").count() == 0


def test_the_fund_manager_pays_for_the_referral_waiting_on_its_dashboard(desk, money):  # noqa: F811
    page, url = desk
    money.give(1_000_000)  # ¥10,000 in the enterprise's fund
    referral = money.accepted_referral()
    number = referral.case.number

    log_in(page, url, money.fund_manager)
    section = page.locator("#work-referrals_to_fund")
    link = section.get_by_role("link", name=number)
    assert link.is_visible()
    assert not axe_serious(page), axe_serious(page)
    shoot(page, "worklist_flow_fund_manager")
    link.click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/admin/money/referrals/{referral.pk}/")

    form = page.locator(f"form[action$='/{referral.pk}/allocate/']")
    panel = page.locator("details.action-panel", has=form)
    if panel.get_attribute("open") is None:  # the page may open the one action it offers
        panel.locator("summary").click()
    form.locator("select[name$='source']").select_option(f"fund:{money.fund.pk}")
    form.locator("input[name$='amount']").fill("2,000")
    form.get_by_role("button").click()
    page.wait_for_load_state()

    allocation = Allocation.objects.get(referral=referral)
    assert allocation.amount_fen == 200_000
    assert allocation.source.fund_id == money.fund.pk
    assert "¥2,000.00" in page.content()
    page.goto(url + "/admin/")
    assert page.locator("#work-referrals_to_fund").count() == 0


def test_the_auditor_finds_who_read_a_household_and_downloads_it(desk, world):  # noqa: F811
    page, url = desk
    case = world.accepted()

    # The caseworker opens the case: reading the household's personal data is logged.
    log_in(page, url, world.caseworker)
    page.goto(url + f"/admin/cases/{case.pk}/")
    page.wait_for_load_state()

    log_in(page, url, world.auditor)
    assert page.url.endswith("/admin/")
    assert not axe_serious(page), axe_serious(page)
    shoot(page, "worklist_flow_auditor")
    # Nothing waits for a role that only reads: the dashboard says where its day starts.
    page.get_by_role("navigation", name="从这里开始").get_by_role("link", name="查阅记录").click()
    page.wait_for_load_state()
    page.locator("input[name='case_number']").fill(case.number)
    page.get_by_role("button", name="筛选", exact=True).click()
    page.wait_for_load_state()
    rows = page.locator("table.listing tbody tr")
    assert rows.count() >= 1
    assert case.number in rows.first.inner_text()
    assert not axe_serious(page), axe_serious(page)
    shoot(page, "read_log_auditor")
    with page.expect_download() as download:
        page.get_by_role("link", name="下载 CSV").click()
    content = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert case.number in content
