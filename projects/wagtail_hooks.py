"""The projects back office in the Wagtail admin: the "Charity projects" menu item and URLs."""

from __future__ import annotations

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from core.jurisdiction import has_role
from projects import admin_supermarkets, admin_views, selectors


class RoleMenuItem(MenuItem):
    """A menu item shown only to users holding one of ``roles`` (the views check again)."""

    def __init__(self, *args, roles: tuple[str, ...], **kwargs):
        super().__init__(*args, **kwargs)
        self.roles = roles

    def is_shown(self, request):
        return has_role(request.user, *self.roles)


@hooks.register("register_admin_urls")
def register_projects_admin_urls():
    return [
        path(
            "projects/",
            include((admin_views.urlpatterns, "projects_admin"), namespace="projects_admin"),
        ),
        path(
            "supermarkets/",
            include(
                (admin_supermarkets.urlpatterns, "supermarkets_admin"),
                namespace="supermarkets_admin",
            ),
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_projects_menu_item():
    return RoleMenuItem(
        _("Charity projects"),
        reverse("projects_admin:project_list"),
        name="charity-projects",
        icon_name="doc-full-inverse",
        order=220,
        roles=admin_views.ADMIN_ROLES,
    )


@hooks.register("register_admin_menu_item")
def register_supermarkets_menu_item():
    return RoleMenuItem(
        _("Charity supermarkets"),
        reverse("supermarkets_admin:supermarket_list"),
        name="charity-supermarkets",
        icon_name="tag",
        order=225,
        roles=selectors.SUPERMARKET_READERS,
    )
