"""Demo data of joint meetings (small and idempotent): the Changchun civil-affairs bureau's
joint-meeting mechanism (联席会议制度, seed 001) with two member units, the city's education
bureau and medical-insurance bureau, each with its contact person; one meeting convened on
two of Chaoyang's open cases, with a decision and follow-up tasks for both units, one
invitation answered and one waiting on the education bureau's 待办."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from core import services as core_services
from core.demo import DemoLogin, demo_password
from core.models import Membership, Organisation, User
from needs.models import Case
from supervision import services_meetings as sm
from supervision.models import JointMeeting, JointMeetingMechanism

TITLE = "长春市救急难工作联席会议2026年第1次会商"


def _department_staff(username: str, display_name: str, department: Organisation) -> User:
    user, created = User.objects.get_or_create(
        username=username,
        defaults={"first_name": display_name[1:], "last_name": display_name[:1]},
    )
    if created:
        user.set_password(demo_password())
        user.save()
    if not Membership.objects.filter(
        user=user, organisation=department, role=Membership.Role.DEPARTMENT_STAFF
    ).exists():
        core_services.membership_grant(
            by=None, user=user, organisation=department, role=Membership.Role.DEPARTMENT_STAFF
        )
    return user


@transaction.atomic
def seed_meetings() -> list[DemoLogin]:
    office = Organisation.objects.get(name="长春市民政局")
    supervisor = User.objects.get(username="supervisor.changchun")
    health = Organisation.objects.get(name="长春市医疗保障局")
    education = Organisation.objects.get(name="长春市教育局")
    health_contact = User.objects.get(username="department.changchun")
    education_contact = _department_staff("department.jiaoyu", "钱芳", education)
    logins = [
        DemoLogin(
            "department.jiaoyu",
            demo_password(),
            "department staff, Changchun education bureau: joint-meeting member unit",
        )
    ]
    mechanism = JointMeetingMechanism.objects.filter(office=office).first()
    if mechanism is None:
        mechanism = sm.mechanism_create(
            by=supervisor, office=office, name="长春市救急难工作联席会议"
        )
    for department, contact in ((health, health_contact), (education, education_contact)):
        if not mechanism.members.filter(department=department).exists():
            sm.member_add(
                by=supervisor, mechanism=mechanism, department=department, contact=contact
            )
    if JointMeeting.objects.filter(mechanism=mechanism, title=TITLE).exists():
        return logins
    cases = list(
        Case.objects.filter(region_id="220104")
        .exclude(status=Case.Status.CLOSED)
        .exclude(number__isnull=True)
        .order_by("pk")[:2]
    )
    meeting = sm.meeting_convene(
        by=supervisor,
        mechanism=mechanism,
        title=TITLE,
        held_at=timezone.localtime().replace(hour=9, minute=30, second=0, microsecond=0)
        + dt.timedelta(days=3),
        place="长春市民政局三楼会议室",
        agenda="会商朝阳区两户重病、因学致困家庭的综合救助：医疗救助核定与教育资助衔接。",
        cases=cases,
    )
    sm.invitation_answer(
        by=health_contact,
        invitation=meeting.invitations.get(department=health),
        attending=True,
        note="由医疗救助科派员参会",
    )
    decision = sm.decision_record(
        by=supervisor,
        meeting=meeting,
        case=cases[0] if cases else None,
        text="先行给予临时救助；医保部门核定大病保险和医疗救助，教育部门落实子女教育资助。",
    )
    today = timezone.localdate()
    sm.task_assign(
        by=supervisor,
        decision=decision,
        unit=health,
        description="核定住院费用的大病保险报销和医疗救助金额，书面反馈民政局。",
        due_on=today + dt.timedelta(days=10),
    )
    sm.task_assign(
        by=supervisor,
        decision=decision,
        unit=education,
        description="为在读子女办理学生资助和免除学杂费。",
        due_on=today + dt.timedelta(days=7),
    )
    return logins
