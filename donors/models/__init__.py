from .donations import Donation, ReceiptCounter, Refund, StripeEvent
from .funds import Donor, Fund
from .ledger import Account, Entry, Transaction
from .payouts import Allocation, Disbursement
from .reconcile import ReconcileAcknowledgement

__all__ = [
    "Account",
    "Allocation",
    "Disbursement",
    "Donation",
    "Donor",
    "Entry",
    "Fund",
    "ReceiptCounter",
    "ReconcileAcknowledgement",
    "Refund",
    "StripeEvent",
    "Transaction",
]
