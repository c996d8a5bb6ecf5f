"""Who may open the active-discovery, cross-check, supervision and proposal screens: the
permission matrix of DESIGN.md section 2 for every back-office screen issue 7 added (and the
proposal), each role against each screen, plus signed-out visitors."""

from __future__ import annotations

import pytest
from django.test import Client

from core.factories import OrganisationFactory
from core.models import Membership, Organisation, Region
from tests.needs.conftest import _member

pytestmark = pytest.mark.django_db

Role = Membership.Role

# screen -> the roles that may open it (everyone else: 403; signed out: the login page).
READERS = {"caseworker", "supervisor", "auditor"}
WRITERS = {"caseworker", "supervisor"}
SCREENS = {
    "/admin/hotline/": READERS,
    "/admin/hotline/new/": WRITERS,
    "/admin/hotline/overdue/": READERS,
    "/admin/visits/": READERS,
    "/admin/visits/new/": WRITERS,
    "/admin/visits/due/": READERS,
    "/admin/cases/proxy/": WRITERS,
    "/admin/crosscheck/": READERS,
    "/admin/crosscheck/new/": WRITERS,
    "/admin/crosscheck/warnings/": READERS,
    "/admin/crosscheck/supervision-tasks/": READERS,
    "/admin/supervision/": READERS,
    "/admin/cases/proposal/": WRITERS,
    "/admin/public-reports/": READERS,
}


@pytest.fixture
def people(world) -> dict:
    enterprise = OrganisationFactory(
        name="吉安实业有限公司",
        kind=Organisation.Kind.ENTERPRISE,
        region=Region.objects.get(code="220000"),
    )
    return {
        "caseworker": world.caseworker,
        "supervisor": world.supervisor,
        "auditor": world.auditor,
        "charity": world.charity_staff,
        "fund_manager": _member(Role.FUND_MANAGER, enterprise, "jian.fund"),
    }


@pytest.mark.parametrize("url", sorted(SCREENS))
def test_each_role_opens_only_the_screens_it_may(people, url):
    answers = {}
    for name, user in people.items():
        client = Client()
        client.force_login(user)
        answers[name] = client.get(url).status_code
    expected = {name: 200 if name in SCREENS[url] else 403 for name in people}
    assert answers == expected
    signed_out = Client().get(url)
    assert signed_out.status_code == 302 and "/admin/login/" in signed_out["Location"]
