"""The core's back-office screens. Writes go through core.services, reads through the
jurisdiction selector, exactly as in the API."""

from __future__ import annotations

from django.db import models
from django.forms import modelform_factory
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.ui.sidebar import MainMenuModule
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permissions import register_permission_policy

from core import audit_text, selectors, services
from core.models import AuditEvent, Holiday, Membership, OfficeTimeLimit, Organisation, Region
from core.views_admin import (
    LimitedPermissionPolicy,
    ScopedIndexView,
    ScopedInspectView,
    ServiceCreateView,
    ServiceDeleteView,
    ServiceEditView,
)
from core.widgets import RegionPickerWidget

# Every admin model form that asks for a region (an organisation's) picks it in cascade.
register_form_field_override(models.ForeignKey, to=Region, override={"widget": RegionPickerWidget})


class OrganisationCreateView(ServiceCreateView):
    def call_service(self, data):
        return services.organisation_create(by=self.request.user, **data)


class OrganisationEditView(ServiceEditView):
    def call_service(self, data):
        return services.organisation_update(by=self.request.user, organisation=self.object, **data)


def _yes_no(value: bool) -> str:
    """A yes/no column in words (是/否), never True/False."""
    return _("yes") if value else _("no")


class OrganisationViewSet(ModelViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    form_fields = [
        "name",
        "kind",
        "region",
        "sector",
        "parent",
        "is_verified",
        "public_phone",
        "credit_code",
        "registration_authority",
        "fundraising_certificate_number",
        "fundraising_qualified_from",
        "fundraising_qualified_until",
    ]
    list_display = [
        "name",
        "kind",
        "region",
        Column(
            "is_verified", label=_("verified charity"), accessor=lambda o: _yes_no(o.is_verified)
        ),
        Column("is_active", label=_("active"), accessor=lambda o: _yes_no(o.is_active)),
    ]
    list_filter = ["kind", "is_verified", "is_active"]
    search_fields = ["name"]
    copy_view_enabled = False
    add_view_class = OrganisationCreateView
    edit_view_class = OrganisationEditView

    def get_form_class(self, for_update=False):
        if not for_update:
            return super().get_form_class(for_update)
        # Kind and region are fixed once registered (see services.organisation_update).
        return modelform_factory(
            Organisation,
            form=WagtailAdminModelForm,
            fields=sorted(services.UPDATABLE_ORGANISATION_FIELDS),
        )


class MembershipCreateView(ServiceCreateView):
    def call_service(self, data):
        return services.membership_grant(by=self.request.user, **data)


class MembershipIndexView(ScopedIndexView):
    def scope(self, queryset):
        return selectors.memberships_visible_to(self.request.user, queryset)


class MembershipViewSet(ModelViewSet):
    model = Membership
    icon = "user"
    menu_label = _("Staff roles")
    form_fields = ["user", "organisation", "role"]
    list_display = [
        "user",
        "organisation",
        "role",
        Column("is_active", label=_("active"), accessor=lambda m: _yes_no(m.is_active)),
    ]
    list_filter = ["role", "is_active"]
    search_fields = ["user__username", "organisation__name"]
    copy_view_enabled = False
    add_view_class = MembershipCreateView
    index_view_class = MembershipIndexView


class HolidayCreateView(ServiceCreateView):
    def call_service(self, data):
        return services.holiday_save(by=self.request.user, **data)


class HolidayEditView(ServiceEditView):
    def call_service(self, data):
        return services.holiday_save(by=self.request.user, holiday=self.object, **data)


class HolidayDeleteView(ServiceDeleteView):
    def call_service(self):
        services.holiday_delete(by=self.request.user, holiday=self.object)


class TimeLimitCreateView(ServiceCreateView):
    def call_service(self, data):
        return services.time_limit_save(by=self.request.user, **data)


class TimeLimitEditView(ServiceEditView):
    def call_service(self, data):
        return services.time_limit_save(by=self.request.user, time_limit=self.object, **data)


class TimeLimitDeleteView(ServiceDeleteView):
    def call_service(self):
        services.time_limit_delete(by=self.request.user, time_limit=self.object)


class HolidayViewSet(ModelViewSet):
    model = Holiday
    icon = "date"
    menu_label = _("Holidays")
    form_fields = ["date", "name", "is_working_day"]
    list_display = [
        "date",
        "name",
        Column(
            "is_working_day",
            label=_("make-up working day"),
            accessor=lambda h: _yes_no(h.is_working_day),
        ),
    ]
    list_filter = ["is_working_day"]
    copy_view_enabled = False
    add_view_class = HolidayCreateView
    edit_view_class = HolidayEditView
    delete_view_class = HolidayDeleteView


class OfficeTimeLimitViewSet(ModelViewSet):
    model = OfficeTimeLimit
    icon = "time"
    menu_label = _("Office time limits")
    form_fields = ["office", "step", "working_days"]
    list_display = ["office", "step", "working_days"]
    copy_view_enabled = False
    add_view_class = TimeLimitCreateView
    edit_view_class = TimeLimitEditView
    delete_view_class = TimeLimitDeleteView


class AuditEventIndexView(ScopedIndexView):
    def scope(self, queryset):
        return selectors.audit_events_visible_to(self.request.user, queryset).select_related(
            "actor", "object_type"
        )


class AuditEventInspectView(ScopedInspectView):
    """One event in words (core.audit_text): who by name, what, amounts in yuan, labels."""

    scope = AuditEventIndexView.scope

    def get_actor_display_value(self):
        return audit_text.person_name(self.object.actor)

    def get_action_display_value(self):
        return audit_text.action_label(self.object.action)

    def get_changes_display_value(self):
        return audit_text.describe_event(self.object).sentence or "—"


def _described(event) -> str:
    return audit_text.describe_event(event).sentence or "—"


# The list's columns in words: the actor by name, the action as a sentence, the changes with
# amounts in yuan and codes as labels (never fen, ids or True/False).
AUDIT_COLUMNS = [
    Column("created_at", label=_("time"), accessor="created_at"),
    Column("actor", label=_("actor"), accessor=lambda e: audit_text.person_name(e.actor)),
    Column("action", label=_("action"), accessor=lambda e: audit_text.action_label(e.action)),
    Column("object_repr", label=_("object"), accessor="object_repr"),
    Column("changes", label=_("changed fields"), accessor=_described),
]


# The audit log is append-only: not even a superuser gets add, edit or delete screens.
register_permission_policy(AuditEvent, LimitedPermissionPolicy(AuditEvent))
# Staff roles are granted (and revoked) through services, never edited or deleted in place.
register_permission_policy(
    Membership, LimitedPermissionPolicy(Membership, allowed=frozenset({"add", "view"}))
)


class AuditEventViewSet(ModelViewSet):
    model = AuditEvent
    icon = "history"
    menu_label = _("Audit log")
    list_display = AUDIT_COLUMNS
    list_filter = ["action"]
    search_fields = ["action", "object_repr", "request_id"]
    inspect_view_enabled = True
    copy_view_enabled = False
    index_view_class = AuditEventIndexView
    inspect_view_class = AuditEventInspectView
    inspect_view_fields = [
        "created_at",
        "actor",
        "action",
        "object_type",
        "object_id",
        "object_repr",
        "changes",
        "request_id",
        "ip_address",
    ]
    form_fields = []


class PlatformViewSetGroup(ModelViewSetGroup):
    menu_label = _("Platform")
    menu_icon = "cogs"
    menu_order = 900
    items = (
        OrganisationViewSet("organisations"),
        MembershipViewSet("memberships"),
        HolidayViewSet("holidays"),
        OfficeTimeLimitViewSet("time_limits"),
        AuditEventViewSet("audit_log"),
    )


@hooks.register("register_admin_viewset")
def register_platform_viewsets():
    return PlatformViewSetGroup()


# The region picker (core/widgets.py) and the list screens' grid on every back-office screen:
# the hand-built templates do not print their forms' media, and the files are small.
@hooks.register("insert_global_admin_css")
def region_picker_css():
    return format_html(
        '<link rel="stylesheet" href="{}"><link rel="stylesheet" href="{}">',
        static("css/region-picker.css"),
        static("css/back-office.css"),
    )


@hooks.register("insert_global_admin_js")
def region_picker_js():
    return format_html('<script src="{}" defer></script>', static("js/region-picker.js"))


# The sidebar's account menu shows ``first_name``, which for a Chinese name is the given name
# alone (芳): show the name as its reader expects it (王芳; core.models.User.get_short_name).
_main_menu_js_args = MainMenuModule.js_args


def _main_menu_js_args_with_name(self):
    args = _main_menu_js_args(self)
    name = getattr(self.user, "get_short_name", lambda: "")()
    if name:
        args[2]["name"] = name
    return args


MainMenuModule.js_args = _main_menu_js_args_with_name
