"""Filters of the back-office lists of reports upward (supervision.admin_views_upward)."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from supervision.models import MonthlyReport


class MonthlyReportFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        choices=MonthlyReport.Status.choices, label=_("status"), empty_label=_("all")
    )

    class Meta:
        model = MonthlyReport
        fields = ["status"]
