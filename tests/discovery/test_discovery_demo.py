"""The demo has active-discovery records in every state, seeded once."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from core.models import User
from discovery.models import HotlineCall, ProxyApplication, Visit, VisitSchedule
from discovery.selectors_registers import hotline_calls_overdue, visit_schedules_overdue

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, ...]:
    return tuple(
        model.objects.count() for model in (HotlineCall, Visit, VisitSchedule, ProxyApplication)
    )


def test_demo_discovery_records_are_seeded_once():
    call_command("seed_demo", stdout=StringIO(), allow_production=True)
    first = counts()
    assert all(first), first
    assert set(HotlineCall.objects.values_list("status", flat=True)) == set(
        HotlineCall.Status.values
    )
    caseworker = User.objects.get(username="caseworker.chaoyang")
    assert hotline_calls_overdue(caseworker).exists()
    assert visit_schedules_overdue(caseworker).exists()

    call_command("seed_demo", stdout=StringIO(), allow_production=True)
    assert counts() == first
