"""The base of the cases back office's list screens: Wagtail's generic IndexView (a table of
Columns, its pagination, its header) reading through the jurisdiction selectors
(core.views_admin.ScopedIndexView) and filtering with the app's django-filter FilterSets.

Who may open a list follows the staff roles, not Django model permissions: a wrong role gets
the same 403 page as every other screen of the cases back office (common.forbidden). The
filters sit above the table in a compact grid (a plain GET form, no script needed), as the
case list has them, rather than in Wagtail's drill-down menu.
"""

from __future__ import annotations

from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column

from core.jurisdiction import has_role
from core.views_admin import ScopedIndexView
from needs.admin_views.common import PAGE_SIZE, forbidden


class RoleIndexView(ScopedIndexView):
    """A list for the staff of ``roles``; ``scope`` narrows it to what the reader may see."""

    template_name = "needs/admin/index_list.html"
    results_template_name = "needs/admin/index_results.html"
    roles: tuple[str, ...] = ()
    # Roles, not model permissions, decide (see the module docstring).
    permission_policy = None
    any_permission_required = None
    paginate_by = PAGE_SIZE
    header_icon = "list-ul"
    page_title = ""
    filter_label = _("Filter")
    page_classname = ""
    table_classname = "listing needs-listing"
    # Filter fields shown across two grid cells (a region picker).
    wide_filters: tuple[str, ...] = ("within",)

    def dispatch(self, request, *args, **kwargs):
        if not has_role(request.user, *self.roles):
            return forbidden(request)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return self.page_title

    def get_breadcrumbs_items(self):
        # The plain header (title and icon), as the detail pages have it.
        return []

    @property
    def active_filters(self):
        # The filter form above the table shows what is chosen; no second row of chips.
        return []

    def header_action(self) -> tuple[str, str] | None:
        """(url, label) of the one button in the header, if any."""
        return None

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        action = self.header_action()
        context["can_add"] = False
        context["header_action_url"], context["header_action_label"] = action or (None, None)
        context["wide_filters"] = self.wide_filters
        context["filter_label"] = self.filter_label
        context["page_classname"] = self.page_classname
        return context


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


__all__ = ["Column", "RoleIndexView", "link", "overdue_mark", "when"]
