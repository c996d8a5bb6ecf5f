"""Wagtail registrations of the grid screens (discovery.admin_grids)."""

from __future__ import annotations

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from discovery import admin_grids
from discovery.selectors_grids import may_read


class MissingReportsMenuItem(MenuItem):
    def is_shown(self, request):
        return may_read(request.user)


@hooks.register("register_admin_viewset")
def register_grid_viewsets():
    return admin_grids.GridWorkGroup()


@hooks.register("register_admin_urls")
def register_grid_admin_urls():
    return [
        path(
            "",
            include((admin_grids.admin_urls(), "discovery_grids"), namespace="discovery_grids"),
        )
    ]


@hooks.register("register_admin_menu_item")
def register_missing_reports_menu_item():
    return MissingReportsMenuItem(
        gettext_lazy("Missing zero reports"),
        reverse("discovery_grids:zero_reports_missing"),
        name="zero-reports-missing",
        icon_name="warning",
        order=251,
    )
