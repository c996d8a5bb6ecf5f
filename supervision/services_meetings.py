"""Joint meetings (联席会议 / 会商, seeds 000 and 001; issue 19 item 8): one function per step,
each checking its rule and writing the change with its audit event in one transaction
(DESIGN.md 7.3); bad input is refused naming the field, and nothing is written (7.4).

The convening office's supervisors set up its mechanism and member units (departments, each
with a contact person) → the office's staff convene a meeting on cases they may read, which
invites the member units (their 待办, a notification) → each unit answers the invitation →
the office records attendance and the decisions, with follow-up tasks for member units by a
date → each unit marks its own tasks done with a note → the meeting closes once every task
is done.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.jurisdiction import DEPARTMENT_ROLES, Role, active_memberships
from core.models import Organisation, User
from discovery.services.registers import _Errors
from needs.models import Case
from needs.selectors import cases_visible_to
from needs.services.rules import lock, refuse
from supervision import notify_meetings
from supervision.models import (
    JointMeeting,
    JointMeetingDecision,
    JointMeetingInvitation,
    JointMeetingMechanism,
    JointMeetingMember,
    JointMeetingTask,
)
from supervision.services_reports import is_government_member


def is_office_supervisor(user, office: Organisation | int) -> bool:
    office_id = getattr(office, "pk", office)
    return any(
        m.organisation_id == office_id and m.role == Role.SUPERVISOR
        for m in active_memberships(user)
    )


def is_unit_staff(user, department: Organisation | int) -> bool:
    """Department staff (协同办理) of the member unit."""
    department_id = getattr(department, "pk", department)
    return any(
        m.organisation_id == department_id and m.role in DEPARTMENT_ROLES
        for m in active_memberships(user)
    )


def _require_convener(user, meeting_or_mechanism) -> None:
    mechanism = getattr(meeting_or_mechanism, "mechanism", meeting_or_mechanism)
    if not is_government_member(user, mechanism.office_id):
        raise PermissionDenied(_("Only the staff of the convening office do this."))


def _require_open(meeting: JointMeeting) -> None:
    if meeting.status != JointMeeting.Status.CONVENED:
        refuse(None, _("This meeting is closed."), "closed")


# ---- the mechanism and its member units ----


@transaction.atomic
def mechanism_create(*, by, office: Organisation, name: str) -> JointMeetingMechanism:
    """Set up the office's joint-meeting mechanism (one per office)."""
    if not is_office_supervisor(by, office):
        raise PermissionDenied(_("Only the supervisors of the convening office do this."))
    errors = _Errors()
    name = errors.required("name", name)
    if len(name) > 200:
        errors.add("name", _("At most 200 characters."), "max_length")
    if office.kind != Organisation.Kind.GOVERNMENT_OFFICE:
        errors.add("office", _("Only a government office convenes joint meetings."), "not_office")
    elif JointMeetingMechanism.objects.filter(office=office).exists():
        errors.add(
            "office", _("This office already has a joint-meeting mechanism."), "already_exists"
        )
    errors.raise_if_any()
    mechanism = JointMeetingMechanism.objects.create(office=office, name=name, created_by=by)
    audit_record(actor=by, action="joint_meeting.mechanism_create", obj=mechanism)
    return mechanism


def departments_joinable(mechanism: JointMeetingMechanism) -> QuerySet[Organisation]:
    """The departments that may be member units of ``mechanism``: active departments of the
    convening office's jurisdiction (its region or a region inside it). The service checks a
    chosen unit against it and the form offers only these."""
    path = mechanism.office.region.path
    return Organisation.objects.filter(
        Q(region__path=path) | Q(region__path__startswith=path + "/"),
        kind=Organisation.Kind.DEPARTMENT,
        is_active=True,
    )


@transaction.atomic
def member_add(
    *, by, mechanism: JointMeetingMechanism, department: Organisation, contact: User
) -> JointMeetingMember:
    """Add a member unit: a department of the office's jurisdiction, with one of its staff as
    the contact person who receives the invitations."""
    mechanism = lock(mechanism)
    if not is_office_supervisor(by, mechanism.office_id):
        raise PermissionDenied(_("Only the supervisors of the convening office do this."))
    errors = _Errors()
    if not departments_joinable(mechanism).filter(pk=department.pk).exists():
        errors.add(
            "department",
            _("%(unit)s is not a department in your jurisdiction.") % {"unit": department.name},
            "out_of_jurisdiction",
        )
    elif mechanism.members.filter(department=department).exists():
        errors.add(
            "department",
            _("%(unit)s is already a member unit.") % {"unit": department.name},
            "already_member",
        )
    if contact is None or not contact.is_active or not is_unit_staff(contact, department):
        errors.add(
            "contact",
            _("The contact person must be staff of the member unit."),
            "not_unit_staff",
        )
    errors.raise_if_any()
    member = JointMeetingMember.objects.create(
        mechanism=mechanism, department=department, contact=contact, added_by=by
    )
    audit_record(
        actor=by,
        action="joint_meeting.member_add",
        obj=member,
        changes={"department": (None, department.pk), "contact": (None, contact.pk)},
    )
    return member


# ---- meetings ----


@transaction.atomic
def meeting_convene(
    *,
    by,
    mechanism: JointMeetingMechanism,
    title: str,
    held_at: dt.datetime,
    place: str,
    agenda: str,
    cases: Iterable[Case] = (),
    departments: Iterable[Organisation] | None = None,
) -> JointMeeting:
    """Convene a meeting on ``cases`` (only cases the convener may read) and invite the member
    units (all of them unless ``departments`` names some); each invited unit is told."""
    _require_convener(by, mechanism)
    errors = _Errors()
    title = errors.required("title", title)
    place = errors.required("place", place)
    agenda = errors.required("agenda", agenda)
    if len(title) > 200:
        errors.add("title", _("At most 200 characters."), "max_length")
    if len(place) > 200:
        errors.add("place", _("At most 200 characters."), "max_length")
    if not isinstance(held_at, dt.datetime):
        errors.add("held_at", _("Enter a valid date and time."), "invalid")
    elif held_at < timezone.now():
        errors.add("held_at", _("The date is in the past."), "past")
    cases = list({c.pk: c for c in cases}.values())
    readable = set(
        cases_visible_to(by).filter(pk__in=[c.pk for c in cases]).values_list("pk", flat=True)
    )
    if any(c.pk not in readable for c in cases):
        # Named by no number: a case outside the convener's reach is not theirs to identify.
        errors.add(
            "cases",
            _("Cases outside your jurisdiction cannot be put on the agenda."),
            "out_of_jurisdiction",
        )
    members = {m.department_id: m for m in mechanism.members.select_related("department")}
    if departments is None:
        invited = list(members)
    else:
        invited = sorted({d.pk for d in departments})
        strangers = [d.name for d in departments if d.pk not in members]
        if strangers:
            errors.add(
                "departments",
                _("%(units)s are not member units.") % {"units": "、".join(strangers)},
                "not_member",
            )
    if not invited:
        errors.add("departments", _("Invite at least one member unit."), "required")
    errors.raise_if_any()
    meeting = JointMeeting.objects.create(
        mechanism=mechanism,
        title=title,
        held_at=held_at,
        place=place,
        agenda=agenda,
        convened_by=by,
    )
    meeting.cases.set(cases)
    invitations = [
        JointMeetingInvitation.objects.create(meeting=meeting, department_id=d) for d in invited
    ]
    audit_record(
        actor=by,
        action="joint_meeting.convene",
        obj=meeting,
        changes={"cases": sorted(c.pk for c in cases), "departments": invited},
    )
    for invitation in invitations:
        notify_meetings.invited(invitation)
    return meeting


@transaction.atomic
def invitation_answer(
    *, by, invitation: JointMeetingInvitation, attending: bool, note: str = ""
) -> JointMeetingInvitation:
    """The invited unit says whether it will attend (once; the office sees the answer)."""
    invitation = lock(invitation)
    if not is_unit_staff(by, invitation.department_id):
        raise PermissionDenied(_("Only the staff of the invited unit answer its invitation."))
    _require_open(invitation.meeting)
    if invitation.answer:
        refuse(None, _("This invitation has already been answered."), "already_answered")
    note = (note or "").strip()
    if len(note) > 200:
        refuse("note", _("At most 200 characters."), "max_length")
    invitation.answer = (
        JointMeetingInvitation.Answer.ATTENDING
        if attending
        else JointMeetingInvitation.Answer.DECLINED
    )
    invitation.answer_note = note
    invitation.answered_by, invitation.answered_at = by, timezone.now()
    invitation.save(update_fields=["answer", "answer_note", "answered_by", "answered_at"])
    audit_record(
        actor=by,
        action="joint_meeting.invitation_answer",
        obj=invitation,
        changes={"answer": ("", invitation.answer)},
    )
    return invitation


@transaction.atomic
def attendance_record(
    *, by, meeting: JointMeeting, present: Iterable[Organisation]
) -> JointMeeting:
    """After the meeting has begun, the office records which invited units were present (the
    others absent); recorded again, it is corrected."""
    meeting = lock(meeting)
    _require_convener(by, meeting)
    _require_open(meeting)
    if meeting.held_at > timezone.now():
        refuse("present", _("The meeting has not been held yet."), "not_held")
    present_ids = {d.pk for d in present}
    invited = dict(meeting.invitations.values_list("department_id", "attendance"))
    strangers = present_ids - set(invited)
    if strangers:
        refuse("present", _("Only invited units can be present."), "not_invited")
    before, after = {}, {}
    for department_id, attendance in invited.items():
        value = (
            JointMeetingInvitation.Attendance.PRESENT
            if department_id in present_ids
            else JointMeetingInvitation.Attendance.ABSENT
        )
        if value != attendance:
            before[department_id], after[department_id] = attendance, value
            meeting.invitations.filter(department_id=department_id).update(attendance=value)
    audit_record(
        actor=by,
        action="joint_meeting.attendance",
        obj=meeting,
        changes={"attendance": (before, after)},
    )
    return meeting


@transaction.atomic
def decision_record(
    *, by, meeting: JointMeeting, text: str, case: Case | None = None
) -> JointMeetingDecision:
    """Record what the meeting decided, about one of its cases or the meeting as a whole."""
    meeting = lock(meeting)
    _require_convener(by, meeting)
    _require_open(meeting)
    errors = _Errors()
    text = errors.required("text", text)
    if case is not None and not meeting.cases.filter(pk=case.pk).exists():
        errors.add("case", _("This case is not on the meeting's agenda."), "not_on_agenda")
    errors.raise_if_any()
    decision = JointMeetingDecision.objects.create(
        meeting=meeting, case=case, text=text, recorded_by=by
    )
    audit_record(
        actor=by,
        action="joint_meeting.decision",
        obj=decision,
        changes={"meeting": (None, meeting.pk), "case": (None, case.pk if case else None)},
    )
    return decision


@transaction.atomic
def task_assign(
    *,
    by,
    decision: JointMeetingDecision,
    unit: Organisation,
    description: str,
    due_on: dt.date,
    today: dt.date | None = None,
) -> JointMeetingTask:
    """Assign a follow-up task of a decision to a member unit invited to the meeting, by a
    date not in the past; the unit is told."""
    meeting = lock(decision.meeting)
    _require_convener(by, meeting)
    _require_open(meeting)
    today = today or timezone.localdate()
    errors = _Errors()
    description = errors.required("description", description)
    if not meeting.invitations.filter(department=unit).exists():
        errors.add(
            "unit",
            _("%(unit)s was not invited to this meeting.") % {"unit": unit.name},
            "not_invited",
        )
    if not isinstance(due_on, dt.date):
        errors.add("due_on", _("Enter a valid date."), "invalid")
    elif due_on < today:
        errors.add("due_on", _("The date is in the past."), "past")
    errors.raise_if_any()
    task = JointMeetingTask.objects.create(
        decision=decision,
        meeting=meeting,
        unit=unit,
        description=description,
        due_on=due_on,
        assigned_by=by,
    )
    audit_record(
        actor=by,
        action="joint_meeting.task_assign",
        obj=task,
        changes={"unit": (None, unit.pk), "due_on": (None, due_on.isoformat())},
    )
    notify_meetings.task_assigned(task)
    return task


@transaction.atomic
def task_done(*, by, task: JointMeetingTask, note: str) -> JointMeetingTask:
    """The unit the task is assigned to marks it done, saying what was done; the convener is
    told. Another unit may not, nor the office in its place."""
    task = lock(task)
    if not is_unit_staff(by, task.unit_id):
        raise PermissionDenied(_("Only the staff of the unit the task is assigned to do this."))
    _require_open(task.meeting)
    if task.status == JointMeetingTask.Status.DONE:
        refuse(None, _("This task is already done."), "already_done")
    note = (note or "").strip()
    if not note:
        refuse("note", _("Say what was done."), "required")
    task.status = JointMeetingTask.Status.DONE
    task.done_note, task.done_by, task.done_at = note, by, timezone.now()
    task.save(update_fields=["status", "done_note", "done_by", "done_at"])
    audit_record(
        actor=by,
        action="joint_meeting.task_done",
        obj=task,
        changes={"status": (JointMeetingTask.Status.OPEN, JointMeetingTask.Status.DONE)},
    )
    notify_meetings.task_done(task)
    return task


@transaction.atomic
def meeting_close(*, by, meeting: JointMeeting, summary: str = "") -> JointMeeting:
    """Close the meeting: only after it was held, with at least one decision recorded, and
    when every follow-up task is done."""
    meeting = lock(meeting)
    _require_convener(by, meeting)
    _require_open(meeting)
    if meeting.held_at > timezone.now():
        refuse(None, _("The meeting has not been held yet."), "not_held")
    if not meeting.decisions.exists():
        refuse(None, _("Record the meeting's decisions before closing it."), "no_decision")
    still_open = meeting.tasks.filter(status=JointMeetingTask.Status.OPEN).count()
    if still_open:
        refuse(
            None,
            _("%(count)s follow-up tasks are not done yet.") % {"count": still_open},
            "open_tasks",
        )
    meeting.status = JointMeeting.Status.CLOSED
    meeting.closing_summary = (summary or "").strip()
    meeting.closed_by, meeting.closed_at = by, timezone.now()
    meeting.save(update_fields=["status", "closing_summary", "closed_by", "closed_at"])
    audit_record(
        actor=by,
        action="joint_meeting.close",
        obj=meeting,
        changes={"status": (JointMeeting.Status.CONVENED, JointMeeting.Status.CLOSED)},
    )
    return meeting


def overdue_task_reminders_send(*, today: dt.date | None = None) -> int:
    """Tell each unit with a follow-up task past its deadline, and the convener, once per task
    and deadline (the periodic runner, supervision.tasks.run_all, calls this)."""
    today = today or timezone.localdate()
    sent = 0
    overdue = JointMeetingTask.objects.filter(
        status=JointMeetingTask.Status.OPEN,
        due_on__lt=today,
        meeting__status=JointMeeting.Status.CONVENED,
    ).select_related("meeting__mechanism__office", "meeting__convened_by", "unit")
    for task in overdue:
        with transaction.atomic():
            sent += notify_meetings.task_overdue(task)
    return sent
