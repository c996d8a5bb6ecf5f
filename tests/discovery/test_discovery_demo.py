"""The demo has active-discovery records in every state, seeded once."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from core.models import User
from discovery.models import GridHousehold, HotlineCall, ProxyApplication, Visit, VisitSchedule
from discovery.selectors_registers import (
    hotline_calls_overdue,
    households_to_visit,
    visit_schedules_overdue,
    visits_visible_to,
)

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, ...]:
    return tuple(
        model.objects.count()
        for model in (HotlineCall, Visit, VisitSchedule, ProxyApplication, GridHousehold)
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
    # The village assistant of 幸福社区 has a household of their grid on routine visits, and
    # its visits; and met another that needs help now, sent to the district office.
    assistant = User.objects.get(username="assistant.xingfu")
    household = households_to_visit(assistant).get(visit_schedule__isnull=False)
    call_for_help = Visit.objects.get(recorded_by=assistant, needs_help=True)
    assert call_for_help.help_office.name == "长春市朝阳区民政局"
    assert call_for_help.household.grid_assignment.grid.region.name == "幸福社区"
    assert household.grid_assignment.grid.region.name == "幸福社区"
    assert visits_visible_to(assistant).filter(household=household).exists()
    assert visit_schedules_overdue(assistant).filter(household=household).exists()

    call_command("seed_demo", stdout=StringIO(), allow_production=True)
    assert counts() == first
