"""The demo shows the work (issue 17, item 9): on a fresh seed every role's 待办 holds real,
dated items, some overdue, and the supervision figures have history behind them."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from core.models import Notification, User
from needs.models import Case, CaseDeadline, Referral
from needs.worklist import worklist_for

pytestmark = pytest.mark.django_db


def kinds_waiting(username: str) -> dict[str, int]:
    return {w.kind: w.count for w in worklist_for(User.objects.get(username=username)) if w.count}


def test_a_fresh_demo_has_work_waiting_for_every_role():
    call_command("seed_demo", stdout=StringIO(), allow_production=True)
    caseworker = kinds_waiting("caseworker.chaoyang")
    for kind in ("cases_to_accept", "assessments_due", "relief_due", "hotline_callbacks"):
        assert caseworker.get(kind), (kind, caseworker)
    assert {"warnings_to_dispose", "supervision_tasks", "visits_due"} <= set(caseworker)
    # 幸福社区's assistant found a household needing help now; 南湖街道 has no office of its own.
    assert caseworker.get("visits_needing_help") == 1
    assert Notification.objects.filter(
        recipient__username="caseworker.chaoyang", key__startswith="visit-needs-help:"
    ).exists()
    assert kinds_waiting("caseworker.nanguan").get("handovers_to_accept") == 1
    supervisor = kinds_waiting("supervisor.changchun")
    assert supervisor.get("relief_approvals") and supervisor.get("overdue_below")
    charity = kinds_waiting("charity.jilin")
    assert charity.get("referrals_to_answer") and charity.get("payment_approvals") == 1
    assert kinds_waiting("fund.jian").get("referrals_to_fund")
    assert Referral.objects.filter(to_organisation__kind="department", status="requested").exists()
    # Spread over weeks: acceptance took time, some steps are overdue and escalated.
    accepted = Case.objects.filter(accepted_at__isnull=False)
    assert any((c.accepted_at - c.reported_at).total_seconds() > 3600 for c in accepted)
    assert Case.objects.order_by("reported_at").first().reported_at.date() < (
        Case.objects.order_by("-reported_at").first().reported_at.date()
    )
    assert CaseDeadline.objects.filter(escalated_at__isnull=False, met_at__isnull=True).exists()
    # The events of the demo told their people.
    assert Notification.objects.filter(key__startswith="referral-received:").exists()
    assert Notification.objects.filter(key__startswith="relief-approval-requested:").exists()
