"""A project's public page tells the help its families got from special funds: the project's
own money figures come from its own account (they add up with what it raised and holds), and
the money a fund committed and paid for the project's referrals is shown apart, in yuan,
counted once, net of what was released."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.test import Client

from donors import services as money_services
from donors.transparency import project_public_figures

pytestmark = pytest.mark.django_db


@pytest.fixture
def client():
    cache.clear()
    return Client()


def _row(html: str, label: str) -> str:
    """The amount in the row of ``label``."""
    found = re.search(re.escape(label) + r'</th><td class="num">([^<]*)</td>', html)
    assert found, label
    return found.group(1)


def _fund_pays(money, referral, amount_fen: int, *, paid_fen: int = 0):
    allocation = money_services.allocation_create(
        by=money.fund_manager, referral=referral, fund=money.fund, amount_fen=amount_fen
    )
    if paid_fen:
        staff = money.world.charity_staff
        payment = money_services.disbursement_request(
            by=staff, allocation=allocation, amount_fen=paid_fen, method="hospital"
        )
        money_services.disbursement_approve(by=staff, disbursement=payment)
        money_services.disbursement_mark_paid(
            by=staff, disbursement=payment, proof_reference=f"P-{allocation.pk}"
        )
    return allocation


def test_help_from_a_special_fund_is_on_the_project_page_in_yuan(client, money):
    project = money.world.project
    referral = money.accepted_referral()
    money.give(300_000)  # to the fund
    _fund_pays(money, referral, 100_000, paid_fen=40_000)
    cache.clear()

    html = client.get(f"/projects/{project.pk}/").content.decode()

    assert _row(html, "其中资助来自专项基金（已承诺）") == "¥1,000.00"
    assert _row(html, "其中资助来自专项基金（已支付）") == "¥400.00"
    # The project's own money is untouched by the fund's: nothing raised, nothing committed.
    assert _row(html, "已筹款") == "¥0.00"
    assert _row(html, "本项目资金已承诺资助") == "¥0.00"
    assert "计入相应基金的收支明细" in html


def test_the_project_and_the_fund_are_counted_apart_and_released_money_is_not(client, money):
    project = money.world.project
    first = money.accepted_referral()
    second = money.accepted_referral()
    money.give(500_000)
    money.give(200_000, project=project)
    # The project's own money for one family, a fund for the other, part of it released.
    money_services.allocation_create(
        by=money.world.charity_staff, referral=first, project=project, amount_fen=150_000
    )
    fund_allocation = _fund_pays(money, second, 120_000, paid_fen=20_000)
    money_services.allocation_release(
        allocation=fund_allocation, reason="家庭已获医保报销", by=money.fund_manager
    )

    figures = project_public_figures(project)

    assert figures["raised_fen"] == 200_000
    assert figures["committed_fen"] == 150_000
    assert figures["available_fen"] == 50_000
    assert figures["fund_committed_fen"] == 20_000  # 1,200 committed, 1,000 returned
    assert figures["fund_paid_fen"] == 20_000
    cache.clear()
    html = client.get(f"/projects/{project.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert _row(html, "Committed to families from the project's money") == "¥1,500.00"
    assert _row(html, "Of which help committed from special funds") == "¥200.00"


def test_a_fund_paying_another_projects_family_is_not_on_this_page(client, money):
    other = money.world.other_project
    referral = money.accepted_referral()
    money.give(300_000)
    _fund_pays(money, referral, 100_000)

    assert project_public_figures(other)["fund_committed_fen"] == 0
    cache.clear()
    html = client.get(f"/projects/{other.pk}/").content.decode()
    assert "专项基金" not in html
    assert _row(html, "已承诺资助") == "¥0.00"


def test_a_project_without_fund_help_keeps_its_plain_rows(client, money):
    project = money.world.project
    money.give(120_000, project=project)
    cache.clear()

    html = client.get(f"/projects/{project.pk}/").content.decode()

    assert "专项基金" not in html and "本项目资金" not in html
    assert _row(html, "已筹款") == "¥1,200.00"
