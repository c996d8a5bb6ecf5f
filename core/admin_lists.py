"""The one base of the back office's list screens.

Wagtail's generic IndexView (a table of Columns, its pagination, its header) reading through a
jurisdiction selector (``scope``, core.views_admin.ScopedIndexView) and filtering with the
app's own django-filter FilterSet.

Who may open a list follows the staff roles, not Django model permissions: the view's
``roles`` are checked before anything else, and a wrong role gets the back office's 403 page
(``forbidden``). Every list shows its filters the same way, in a compact grid above the table
(a plain GET form, no script needed), and its header buttons as Wagtail's own index views
have them: the add button from ``get_add_url`` and ``add_item_label``, more in
``header_buttons``.
"""

from __future__ import annotations

from django import forms
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.jurisdiction import has_role
from core.views_admin import ScopedIndexView

PAGE_SIZE = 50


def forbidden(request, message: str | None = None) -> TemplateResponse:
    """A plain 403 page inside the admin (Wagtail would turn PermissionDenied into a redirect)."""
    return TemplateResponse(
        request,
        "core/admin/forbidden.html",
        {"message": message or _("You do not have a role that may use this screen.")},
        status=403,
    )


class RoleListView(ScopedIndexView):
    """A list for the staff of ``roles``; ``scope`` narrows it to what the reader may see.

    Subclasses give ``model``, ``roles``, ``scope``, ``columns``, ``filterset_class``,
    ``page_title`` and ``index_url_name`` (and ``index_results_url_name`` when the list is
    routed with ``list_paths``).
    """

    template_name = "core/admin/role_list.html"
    results_template_name = "core/admin/role_results.html"
    roles: tuple[str, ...] = ()
    # Roles, not model permissions, decide (see the module docstring).
    permission_policy = None
    any_permission_required = None
    paginate_by = PAGE_SIZE
    header_icon = "list-ul"
    page_title = ""
    # A sentence or two on what the list holds, above the filters (Wagtail's page_subtitle
    # sits in the header line and cuts anything longer than a few words).
    help_text = None
    filter_label = gettext_lazy("Filter")
    # Filter fields shown across two grid cells (a region picker).
    wide_filters: tuple[str, ...] = ("within",)
    page_classname = ""

    def dispatch(self, request, *args, **kwargs):
        if not has_role(request.user, *self.roles):
            return forbidden(request)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return self.page_title

    def get_breadcrumbs_items(self):
        # The plain header (title, icon, button), as the detail pages have it.
        return []

    @cached_property
    def filters(self):
        filters = super().filters
        if filters is not None:
            same_filter_fields(filters.form)
        return filters

    @property
    def active_filters(self):
        # The filter form above the table shows what is chosen; no second row of chips.
        return []

    def get_add_url(self):
        """The add button's link (labelled ``add_item_label``), if the reader has one."""
        return None


def same_filter_fields(form: forms.Form) -> None:
    """The filter fields of every list read the same way: an unchosen choice says "all"
    (not "---------", nor "unknown" for a yes/no), and a day is picked in a date input."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.NullBooleanSelect):
            widget.choices = [("unknown", _("all")), ("true", _("Yes")), ("false", _("No"))]
        elif type(widget) is forms.Select:  # a plain select (not a region picker)
            widget.choices = [
                ("", _("all")) if value == "" else (value, label) for value, label in widget.choices
            ]
        elif isinstance(widget, forms.DateInput) and widget.input_type == "text":
            widget.input_type = "date"
            widget.format = "%Y-%m-%d"


def list_paths(route: str, name: str, view: type[RoleListView]) -> list:
    """The list at ``route`` and its results-only twin (the table alone, for a page that
    refreshes it in place)."""
    return [
        path(route, view.as_view(), name=name),
        path(f"{route}results/", view.as_view(results_only=True), name=f"{name}_results"),
    ]
