from .donations import Donation, ReceiptCounter, Refund, StripeEvent
from .funds import Donor, Fund
from .ledger import Account, Entry, Transaction
from .payouts import Allocation, Disbursement
from .reconcile import ReconcileAcknowledgement
from .relief import Appropriation, ReliefBudget

__all__ = [
    "Account",
    "Allocation",
    "Appropriation",
    "Disbursement",
    "Donation",
    "Donor",
    "Entry",
    "Fund",
    "ReceiptCounter",
    "ReconcileAcknowledgement",
    "Refund",
    "ReliefBudget",
    "StripeEvent",
    "Transaction",
]
