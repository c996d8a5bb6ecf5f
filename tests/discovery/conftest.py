"""Two worlds for the discovery registers: the needs' small world (``world``: two district
offices of Changchun, the city office, an office in another province, a charity, an auditor)
and ``grids``: a county (长春市朝阳区) with a street, two villages and grids, its offices and
people, and a neighbouring county's caseworker who must see none of it."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from core import services as core_services
from core.factories import OrganisationFactory, UserFactory
from core.models import Membership, Organisation, Region, User
from core.regions import region_create_below_county
from discovery.models import Grid
from discovery.services.grids import grid_create
from needs.factories import household_input
from needs.models import Household
from needs.services.households import household_create
from tests.needs.conftest import World, world  # noqa: F401  (the fixture is used by name)

Role = Membership.Role


def member(role: str, organisation: Organisation, username: str) -> User:
    user = UserFactory(username=username)
    core_services.membership_grant(by=None, user=user, organisation=organisation, role=role)
    return user


@dataclass
class Grids:
    county: Region
    township: Region
    village: Region
    other_village: Region
    county_office: Organisation
    township_office: Organisation
    village_committee: Organisation
    caseworker: User
    township_caseworker: User
    supervisor: User
    assistant: User
    other_assistant: User
    leader: User
    nanguan_caseworker: User
    auditor: User
    grid: Grid
    second_grid: Grid
    other_grid: Grid

    def household(self, region_code: str = "220104", **kwargs) -> Household:
        return household_create(household_input(region_code, **kwargs), by=self.caseworker)


@pytest.fixture
def grids(db) -> Grids:
    county = Region.objects.get(code="220104")
    county_office = OrganisationFactory(name="朝阳区民政局", region=county)
    caseworker = member(Role.CASEWORKER, county_office, "cw")
    supervisor = member(Role.SUPERVISOR, county_office, "sup")
    township = region_create_below_county(
        by=caseworker, parent=county, code="220104001000", name="南湖街道"
    )
    village = region_create_below_county(
        by=caseworker, parent=township, code="220104001001", name="幸福社区"
    )
    other_village = region_create_below_county(
        by=caseworker, parent=township, code="220104001002", name="红旗村"
    )
    township_office = OrganisationFactory(name="南湖街道办事处", region=township)
    township_caseworker = member(Role.CASEWORKER, township_office, "tcw")
    village_committee = OrganisationFactory(name="幸福社区居委会", region=village)
    assistant = member(Role.VILLAGE_ASSISTANT, village_committee, "assistant")
    other_committee = OrganisationFactory(name="红旗村村委会", region=other_village)
    other_assistant = member(Role.VILLAGE_ASSISTANT, other_committee, "other_assistant")
    leader = UserFactory(username="leader")
    nanguan = OrganisationFactory(name="南关区民政局", region=Region.objects.get(code="220102"))
    nanguan_caseworker = member(Role.CASEWORKER, nanguan, "ncw")
    everyone = OrganisationFactory(name="审计组", region=Region.objects.get(code="220000"))
    auditor = member(Role.AUDITOR, everyone, "auditor")
    grid = grid_create(by=caseworker, region=village, name="第一网格", leader=leader)
    second_grid = grid_create(by=caseworker, region=village, name="第二网格")
    other_grid = grid_create(by=caseworker, region=other_village, name="第一网格")
    return Grids(
        county=county,
        township=township,
        village=village,
        other_village=other_village,
        county_office=county_office,
        township_office=township_office,
        village_committee=village_committee,
        caseworker=caseworker,
        township_caseworker=township_caseworker,
        supervisor=supervisor,
        assistant=assistant,
        other_assistant=other_assistant,
        leader=leader,
        nanguan_caseworker=nanguan_caseworker,
        auditor=auditor,
        grid=grid,
        second_grid=second_grid,
        other_grid=other_grid,
    )
