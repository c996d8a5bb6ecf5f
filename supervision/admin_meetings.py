"""Back-office screens of joint meetings (联席会议): the list (a Wagtail model viewset whose index
reads through supervision.selectors_meetings), the convening form, the mechanism page with its
member units, and the meeting page with one action form per step.

Thin edges: every POST validates its form and calls one service through
needs.admin_views.common.call_service, which spends the form's one-time token in the same
transaction; a refusal shows the page again with the error on the form, nothing written.
"""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from core.jurisdiction import DEPARTMENT_ROLES, GOVERNMENT_ROLES, has_role
from core.views_admin import ScopedIndexView
from discovery.admin_grids import RolePolicy
from needs.admin_views.common import call_service, forbidden
from supervision import forms_meetings as f
from supervision import selectors_meetings as sel
from supervision import services_meetings as sm
from supervision.models import JointMeeting, JointMeetingInvitation, JointMeetingTask

READERS = (*sel.OFFICE_READERS, *DEPARTMENT_ROLES)


def may_use(user) -> bool:
    return has_role(user, *READERS)


# ---- the list ----


class MeetingPolicy(RolePolicy):
    """Readers list the meetings, nothing more: a meeting is convened on the convening page
    (through services_meetings.meeting_convene, with its audit event), never by the viewset's
    generic create form, so no one holds "add" and that form answers no one."""

    def user_has_permission(self, user, action):
        if action == "view":
            return may_use(user)
        return False


class MeetingIndexView(ScopedIndexView):
    def scope(self, queryset):
        # The open-tasks column's counts in the list's one query, not one query per row.
        return sel.meetings_visible_to(self.request.user, queryset).annotate(
            open_task_count=Count(
                "tasks", filter=Q(tasks__status=JointMeetingTask.Status.OPEN), distinct=True
            ),
            task_count=Count("tasks", distinct=True),
        )

    def get_edit_url(self, instance):
        # The title opens the meeting's page, where its steps are done.
        return reverse("supervision_meetings:meeting_detail", args=[instance.pk])

    def get_add_url(self):
        # The add button opens the convening page (the policy grants no "add").
        if has_role(self.request.user, *GOVERNMENT_ROLES):
            return reverse("supervision_meetings:meeting_convene")
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The empty list's "add one" link, which Wagtail offers only with "add" permission.
        if self.add_url:
            context["add_url"] = self.add_url
        return context


def _open_tasks(meeting) -> str:
    return f"{meeting.open_task_count} / {meeting.task_count}"


class MeetingViewSet(ModelViewSet):
    model = JointMeeting
    name = "joint_meetings"
    url_prefix = "supervision/joint-meetings"
    icon = "group"
    menu_label = gettext_lazy("Joint meetings")
    menu_order = 243
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = False
    index_view_class = MeetingIndexView
    list_display = [
        "title",
        Column(
            "office",
            label=gettext_lazy("convening office"),
            accessor=lambda m: m.mechanism.office.name,
        ),
        Column(
            "held_at",
            label=gettext_lazy("held at"),
            accessor=lambda m: timezone.localtime(m.held_at).strftime("%Y-%m-%d %H:%M"),
        ),
        "place",
        "status",
        Column("open_tasks", label=gettext_lazy("open tasks"), accessor=_open_tasks),
    ]
    list_filter = ["status"]
    search_fields = ["title", "place"]
    form_fields = ["title"]


register_permission_policy(JointMeeting, MeetingPolicy(JointMeeting))


def meeting_list(request):
    return redirect("joint_meetings:index")


# ---- convening ----


def meeting_convene(request):
    user = request.user
    if not has_role(user, *GOVERNMENT_ROLES):
        return forbidden(request)
    form = f.ConveneForm(request.POST or None, user=user)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        meeting, status = call_service(
            form,
            lambda: sm.meeting_convene(
                by=user,
                mechanism=data["mechanism"],
                title=data["title"],
                held_at=data["held_at"],
                place=data["place"],
                agenda=data["agenda"],
                cases=list(data["cases"]),
            ),
        )
        if meeting is not None:
            messages.success(request, _("The meeting was convened; the member units are invited."))
            return redirect("supervision_meetings:meeting_detail", pk=meeting.pk)
    if form.errors and status == 200:
        status = 400
    return TemplateResponse(
        request,
        "supervision/admin/meeting_convene.html",
        {"form": form, "has_mechanism": form.fields["mechanism"].queryset.exists()},
        status=status,
    )


# ---- the mechanism and its member units ----


def mechanism_list(request):
    user = request.user
    if not may_use(user):
        return forbidden(request)
    create = f.MechanismCreateForm(
        request.POST if request.POST.get("step") == "create" else None, user=user
    )
    member_forms = {}
    status = 200
    mechanisms = list(sel.mechanisms_visible_to(user))
    if request.method == "POST":
        step = request.POST.get("step", "")
        if step == "create":
            form = create
            if form.is_valid():
                data = form.cleaned_data
                done, status = call_service(
                    form,
                    lambda: sm.mechanism_create(by=user, office=data["office"], name=data["name"]),
                )
            else:
                done = None
        elif step == "member":
            mechanism = next(
                (m for m in mechanisms if str(m.pk) == request.POST.get("mechanism")), None
            )
            if mechanism is None:
                raise Http404
            form = f.MemberAddForm(
                request.POST, user=user, mechanism=mechanism, prefix=f"m{mechanism.pk}"
            )
            member_forms[mechanism.pk] = form
            done = None
            if form.is_valid():
                data = form.cleaned_data
                done, status = call_service(
                    form,
                    lambda: sm.member_add(
                        by=user,
                        mechanism=mechanism,
                        department=data["department"],
                        contact=data["contact"],
                    ),
                )
        else:
            raise Http404
        if done is not None:
            messages.success(request, _("Saved."))
            return redirect("supervision_meetings:mechanism_list")
        if status == 200:
            status = 400
    rows = []
    for mechanism in mechanisms:
        form = None
        if sm.is_office_supervisor(user, mechanism.office_id):
            form = member_forms.get(mechanism.pk) or f.MemberAddForm(
                user=user, mechanism=mechanism, prefix=f"m{mechanism.pk}"
            )
        rows.append(
            {
                "mechanism": mechanism,
                "members": mechanism.members.select_related("department", "contact"),
                "form": form,
            }
        )
    return TemplateResponse(
        request,
        "supervision/admin/meeting_mechanisms.html",
        {
            "rows": rows,
            "create_form": create if create.fields["office"].queryset.exists() else None,
        },
        status=status,
    )


# ---- one meeting ----


def _posted(queryset, request, name: str):
    value = request.POST.get(name, "")
    return get_object_or_404(queryset, pk=int(value) if value.isdigit() else 0)


def meeting_detail(request, pk: int):
    user = request.user
    if not may_use(user):
        return forbidden(request)
    meeting = get_object_or_404(sel.meetings_visible_to(user), pk=pk)
    is_convener = sm.is_government_member(user, meeting.mechanism.office_id)
    is_open = meeting.status == JointMeeting.Status.CONVENED
    bound: dict = {}
    status = 200
    if request.method == "POST":
        step = request.POST.get("step", "")
        if step == "answer":
            invitation = _posted(meeting.invitations.all(), request, "invitation")
            form = f.AnswerForm(request.POST, user=user, prefix=f"answer-{invitation.pk}")
            perform = lambda d: sm.invitation_answer(  # noqa: E731
                by=user, invitation=invitation, attending=d["attending"], note=d["note"]
            )
            bound[f"answer-{invitation.pk}"] = form
        elif step == "attendance":
            form = f.AttendanceForm(request.POST, user=user, meeting=meeting, prefix="attendance")
            perform = lambda d: sm.attendance_record(  # noqa: E731
                by=user, meeting=meeting, present=list(d["present"])
            )
        elif step == "decision":
            form = f.DecisionForm(request.POST, user=user, meeting=meeting, prefix="decision")
            perform = lambda d: sm.decision_record(  # noqa: E731
                by=user, meeting=meeting, text=d["text"], case=d["case"]
            )
        elif step == "task":
            form = f.TaskAssignForm(request.POST, user=user, meeting=meeting, prefix="task")
            perform = lambda d: sm.task_assign(  # noqa: E731
                by=user,
                decision=d["decision"],
                unit=d["unit"],
                description=d["description"],
                due_on=d["due_on"],
            )
        elif step == "done":
            task = _posted(meeting.tasks.all(), request, "task")
            form = f.TaskDoneForm(request.POST, user=user, prefix=f"done-{task.pk}")
            perform = lambda d: sm.task_done(by=user, task=task, note=d["note"])  # noqa: E731
            bound[f"done-{task.pk}"] = form
        elif step == "close":
            form = f.CloseForm(request.POST, user=user, prefix="close")
            perform = lambda d: sm.meeting_close(  # noqa: E731
                by=user, meeting=meeting, summary=d["summary"]
            )
        else:
            raise Http404
        bound.setdefault(step, form)
        done = None
        if form.is_valid():
            done, status = call_service(form, lambda: perform(form.cleaned_data))
        if done is not None:
            messages.success(request, _("Saved."))
            return redirect("supervision_meetings:meeting_detail", pk=meeting.pk)
        if status == 403:
            return forbidden(request, " ".join(form.non_field_errors()))
        status = 400
        meeting.refresh_from_db()
    invitations = []
    for invitation in meeting.invitations.select_related("department", "answered_by"):
        form = None
        if is_open and not invitation.answer and sm.is_unit_staff(user, invitation.department_id):
            form = bound.get(f"answer-{invitation.pk}") or f.AnswerForm(
                user=user, prefix=f"answer-{invitation.pk}"
            )
        invitations.append({"invitation": invitation, "form": form})
    # What the convener typed, as this reader may read it (a member department: anonymized).
    text = sel.meeting_text_for(user, meeting)
    tasks = []
    for task in meeting.tasks.select_related("unit", "decision", "done_by"):
        form = None
        if (
            is_open
            and task.status == JointMeetingTask.Status.OPEN
            and sm.is_unit_staff(user, task.unit_id)
        ):
            form = bound.get(f"done-{task.pk}") or f.TaskDoneForm(
                user=user, prefix=f"done-{task.pk}"
            )
        tasks.append({"task": task, "description": text(task.description), "form": form})
    forms = {}
    if is_open and is_convener:
        forms = {
            "attendance": bound.get("attendance")
            or f.AttendanceForm(
                user=user,
                meeting=meeting,
                prefix="attendance",
                initial={
                    "present": [
                        i.department_id
                        for i in meeting.invitations.all()
                        if i.attendance == JointMeetingInvitation.Attendance.PRESENT
                    ]
                },
            ),
            "decision": bound.get("decision")
            or f.DecisionForm(user=user, meeting=meeting, prefix="decision"),
            "task": bound.get("task")
            or f.TaskAssignForm(user=user, meeting=meeting, prefix="task"),
            "close": bound.get("close") or f.CloseForm(user=user, prefix="close"),
        }
    return TemplateResponse(
        request,
        "supervision/admin/meeting_detail.html",
        {
            "meeting": meeting,
            "agenda": text(meeting.agenda),
            "closing_summary": text(meeting.closing_summary),
            "cases": sel.meeting_cases_for(user, meeting),
            "invitations": invitations,
            "decisions": [
                {"decision": d, "text": text(d.text)}
                for d in meeting.decisions.select_related("case", "recorded_by")
            ],
            "tasks": tasks,
            "forms": forms,
            "has_decisions": meeting.decisions.exists(),
        },
        status=status,
    )


urlpatterns = [
    path("supervision/meetings/", meeting_list, name="meeting_list"),
    path("supervision/meetings/convene/", meeting_convene, name="meeting_convene"),
    path("supervision/meetings/mechanisms/", mechanism_list, name="mechanism_list"),
    path("supervision/meetings/<int:pk>/", meeting_detail, name="meeting_detail"),
]
