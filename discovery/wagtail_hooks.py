"""The discovery app's Wagtail hooks, one module per register."""

from discovery import hooks_petitions  # noqa: F401
