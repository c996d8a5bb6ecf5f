"""Reads of the supervision tasks (督办) opened from risk warnings, jurisdiction-scoped."""

from __future__ import annotations

from core.jurisdiction import visible_to
from needs.selectors import CASE_READERS
from supervision.models import SupervisionTask


def supervision_tasks_visible_to(user, queryset=None):
    """Supervision tasks of the risk warnings the reader may see: the same rule as the
    warnings (the county in the reader's jurisdiction; auditors all; charities none)."""
    queryset = SupervisionTask.objects.all() if queryset is None else queryset
    return visible_to(queryset, user, region_field="warning__region", roles=CASE_READERS)
