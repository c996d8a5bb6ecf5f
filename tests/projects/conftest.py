from __future__ import annotations

from dataclasses import dataclass

import pytest

from core import services as core_services
from core.factories import OrganisationFactory, UserFactory
from core.models import Membership, Organisation, Region, User
from projects.factories import CharityFactory, ProjectFactory
from projects.models import Project

Role = Membership.Role


def member(role: str, organisation: Organisation, username: str) -> User:
    user = UserFactory(username=username)
    core_services.membership_grant(by=None, user=user, organisation=organisation, role=role)
    return user


@dataclass
class World:
    charity: Organisation
    other_charity: Organisation
    charity_staff: User
    other_charity_staff: User
    caseworker: User
    auditor: User
    admin: User
    fund_manager: User
    # One project of each charity in each interesting state.
    draft: Project
    open_project: Project
    other_draft: Project
    other_open: Project


@pytest.fixture
def world(db) -> World:
    region = Region.objects.get
    charity = CharityFactory(name="吉林省慈善总会", region=region(code="220000"), is_verified=True)
    other_charity = CharityFactory(name="春晖互助社", region=region(code="220104"))
    office = OrganisationFactory(name="朝阳区民政局", region=region(code="220104"))
    province = OrganisationFactory(name="吉林省民政厅", region=region(code="220000"))
    enterprise = OrganisationFactory(
        name="长春某企业", kind=Organisation.Kind.ENTERPRISE, region=region(code="220104")
    )
    return World(
        charity=charity,
        other_charity=other_charity,
        charity_staff=member(Role.CHARITY_STAFF, charity, "zhaomin"),
        other_charity_staff=member(Role.CHARITY_STAFF, other_charity, "zhoujie"),
        caseworker=member(Role.CASEWORKER, office, "wangfang"),
        auditor=member(Role.AUDITOR, province, "auditor"),
        admin=member(Role.PLATFORM_ADMIN, province, "admin"),
        fund_manager=member(Role.FUND_MANAGER, enterprise, "fund"),
        draft=ProjectFactory(organisation=charity, title="受灾家庭安居援助（筹备中）"),
        open_project=ProjectFactory(
            organisation=charity, title="大病医疗救助项目", status=Project.Status.OPEN
        ),
        other_draft=ProjectFactory(organisation=other_charity, title="邻里互助金（筹备中）"),
        other_open=ProjectFactory(
            organisation=other_charity,
            title="邻里急难互助金",
            status=Project.Status.OPEN,
            regions=["220104"],
        ),
    )
