"""Cell helpers of the cases back office's lists (the lists themselves are
core.admin_lists.RoleListView): a link, the overdue badge, a local time."""

from __future__ import annotations

from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column


def link(url: str, text) -> str:
    return format_html('<a href="{}">{}</a>', url, text)


def overdue_mark(text, overdue: bool):
    """``text`` followed by the overdue badge when it is late."""
    if not overdue:
        return text
    return format_html(
        '{} <span class="w-status w-status--primary nowrap">{}</span>', text, _("overdue")
    )


def when(value, pattern: str = "%Y-%m-%d %H:%M") -> str:
    from django.utils import timezone

    return "—" if value is None else f"{timezone.localtime(value):{pattern}}"


__all__ = ["Column", "link", "overdue_mark", "when"]
