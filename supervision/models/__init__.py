"""Supervision's own records: reports upward and inspections (issue 20)."""
