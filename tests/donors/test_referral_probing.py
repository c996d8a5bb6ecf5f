"""Probing referrals through POST /allocations/ (issue 16, item 6): a referral the caller may
not commit money to is answered exactly as a number nobody uses, so a fund manager learns
nothing of its existence, status, county or category."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from donors import services
from donors.models import Allocation, Entry, Transaction
from needs import services as needs_services
from needs.models import Case, Referral

pytestmark = pytest.mark.django_db

NOBODY = 999_999


def rows() -> tuple[int, int, int]:
    return Allocation.objects.count(), Transaction.objects.count(), Entry.objects.count()


def answer(response) -> dict:
    """The body without the request's own id."""
    body = response.json()
    body.pop("request_id", None)
    return body


def post(user, referral, **change):
    client = APIClient()
    client.force_authenticate(user)
    payload = {"referral": referral, "amount_fen": 300_000, **change}
    return client.post("/api/v1/allocations/", payload, format="json")


def hidden_referrals(money) -> dict[str, Referral]:
    """Referrals no fund of the enterprise's manager may pay for, each telling something if
    the refusal named it: another category, a status before acceptance, a withdrawn one."""
    world = money.world
    fire = money.accepted_referral(category=Case.Category.FIRE)
    _case, requested = world.referred()
    cancelled = money.accepted_referral()
    needs_services.referral_cancel(by=world.caseworker, referral=cancelled, reason="家属撤回申请")
    return {"fire": fire, "requested": requested, "cancelled": cancelled}


def test_a_fund_manager_reads_the_same_answer_for_a_hidden_referral_and_a_missing_one(money):
    money.give(1_000_000)
    hidden = hidden_referrals(money)
    before = rows()
    missing = post(money.fund_manager, NOBODY, fund=money.fund.pk)
    assert missing.status_code == 400
    body = answer(missing)
    assert [(e["field"], e["code"]) for e in body["errors"]] == [("referral", "does_not_exist")]
    for name, referral in hidden.items():
        response = post(money.fund_manager, referral.pk, fund=money.fund.pk)
        assert response.status_code == missing.status_code, name
        assert answer(response) == body, name
        text = str(answer(response))
        for word in ("火灾", "fire", "requested", "cancelled", "朝阳", "Chaoyang", "220104"):
            assert word not in text, (name, word)
    # A number that is not a number at all gets the same words.
    garbage = post(money.fund_manager, "abc", fund=money.fund.pk)
    assert garbage.status_code == 400
    assert garbage.json()["errors"][0]["message"] == body["errors"][0]["message"]
    assert rows() == before


def test_the_same_answer_whatever_source_is_named(money):
    """A fund that is not theirs, or no source at all, does not tell the two apart either."""
    money.give(1_000_000)
    fire = money.accepted_referral(category=Case.Category.FIRE)
    for change in ({"project": money.world.project.pk}, {"fund": NOBODY}, {}):
        hidden = post(money.fund_manager, fire.pk, **change)
        missing = post(money.fund_manager, NOBODY, **change)
        assert hidden.status_code == missing.status_code
        assert answer(hidden) == answer(missing)


def test_referrals_the_caller_may_pay_for_still_get_their_reasons(money):
    """Visible referrals keep the clear refusals: the fund's region rule for a referral
    another of the manager's funds admits, the status for the charity it was sent to."""
    world = money.world
    money.give(1_000_000)
    money.give(500_000, project=world.project)
    accepted = money.accepted_referral()
    _case, requested = world.referred()
    closed = services.fund_create(
        by=money.fund_manager,
        owner=money.enterprise,
        holder=money.holder,
        name="已关闭基金",
        purpose="测试",
    )
    services.fund_close(by=money.fund_manager, fund=closed)
    response = post(money.fund_manager, accepted.pk, fund=closed.pk)
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "fund_closed"
    response = post(world.charity_staff, requested.pk, project=world.project.pk)
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "referral_not_accepted"
    ok = post(money.fund_manager, accepted.pk, fund=money.fund.pk)
    assert ok.status_code == 201, ok.json()
