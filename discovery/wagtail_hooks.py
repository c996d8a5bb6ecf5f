"""The discovery app's back-office screens (Wagtail hooks), one module per register."""

from discovery import admin_grids_hooks, hooks_petitions, hooks_registers  # noqa: F401
