from .cases import Case, CaseConference, CaseDeadline, CaseHandover, ReliefGrant, ReliefPolicy
from .consent import Consent
from .households import Household, HouseholdMember
from .public import Need
from .referrals import Referral

__all__ = [
    "Case",
    "CaseConference",
    "CaseDeadline",
    "CaseHandover",
    "Consent",
    "Household",
    "HouseholdMember",
    "Need",
    "Referral",
    "ReliefGrant",
    "ReliefPolicy",
]
