"""Supervision's own records: reports upward and inspections (issue 20)."""

from .inspections import (
    InspectionCampaign,
    RectificationTask,
    SelfInspection,
    SelfInspectionItem,
    SpotCheck,
    SpotCheckCase,
)
from .meetings import (
    JointMeeting,
    JointMeetingDecision,
    JointMeetingInvitation,
    JointMeetingMechanism,
    JointMeetingMember,
    JointMeetingTask,
)
from .reports import MonthlyReport

__all__ = [
    "InspectionCampaign",
    "JointMeeting",
    "JointMeetingDecision",
    "JointMeetingInvitation",
    "JointMeetingMechanism",
    "JointMeetingMember",
    "JointMeetingTask",
    "MonthlyReport",
    "RectificationTask",
    "SelfInspection",
    "SelfInspectionItem",
    "SpotCheck",
    "SpotCheckCase",
]
