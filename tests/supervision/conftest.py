from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from core import services as core_services
from core.factories import OrganisationFactory, UserFactory
from core.models import Membership, Region
from needs.models import Case, CaseDeadline, ReliefGrant
from tests.needs.conftest import world  # noqa: F401  (the fixture is used by name)

Role = Membership.Role

# A fixed moment, far enough back that every figure is "in the past".
BASE = timezone.make_aware(dt.datetime(2026, 3, 2, 9, 0), timezone.get_default_timezone())


def hours(n: float) -> dt.timedelta:
    return dt.timedelta(hours=n)


def set_times(case: Case, *, reported=BASE, accepted=None, closed=None) -> None:
    """Move a case's timestamps (test set-up only: the services stamp "now")."""
    Case.objects.filter(pk=case.pk).update(
        reported_at=reported,
        accepted_at=reported + accepted if accepted is not None else None,
        closed_at=reported + closed if closed is not None else None,
    )


def set_relief_time(case: Case, after: dt.timedelta, reported=BASE) -> None:
    ReliefGrant.objects.filter(case=case).update(granted_at=reported + after)


def make_overdue(case: Case, *, step: str = CaseDeadline.Step.ACCEPT) -> None:
    past = timezone.now() - hours(5)
    CaseDeadline.objects.filter(case=case, step=step, met_at__isnull=True).update(due_at=past)
    Case.objects.filter(pk=case.pk).update(next_due_at=past)


@pytest.fixture
def donghu_supervisor(world):  # noqa: F811
    """A supervisor of Nanchang city (another province): nothing of Changchun is theirs."""
    nanchang = OrganisationFactory(name="南昌市民政局", region=Region.objects.get(code="360100"))
    user = UserFactory(username="nanchang.sup")
    core_services.membership_grant(by=None, user=user, organisation=nanchang, role=Role.SUPERVISOR)
    return user
