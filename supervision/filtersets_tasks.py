"""Filters of the supervision tasks' back-office list."""

from __future__ import annotations

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.filtersets import ReachChoiceFilter
from core.selectors import offices_visible_to
from supervision.models import SupervisionTask

Status = SupervisionTask.Status


class SupervisionTaskAdminFilterSet(django_filters.FilterSet):
    """Open tasks unless asked otherwise (overdue, done or all), and the supervision
    dashboard's drill-down by office (``?office=``)."""

    SHOW = [
        ("open", pgettext_lazy("supervision task status", "open")),
        ("overdue", _("overdue")),
        ("done", _("done")),
        ("all", _("all")),
    ]

    show = django_filters.ChoiceFilter(
        choices=SHOW, empty_label=None, method="filter_show", label=_("Show")
    )
    office = ReachChoiceFilter(offices_visible_to, label=_("office"))

    class Meta:
        model = SupervisionTask
        fields = ["show", "office"]

    def filter_show(self, queryset, name, value):
        if value == "overdue":
            return queryset.filter(status=Status.OPEN, due_on__lt=timezone.localdate())
        if value == "done":
            return queryset.filter(status=Status.DONE)
        if value == "all":
            return queryset
        return queryset.filter(status=Status.OPEN)

    def filter_queryset(self, queryset):
        # No "show" at all (the menu's link) means the open tasks.
        if not self.form.cleaned_data.get("show"):
            queryset = queryset.filter(status=Status.OPEN)
        return super().filter_queryset(queryset)
