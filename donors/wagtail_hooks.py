"""The money back office in the Wagtail admin: a "Money" (资金) group with "Special funds",
"Donations" and "Allocations", each shown only to the roles that use it (the views check
again), and their URLs."""

from __future__ import annotations

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, SubmenuMenuItem

from donors import admin_views
from needs.wagtail_hooks import RoleMenuItem


@hooks.register("register_admin_urls")
def register_donors_admin_urls():
    return [path("", include((admin_views.urlpatterns, "donors_admin"), namespace="donors_admin"))]


@hooks.register("register_admin_menu_item")
def register_money_menu():
    items = [
        RoleMenuItem(
            _("Special funds"),
            reverse("donors_admin:fund_list"),
            name="funds",
            icon_name="folder-inverse",
            order=100,
            roles=admin_views.FUND_ROLES,
        ),
        RoleMenuItem(
            _("Donations"),
            reverse("donors_admin:donation_list"),
            name="donations",
            icon_name="doc-full",
            order=200,
            roles=admin_views.DONATION_ROLES,
        ),
        RoleMenuItem(
            _("Allocations"),
            reverse("donors_admin:allocation_list"),
            name="allocations",
            icon_name="list-ul",
            order=300,
            roles=admin_views.ALLOCATION_ROLES,
        ),
        RoleMenuItem(
            _("Reconciliation"),
            reverse("donors_admin:reconcile"),
            name="reconcile",
            icon_name="tick",
            order=900,
            roles=admin_views.RECONCILE_ROLES,
        ),
        RoleMenuItem(
            _("Relief budgets"),
            reverse("donors_admin:relief_budget_list"),
            name="relief-budgets",
            icon_name="table",
            order=400,
            roles=admin_views.RELIEF_BUDGET_ROLES,
        ),
    ]
    # Shown when at least one of its items is (SubmenuMenuItem.is_shown).
    return SubmenuMenuItem(
        _("Money"), Menu(items=items), name="money", icon_name="table", order=220
    )
