from .donations import Donation, ReceiptCounter, Refund, StripeEvent
from .funds import Donor, Fund
from .ledger import Account, Entry, Transaction
from .payouts import Allocation, Disbursement

__all__ = [
    "Account",
    "Allocation",
    "Disbursement",
    "Donation",
    "Donor",
    "Entry",
    "Fund",
    "ReceiptCounter",
    "Refund",
    "StripeEvent",
    "Transaction",
]
