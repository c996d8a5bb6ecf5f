"""Filters of the reports from the public in the back office."""

from __future__ import annotations

import django_filters

from discovery.models import PublicReport


class PublicReportAdminFilterSet(django_filters.FilterSet):
    class Meta:
        model = PublicReport
        fields = ["status", "channel"]
