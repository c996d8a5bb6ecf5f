"""Gifts to a public need are held by the charity that received them (慈善法: the receiving
charity manages and uses the gift): one ledger account per need and receiving charity, whose
staff alone commit it to the case's accepted referral. A government office never commits
charitable gifts, and two charities' gifts never mix."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from donors import selectors, services
from donors.models import Account, Allocation
from donors.reconcile import reconcile
from needs import services as needs_services


@pytest.fixture
def two_receivers(money):
    """A published need whose gifts came through two charities, then its case referred to
    the world's project and accepted."""
    need = money.published_need()
    money.give(50_000, need=need)  # through 吉林省慈善总会's project
    money.give(30_000, need=need, receiving_project=money.world.other_project)  # 春晖互助社
    referral = needs_services.referral_create(
        by=money.world.caseworker, case=need.case, project=money.world.project
    )
    needs_services.referral_accept(by=money.world.charity_staff, referral=referral)
    return need, referral


def test_each_receiving_charity_holds_its_own_gifts(money, two_receivers):
    need, _referral = two_receivers
    held = {a.receiver_id: a.balance_fen for a in Account.objects.filter(need=need)}
    assert held == {money.world.charity.pk: 50_000, money.world.other_charity.pk: 30_000}
    assert selectors.available_fen(need) == 80_000  # the public sees the need's total


def test_only_the_receiving_charity_commits_its_gifts(money, two_receivers):
    need, referral = two_receivers
    world = money.world
    with pytest.raises(PermissionDenied):  # the civil-affairs office received none of it
        services.allocation_create(
            by=world.caseworker, referral=referral, amount_fen=10_000, need=need
        )
    with pytest.raises(ValidationError) as refused:  # more than this charity holds
        services.allocation_create(
            by=world.charity_staff, referral=referral, amount_fen=60_000, need=need
        )
    assert "insufficient_balance" in {e.code for e in refused.value.error_dict["amount_fen"]}
    assert not Allocation.objects.exists()

    mine = services.allocation_create(
        by=world.charity_staff, referral=referral, amount_fen=50_000, need=need
    )
    theirs = services.allocation_create(
        by=world.other_charity_staff, referral=referral, amount_fen=30_000, need=need
    )
    assert mine.source.receiver_id == world.charity.pk
    assert theirs.source.receiver_id == world.other_charity.pk
    assert selectors.available_fen(need) == 0

    # A release returns to the charity it came from, and only that charity releases it.
    with pytest.raises(PermissionDenied):
        services.allocation_release(
            allocation=theirs, reason="改由项目资金支付", by=world.charity_staff
        )
    services.allocation_release(
        allocation=theirs, reason="改由项目资金支付", by=world.other_charity_staff
    )
    assert Account.objects.get(need=need, receiver=world.other_charity).balance_fen == 30_000
    assert Account.objects.get(need=need, receiver=world.charity).balance_fen == 0
    assert not [p for p in reconcile() if p.is_failure]


def test_a_charity_without_gifts_for_the_need_cannot_commit_them(money, two_receivers):
    need, referral = two_receivers
    with pytest.raises(PermissionDenied):  # an enterprise's fund manager received none
        services.allocation_create(
            by=money.fund_manager, referral=referral, amount_fen=1_000, need=need
        )
    assert not Allocation.objects.exists()


def test_the_allocation_screen_offers_the_charity_its_own_gifts_for_the_need(
    client, money, two_receivers
):
    need, referral = two_receivers
    client.force_login(money.world.other_charity_staff)
    page = client.get(f"/admin/money/referrals/{referral.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert f'value="need:{need.pk}"' in html
    assert "¥300.00" in html  # what 春晖互助社 holds, not the need's ¥800 total
    client.force_login(money.world.caseworker)
    page = client.get(f"/admin/money/referrals/{referral.pk}/")
    assert f'value="need:{need.pk}"' not in page.content.decode()
