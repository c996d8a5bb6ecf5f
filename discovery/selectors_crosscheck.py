"""Reads of the data cross-check: imports and risk warnings, jurisdiction-scoped."""

from __future__ import annotations

from core.jurisdiction import visible_to
from discovery.models import CrossCheckImport, RiskWarning
from needs.selectors import CASE_READERS


def crosscheck_imports_visible_to(user, queryset=None):
    """Data cross-check imports of the offices in the reader's jurisdiction; auditors all."""
    queryset = CrossCheckImport.objects.all() if queryset is None else queryset
    return visible_to(queryset, user, region_field="office__region", roles=CASE_READERS)


def risk_warnings_visible_to(user, queryset=None):
    """Risk warnings whose county is in the reader's jurisdiction; auditors all of them;
    charities and the public none."""
    queryset = RiskWarning.objects.all() if queryset is None else queryset
    return visible_to(queryset, user, region_field="region", roles=CASE_READERS)
