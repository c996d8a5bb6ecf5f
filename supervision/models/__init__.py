"""Supervision's own records: reports upward and inspections (issue 20)."""

from .inspections import (
    InspectionCampaign,
    RectificationTask,
    SelfInspection,
    SelfInspectionItem,
    SpotCheck,
    SpotCheckCase,
)
from .reports import MonthlyReport

__all__ = [
    "InspectionCampaign",
    "MonthlyReport",
    "RectificationTask",
    "SelfInspection",
    "SelfInspectionItem",
    "SpotCheck",
    "SpotCheckCase",
]
