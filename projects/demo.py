"""Demo progress updates (执行反馈) of a project, as its charity's staff would write them: the
project page on the public site shows them newest first. Idempotent."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from projects import services
from projects.models import Project

UPDATES = [
    (40, "项目启动：与长春市各区民政部门建立转介对接，明确受理范围和资助标准。"),
    (21, "首批资助到位：为三户因重病致困家庭支付住院费用，款项直接付至医院账户。"),
    (6, "第二批转介已受理两户，社工已上门了解情况；下月起每月公布资助明细。"),
]


STORY = (
    "一场大病，常常让一个普通家庭陷入困境。本项目为吉林省内因重大疾病、意外伤害致困的家庭，"
    "在医保报销和政府临时救助之后，补上仍然缺少的医疗费用。\n"
    "救助对象由当地民政部门核实后转介，款项直接支付给医院或受助家庭，每一笔都在平台账本中公开。"
)


def seed_progress_updates() -> int:
    """The story of 大病医疗救助项目 (when it has none) and three dated updates by its charity's
    staff, once."""
    project = (
        Project.objects.filter(title="大病医疗救助项目").select_related("organisation").first()
    )
    if project is None or project.updates.exists():
        return 0
    staff = project.organisation.memberships.filter(role="charity_staff", is_active=True).first()
    if staff is None:
        return 0
    if not project.description:
        services.project_update(by=staff.user, project=project, description=STORY)
    today = timezone.localdate()
    for days_ago, text in UPDATES:
        services.progress_update_create(
            by=staff.user, project=project, date=today - dt.timedelta(days=days_ago), text=text
        )
    return len(UPDATES)


SUPERMARKET_GOODS = [
    # name, unit, value of one unit (fen), received, donor
    ("大米", "袋", 5_000, 40, "长春某粮油公司"),
    ("食用油", "桶", 6_500, 20, "长春某粮油公司"),
    ("棉被", "床", 18_000, 10, "朝阳区爱心企业联合会"),
]


def seed_supermarket() -> int:
    """朝阳区民政局's charity supermarket (慈善超市) with goods received from donors, and one of
    its assessed cases given relief in goods (two bags of rice and a quilt's worth in one
    decision, handed over in part), so that the office's 待办 shows goods to hand over. Once."""
    from core.models import Membership, Region
    from needs import services as case_services
    from needs.models import Case
    from projects.models import Supermarket
    from projects.services_stock import (
        goods_item_add,
        stock_issue,
        stock_receive,
        supermarket_create,
    )

    if Supermarket.objects.exists():
        return 0
    staff = (
        Membership.objects.filter(
            role="caseworker", is_active=True, organisation__name="长春市朝阳区民政局"
        )
        .select_related("user", "organisation")
        .first()
    )
    if staff is None:
        return 0
    office, user = staff.organisation, staff.user
    supermarket = supermarket_create(
        by=user,
        organisation=office,
        name="朝阳区慈善超市",
        region=Region.objects.get(pk=office.region_id),
    )
    items = {}
    for name, unit, value_fen, received, donor in SUPERMARKET_GOODS:
        items[name] = goods_item_add(
            by=user, supermarket=supermarket, name=name, unit=unit, unit_value_fen=value_fen
        )
        stock_receive(by=user, item=items[name], quantity=received, donor_name=donor)
    case = (
        Case.objects.filter(responsible_office=office, status=Case.Status.ASSESSED)
        .order_by("pk")
        .first()
    )
    if case is None:
        return 1
    grant = case_services.relief_grant(
        by=user,
        case=case,
        kind="temporary",
        amount_fen=0,
        in_kind="大米",
        goods_quantity=4,
        goods_unit="袋",
        goods_value_fen=4 * 5_000,
        reason="家中断粮，先行发放大米",
    )
    stock_issue(by=user, item=items["大米"], quantity=2, relief_grant=grant, note="首批两袋已领取")
    return 1
