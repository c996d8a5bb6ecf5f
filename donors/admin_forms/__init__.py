"""Forms of the money back office (Wagtail admin).

Forms only read and convert input (amounts in yuan become fen, "fund:12" becomes the fund);
every rule is checked by the one service the view calls, and a rule broken there comes back
onto the form by its field name. Every action form carries the cases back office's one-time
submission token (needs.admin_forms.ServiceForm), so a form posted twice acts once.

base.py holds what the forms share, funds.py the fund forms, donations.py the donation
forms, payouts.py the allocation and disbursement forms.
"""

from __future__ import annotations

from donors.admin_forms.base import MoneyForm, TargetChoiceField, YuanField
from donors.admin_forms.donations import (
    DonationFilterForm,
    OfflineDonationForm,
    RefundForm,
    receivable_targets,
)
from donors.admin_forms.funds import FundCloseForm, FundCreateForm, fund_owners_for
from donors.admin_forms.payouts import (
    AllocateForm,
    ApproveForm,
    AttachProofForm,
    CancelDisbursementForm,
    DisbursementRequestForm,
    MarkPaidForm,
    ReleaseForm,
    allocation_sources,
)

__all__ = [
    "AllocateForm",
    "ApproveForm",
    "AttachProofForm",
    "CancelDisbursementForm",
    "DisbursementRequestForm",
    "DonationFilterForm",
    "FundCloseForm",
    "FundCreateForm",
    "MarkPaidForm",
    "MoneyForm",
    "OfflineDonationForm",
    "RefundForm",
    "ReleaseForm",
    "TargetChoiceField",
    "YuanField",
    "allocation_sources",
    "fund_owners_for",
    "receivable_targets",
]
