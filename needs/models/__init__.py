from .applications import OnlineApplication
from .assistance import (
    AssistanceApplication,
    AssistanceObjection,
    AssistanceOfficeRule,
    AssistanceType,
    CommunityReview,
)
from .cases import Case, CaseConference, CaseDeadline, CaseHandover, ReliefGrant, ReliefPolicy
from .consent import Consent
from .crosscheck import CrossCheckImport, RiskWarning, SupervisionTask
from .discovery import HotlineCall, ProxyApplication, Visit, VisitSchedule
from .households import Household, HouseholdContact, HouseholdIdentifier, HouseholdMember
from .public import Need
from .referrals import Referral

__all__ = [
    "AssistanceApplication",
    "AssistanceObjection",
    "AssistanceOfficeRule",
    "AssistanceType",
    "Case",
    "CaseConference",
    "CaseDeadline",
    "CaseHandover",
    "CommunityReview",
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
    "SupervisionTask",
    "Visit",
    "VisitSchedule",
]
