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
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from core.audit import personal_data_read_record
from core.jurisdiction import GOVERNMENT_ROLES, has_role
from needs.admin_forms.actions import ServiceForm
from needs.admin_views.common import (
    CASE_ROLES,
    PAGE_SIZE,
    ActionView,
    action_form,
    query_without_page,
    require_roles,
)
from supervision import selectors_tasks as task_selectors
from supervision.models import SupervisionTask
from supervision.services_tasks import supervision_task_done

Status = SupervisionTask.Status
# The list's "show" filter: what each choice keeps.
SHOW = {
    "open": pgettext_lazy("supervision task status", "open"),
    "overdue": gettext_lazy("overdue"),
    "done": gettext_lazy("done"),
    "all": gettext_lazy("all"),
}
# What the task's page shows of the person; recorded with each read (DESIGN.md 7.1).
FIELDS_SHOWN = ["name", "id_number_masked"]


def visible_tasks(user):
    queryset = SupervisionTask.objects.select_related(
        "warning__region", "warning__crosscheck_import", "warning__case", "office", "assigned_to"
    )
    return task_selectors.supervision_tasks_visible_to(user, queryset)


def filter_tasks(queryset, show: str, *, today):
    if show == "open":
        return queryset.filter(status=Status.OPEN)
    if show == "overdue":
        return queryset.filter(status=Status.OPEN, due_on__lt=today)
    if show == "done":
        return queryset.filter(status=Status.DONE)
    return queryset


def _is_overdue(task: SupervisionTask, today) -> bool:
    return task.status == Status.OPEN and task.due_on < today


@require_roles(*CASE_ROLES)
def task_list(request):
    """The tasks in the reader's jurisdiction; no names here (they are on the task's page)."""
    today = timezone.localdate()
    show = request.GET.get("show", "open")
    if show not in SHOW:
        show = "open"
    tasks = filter_tasks(visible_tasks(request.user), show, today=today)
    if request.GET.get("office", "").isdigit():
        tasks = tasks.filter(office_id=int(request.GET["office"]))
    page = Paginator(tasks.order_by("due_on", "id"), PAGE_SIZE).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "supervision/admin/supervision_task_list.html",
        {
            "page": page,
            "rows": [{"task": t, "overdue": _is_overdue(t, today)} for t in page.object_list],
            "query": query_without_page(request),
            "show": show,
            "choices": list(SHOW.items()),
        },
    )


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
    path("crosscheck/supervision-tasks/", task_list, name="supervision_task_list"),
    path("crosscheck/supervision-tasks/<int:pk>/", task_detail, name="supervision_task_detail"),
    path(
        "crosscheck/supervision-tasks/<int:pk>/done/",
        TaskDoneView.as_view(),
        name=TaskDoneView.url_name(),
    ),
]
