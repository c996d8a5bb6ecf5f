"""Notifications of joint meetings: whoever a step waits for is told, once per event (the key),
in their own language. A message names the meeting and the unit, never a household: cases are
named by number at most (DESIGN.md 7.1)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.jurisdiction import DEPARTMENT_ROLES
from core.models import Notification
from supervision.notify_events import _send, office_staff

Kind = Notification.Kind


def meeting_link(meeting) -> str:
    return reverse("supervision_meetings:meeting_detail", args=[meeting.pk])


def unit_staff(meeting, department_id: int) -> list:
    """The department's current staff, its member unit's contact person first: a contact
    whose membership of the department ended (or whose account is closed) is not told."""
    staff = office_staff(department_id, DEPARTMENT_ROLES)
    member = meeting.mechanism.members.filter(department_id=department_id).first()
    if member is None or member.contact not in staff:
        return staff
    return [member.contact, *(user for user in staff if user != member.contact)]


def _words(meeting) -> dict:
    return {
        "office": meeting.mechanism.office.name,
        "title": meeting.title,
        "when": timezone.localtime(meeting.held_at).strftime("%Y-%m-%d %H:%M"),
        "place": meeting.place,
    }


def invited(invitation) -> int:
    meeting = invitation.meeting
    return _send(
        unit_staff(meeting, invitation.department_id),
        Kind.OTHER,
        lambda: (
            _(
                "%(office)s invites your unit to the joint meeting “%(title)s” "
                "at %(when)s, %(place)s."
            )
            % _words(meeting)
        ),
        meeting_link(meeting),
        f"joint-meeting-invitation:{invitation.pk}",
    )


def task_assigned(task) -> int:
    meeting = task.meeting
    return _send(
        unit_staff(meeting, task.unit_id),
        Kind.OTHER,
        lambda: (
            _("Joint meeting “%(title)s”: a follow-up task for your unit is due on %(due)s.")
            % {"title": meeting.title, "due": task.due_on.strftime("%Y-%m-%d")}
        ),
        meeting_link(meeting) + f"#task-{task.pk}",
        f"joint-meeting-task:{task.pk}",
    )


def task_done(task) -> int:
    meeting = task.meeting
    return _send(
        [meeting.convened_by],
        Kind.OTHER,
        lambda: (
            _("Joint meeting “%(title)s”: %(unit)s has done its follow-up task.")
            % {"title": meeting.title, "unit": task.unit.name}
        ),
        meeting_link(meeting) + f"#task-{task.pk}",
        f"joint-meeting-task-done:{task.pk}",
    )


def task_overdue(task) -> int:
    """A task past its deadline: the unit and the convener, once per task and deadline."""
    meeting = task.meeting
    users = [*unit_staff(meeting, task.unit_id), meeting.convened_by]
    return _send(
        users,
        Kind.ESCALATION,
        lambda: (
            _("Joint meeting “%(title)s”: the follow-up task of %(unit)s was due on %(due)s.")
            % {
                "title": meeting.title,
                "unit": task.unit.name,
                "due": task.due_on.strftime("%Y-%m-%d"),
            }
        ),
        meeting_link(meeting) + f"#task-{task.pk}",
        f"joint-meeting-task-overdue:{task.pk}:{task.due_on:%Y%m%d}",
    )
