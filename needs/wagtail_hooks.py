"""The cases back office in the Wagtail admin: "Cases" and "Referral inbox" menu items and URLs."""

from __future__ import annotations

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from core.jurisdiction import has_role
from needs import admin_views


class RoleMenuItem(MenuItem):
    """A menu item shown only to users holding one of ``roles`` (the views check again)."""

    def __init__(self, *args, roles: tuple[str, ...], **kwargs):
        super().__init__(*args, **kwargs)
        self.roles = roles

    def is_shown(self, request):
        return has_role(request.user, *self.roles)


@hooks.register("register_admin_urls")
def register_needs_admin_urls():
    return [path("", include((admin_views.urlpatterns, "needs_admin"), namespace="needs_admin"))]


@hooks.register("register_admin_menu_item")
def register_cases_menu_item():
    return RoleMenuItem(
        _("Cases"),
        reverse("needs_admin:case_list"),
        name="cases",
        icon_name="folder-open-inverse",
        order=200,
        roles=admin_views.CASE_ROLES,
    )


@hooks.register("register_admin_menu_item")
def register_referral_inbox_menu_item():
    return RoleMenuItem(
        _("Referral inbox"),
        reverse("needs_admin:referral_list"),
        name="referral-inbox",
        icon_name="mail",
        order=210,
        roles=admin_views.REFERRAL_ROLES,
    )


@hooks.register("register_admin_menu_item")
def register_crosscheck_menu_item():
    return RoleMenuItem(
        _("Data cross-check"),
        reverse("needs_admin:crosscheck_list"),
        name="crosscheck",
        icon_name="table",
        order=220,
        roles=admin_views.CASE_ROLES,
    )
