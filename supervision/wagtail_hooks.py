"""The supervision dashboard and the notifications in the Wagtail admin menu."""

from __future__ import annotations

from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from core.jurisdiction import has_role
from core.notifications import unread_count
from supervision import admin_tasks, admin_views, admin_views_upward, selectors
from supervision.read_log import READ_LOG_READERS


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
            include(
                (
                    admin_views.urlpatterns + admin_views_upward.urlpatterns,
                    "supervision_admin",
                ),
                namespace="supervision_admin",
            ),
        ),
        # The supervision tasks keep the paths they had under the data cross-check.
        path(
            "",
            include((admin_tasks.urlpatterns, "supervision_tasks"), namespace="supervision_tasks"),
        ),
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


class ReadLogMenuItem(MenuItem):
    def is_shown(self, request):
        return has_role(request.user, *READ_LOG_READERS)


@hooks.register("register_admin_menu_item")
def register_read_log_menu_item():
    """The read log (查阅记录): supervisors, auditors and platform administrators."""
    return ReadLogMenuItem(
        gettext_lazy("Read log"),
        reverse("supervision_admin:read_log"),
        name="read-log",
        icon_name="list-ul",
        order=245,
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


class UpwardMenuItem(MenuItem):
    """Reports upward and inspections: government staff, auditors, platform administrators."""

    def is_shown(self, request):
        return admin_views_upward.may_use(request.user)


@hooks.register("register_admin_menu_item")
def register_reports_menu_item():
    """The monthly reports upward (月度进展报告)."""
    return UpwardMenuItem(
        gettext_lazy("Reports upward"),
        reverse("supervision_admin:report_list"),
        name="reports-upward",
        icon_name="doc-full",
        order=241,
    )


@hooks.register("register_admin_menu_item")
def register_inspections_menu_item():
    """Special inspections (专项治理)."""
    return UpwardMenuItem(
        gettext_lazy("Inspections"),
        reverse("supervision_admin:inspection_list"),
        name="inspections",
        icon_name="tasks",
        order=242,
    )


# ---- joint meetings (supervision.admin_meetings) ----


@hooks.register("register_admin_urls")
def register_meeting_admin_urls():
    from supervision import admin_meetings

    return [
        path(
            "",
            include(
                (admin_meetings.urlpatterns, "supervision_meetings"),
                namespace="supervision_meetings",
            ),
        )
    ]


@hooks.register("register_admin_viewset")
def register_meeting_viewset():
    from supervision.admin_meetings import MeetingViewSet

    return MeetingViewSet()


class MeetingUnitsMenuItem(MenuItem):
    def is_shown(self, request):
        from supervision.admin_meetings import may_use

        return may_use(request.user)


@hooks.register("register_admin_menu_item")
def register_meeting_units_menu_item():
    """The joint-meeting mechanisms and their member units (成员单位)."""
    return MeetingUnitsMenuItem(
        gettext_lazy("Joint-meeting member units"),
        reverse("supervision_meetings:mechanism_list"),
        name="joint-meeting-units",
        icon_name="group",
        order=244,
    )
