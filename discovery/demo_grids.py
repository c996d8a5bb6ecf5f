"""Demo data of the network below the county (small and idempotent): a street and two
villages of 长春市朝阳区 with their grids, a village assistant and a grid leader who can sign
in, and one zero report of this month, so that the missing ones show on the 待办 of the
district's caseworker and on the supervision dashboard; and a visit by the assistant that
found a household needing help now, waiting on the district caseworker's 待办. One of the
district's households on routine visits (必到必访) lives in 幸福社区's first grid, so that its
assistant sees its visits, finds it on the 待办 and records the next one.

The twelve-digit codes are made up in the right shape (no data package ships them); a real
office enters its own in 网格工作 › 乡镇与村（社区）."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from core import services as core_services
from core.demo import DemoLogin, demo_password
from core.models import Organisation, Region, User
from core.regions import region_create_below_county
from discovery.models import Grid, GridHousehold, Visit, VisitSchedule, ZeroReport
from discovery.services.grids import grid_create, grid_household_assign
from discovery.services.registers import visit_record
from discovery.services.zero_reports import zero_report_submit
from needs.services.households import HouseholdInput, MemberInput

# (code, name, parent code)
REGIONS = [
    ("220104001000", "南湖街道", "220104"),
    ("220104001001", "幸福社区", "220104001000"),
    ("220104001002", "红旗村", "220104001000"),
]
# (village code, grid name)
GRIDS = [
    ("220104001001", "第一网格"),
    ("220104001001", "第二网格"),
    ("220104001002", "第一网格"),
]


def _user(username: str, display_name: str, password: str) -> User:
    user, created = User.objects.get_or_create(
        username=username,
        defaults={"first_name": display_name[1:], "last_name": display_name[:1]},
    )
    if created:
        user.set_password(password)
        user.save()
    return user


def _visit_needing_help(assistant: User, committee: Organisation, grid: Grid) -> None:
    """The assistant met a household in need yesterday: the call for help waits on the 待办
    of the district's caseworkers (南湖街道 has no office of its own in the demo)."""
    visit_record(
        by=assistant,
        office=committee,
        visited_on=timezone.localdate() - dt.timedelta(days=1),
        observations="户主突发脑梗住院，家中仅有上小学的孩子，已无生活费，需要立即救助。",
        visitor_kind="assistant",
        visitor_name="赵丽",
        household_input=HouseholdInput(
            region=committee.region.parent.parent,
            township="南湖街道",
            address_detail="幸福小区8栋1单元302室",
            phone="13904310852",
            members=[
                MemberInput(name="钱国强", relation="head", age=46, has_serious_illness=True),
                MemberInput(name="钱小雨", relation="child", age=9),
            ],
        ),
        needs_help=True,
        grid=grid,
    )


@transaction.atomic
def seed_grids() -> list[DemoLogin]:
    password = demo_password()
    caseworker = User.objects.get(username="caseworker.chaoyang")
    for code, name, parent_code in REGIONS:
        if not Region.objects.filter(code=code).exists():
            region_create_below_county(
                by=caseworker, parent=Region.objects.get(code=parent_code), code=code, name=name
            )
    village = Region.objects.get(code="220104001001")
    committee, _ = Organisation.objects.get_or_create(
        name="南湖街道幸福社区居委会",
        defaults={"kind": Organisation.Kind.GOVERNMENT_OFFICE, "region": village},
    )
    assistant = _user("assistant.xingfu", "赵丽", password)
    core_services.membership_grant(
        by=None, user=assistant, organisation=committee, role="village_assistant"
    )
    leader = _user("gridleader.xingfu", "孙强", password)
    for village_code, name in GRIDS:
        if not Grid.objects.filter(region_id=village_code, name=name).exists():
            grid_create(
                by=caseworker,
                region=Region.objects.get(code=village_code),
                name=name,
                leader=leader if (village_code, name) == GRIDS[0] else None,
            )
    first = Grid.objects.get(region=village, name=GRIDS[0][1])
    if not GridHousehold.objects.filter(grid__region=village).exists():
        schedule = (
            VisitSchedule.objects.filter(
                office__name="长春市朝阳区民政局", household__grid_assignment__isnull=True
            )
            .order_by("pk")
            .first()
        )
        if schedule is not None:
            grid_household_assign(by=caseworker, household=schedule.household, grid=first)
    today = timezone.localdate()
    if not ZeroReport.objects.filter(grid=first, period=today.replace(day=1)).exists():
        zero_report_submit(by=leader, grid=first, period=today, outcome="nothing_new")
    if not Visit.objects.filter(office=committee, needs_help=True).exists():
        _visit_needing_help(assistant, committee, Grid.objects.get(region=village, name="第二网格"))
    return [
        DemoLogin("assistant.xingfu", password, "village assistant (协理员), 幸福社区"),
        DemoLogin("gridleader.xingfu", password, "grid leader, 幸福社区第一网格"),
    ]
