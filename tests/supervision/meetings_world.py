"""The set-up the joint-meeting tests share: 朝阳区民政局 convenes; two of its district's
departments are member units; a department of another district is not."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from core import services as core_services
from core.factories import OrganisationFactory, UserFactory
from core.models import Membership, Organisation, Region, User
from supervision import services_meetings as sm
from supervision.models import JointMeeting, JointMeetingMechanism

Role = Membership.Role
Kind = Organisation.Kind


def member(role: str, organisation: Organisation, username: str) -> User:
    user = UserFactory(username=username)
    core_services.membership_grant(by=None, user=user, organisation=organisation, role=role)
    return user


@dataclass
class Meetings:
    world: object
    office_supervisor: User
    hrss: Organisation
    health: Organisation
    far_department: Organisation
    hrss_staff: User
    hrss_colleague: User
    health_staff: User
    far_staff: User
    mechanism: JointMeetingMechanism

    def convene(self, *, cases=(), when=None, **overrides) -> JointMeeting:
        kwargs = {
            "by": self.world.caseworker,
            "mechanism": self.mechanism,
            "title": "朝阳区救急难工作联席会议第3次会议",
            "held_at": when or timezone.now() + dt.timedelta(days=2),
            "place": "区民政局三楼会议室",
            "agenda": "会商重病致困个案的综合救助",
            "cases": list(cases),
        }
        kwargs.update(overrides)
        return sm.meeting_convene(**kwargs)


def make_meetings(world) -> Meetings:
    county = Region.objects.get(code="220104")
    hrss = OrganisationFactory(
        name="朝阳区人力资源和社会保障局", kind=Kind.DEPARTMENT, region=county
    )
    health = OrganisationFactory(name="朝阳区医疗保障局", kind=Kind.DEPARTMENT, region=county)
    far = OrganisationFactory(
        name="南关区教育局", kind=Kind.DEPARTMENT, region=Region.objects.get(code="220102")
    )
    office_supervisor = member(Role.SUPERVISOR, world.chaoyang, "chaoyang.sup")
    hrss_staff = member(Role.DEPARTMENT_STAFF, hrss, "renshe")
    health_staff = member(Role.DEPARTMENT_STAFF, health, "yibaoju")
    mechanism = sm.mechanism_create(
        by=office_supervisor, office=world.chaoyang, name="朝阳区救急难工作联席会议"
    )
    sm.member_add(by=office_supervisor, mechanism=mechanism, department=hrss, contact=hrss_staff)
    sm.member_add(
        by=office_supervisor, mechanism=mechanism, department=health, contact=health_staff
    )
    return Meetings(
        world=world,
        office_supervisor=office_supervisor,
        hrss=hrss,
        health=health,
        far_department=far,
        hrss_staff=hrss_staff,
        hrss_colleague=member(Role.DEPARTMENT_STAFF, hrss, "renshe2"),
        health_staff=health_staff,
        far_staff=member(Role.DEPARTMENT_STAFF, far, "nanguan.jiaoyu"),
        mechanism=mechanism,
    )


def held(meeting: JointMeeting) -> JointMeeting:
    """Move the meeting into the past (set-up only: the service refuses a past date)."""
    JointMeeting.objects.filter(pk=meeting.pk).update(
        held_at=timezone.now() - dt.timedelta(hours=1)
    )
    meeting.refresh_from_db()
    return meeting
