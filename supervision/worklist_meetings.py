"""待办 of joint meetings (needs.worklist lists them with the rest): a member unit's invitations
to answer and its follow-up tasks; the convening office's follow-up tasks past their deadline.
Read through the same rules as the screens (supervision.selectors_meetings).

needs.worklist.base is imported inside the functions: needs.worklist imports this module.
"""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.jurisdiction import GOVERNMENT_ROLES, active_memberships
from needs.selectors import department_ids
from supervision.models import JointMeeting, JointMeetingInvitation, JointMeetingTask
from supervision.selectors_meetings import meeting_text_for

OPEN_MEETING = Q(meeting__status=JointMeeting.Status.CONVENED)


def _my_offices(user) -> list[int]:
    return [
        m.organisation_id
        for m in active_memberships(user)
        if m.role in GOVERNMENT_ROLES and m.organisation.is_government
    ]


def _link(meeting_id: int, anchor: str = "") -> str:
    return reverse("supervision_meetings:meeting_detail", args=[meeting_id]) + anchor


def meeting_invitations(user, *, now=None, limit: int = 8):
    """Invitations to the user's departments not answered yet, the soonest meeting first."""
    from needs.worklist.base import NO_DUE, WorkItem, _made

    departments = department_ids(user)
    if not departments:
        return None
    waiting = (
        JointMeetingInvitation.objects.filter(
            OPEN_MEETING, department_id__in=departments, answer=""
        )
        .select_related("meeting", "department")
        .order_by("meeting__held_at", "pk")
    )
    return _made(
        "meeting_invitations",
        _("Joint-meeting invitations to answer"),
        waiting,
        lambda i: WorkItem(
            title=i.meeting.title,
            detail=_("%(unit)s · %(place)s")
            % {"unit": i.department.name, "place": i.meeting.place},
            link=_link(i.meeting_id),
            due_at=i.meeting.held_at,
        ),
        limit=limit,
        list_link=reverse("supervision_meetings:meeting_list"),
        overdue=NO_DUE,
    )


def meeting_tasks(user, *, now=None, limit: int = 8):
    """Follow-up tasks assigned to the user's departments and not done, by deadline."""
    from needs.worklist.base import WorkItem, _made

    departments = department_ids(user)
    if not departments:
        return None
    today = timezone.localdate(now)
    waiting = (
        JointMeetingTask.objects.filter(
            OPEN_MEETING, unit_id__in=departments, status=JointMeetingTask.Status.OPEN
        )
        .select_related("meeting", "unit")
        .order_by("due_on", "pk")
    )
    texts: dict = {}

    def description(task) -> str:
        # What the convener typed, as a member unit may read it (anonymized, as on the page).
        if task.meeting_id not in texts:
            texts[task.meeting_id] = meeting_text_for(user, task.meeting)
        return texts[task.meeting_id](task.description)

    return _made(
        "meeting_tasks",
        _("Joint-meeting follow-up tasks"),
        waiting,
        lambda t: WorkItem(
            title=t.meeting.title,
            detail=description(t)[:80],
            link=_link(t.meeting_id, f"#task-{t.pk}"),
            due_on=t.due_on,
            overdue=t.due_on < today,
        ),
        limit=limit,
        list_link=reverse("supervision_meetings:meeting_list"),
        overdue=Q(due_on__lt=today),
    )


def meeting_tasks_overdue(user, *, now=None, limit: int = 8):
    """Follow-up tasks past their deadline in meetings the user's offices convened: the
    convener chases the unit."""
    from needs.worklist.base import WorkItem, _made

    offices = _my_offices(user)
    if not offices:
        return None
    today = timezone.localdate(now)
    late = (
        JointMeetingTask.objects.filter(
            OPEN_MEETING,
            meeting__mechanism__office_id__in=offices,
            status=JointMeetingTask.Status.OPEN,
            due_on__lt=today,
        )
        .select_related("meeting", "unit")
        .order_by("due_on", "pk")
    )
    return _made(
        "meeting_tasks_overdue",
        _("Joint-meeting follow-up tasks overdue"),
        late,
        lambda t: WorkItem(
            title=t.meeting.title,
            detail=t.unit.name,
            link=_link(t.meeting_id, f"#task-{t.pk}"),
            due_on=t.due_on,
            overdue=True,
        ),
        limit=limit,
        list_link=reverse("supervision_meetings:meeting_list"),
        overdue=Q(pk__isnull=False),
    )


WORK = (meeting_invitations, meeting_tasks, meeting_tasks_overdue)
