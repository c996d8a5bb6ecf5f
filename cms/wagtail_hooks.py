"""The "Reports from the public" menu item and URLs of the back office."""

from __future__ import annotations

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from cms import admin_views
from core.jurisdiction import GOVERNMENT_ROLES
from projects.wagtail_hooks import RoleMenuItem


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path(
            "public-reports/",
            include((admin_views.urlpatterns, "cms_admin"), namespace="cms_admin"),
        )
    ]


@hooks.register("register_admin_menu_item")
def register_report_menu_item():
    return RoleMenuItem(
        _("Reports from the public"),
        reverse("cms_admin:report_list"),
        name="public-reports",
        icon_name="warning",
        order=210,
        roles=tuple(GOVERNMENT_ROLES),
    )
