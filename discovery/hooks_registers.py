"""Admin URLs and menu items of the discovery registers that moved from ``needs`` and ``cms``
(issue 19): the hotline, visits, proxy applications and the data cross-check (same paths as
before), the reports from the public, and the "Active discovery" menu."""

from __future__ import annotations

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, SubmenuMenuItem

from core.jurisdiction import GOVERNMENT_ROLES
from discovery import admin_crosscheck, admin_public_reports, admin_registers
from discovery.selectors_registers import VISIT_READERS
from needs.admin_views.common import CASE_ROLES
from projects.wagtail_hooks import RoleMenuItem


@hooks.register("register_admin_urls")
def register_discovery_register_urls():
    return [
        path(
            "",
            include(
                (
                    admin_registers.urlpatterns + admin_crosscheck.urlpatterns,
                    "discovery_registers",
                ),
                namespace="discovery_registers",
            ),
        ),
        path(
            "public-reports/",
            include(
                (admin_public_reports.urlpatterns, "discovery_reports"),
                namespace="discovery_reports",
            ),
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_active_discovery_menu():
    """The active-discovery registers (主动发现): hotline, visits, routine visits due, and filing
    on someone's behalf (government staff only). A village assistant (协理员) sees the visits
    and routine visits due of their village."""
    readers, writers = CASE_ROLES, tuple(GOVERNMENT_ROLES)
    items = [
        ("hotline", _("Hotline register"), "discovery_registers:hotline_list", "mail", readers),
        (
            "hotline-overdue",
            _("Overdue hotline calls"),
            "discovery_registers:hotline_overdue",
            "warning",
            readers,
        ),
        ("visits", _("Visits"), "discovery_registers:visit_list", "home", VISIT_READERS),
        (
            "visits-due",
            _("Routine visits due"),
            "discovery_registers:visits_due",
            "date",
            VISIT_READERS,
        ),
        (
            "proxy",
            _("File on someone's behalf"),
            "discovery_registers:proxy_application",
            "user",
            writers,
        ),
        ("petitions", _("Petition register"), "discovery_admin:petition_list", "mail", readers),
        ("surveys", _("Concentrated surveys"), "discovery_admin:survey_list", "group", readers),
    ]
    menu = Menu(
        items=[
            RoleMenuItem(label, reverse(url), name=name, icon_name=icon, order=index, roles=roles)
            for index, (name, label, url, icon, roles) in enumerate(items)
        ]
    )
    return SubmenuMenuItem(
        _("Active discovery"), menu, name="active-discovery", icon_name="search", order=205
    )


@hooks.register("register_admin_menu_item")
def register_crosscheck_menu_item():
    return RoleMenuItem(
        _("Data cross-check"),
        reverse("discovery_registers:crosscheck_list"),
        name="crosscheck",
        icon_name="table",
        order=220,
        roles=CASE_ROLES,
    )


@hooks.register("register_admin_menu_item")
def register_report_menu_item():
    return RoleMenuItem(
        _("Reports from the public"),
        reverse("discovery_reports:report_list"),
        name="public-reports",
        icon_name="warning",
        order=210,
        roles=tuple(GOVERNMENT_ROLES),
    )
