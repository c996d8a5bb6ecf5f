from .applications import OnlineApplication
from .cases import Case, CaseConference, CaseDeadline, CaseHandover, ReliefGrant, ReliefPolicy
from .consent import Consent
from .crosscheck import CrossCheckImport, RiskWarning, SupervisionTask
from .discovery import HotlineCall, ProxyApplication, Visit, VisitSchedule
from .households import Household, HouseholdContact, HouseholdIdentifier, HouseholdMember
from .public import Need
from .referrals import Referral, ServiceRecord

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
    "OnlineApplication",
    "ProxyApplication",
    "Referral",
    "ReliefGrant",
    "ReliefPolicy",
    "RiskWarning",
    "ServiceRecord",
    "SupervisionTask",
    "Visit",
    "VisitSchedule",
]
