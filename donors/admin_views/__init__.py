"""The money back office in the Wagtail admin: special funds, donations (with offline
recording and refunds), and the allocations and disbursements of accepted referrals.

Thin edges, like the cases back office (needs/admin_views/): every read goes through a
jurisdiction-scoped query (common.py), every change through exactly one donors service, and
every action form acts once however often it is posted (DESIGN.md 7.2, 7.3, 7.5).

common.py holds what the screens share, funds.py the funds, donations.py the donations,
allocations.py the allocations and disbursements.
"""

from __future__ import annotations

from django.urls import path

from core.admin_lists import list_paths
from donors.admin_views.allocations import (
    ALLOCATION_ACTION_VIEWS,
    AllocationListView,
    disbursement_proof,
    referral_money,
)
from donors.admin_views.common import (
    ALLOCATION_ROLES,
    DONATION_ROLES,
    FUND_ROLES,
)
from donors.admin_views.donations import (
    DonationListView,
    DonationRecordView,
    DonationRefundView,
    donation_detail,
)
from donors.admin_views.funds import FundCloseView, FundCreateView, FundListView, fund_detail
from donors.admin_views.reconcile import RECONCILE_ROLES, reconcile_view
from donors.admin_views.relief import (
    RELIEF_BUDGET_ROLES,
    AppropriationRecordView,
    ReliefBudgetListView,
    relief_budget_detail,
)

__all__ = [
    "ALLOCATION_ROLES",
    "DONATION_ROLES",
    "FUND_ROLES",
    "RECONCILE_ROLES",
    "RELIEF_BUDGET_ROLES",
    "urlpatterns",
]

_ACTION_PATHS = {
    "allocate": "allocate",
    "disbursement_request": "disburse",
    "allocation_release": "release",
    "disbursement_approve": "approve",
    "disbursement_pay": "paid",
    "disbursement_cancel": "cancel",
    "disbursement_attach_proof": "attach-proof",
}

urlpatterns = [
    *list_paths("money/funds/", "fund_list", FundListView),
    path("money/funds/new/", FundCreateView.as_view(), name="fund_create"),
    path("money/funds/<int:pk>/", fund_detail, name="fund_detail"),
    path("money/funds/<int:pk>/close/", FundCloseView.as_view(), name="fund_close"),
    *list_paths("money/donations/", "donation_list", DonationListView),
    path("money/donations/new/", DonationRecordView.as_view(), name="donation_record"),
    path("money/donations/<int:pk>/", donation_detail, name="donation_detail"),
    path("money/donations/<int:pk>/refund/", DonationRefundView.as_view(), name="donation_refund"),
    *list_paths("money/allocations/", "allocation_list", AllocationListView),
    path("money/referrals/<int:pk>/", referral_money, name="referral_money"),
    path("money/reconcile/", reconcile_view, name="reconcile"),
    path("money/disbursements/<int:pk>/proof/", disbursement_proof, name="disbursement_proof"),
    *list_paths("money/relief-budgets/", "relief_budget_list", ReliefBudgetListView),
    path(
        "money/relief-budgets/appropriate/",
        AppropriationRecordView.as_view(),
        name="appropriation_record",
    ),
    path("money/relief-budgets/<int:pk>/", relief_budget_detail, name="relief_budget_detail"),
    *[
        path(f"money/{prefix}/<int:pk>/{_ACTION_PATHS[view.name]}/", view.as_view(), name=view.name)
        for view, prefix in ALLOCATION_ACTION_VIEWS
    ],
]
