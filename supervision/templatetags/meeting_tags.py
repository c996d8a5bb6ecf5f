"""The joint meetings' part of the supervision dashboard: follow-up tasks past their deadline
in the meetings the reader may see (supervision.selectors_meetings)."""

from __future__ import annotations

from django import template

from supervision.selectors_meetings import overdue_tasks_visible_to

register = template.Library()
SHOWN = 10


@register.inclusion_tag("supervision/admin/_meeting_tasks_overdue.html", takes_context=True)
def meeting_tasks_overdue(context):
    tasks = overdue_tasks_visible_to(context["request"].user)
    return {"count": tasks.count(), "tasks": list(tasks[:SHOWN])}
