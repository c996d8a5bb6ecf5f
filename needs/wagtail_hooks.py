"""The cases back office in the Wagtail admin: "Cases" and "Referral inbox" menu items and URLs."""

from __future__ import annotations

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from core.jurisdiction import GOVERNMENT_ROLES, has_role
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
def register_handovers_menu_item():
    """Hand-overs to the user's offices, to accept or decline (and those sent from them)."""
    return RoleMenuItem(
        _("Hand-overs"),
        reverse("needs_admin:handover_list"),
        name="handovers",
        icon_name="resubmit",
        order=202,
        roles=tuple(GOVERNMENT_ROLES),
    )


@hooks.register("register_admin_menu_item")
def register_proposal_menu_item():
    return RoleMenuItem(
        _("Allocation proposal"),
        reverse("needs_admin:proposal"),
        name="allocation-proposal",
        icon_name="tasks",
        order=201,
        roles=tuple(GOVERNMENT_ROLES),
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
def register_assistance_menu_item():
    """Assistance applications (低保, 特困, 医疗救助...) and their procedure."""
    from needs.admin_views.assistance import READERS

    return RoleMenuItem(
        _("Assistance applications"),
        reverse("needs_admin:assistance_list"),
        name="assistance-applications",
        icon_name="form",
        order=203,
        roles=READERS,
    )


@hooks.register("register_admin_menu_item")
def register_typical_cases_menu_item():
    return RoleMenuItem(
        _("Typical cases"),
        reverse("needs_admin:typical_list"),
        name="typical-cases",
        icon_name="pick",
        order=215,
        roles=admin_views.CASE_ROLES,
    )


@hooks.register("register_admin_menu_item")
def register_eligibility_oversight_menu():
    """The household economic-status check (核对) and relatives' filing (近亲属备案)."""
    from needs.services.economic_checks import CHECK_READERS
    from needs.services.relatives import FILING_READERS

    items = [
        (
            "economic-checks",
            _("Economic-status checks"),
            "needs_admin:economic_check_list",
            "doc-full",
            tuple(CHECK_READERS),
        ),
        (
            "relative-filings",
            _("Relatives' filings"),
            "needs_admin:relative_filing_list",
            "group",
            tuple(FILING_READERS),
        ),
        (
            "relative-register",
            _("Register of assistance to filed relatives"),
            "needs_admin:relative_benefit_list",
            "list-ul",
            tuple(FILING_READERS),
        ),
    ]
    menu = Menu(
        items=[
            RoleMenuItem(label, reverse(url), name=name, icon_name=icon, order=index, roles=roles)
            for index, (name, label, url, icon, roles) in enumerate(items)
        ]
    )
    return SubmenuMenuItem(
        _("Checks and filings"), menu, name="checks-and-filings", icon_name="doc-full", order=225
    )


@hooks.register("construct_homepage_panels")
def replace_homepage_panels(request, panels):
    """The dashboard opens on the reader's own work (待办), nothing of Wagtail's."""
    from needs.admin_views.worklist import WorklistPanel

    panels[:] = [WorklistPanel()]
