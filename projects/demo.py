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
