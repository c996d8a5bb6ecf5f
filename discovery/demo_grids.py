"""Demo data of the network below the county (small and idempotent): a street and two
villages of 长春市朝阳区 with their grids, a village assistant and a grid leader who can sign
in, and one zero report of this month, so that the missing ones show on the 待办 of the
district's caseworker and on the supervision dashboard. One of the district's households on
routine visits (必到必访) lives in 幸福社区's first grid, so that its assistant sees its visits,
finds it on the 待办 and records the next one.

The twelve-digit codes are made up in the right shape (no data package ships them); a real
office enters its own in 网格工作 › 乡镇与村（社区）."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from core import services as core_services
from core.demo import DemoLogin, demo_password
from core.models import Organisation, Region, User
from core.regions import region_create_below_county
from discovery.models import Grid, GridHousehold, VisitSchedule, ZeroReport
from discovery.services.grids import grid_create, grid_household_assign
from discovery.services.zero_reports import zero_report_submit

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
    return [
        DemoLogin("assistant.xingfu", password, "village assistant (协理员), 幸福社区"),
        DemoLogin("gridleader.xingfu", password, "grid leader, 幸福社区第一网格"),
    ]
