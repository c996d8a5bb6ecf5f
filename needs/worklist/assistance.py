"""The work of assistance applications (issue 20): the steps an office takes (受理, 核对, 审核,
公示, objections) and the approvals (审批) waiting for someone other than the reviewer."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.jurisdiction import Role, scope_filter, scope_for
from needs.models import AssistanceApplication, AssistanceObjection
from needs.worklist.base import LIMIT, WorkItem, WorkList, _made, _offices

Stage = AssistanceApplication.Stage

# What each stage waits for, as the office's list says it.
NEXT_STEP = {
    Stage.APPLIED: gettext_lazy("accept (受理)"),
    Stage.ACCEPTED: gettext_lazy("record the check (核对)"),
    Stage.CHECKED: gettext_lazy("review (审核)"),
    Stage.REVIEWED: gettext_lazy("start the public notice (公示)"),
    Stage.IN_NOTICE: gettext_lazy("resolve the objection"),
}


def _open_objection():
    return Exists(AssistanceObjection.objects.filter(application=OuterRef("pk"), resolution=""))


def _item(application, detail: str, now) -> WorkItem:
    due = application.stage_due_at
    return WorkItem(
        title=str(application),
        detail=f"{application.get_type_display()} · {detail}",
        link=reverse("needs_admin:assistance_detail", args=[application.pk]),
        due_at=due,
        overdue=due is not None and due < now,
    )


def assistance_steps(user, *, now=None, limit: int = LIMIT) -> WorkList | None:
    """Applications of the reader's offices waiting for the office's next step, by the time
    limit of their stage (纳入 within the time limit is supervised from these)."""
    offices = _offices(user, Role.CASEWORKER, Role.DEPARTMENT_STAFF)
    if not offices:
        return None
    now = now or timezone.now()
    waiting = (
        Q(stage__in=[Stage.APPLIED, Stage.ACCEPTED, Stage.CHECKED])
        | Q(stage=Stage.REVIEWED, recommendation=AssistanceApplication.Recommendation.GRANT)
        | Q(stage=Stage.IN_NOTICE, has_open_objection=True)
    )
    queryset = (
        AssistanceApplication.objects.filter(office_id__in=offices)
        .annotate(has_open_objection=_open_objection())
        .filter(waiting)
        .order_by("stage_due_at", "pk")
    )

    def item(application):
        return _item(application, str(NEXT_STEP.get(application.stage, "")), now)

    return _made(
        "assistance_steps",
        _("Assistance applications to handle"),
        queryset,
        item,
        limit=limit,
        list_link=reverse("needs_admin:assistance_list"),
        overdue=Q(stage_due_at__lt=now),
    )


def assistance_approvals(user, *, now=None, limit: int = LIMIT) -> WorkList | None:
    """Applications waiting for approval (审批) in a supervisor's jurisdiction: the notice over
    with no open objection, or a refusal recommended. What the reader reviewed is someone
    else's to decide."""
    scope = scope_for(user, roles=[Role.SUPERVISOR])
    if scope.is_empty:
        return None
    now = now or timezone.now()
    today = timezone.localdate(now)
    ready = Q(stage=Stage.IN_NOTICE, notice_ends_on__lt=today, has_open_objection=False) | Q(
        stage=Stage.REVIEWED, recommendation=AssistanceApplication.Recommendation.REFUSE
    )
    queryset = (
        AssistanceApplication.objects.annotate(has_open_objection=_open_objection())
        .filter(ready)
        .exclude(reviewer=user)
        .order_by("stage_due_at", "pk")
    )
    condition = scope_filter(scope, region_field="region")
    if condition is not None:
        queryset = queryset.filter(condition)

    def item(application):
        return _item(application, _("approve or refuse (审批)"), now)

    return _made(
        "assistance_approvals",
        _("Assistance applications awaiting my approval"),
        queryset,
        item,
        limit=limit,
        list_link=reverse("needs_admin:assistance_list"),
        overdue=Q(stage_due_at__lt=now),
    )
