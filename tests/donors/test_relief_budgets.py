"""The relief budget's refusal when the ledger's guard refuses an overdraft in a race."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from donors.services.relief_budgets import _as_budget_refusal

LEFT = "可用资金不足：仅剩 ¥400.00。"


def test_an_overdraft_refused_by_the_ledger_guard_reads_as_the_budget_refusal():
    """The guard's refusal names its field (an error_dict, no error_list): it becomes the
    budget's refusal with the guard's message, not an AttributeError (a race on PostgreSQL)."""
    guard = ValidationError({"amount_fen": [ValidationError(LEFT, code="insufficient_balance")]})
    with pytest.raises(ValidationError) as refused, _as_budget_refusal("amount_fen"):
        raise guard
    assert [(e.code, e.message) for e in refused.value.error_dict["amount_fen"]] == [
        ("insufficient_budget", LEFT)
    ]
    other = ValidationError("another rule", code="other")
    with pytest.raises(ValidationError) as passed_on, _as_budget_refusal("amount_fen"):
        raise other
    assert passed_on.value is other
