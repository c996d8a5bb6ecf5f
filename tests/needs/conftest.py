from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest

from core import services as core_services
from core.factories import OrganisationFactory, UserFactory
from core.models import Membership, Organisation, Region, User
from donors.factories import fund_relief_budgets
from needs import services
from needs.factories import household_input
from needs.models import Case
from projects.models import Project

Role = Membership.Role
Kind = Organisation.Kind


def _member(role: str, organisation: Organisation, username: str) -> User:
    user = UserFactory(username=username)
    core_services.membership_grant(by=None, user=user, organisation=organisation, role=role)
    return user


@dataclass
class World:
    chaoyang: Organisation
    nanguan: Organisation
    city: Organisation
    donghu: Organisation
    charity: Organisation
    other_charity: Organisation
    department: Organisation
    project: Project
    other_project: Project
    caseworker: User
    colleague: User
    nanguan_caseworker: User
    supervisor: User
    donghu_caseworker: User
    charity_staff: User
    other_charity_staff: User
    department_staff: User
    auditor: User

    def report(self, **overrides) -> Case:
        kwargs = {
            "by": self.caseworker,
            "office": self.chaoyang,
            "channel": Case.Channel.WALK_IN,
            "category": Case.Category.ILLNESS,
            "narrative": "张建国的妻子李秀兰突发脑出血住院，家中积蓄已花光。联系电话13912345678。",
            "household": household_input(),
        }
        kwargs.update(overrides)
        return services.case_report(**kwargs).case

    def accepted(self, **overrides) -> Case:
        case = self.report(**overrides)
        return services.case_accept(by=self.caseworker, case=case)

    def relieved(self, *, need=3_000_000, gap=3_000_000, relief=400_000, **overrides) -> Case:
        case = self.accepted(**overrides)
        services.case_assess(
            by=self.caseworker, case=case, assessed_need_fen=need, assessed_gap_fen=gap
        )
        services.relief_grant(by=self.caseworker, case=case, kind="temporary", amount_fen=relief)
        case.refresh_from_db()
        return case

    def referred(self, **overrides):
        case = self.relieved(**overrides)
        referral = services.referral_create(by=self.caseworker, case=case, project=self.project)
        return case, referral


def _project(charity: Organisation, title: str) -> Project:
    project = Project.objects.create(
        organisation=charity,
        title=title,
        status=Project.Status.OPEN,
        categories=["illness"],
        # A filed fundraising plan: the project may take gifts from the public.
        filing_number=f"备案-{title}",
        filing_starts_on=datetime.date(2024, 1, 1),
        filing_ends_on=datetime.date(2099, 12, 31),
    )
    project.regions.add(Region.objects.get(code="220000"))
    return project


@pytest.fixture
def world(db) -> World:
    region = Region.objects.get
    chaoyang = OrganisationFactory(name="朝阳区民政局", region=region(code="220104"))
    nanguan = OrganisationFactory(name="南关区民政局", region=region(code="220102"))
    city = OrganisationFactory(name="长春市民政局", region=region(code="220100"))
    donghu = OrganisationFactory(name="东湖区民政局", region=region(code="360102"))
    charity = OrganisationFactory(
        name="吉林省慈善总会", kind=Kind.CHARITY, region=region(code="220000"), is_verified=True
    )
    other_charity = OrganisationFactory(
        name="春晖互助社", kind=Kind.CHARITY, region=region(code="220104")
    )
    department = OrganisationFactory(
        name="长春市医疗保障局", kind=Kind.DEPARTMENT, region=region(code="220100")
    )
    world = World(
        chaoyang=chaoyang,
        nanguan=nanguan,
        city=city,
        donghu=donghu,
        charity=charity,
        other_charity=other_charity,
        department=department,
        project=_project(charity, "大病救助项目"),
        other_project=_project(other_charity, "邻里互助金"),
        caseworker=_member(Role.CASEWORKER, chaoyang, "wangfang"),
        colleague=_member(Role.CASEWORKER, chaoyang, "zhaolei"),
        nanguan_caseworker=_member(Role.CASEWORKER, nanguan, "liqiang"),
        supervisor=_member(Role.SUPERVISOR, city, "zhangwei"),
        donghu_caseworker=_member(Role.CASEWORKER, donghu, "liuyang"),
        charity_staff=_member(Role.CHARITY_STAFF, charity, "zhaomin"),
        other_charity_staff=_member(Role.CHARITY_STAFF, other_charity, "zhoujie"),
        department_staff=_member(Role.CASEWORKER, department, "yibao"),
        auditor=_member(
            Role.AUDITOR,
            OrganisationFactory(name="吉林省民政厅", region=region(code="220000")),
            "auditor",
        ),
    )
    # Cash relief is paid from the office's budget: every office of the world has one, well
    # funded (tests of the refusal without a budget or with too little use their own).
    for office in (chaoyang, nanguan, city, donghu):
        fund_relief_budgets(office, by=world.supervisor)
    return world
