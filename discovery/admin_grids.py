"""Back-office screens of the grid network (网格工作): townships and villages, grids, households
in grids, cadre-household pairing and its visits, zero reports and the missing ones.

Wagtail model viewsets as core's screens are: every list reads through the jurisdiction
selectors (discovery.selectors_grids), every form saves through one service; who may open a
screen follows the staff roles, not Django model permissions.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from core.jurisdiction import GOVERNMENT_ROLES, Role, active_memberships, has_role
from core.models import Region, User
from core.regions import region_create_below_county, region_name_en_set
from core.views_admin import ScopedIndexView, ServiceCreateView, ServiceEditView
from core.widgets import RegionField
from discovery import selectors_grids as selectors
from discovery.models import CadrePairing, Grid, GridHousehold, PairingVisit, ZeroReport
from discovery.services import grids as services
from discovery.services.zero_reports import zero_report_submit
from needs.models import Household

COUNTY, TOWNSHIP, VILLAGE = Region.Level.COUNTY, Region.Level.TOWNSHIP, Region.Level.VILLAGE


class RolePolicy(BasePermissionPolicy):
    """Who may open a screen: readers list, the named roles add and change."""

    def __init__(self, model, *, writers=GOVERNMENT_ROLES, editable: bool = False):
        super().__init__(model)
        self.writers = tuple(writers)
        self.editable = editable

    def user_has_permission(self, user, action):
        if action == "view":
            return has_role(user, *selectors.READERS)
        if action == "add" or (action == "change" and self.editable):
            return has_role(user, *self.writers)
        return False

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions)

    def instances_user_has_any_permission_for(self, user, actions):
        return self.model._default_manager.none()

    def users_with_any_permission(self, actions):
        return User.objects.none()


def _office_regions(user) -> list[Region]:
    """The regions of the user's government offices (what their pickers offer)."""
    return [
        m.organisation.region
        for m in active_memberships(user)
        if m.role in GOVERNMENT_ROLES and m.organisation.is_government
    ]


def _yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


class _UserForm(WagtailAdminModelForm):
    """A form that limits its region pickers to the user's offices' regions."""

    region_fields: tuple[str, ...] = ()

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        for name in self.region_fields:
            if name in self.fields and for_user is not None:
                self.fields[name].roots = lambda user=for_user: _office_regions(user)


class _Viewset(ModelViewSet):
    copy_view_enabled = False
    inspect_view_enabled = False
    form_class_for_create: type[forms.Form]
    form_class_for_update: type[forms.Form] | None = None

    def get_form_class(self, for_update=False):
        if for_update and self.form_class_for_update is not None:
            return self.form_class_for_update
        return self.form_class_for_create


# ---- townships and villages ----


class LocalRegionForm(_UserForm):
    region_fields = ("parent",)
    parent = RegionField(label=_("county or township above"), min_level=COUNTY, max_level=TOWNSHIP)
    code = forms.CharField(
        label=_("statistical division code"),
        max_length=12,
        help_text=_("统计用区划代码, twelve digits, e.g. 220104001000 or 220104001001."),
    )

    class Meta:
        model = Region
        fields = ["parent", "code", "name", "name_en"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name_en"].required = False
        self.fields["name_en"].help_text = _("Leave blank to have it made from the Chinese name.")


class LocalRegionCreateView(ServiceCreateView):
    def call_service(self, data):
        return region_create_below_county(by=self.request.user, **data)


def _local_regions(user, queryset):
    return selectors.visible_to(
        queryset.filter(level__gte=TOWNSHIP), user, region_field="code", roles=selectors.READERS
    ).order_by("path")


class LocalRegionIndexView(ScopedIndexView):
    def scope(self, queryset):
        return _local_regions(self.request.user, queryset)


class LocalRegionNameForm(WagtailAdminModelForm):
    """Correct a township's or village's English name (shown on the English public pages)."""

    class Meta:
        model = Region
        fields = ["name_en"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name_en"].required = True
        self.fields["name_en"].help_text = _(
            "Shown on the English pages; in Latin letters (pinyin)."
        )


class LocalRegionNameEditView(ServiceEditView):
    """The edit screen of a township or village: its English name, through the one service.
    A region outside the reader's jurisdiction is not found (404), as on the list; a reader
    who may not change it (an auditor, a village assistant) gets the 403 page of the app's
    other screens rather than Wagtail's redirect to the dashboard."""

    def dispatch(self, request, *args, **kwargs):
        from needs.admin_views.common import forbidden

        if not self.permission_policy.user_has_permission(request.user, "change"):
            return forbidden(request)
        return super().dispatch(request, *args, **kwargs)

    def get_object(self, queryset=None):
        return get_object_or_404(
            _local_regions(self.request.user, Region.objects.all()), pk=self.kwargs["pk"]
        )

    def call_service(self, data):
        # The form has already put the new name on self.object; the service compares
        # against the stored one.
        region = Region.objects.get(pk=self.object.pk)
        return region_name_en_set(by=self.request.user, region=region, name_en=data["name_en"])


class LocalRegionViewSet(_Viewset):
    model = Region
    icon = "site"
    menu_label = _("Townships and villages")
    list_display = ["code", "name", "name_en", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["name", "code"]
    form_class_for_create = LocalRegionForm
    form_class_for_update = LocalRegionNameForm
    add_view_class = LocalRegionCreateView
    edit_view_class = LocalRegionNameEditView
    index_view_class = LocalRegionIndexView


# ---- grids ----


class GridForm(_UserForm):
    region_fields = ("region",)
    region = RegionField(label=_("village or community"), min_level=VILLAGE, max_level=VILLAGE)

    class Meta:
        model = Grid
        fields = ["region", "name", "leader"]


class GridEditForm(WagtailAdminModelForm):
    class Meta:
        model = Grid
        fields = ["name", "leader", "is_active"]


class GridCreateView(ServiceCreateView):
    def call_service(self, data):
        return services.grid_create(by=self.request.user, **data)


class GridEditView(ServiceEditView):
    def call_service(self, data):
        return services.grid_update(by=self.request.user, grid=self.object, **data)


class GridIndexView(ScopedIndexView):
    def scope(self, queryset):
        return selectors.grids_visible_to(self.request.user, queryset).select_related(
            "region", "leader"
        )


class GridViewSet(_Viewset):
    model = Grid
    icon = "table"
    menu_label = _("Grids")
    list_display = [
        "name",
        Column("region", label=_("village or community"), accessor=lambda g: g.region.name),
        "leader",
        Column("is_active", label=_("active"), accessor=lambda g: _yes_no(g.is_active)),
    ]
    list_filter = ["is_active"]
    search_fields = ["name", "region__name"]
    form_class_for_create = GridForm
    form_class_for_update = GridEditForm
    add_view_class = GridCreateView
    edit_view_class = GridEditView
    index_view_class = GridIndexView


# ---- households in grids ----


class GridHouseholdForm(WagtailAdminModelForm):
    """The household by its number (no names on this screen), the grid among those visible."""

    household = forms.IntegerField(label=_("household number"), min_value=1)

    class Meta:
        model = GridHousehold
        fields = ["household", "grid"]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.fields["grid"].queryset = selectors.grids_visible_to(
            for_user, Grid.objects.filter(is_active=True)
        ).select_related("region")

    def clean_household(self):
        number = self.cleaned_data["household"]
        household = Household.objects.filter(pk=number).first()
        if household is None:
            raise forms.ValidationError(_("There is no household with this number."))
        return household

    def _post_clean(self):
        pass  # the service checks the assignment (one per household, jurisdiction)


class GridHouseholdCreateView(ServiceCreateView):
    def call_service(self, data):
        return services.grid_household_assign(by=self.request.user, **data)


class GridHouseholdIndexView(ScopedIndexView):
    def scope(self, queryset):
        return selectors.grid_households_visible_to(self.request.user, queryset).select_related(
            "grid__region"
        )


class GridHouseholdViewSet(_Viewset):
    model = GridHousehold
    icon = "home"
    menu_label = _("Households in grids")
    list_display = [
        Column("household", label=_("household"), accessor=lambda a: str(a.household_id)),
        "grid",
        "assigned_at",
    ]
    form_class_for_create = GridHouseholdForm
    add_view_class = GridHouseholdCreateView
    index_view_class = GridHouseholdIndexView


# ---- cadre-household pairing ----


class PairingForm(WagtailAdminModelForm):
    household = forms.IntegerField(label=_("household number"), min_value=1, required=False)

    class Meta:
        model = CadrePairing
        fields = ["cadre", "grid", "household", "visit_interval_days"]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.fields["grid"].queryset = selectors.grids_visible_to(
            for_user, Grid.objects.filter(is_active=True)
        ).select_related("region")
        self.fields["cadre"].queryset = User.objects.filter(is_active=True)

    def clean_household(self):
        number = self.cleaned_data.get("household")
        if not number:
            return None
        household = Household.objects.filter(pk=number).first()
        if household is None:
            raise forms.ValidationError(_("There is no household with this number."))
        return household

    def _post_clean(self):
        pass  # the service checks the pairing


class PairingCreateView(ServiceCreateView):
    def call_service(self, data):
        return services.pairing_create(by=self.request.user, **data)


class PairingIndexView(ScopedIndexView):
    def scope(self, queryset):
        return selectors.pairings_visible_to(self.request.user, queryset).select_related(
            "cadre", "grid__region", "region"
        )


class PairingViewSet(_Viewset):
    model = CadrePairing
    icon = "user"
    menu_label = _("Cadre-household pairing")
    list_display = [
        "cadre",
        Column("area", label=_("grid or household"), accessor=lambda p: str(p)),
        "visit_interval_days",
        "last_visited_on",
        "next_visit_due_on",
        Column("is_active", label=_("active"), accessor=lambda p: _yes_no(p.is_active)),
    ]
    list_filter = ["is_active"]
    form_class_for_create = PairingForm
    add_view_class = PairingCreateView
    index_view_class = PairingIndexView


class PairingVisitForm(WagtailAdminModelForm):
    class Meta:
        model = PairingVisit
        fields = ["pairing", "visited_on", "note", "found_hardship"]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.fields["pairing"].queryset = selectors.pairings_visible_to(
            for_user, CadrePairing.objects.filter(is_active=True)
        ).select_related("cadre", "grid__region")

    def _post_clean(self):
        pass


class PairingVisitCreateView(ServiceCreateView):
    def get_initial(self):
        initial = super().get_initial()
        if self.request.GET.get("pairing", "").isdigit():
            initial["pairing"] = int(self.request.GET["pairing"])
        initial.setdefault("visited_on", timezone.localdate())
        return initial

    def call_service(self, data):
        return services.pairing_visit_record(by=self.request.user, **data)


class PairingVisitIndexView(ScopedIndexView):
    def scope(self, queryset):
        return selectors.pairing_visits_visible_to(self.request.user, queryset).select_related(
            "pairing__cadre", "pairing__grid__region"
        )


class PairingVisitViewSet(_Viewset):
    model = PairingVisit
    icon = "date"
    menu_label = _("Pairing visits")
    list_display = [
        "pairing",
        "visited_on",
        Column(
            "found", label=_("found new hardship"), accessor=lambda v: _yes_no(v.found_hardship)
        ),
        "recorded_by",
    ]
    form_class_for_create = PairingVisitForm
    add_view_class = PairingVisitCreateView
    index_view_class = PairingVisitIndexView


# ---- zero reports ----


class ZeroReportForm(WagtailAdminModelForm):
    """A grid's report, or a whole village's when it has no grids."""

    village = RegionField(
        label=_("village without grids"), min_level=VILLAGE, max_level=VILLAGE, required=False
    )
    period = forms.DateField(
        label=_("period (month)"),
        help_text=_("Any day of the month reported."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = ZeroReport
        fields = ["grid", "village", "period", "outcome", "households_found", "findings"]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.fields["grid"].queryset = selectors.grids_visible_to(
            for_user, Grid.objects.filter(is_active=True)
        ).select_related("region")
        self.fields["grid"].required = False

    def _post_clean(self):
        pass  # the service checks the report (once per period, jurisdiction)


class ZeroReportCreateView(ServiceCreateView):
    def get_initial(self):
        return {**super().get_initial(), "period": timezone.localdate()}

    def call_service(self, data):
        return zero_report_submit(by=self.request.user, **data)


class ZeroReportIndexView(ScopedIndexView):
    def scope(self, queryset):
        return selectors.zero_reports_visible_to(self.request.user, queryset).select_related(
            "grid__region", "region", "reported_by"
        )


class ZeroReportViewSet(_Viewset):
    model = ZeroReport
    icon = "doc-full"
    menu_label = _("Zero reports")
    list_display = [
        Column("unit", label=_("grid or village"), accessor=lambda r: str(r.grid or r.region)),
        Column("period", label=_("period (month)"), accessor=lambda r: f"{r.period:%Y-%m}"),
        "outcome",
        "households_found",
        "reported_by",
        "reported_at",
    ]
    list_filter = ["outcome", "period"]
    form_class_for_create = ZeroReportForm
    add_view_class = ZeroReportCreateView
    index_view_class = ZeroReportIndexView


# Who may open each screen: readers list; government staff add (and change grids); visits and
# zero reports are also recorded by the village assistant (协理员).
# Correcting an English name is the only change (core.regions.region_name_en_set).
register_permission_policy(
    Region, RolePolicy(Region, writers=(*GOVERNMENT_ROLES, Role.PLATFORM_ADMIN), editable=True)
)
register_permission_policy(Grid, RolePolicy(Grid, editable=True))
register_permission_policy(GridHousehold, RolePolicy(GridHousehold))
register_permission_policy(CadrePairing, RolePolicy(CadrePairing))
register_permission_policy(PairingVisit, RolePolicy(PairingVisit, writers=selectors.RECORDERS))
register_permission_policy(ZeroReport, RolePolicy(ZeroReport, writers=selectors.RECORDERS))


class GridWorkGroup(ModelViewSetGroup):
    menu_label = _("Grid work")
    menu_icon = "table"
    menu_order = 250
    items = (
        ZeroReportViewSet("zero_reports"),
        GridViewSet("grids"),
        GridHouseholdViewSet("grid_households"),
        PairingViewSet("pairings"),
        PairingVisitViewSet("pairing_visits"),
        LocalRegionViewSet("local_regions"),
    )


# ---- the missing reports ----


class MissingFilterForm(forms.Form):
    within = RegionField(label=_("within region"), min_level=1, max_level=VILLAGE, required=False)
    period = forms.DateField(
        label=_("period (month)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


def zero_reports_missing(request):
    """Per county (or township) of the reader's jurisdiction: how many grids and villages
    must report this month, how many have, and the grids and villages still silent."""
    from needs.admin_views.common import forbidden

    user = request.user
    if not selectors.may_read(user):
        return forbidden(request)
    form = MissingFilterForm(request.GET or None)
    within, period = None, selectors.current_period()
    if form.is_valid():
        within = form.cleaned_data["within"]
        if form.cleaned_data["period"]:
            period = selectors.period_of(form.cleaned_data["period"])
    by_level = TOWNSHIP if within is not None and within.level >= COUNTY else COUNTY
    figures = selectors.zero_report_figures(user, period=period, within=within, by_level=by_level)
    missing = selectors.missing_reports(user, period=period, within=within, limit=200)
    return TemplateResponse(
        request,
        "discovery/admin/zero_reports_missing.html",
        {
            "form": form,
            "figures": figures,
            "period_text": f"{period:%Y-%m}",
            "missing": missing,
            "by_township": by_level == TOWNSHIP,
            "report_url": reverse("zero_reports:add"),
            "deadline": selectors.period_end(period),
            "today": dt.date.today(),
        },
    )


def admin_urls():
    return [
        path(
            "grid-work/zero-reports/missing/",
            zero_reports_missing,
            name="zero_reports_missing",
        )
    ]
