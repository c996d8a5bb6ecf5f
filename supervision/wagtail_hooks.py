"""The supervision dashboard and the notifications in the Wagtail admin menu."""

from __future__ import annotations

from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from core.notifications import unread_count
from supervision import admin_views, selectors


class DashboardMenuItem(MenuItem):
    def is_shown(self, request):
        return selectors.may_see_dashboard(request.user)


class NotificationsMenuItem(MenuItem):
    """The "Notifications" item, with the number of unread ones."""

    def is_shown(self, request):
        return request.user.is_authenticated

    def render_component(self, request):
        component = super().render_component(request)
        count = unread_count(request.user)
        if count:
            component.label = _("Notifications (%(count)s unread)") % {"count": count}
        return component


@hooks.register("register_admin_urls")
def register_supervision_admin_urls():
    return [
        path(
            "",
            include((admin_views.urlpatterns, "supervision_admin"), namespace="supervision_admin"),
        )
    ]


@hooks.register("register_admin_menu_item")
def register_dashboard_menu_item():
    return DashboardMenuItem(
        gettext_lazy("Supervision"),
        reverse("supervision_admin:dashboard"),
        name="supervision",
        icon_name="view",
        order=240,
    )


@hooks.register("register_admin_menu_item")
def register_notifications_menu_item():
    return NotificationsMenuItem(
        gettext_lazy("Notifications"),
        reverse("supervision_admin:notifications"),
        name="notifications",
        icon_name="mail",
        order=250,
    )
