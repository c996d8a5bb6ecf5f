"""The discovery app's back-office screens, one module per register."""

from discovery import admin_grids_hooks  # noqa: F401
