"""Joint meetings (联席会议 / 会商, issue 19 item 8; seeds 000 and 001): member units, a meeting
convened on cases, invitations in the members' 待办 with notifications, attendance, decisions
with follow-up tasks tracked to done, and closing only when every task is done."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from core.models import AuditEvent, Notification
from needs.factories import household_input, id_number
from needs.worklist import worklist_for
from supervision import selectors_meetings as sel
from supervision import services_meetings as sm
from supervision.models import (
    JointMeeting,
    JointMeetingDecision,
    JointMeetingInvitation,
    JointMeetingMember,
    JointMeetingTask,
)
from tests.supervision.meetings_world import held, make_meetings

pytestmark = pytest.mark.django_db


@pytest.fixture
def meetings(world):
    return make_meetings(world)


TOMORROW = dt.timedelta(days=1)


def codes(error: ValidationError) -> dict[str, list[str]]:
    return {field: [e.code for e in errors] for field, errors in error.error_dict.items()}


def _kinds(user) -> dict:
    return {w.kind: w for w in worklist_for(user)}


# ---- the mechanism ----


def test_member_units_are_departments_of_the_jurisdiction_with_a_contact(meetings):
    members = {m.department: m.contact for m in meetings.mechanism.members.all()}
    assert members == {meetings.hrss: meetings.hrss_staff, meetings.health: meetings.health_staff}
    assert AuditEvent.objects.filter(action="joint_meeting.member_add").count() == 2


def test_a_department_of_another_district_cannot_be_a_member(meetings):
    with pytest.raises(ValidationError) as error:
        sm.member_add(
            by=meetings.office_supervisor,
            mechanism=meetings.mechanism,
            department=meetings.far_department,
            contact=meetings.far_staff,
        )
    assert codes(error.value) == {"department": ["out_of_jurisdiction"]}
    assert meetings.mechanism.members.count() == 2


def test_a_contact_who_left_the_department_is_not_invited_its_staff_are(meetings):
    """The contact person's membership of the unit ended: the invitation goes to the unit's
    current staff, not to the former contact."""
    from core.models import Membership
    from supervision import notify_meetings

    Membership.objects.filter(
        user=meetings.hrss_staff, organisation=meetings.hrss, is_active=True
    ).update(is_active=False)
    meeting = meetings.convene(cases=[meetings.world.accepted()])
    assert notify_meetings.unit_staff(meeting, meetings.hrss.pk) == [meetings.hrss_colleague]
    assert not Notification.objects.filter(recipient=meetings.hrss_staff).exists()
    assert Notification.objects.filter(recipient=meetings.hrss_colleague).count() == 1
    # A current contact still comes first.
    assert notify_meetings.unit_staff(meeting, meetings.health.pk)[0] == meetings.health_staff


def test_a_member_is_added_once_and_its_contact_is_its_own_staff(meetings):
    with pytest.raises(ValidationError) as error:
        sm.member_add(
            by=meetings.office_supervisor,
            mechanism=meetings.mechanism,
            department=meetings.hrss,
            contact=meetings.health_staff,
        )
    assert codes(error.value) == {"department": ["already_member"], "contact": ["not_unit_staff"]}


def test_only_the_offices_supervisors_manage_members(meetings):
    with pytest.raises(PermissionDenied):
        sm.member_add(
            by=meetings.world.caseworker,  # a caseworker, not a supervisor
            mechanism=meetings.mechanism,
            department=meetings.far_department,
            contact=meetings.far_staff,
        )
    with pytest.raises(PermissionDenied):
        sm.mechanism_create(by=meetings.world.caseworker, office=meetings.world.nanguan, name="x")
    assert JointMeetingMember.objects.count() == 2


def test_one_mechanism_per_office(meetings):
    with pytest.raises(ValidationError) as error:
        sm.mechanism_create(
            by=meetings.office_supervisor, office=meetings.world.chaoyang, name="again"
        )
    assert codes(error.value) == {"office": ["already_exists"]}


# ---- convening ----


def test_convening_invites_every_member_unit_and_tells_them_once(meetings, in_english):
    case = meetings.world.accepted()
    meeting = meetings.convene(cases=[case])
    assert list(meeting.cases.all()) == [case]
    assert {i.department for i in meeting.invitations.all()} == {meetings.hrss, meetings.health}
    hrss_notes = Notification.objects.filter(recipient=meetings.hrss_staff)
    assert hrss_notes.count() == 1
    assert "朝阳区救急难工作联席会议第3次会议" in hrss_notes.get().message
    # The department's other staff are told too; nobody twice even if told again.
    assert Notification.objects.filter(recipient=meetings.hrss_colleague).count() == 1
    from supervision import notify_meetings

    assert notify_meetings.invited(meeting.invitations.get(department=meetings.hrss)) == 0
    assert Notification.objects.filter(recipient=meetings.hrss_staff).count() == 1
    assert AuditEvent.objects.filter(action="joint_meeting.convene").count() == 1


def test_the_invitation_is_on_the_departments_worklist_until_answered(meetings):
    meeting = meetings.convene(cases=[meetings.world.accepted()])
    work = _kinds(meetings.hrss_staff)
    assert work["meeting_invitations"].count == 1
    assert work["meeting_invitations"].items[0].title == meeting.title
    invitation = meeting.invitations.get(department=meetings.hrss)
    sm.invitation_answer(by=meetings.hrss_staff, invitation=invitation, attending=True)
    assert _kinds(meetings.hrss_staff)["meeting_invitations"].count == 0
    # The unit not a member is asked nothing.
    assert _kinds(meetings.far_staff)["meeting_invitations"].count == 0


def test_an_invitation_is_answered_once_and_only_by_its_unit(meetings):
    meeting = meetings.convene()
    invitation = meeting.invitations.get(department=meetings.hrss)
    with pytest.raises(PermissionDenied):
        sm.invitation_answer(by=meetings.health_staff, invitation=invitation, attending=True)
    sm.invitation_answer(
        by=meetings.hrss_staff, invitation=invitation, attending=False, note="出差"
    )
    with pytest.raises(ValidationError) as error:
        sm.invitation_answer(by=meetings.hrss_colleague, invitation=invitation, attending=True)
    assert error.value.code == "already_answered"
    invitation.refresh_from_db()
    assert invitation.answer == JointMeetingInvitation.Answer.DECLINED


def test_a_case_of_another_county_cannot_be_on_the_agenda(meetings, in_english):
    world = meetings.world
    nanguan_case = world.report(
        by=world.nanguan_caseworker,
        office=world.nanguan,
        household=household_input(
            "220102", head_id=id_number("22010219800101123"), phone="13800001111"
        ),
    )
    own_case = world.accepted()
    with pytest.raises(ValidationError) as error:
        meetings.convene(cases=[own_case, nanguan_case])
    assert codes(error.value) == {"cases": ["out_of_jurisdiction"]}
    assert "cases" in error.value.message_dict
    # Named by no number: a case outside the convener's reach is not theirs to identify.
    assert nanguan_case.number not in error.value.message_dict["cases"][0]
    assert not JointMeeting.objects.exists()
    assert not Notification.objects.filter(recipient=meetings.hrss_staff).exists()


def test_bad_input_names_each_field_and_writes_nothing(meetings, in_english):
    with pytest.raises(ValidationError) as error:
        meetings.convene(
            title=" ",
            place="",
            agenda="",
            held_at=timezone.now() - TOMORROW,
            departments=[meetings.far_department],
        )
    assert codes(error.value) == {
        "title": ["required"],
        "place": ["required"],
        "agenda": ["required"],
        "held_at": ["past"],
        "departments": ["not_member"],
    }
    assert error.value.message_dict["held_at"] == ["The date is in the past."]
    assert not JointMeeting.objects.exists()


def test_only_the_convening_offices_staff_convene(meetings):
    for outsider in (
        meetings.world.nanguan_caseworker,  # another office
        meetings.hrss_staff,  # a member department
        meetings.world.charity_staff,
        meetings.world.auditor,  # reads everything, changes nothing
    ):
        with pytest.raises(PermissionDenied):
            meetings.convene(by=outsider)
    assert not JointMeeting.objects.exists()


# ---- what a department reads of the cases ----


def test_a_department_never_sees_the_households_name_or_id_number(meetings, client):
    world = meetings.world
    case = world.accepted()
    meeting = meetings.convene(cases=[case])
    [row] = sel.meeting_cases_for(meetings.hrss_staff, meeting)
    assert row.number == case.number
    assert "张建国" not in row.situation and "13912345678" not in row.situation
    assert row.link == ""
    # The convener reads the case as written, with the link to it.
    [own] = sel.meeting_cases_for(world.caseworker, meeting)
    assert "张建国" in own.situation and own.link
    # The page and the API say no more.
    client.force_login(meetings.hrss_staff)
    page = client.get(f"/admin/supervision/meetings/{meeting.pk}/").content.decode()
    assert case.number in page
    for secret in ("张建国", "13912345678", "220104197903151", "幸福小区"):
        assert secret not in page
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(meetings.hrss_staff)
    body = api.get(f"/api/v1/joint-meetings/{meeting.pk}/").content.decode()
    assert case.number in body
    for secret in ("张建国", "13912345678", "220104197903151"):
        assert secret not in body


def test_a_department_not_a_member_sees_no_meeting(meetings):
    meeting = meetings.convene(cases=[meetings.world.accepted()])
    assert not sel.meetings_visible_to(meetings.far_staff).exists()
    assert sel.meetings_visible_to(meetings.hrss_staff).get() == meeting
    assert not sel.meetings_visible_to(meetings.world.nanguan_caseworker).exists()
    assert sel.meetings_visible_to(meetings.world.supervisor).get() == meeting  # the city


# ---- attendance, decisions, tasks, closing ----


def _decided(meetings, *, due_in=dt.timedelta(days=10)):
    case = meetings.world.accepted()
    meeting = held(meetings.convene(cases=[case]))
    decision = sm.decision_record(
        by=meetings.world.caseworker, meeting=meeting, case=case, text="由区人社局落实临时就业岗位"
    )
    task = sm.task_assign(
        by=meetings.world.caseworker,
        decision=decision,
        unit=meetings.hrss,
        description="为其配偶安排公益性岗位",
        due_on=timezone.localdate() + due_in,
    )
    return meeting, decision, task


def test_happy_path_to_closing(meetings, in_english):
    world = meetings.world
    meeting, _decision, task = _decided(meetings)
    sm.attendance_record(by=world.caseworker, meeting=meeting, present=[meetings.hrss])
    assert dict(meeting.invitations.values_list("department_id", "attendance")) == {
        meetings.hrss.pk: "present",
        meetings.health.pk: "absent",
    }
    # The unit is told of its task and finds it on its 待办.
    assert Notification.objects.filter(
        recipient=meetings.hrss_staff, key=f"joint-meeting-task:{task.pk}"
    ).exists()
    assert _kinds(meetings.hrss_staff)["meeting_tasks"].count == 1
    sm.task_done(by=meetings.hrss_colleague, task=task, note="已安排社区保洁岗位")
    assert _kinds(meetings.hrss_staff)["meeting_tasks"].count == 0
    assert Notification.objects.filter(
        recipient=world.caseworker, key=f"joint-meeting-task-done:{task.pk}"
    ).exists()
    sm.meeting_close(by=world.caseworker, meeting=meeting, summary="已落实")
    meeting.refresh_from_db()
    assert meeting.status == JointMeeting.Status.CLOSED
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "joint_meeting.convene",
        "joint_meeting.attendance",
        "joint_meeting.decision",
        "joint_meeting.task_assign",
        "joint_meeting.task_done",
        "joint_meeting.close",
    } <= actions


def test_closing_with_open_tasks_is_refused(meetings, in_english):
    meeting, _decision, _task = _decided(meetings)
    with pytest.raises(ValidationError) as error:
        sm.meeting_close(by=meetings.world.caseworker, meeting=meeting)
    assert error.value.code == "open_tasks"
    assert error.value.messages == ["1 follow-up tasks are not done yet."]
    meeting.refresh_from_db()
    assert meeting.status == JointMeeting.Status.CONVENED


def test_closing_before_the_meeting_or_without_a_decision_is_refused(meetings):
    meeting = meetings.convene()
    with pytest.raises(ValidationError) as error:
        sm.meeting_close(by=meetings.world.caseworker, meeting=meeting)
    assert error.value.code == "not_held"
    held(meeting)
    with pytest.raises(ValidationError) as error:
        sm.meeting_close(by=meetings.world.caseworker, meeting=meeting)
    assert error.value.code == "no_decision"


def test_a_task_deadline_in_the_past_is_refused(meetings, in_english):
    _meeting, decision, _task = _decided(meetings)
    with pytest.raises(ValidationError) as error:
        sm.task_assign(
            by=meetings.world.caseworker,
            decision=decision,
            unit=meetings.health,
            description="核定医疗救助",
            due_on=timezone.localdate() - dt.timedelta(days=1),
        )
    assert error.value.message_dict == {"due_on": ["The date is in the past."]}
    assert JointMeetingTask.objects.count() == 1


def test_a_task_goes_only_to_an_invited_unit(meetings):
    _meeting, decision, _task = _decided(meetings)
    with pytest.raises(ValidationError) as error:
        sm.task_assign(
            by=meetings.world.caseworker,
            decision=decision,
            unit=meetings.far_department,
            description="x",
            due_on=timezone.localdate() + TOMORROW,
        )
    assert codes(error.value) == {"unit": ["not_invited"]}


def test_a_department_cannot_mark_another_units_task_done(meetings):
    _meeting, _decision, task = _decided(meetings)
    for outsider in (meetings.health_staff, meetings.far_staff, meetings.world.caseworker):
        with pytest.raises(PermissionDenied):
            sm.task_done(by=outsider, task=task, note="已办")
    task.refresh_from_db()
    assert task.status == JointMeetingTask.Status.OPEN


def test_a_task_is_done_once_with_a_note(meetings):
    _meeting, _decision, task = _decided(meetings)
    with pytest.raises(ValidationError) as error:
        sm.task_done(by=meetings.hrss_staff, task=task, note="  ")
    assert codes(error.value) == {"note": ["required"]}
    sm.task_done(by=meetings.hrss_staff, task=task, note="已办")
    with pytest.raises(ValidationError) as error:
        sm.task_done(by=meetings.hrss_staff, task=task, note="again")
    assert error.value.code == "already_done"
    assert AuditEvent.objects.filter(action="joint_meeting.task_done").count() == 1


def test_a_decision_only_about_a_case_on_the_agenda(meetings):
    meeting = held(meetings.convene())
    other = meetings.world.accepted()
    with pytest.raises(ValidationError) as error:
        sm.decision_record(by=meetings.world.caseworker, meeting=meeting, case=other, text="x")
    assert codes(error.value) == {"case": ["not_on_agenda"]}
    assert not JointMeetingDecision.objects.exists()


def test_attendance_only_of_invited_units_and_after_the_start(meetings):
    meeting = meetings.convene()
    with pytest.raises(ValidationError) as error:
        sm.attendance_record(by=meetings.world.caseworker, meeting=meeting, present=[])
    assert error.value.message_dict["present"]
    held(meeting)
    with pytest.raises(ValidationError):
        sm.attendance_record(
            by=meetings.world.caseworker, meeting=meeting, present=[meetings.far_department]
        )
    with pytest.raises(PermissionDenied):
        sm.attendance_record(by=meetings.hrss_staff, meeting=meeting, present=[meetings.hrss])


def test_overdue_tasks_on_the_conveners_worklist_and_reminded_once(meetings):
    world = meetings.world
    _meeting, _decision, task = _decided(meetings)
    JointMeetingTask.objects.filter(pk=task.pk).update(due_on=timezone.localdate() - TOMORROW)
    overdue = _kinds(world.caseworker)["meeting_tasks_overdue"]
    assert overdue.count == 1 and overdue.overdue == 1
    assert _kinds(meetings.hrss_staff)["meeting_tasks"].overdue == 1
    # Another office's staff have nothing of it.
    assert _kinds(world.nanguan_caseworker)["meeting_tasks_overdue"].count == 0
    first = sm.overdue_task_reminders_send()
    assert first >= 2  # the unit's staff and the convener
    assert sm.overdue_task_reminders_send() == 0


def test_overdue_tasks_on_the_supervision_dashboard(meetings, client):
    world = meetings.world
    meeting, _decision, task = _decided(meetings)
    JointMeetingTask.objects.filter(pk=task.pk).update(due_on=timezone.localdate() - TOMORROW)
    client.force_login(world.supervisor)
    page = client.get("/admin/supervision/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Joint-meeting follow-up tasks overdue" in page
    assert meeting.title in page
    client.force_login(world.nanguan_caseworker)
    page = client.get("/admin/supervision/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert meeting.title not in page
