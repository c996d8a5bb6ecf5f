"""Supervision tasks (督办) in the back office: the tasks opened by the second disposition of a
risk warning ("covered, but the policy has not reached the household"), listed by the reader's
jurisdiction with an open / overdue filter, each with its page and the "done" action.

Like the other cross-check screens: reads through the jurisdiction selector (the same one the
API's /api/v1/crosscheck/supervision-tasks/ uses), the change through the one service the
API's done/ endpoint calls, a one-time submission token on the form, and the person's name
shown only on the task's page with the read recorded (DESIGN.md 7.1, 7.3, 7.5).
"""

from __future__ import annotations

from django import forms
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.widgets.button import HeaderButton

from core.admin_lists import RoleListView, list_paths
from core.audit import personal_data_read_record
from core.audit_text import person_name
from core.jurisdiction import GOVERNMENT_ROLES, has_role
from needs.admin_forms.actions import ServiceForm
from needs.admin_views.common import (
    CASE_ROLES,
    ActionView,
    action_form,
    require_roles,
)
from supervision import selectors_tasks as task_selectors
from supervision.filtersets_tasks import SupervisionTaskAdminFilterSet
from supervision.models import SupervisionTask
from supervision.services_tasks import supervision_task_done

Status = SupervisionTask.Status
# What the task's page shows of the person; recorded with each read (DESIGN.md 7.1).
FIELDS_SHOWN = ["name", "id_number_masked"]


def visible_tasks(user):
    queryset = SupervisionTask.objects.select_related(
        "warning__region", "warning__crosscheck_import", "warning__case", "office", "assigned_to"
    )
    return task_selectors.supervision_tasks_visible_to(user, queryset)


def _is_overdue(task: SupervisionTask, today) -> bool:
    return task.status == Status.OPEN and task.due_on < today


def _status_text(task: SupervisionTask):
    if _is_overdue(task, timezone.localdate()):
        return format_html(
            '{} <span class="w-status w-status--primary">{}</span>',
            task.get_status_display(),
            _("overdue"),
        )
    return task.get_status_display()


class TaskListView(RoleListView):
    """The tasks in the reader's jurisdiction, the earliest due first; no names here (they are
    on the task's page)."""

    model = SupervisionTask
    roles = tuple(CASE_ROLES)
    page_title = gettext_lazy("Supervision tasks")
    header_icon = "tasks"
    index_url_name = "supervision_tasks:supervision_task_list"
    index_results_url_name = "supervision_tasks:supervision_task_list_results"
    filterset_class = SupervisionTaskAdminFilterSet
    verbose_name_plural = gettext_lazy("supervision tasks")
    columns = [
        TitleColumn(
            "task",
            label=gettext_lazy("supervision task"),
            accessor=str,
            get_url=lambda t: reverse("supervision_tasks:supervision_task_detail", args=[t.pk]),
        ),
        Column("county", label=pgettext_lazy("place", "county"), accessor="warning.region.name"),
        Column("office", label=gettext_lazy("office"), accessor="office.name"),
        Column(
            "assigned_to",
            label=gettext_lazy("assigned to"),
            accessor=lambda t: person_name(t.assigned_to),
        ),
        Column(
            "due_on",
            label=gettext_lazy("due on"),
            accessor=lambda t: date_format(t.due_on, "Y-m-d"),
            classname="w-whitespace-nowrap",
        ),
        Column(
            "status",
            label=gettext_lazy("status"),
            accessor=_status_text,
            classname="w-whitespace-nowrap",
        ),
    ]

    def scope(self, queryset):
        return visible_tasks(self.request.user).order_by("due_on", "id")

    @cached_property
    def header_buttons(self):
        back = HeaderButton(
            _("Back to the data cross-check"),
            url=reverse("discovery_registers:crosscheck_list"),
            icon_name="arrow-left",
        )
        return [back]


def task_page(request, task: SupervisionTask, *, bound: dict | None = None, status: int = 200):
    """The task's page with the person's name and masked ID number (the read is recorded) and,
    for government staff while it is open, the "done" action."""
    bound = bound or {}
    warning = task.warning
    personal_data_read_record(
        actor=request.user,
        obj=warning,
        fields=FIELDS_SHOWN,
        purpose=f"supervision task {task.pk}",
    )
    actions = []
    if has_role(request.user, *GOVERNMENT_ROLES) and task.status == Status.OPEN:
        form = action_form(TaskDoneView.form_class, warning.case, request.user, "done", bound)
        actions.append(TaskDoneView.panel(pk=task.pk, form=form, is_open=True))
    return TemplateResponse(
        request,
        "supervision/admin/supervision_task_detail.html",
        {
            "task": task,
            "warning": warning,
            "overdue": _is_overdue(task, timezone.localdate()),
            "actions": actions,
        },
        status=status,
    )


@require_roles(*CASE_ROLES)
def task_detail(request, pk: int):
    return task_page(request, get_object_or_404(visible_tasks(request.user), pk=pk))


class TaskDoneForm(ServiceForm):
    note = forms.CharField(
        label=gettext_lazy("what was done"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class TaskDoneView(ActionView):
    """Record the task done, through supervision_task_done (the API's done/)."""

    name = "done"
    title = gettext_lazy("Record the task done")
    help_text = gettext_lazy("The policy has now reached the household.")
    button = gettext_lazy("Done")
    form_class = TaskDoneForm
    roles = tuple(GOVERNMENT_ROLES)
    refusal = gettext_lazy("Only caseworkers and supervisors record supervision tasks done.")
    url_namespace = "supervision_tasks"

    @classmethod
    def url_name(cls) -> str:
        return "supervision_task_done"

    def get_object(self, request, pk: int) -> SupervisionTask:
        return get_object_or_404(visible_tasks(request.user), pk=pk)

    def case_of(self, task: SupervisionTask):
        return task.warning.case

    def perform(self, user, task, data):
        supervision_task_done(by=user, task=task, note=data["note"])
        return _("The supervision task is done.")

    def redirect_after(self, request, task):
        return redirect("supervision_tasks:supervision_task_detail", pk=task.pk)

    def page(self, request, task, *, bound: dict, status: int):
        task.refresh_from_db()
        return task_page(request, task, bound=bound, status=status)


urlpatterns = [
    *list_paths("crosscheck/supervision-tasks/", "supervision_task_list", TaskListView),
    path("crosscheck/supervision-tasks/<int:pk>/", task_detail, name="supervision_task_detail"),
    path(
        "crosscheck/supervision-tasks/<int:pk>/done/",
        TaskDoneView.as_view(),
        name=TaskDoneView.url_name(),
    ),
]
