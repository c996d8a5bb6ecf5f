from .applications import OnlineApplication
from .cases import Case, CaseConference, CaseDeadline, CaseHandover, ReliefGrant, ReliefPolicy
from .consent import Consent
from .crosscheck import CrossCheckImport, RiskWarning, SupervisionTask
from .discovery import HotlineCall, ProxyApplication, Visit, VisitSchedule
from .households import Household, HouseholdContact, HouseholdIdentifier, HouseholdMember
from .offers import Offer
from .public import Need
from .referrals import Referral

__all__ = [
    "Case",
    "CaseConference",
    "CaseDeadline",
    "CaseHandover",
    "Consent",
    "CrossCheckImport",
    "HotlineCall",
    "Household",
    "HouseholdContact",
    "HouseholdIdentifier",
    "HouseholdMember",
    "Need",
    "Offer",
    "OnlineApplication",
    "ProxyApplication",
    "Referral",
    "ReliefGrant",
    "ReliefPolicy",
    "RiskWarning",
    "SupervisionTask",
    "Visit",
    "VisitSchedule",
]
