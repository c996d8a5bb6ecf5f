"""Reconciliation tells harmless findings from harmful ones, and an auditor can acknowledge a
finding with a reason (issue 16, item 1): it stays listed, with who and why, and the check
passes again."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from core.models import AuditEvent
from donors import services
from donors.models import ReconcileAcknowledgement, StripeEvent
from donors.reconcile import acknowledge, reconcile, reconcile_report
from tests.donors.test_reconcile import busy, run_reconcile  # noqa: F401  (fixture by name)

REASON = "补发的付款事件，捐赠已于当日入账，经核对无误"


@pytest.fixture
def paid_after_failure(busy):  # noqa: F811
    """A payment Stripe reports for a donation closed as failed: money arrived, not booked."""
    pending = services.donation_create(
        donor=busy.donor, amount_fen=30_000, channel="stripe", fund=busy.fund
    )
    services.donation_fail(donation=pending, reason="card declined")
    event = StripeEvent.objects.create(
        event_id="evt_late",
        type="checkout.session.completed",
        donation=pending,
        outcome="paid after failure",
    )
    return busy, event


def test_a_payment_for_a_session_that_is_not_ours_is_for_attention_only(busy):  # noqa: F811
    StripeEvent.objects.create(
        event_id="evt_other_app", type="checkout.session.completed", outcome="unknown donation"
    )
    report = reconcile_report()
    assert report.is_clean
    assert [p.code for p in report.problems if p.attention_only] == ["stripe_payment_not_ours"]
    status, output = run_reconcile()
    assert status == 0 and "evt_other_app" in output


def test_a_second_paid_event_for_a_booked_donation_is_fine(busy):  # noqa: F811
    online = StripeEvent.objects.get(event_id="evt_paid").donation
    StripeEvent.objects.create(
        event_id="evt_paid_again",
        type="checkout.session.async_payment_succeeded",
        donation=online,
        outcome="already settled",
    )
    assert reconcile() == []


def test_an_auditor_acknowledges_a_finding_and_the_check_passes(paid_after_failure):
    money, event = paid_after_failure
    auditor = money.world.auditor
    [finding] = reconcile_report().failures
    assert finding.key == f"donors.stripeevent:{event.pk}"

    ack = acknowledge(by=auditor, code=finding.code, key=finding.key, reason=REASON)

    report = reconcile_report()
    assert report.is_clean
    [listed] = [p for p in report.problems if p.acknowledgement]
    assert listed.acknowledgement == ack and listed.code == "stripe_payment_not_booked"
    status, output = run_reconcile()
    assert status == 0
    assert "evt_late" in output and REASON in output and auditor.get_username() in output
    assert AuditEvent.objects.filter(action="reconcile.acknowledge").count() == 1


def test_acknowledging_twice_keeps_one_acknowledgement(paid_after_failure):
    money, _event = paid_after_failure
    [finding] = reconcile_report().failures
    first = acknowledge(by=money.world.auditor, code=finding.code, key=finding.key, reason=REASON)
    again = acknowledge(by=money.world.auditor, code=finding.code, key=finding.key, reason=REASON)
    assert first == again and ReconcileAcknowledgement.objects.count() == 1


@pytest.mark.parametrize("role", ["caseworker", "charity_staff", "supervisor"])
def test_only_an_auditor_or_the_platform_administrator_acknowledges(paid_after_failure, role):
    money, _event = paid_after_failure
    [finding] = reconcile_report().failures
    with pytest.raises(PermissionDenied):
        acknowledge(
            by=getattr(money.world, role), code=finding.code, key=finding.key, reason=REASON
        )
    assert not ReconcileAcknowledgement.objects.exists()
    assert not reconcile_report().is_clean


@pytest.mark.parametrize("reason", ["", "   ", "没问题"])
def test_a_reason_is_required(paid_after_failure, reason):
    money, _event = paid_after_failure
    [finding] = reconcile_report().failures
    with pytest.raises(ValidationError) as refused:
        acknowledge(by=money.world.auditor, code=finding.code, key=finding.key, reason=reason)
    assert "reason" in refused.value.message_dict
    assert not ReconcileAcknowledgement.objects.exists()


def test_a_finding_that_is_not_reported_cannot_be_acknowledged(busy):  # noqa: F811
    with pytest.raises(ValidationError):
        acknowledge(
            by=busy.world.auditor,
            code="stripe_payment_not_booked",
            key="donors.stripeevent:999999",
            reason=REASON,
        )
    assert not ReconcileAcknowledgement.objects.exists()


def test_an_acknowledged_finding_of_another_object_still_fails(paid_after_failure):
    """An acknowledgement covers its own finding only: a new break elsewhere still fails."""
    money, _event = paid_after_failure
    [finding] = reconcile_report().failures
    acknowledge(by=money.world.auditor, code=finding.code, key=finding.key, reason=REASON)
    other = services.donation_create(
        donor=money.donor, amount_fen=20_000, channel="stripe", fund=money.fund
    )
    StripeEvent.objects.create(
        event_id="evt_mismatch",
        type="checkout.session.completed",
        donation=other,
        outcome="amount mismatch",
    )
    assert [p.code for p in reconcile_report().failures] == ["stripe_payment_not_booked"]


def test_the_screen_lists_findings_and_acknowledges_in_chinese(paid_after_failure):
    money, event = paid_after_failure
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    client.force_login(money.world.auditor)

    page = client.get("/admin/money/reconcile/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "evt_late" in body and "确认无需更正" in body

    short = client.post(
        "/admin/money/reconcile/",
        {
            "code": "stripe_payment_not_booked",
            "key": f"donors.stripeevent:{event.pk}",
            "reason": "好",
        },
    )
    assert short.status_code == 400 and "至少 10 个字" in short.content.decode()
    assert not ReconcileAcknowledgement.objects.exists()

    done = client.post(
        "/admin/money/reconcile/",
        {
            "code": "stripe_payment_not_booked",
            "key": f"donors.stripeevent:{event.pk}",
            "reason": REASON,
        },
        follow=True,
    )
    assert done.status_code == 200 and REASON in done.content.decode()
    assert ReconcileAcknowledgement.objects.count() == 1


def test_the_screen_is_closed_to_caseworkers(paid_after_failure):
    money, event = paid_after_failure
    client = Client()
    client.force_login(money.world.caseworker)
    assert client.get("/admin/money/reconcile/").status_code == 403
    response = client.post(
        "/admin/money/reconcile/",
        {
            "code": "stripe_payment_not_booked",
            "key": f"donors.stripeevent:{event.pk}",
            "reason": REASON,
        },
    )
    assert response.status_code == 403
    assert not ReconcileAcknowledgement.objects.exists()
