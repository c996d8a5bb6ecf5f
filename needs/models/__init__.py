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
from .economic_checks import (
    CheckAuthorization,
    EconomicCheck,
    EconomicCheckItem,
    EconomicCheckPolicy,
)
from .households import Household, HouseholdContact, HouseholdIdentifier, HouseholdMember
from .offers import Offer
from .public import Need
from .referrals import Referral, ServiceRecord
from .relatives import RelativeBenefit, RelativeFiling
from .typical import TypicalCase

__all__ = [
    "AssistanceApplication",
    "AssistanceObjection",
    "AssistanceOfficeRule",
    "AssistanceType",
    "Case",
    "CaseConference",
    "CaseDeadline",
    "CaseHandover",
    "CheckAuthorization",
    "CommunityReview",
    "Consent",
    "EconomicCheck",
    "EconomicCheckItem",
    "EconomicCheckPolicy",
    "Household",
    "HouseholdContact",
    "HouseholdIdentifier",
    "HouseholdMember",
    "Need",
    "Offer",
    "OnlineApplication",
    "Referral",
    "RelativeBenefit",
    "RelativeFiling",
    "ReliefGrant",
    "ReliefPolicy",
    "ServiceRecord",
    "TypicalCase",
]
