"""Every change of money state: one function per rule, each in one transaction with its audit
event (DESIGN.md 7.2 and 7.3). Views, API, admin and commands call these."""

from .donations import (
    RefundResult,
    donation_create,
    donation_fail,
    donation_note_failed_attempt,
    donation_record_offline,
    donation_refund,
    donation_succeed,
)
from .funds import donor_create, fund_close, fund_create
from .payouts import (
    allocation_create,
    allocation_release,
    allocations_release_for_referral,
    disbursement_approve,
    disbursement_attach_proof,
    disbursement_cancel,
    disbursement_mark_paid,
    disbursement_request,
    pending_disbursements_of_referral,
)
from .refunds import RefundOutcome, donation_refund_request, refund_follow_stripe

__all__ = [
    "RefundOutcome",
    "RefundResult",
    "allocation_create",
    "allocation_release",
    "allocations_release_for_referral",
    "disbursement_approve",
    "disbursement_attach_proof",
    "disbursement_cancel",
    "disbursement_mark_paid",
    "disbursement_request",
    "donation_create",
    "donation_fail",
    "donation_note_failed_attempt",
    "donation_record_offline",
    "donation_refund",
    "donation_refund_request",
    "donation_succeed",
    "donor_create",
    "fund_close",
    "fund_create",
    "pending_disbursements_of_referral",
    "refund_follow_stripe",
]
