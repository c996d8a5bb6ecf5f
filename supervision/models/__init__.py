"""Supervision's own records: reports upward, inspections (issue 20) and the supervision tasks
opened from risk warnings (moved from ``needs``, issue 19)."""

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
from .tasks import SupervisionTask

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
    "SupervisionTask",
]
