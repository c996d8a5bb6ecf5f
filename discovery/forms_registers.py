"""Forms of the active-discovery screens: the hotline register, visits and proxy applications.

As elsewhere, forms only read input; the services check every rule and their errors come back
onto these forms by field name.
"""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.models import Organisation, Region
from discovery.models import Grid, HotlineCall, ProxyApplication, Visit
from discovery.selectors_registers import village_committee_ids
from needs.admin_forms.actions import ServiceForm
from needs.admin_forms.case_report import (
    CaseReportForm,
    CountyChoiceField,
    counties_within,
    government_offices,
)
from needs.models import Case

# The household part of CaseReportForm: dropped when a visit goes to a household on record.
HOUSEHOLD_FIELDS = [
    "county",
    "township",
    "address_detail",
    "phone",
    "head_name",
    "head_id_number",
    "head_age",
    "head_has_disability",
    "head_has_serious_illness",
    "statuses",
]


# ---- the hotline register ----


class HotlineRecordForm(ServiceForm):
    office = forms.ModelChoiceField(label=_("office"), queryset=None)
    caller_name = forms.CharField(label=_("caller's name"), max_length=64)
    caller_phone = forms.CharField(label=_("caller's phone"), max_length=32)
    callback_phone = forms.CharField(
        label=_("call-back number"),
        max_length=32,
        required=False,
        help_text=_("Leave empty to call back on the caller's phone."),
    )
    region = CountyChoiceField(
        label=pgettext_lazy("place", "county"),
        queryset=Region.objects.none(),
        help_text=_("Where the person concerned lives."),
    )
    township = forms.CharField(label=_("township or street"), max_length=64, required=False)
    topic = forms.ChoiceField(label=_("what it is about"), choices=HotlineCall.Topic.choices)
    need = forms.CharField(label=_("what they need"), widget=forms.Textarea(attrs={"rows": 4}))
    received_at = forms.DateTimeField(
        label=_("received at"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Leave empty for now."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offices = government_offices(self.user).order_by("name")
        self.fields["office"].queryset = offices
        if offices.count() == 1:
            self.fields["office"].initial = offices.first().pk
        counties = counties_within(offices)
        self.fields["region"].queryset = counties
        if counties.count() == 1:
            self.fields["region"].initial = counties.first().pk


class CallBackForm(ServiceForm):
    note = forms.CharField(
        label=_("what the caller was told"), widget=forms.Textarea(attrs={"rows": 3})
    )


class CallCloseForm(ServiceForm):
    outcome = forms.CharField(
        label=_("outcome"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("How the request was answered without a case."),
    )


class HotlineToCaseForm(CaseReportForm):
    """ "Make a case": the case report form without office and channel (the call gives them);
    the call's need is the narrative unless another is written."""

    def __init__(self, *args, call: HotlineCall, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("office", "channel"):
            del self.fields[name]
        self.fields["narrative"].required = False
        self.fields["narrative"].help_text = _("Leave empty to use what the caller said.")
        if call.topic in Case.Category.values:
            self.fields["category"].initial = call.topic
        self.fields["county"].initial = call.region_id
        self.fields["township"].initial = call.township


# ---- visits ----


class VisitRecordForm(CaseReportForm):
    """A visit: to a household on record (``household`` given) or to one described here.

    A village assistant (协理员) records for their village committee: the county offered is
    their village's, and a new household is placed in one of their village's grids."""

    # An <input type="date"> takes only ISO dates: a localized initial value would show empty.
    visited_on = forms.DateField(
        label=_("visited on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    visitor_kind = forms.ChoiceField(label=_("visited by"), choices=Visit.Visitor.choices)
    visitor_name = forms.CharField(label=_("visitor's name"), max_length=64, required=False)
    observations = forms.CharField(
        label=_("observations"), widget=forms.Textarea(attrs={"rows": 5})
    )
    needs_help = forms.BooleanField(label=_("needs help now"), required=False)

    error_fields = {**CaseReportForm.error_fields, "household": "head_name"}

    def __init__(self, *args, household=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.household = household
        for name in ("channel", "category", "narrative", "urgency", "is_emergency"):
            del self.fields[name]
        self.fields["key_groups"].label = _("key groups seen (八类重点对象)")
        if household is not None:
            for name in [*self.fields]:
                if name in HOUSEHOLD_FIELDS or name.startswith("member"):
                    del self.fields[name]
            self.error_fields = {**self.error_fields, "household": "key_groups"}
        committees = village_committee_ids(self.user)
        if committees:
            self._for_village_assistant(committees)

    def _for_village_assistant(self, committees: list[int]) -> None:
        government = self.fields["office"].queryset
        if not government.exists():
            self.fields["visitor_kind"].initial = Visit.Visitor.ASSISTANT
        offices = Organisation.objects.filter(
            Q(pk__in=government.values("pk")) | Q(pk__in=committees)
        ).order_by("name")
        self.fields["office"].queryset = offices
        if offices.count() == 1:
            self.fields["office"].initial = offices.first().pk
        villages = list(
            Region.objects.filter(organisations__pk__in=committees)
            .select_related("parent")
            .distinct()
        )
        if self.household is not None:
            return
        county_codes = {code for village in villages for code in village.ancestor_codes}
        counties = Region.objects.filter(
            Q(pk__in=self.fields["county"].queryset.values("pk"))
            | Q(code__in=county_codes, level=Region.Level.COUNTY)
        ).order_by("code")
        self.fields["county"].queryset = counties
        if counties.count() == 1:
            self.fields["county"].initial = counties.first().pk
        if len(villages) == 1 and villages[0].parent is not None:
            self.fields["township"].initial = villages[0].parent.name
        grids = Grid.objects.filter(region__in=villages, is_active=True).select_related("region")
        self.fields["grid"] = forms.ModelChoiceField(
            label=_("grid"),
            queryset=grids.order_by("region_id", "name"),
            required=False,
            help_text=_("The grid of your village where the household lives."),
        )
        if grids.count() == 1:
            self.fields["grid"].initial = grids.first().pk

    def member_rows(self):
        return [] if self.household is not None else super().member_rows()


class VisitToCaseForm(ServiceForm):
    category = forms.ChoiceField(label=_("category"), choices=Case.Category.choices)
    narrative = forms.CharField(
        label=_("what happened"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Leave empty to use the visit's observations."),
    )
    urgency = forms.TypedChoiceField(
        label=_("urgency"), choices=Case.Urgency.choices, coerce=int, initial=Case.Urgency.NORMAL
    )
    is_emergency = forms.BooleanField(label=_("emergency"), required=False)


class VisitHelpDealtWithForm(ServiceForm):
    note = forms.CharField(
        label=_("what was done"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "How the household was helped without a case made here: helped at once, referred "
            "to another office, a case already open elsewhere..."
        ),
    )


# ---- proxy application ----


class ProxyApplicationForm(CaseReportForm):
    """The case report form, filed through the proxy channel with who it is for and why."""

    filed_for_name = forms.CharField(
        label=_("filed for"),
        max_length=64,
        help_text=_("The person who wants help but cannot apply."),
    )
    reason = forms.ChoiceField(
        label=_("why they cannot apply"), choices=ProxyApplication.Reason.choices
    )
    reason_note = forms.CharField(
        label=_("details"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    proxy_name = forms.CharField(
        label=_("proxy's name"),
        max_length=64,
        required=False,
        help_text=_("Who applies on their behalf; leave empty for yourself."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["channel"]
