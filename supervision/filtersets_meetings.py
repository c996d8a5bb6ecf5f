"""Filters of the joint meetings' API lists."""

from __future__ import annotations

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.filtersets import BoundedIsoDateTimeFilter, NumberFilter, ReachChoiceFilter
from core.models import Organisation
from supervision import selectors_meetings as selectors
from supervision.models import JointMeeting, JointMeetingTask


def _task_units(user):
    """The member units given the tasks of the meetings ``user`` sees."""
    return Organisation.objects.filter(pk__in=selectors.tasks_visible_to(user).values("unit"))


class JointMeetingFilterSet(django_filters.FilterSet):
    mechanism = ReachChoiceFilter(selectors.mechanisms_visible_to)
    office = NumberFilter(field_name="mechanism__office", label=_("convening office"))
    held_after = BoundedIsoDateTimeFilter(field_name="held_at", lookup_expr="gte")
    held_before = BoundedIsoDateTimeFilter(field_name="held_at", lookup_expr="lt")
    case = NumberFilter(field_name="cases", label=_("case"))

    class Meta:
        model = JointMeeting
        fields = ["status", "mechanism", "office", "case"]


class JointMeetingTaskFilterSet(django_filters.FilterSet):
    meeting = ReachChoiceFilter(selectors.meetings_visible_to)
    unit = ReachChoiceFilter(_task_units)
    overdue = django_filters.BooleanFilter(method="filter_overdue", label=_("overdue"))
    due_before = django_filters.DateFilter(field_name="due_on", lookup_expr="lt")

    class Meta:
        model = JointMeetingTask
        fields = ["meeting", "unit", "status", "overdue"]

    def filter_overdue(self, queryset, name, value):
        late = {"status": JointMeetingTask.Status.OPEN, "due_on__lt": timezone.localdate()}
        return queryset.filter(**late) if value else queryset.exclude(**late)
