"""Forms of the petition register and concentrated-survey screens. As elsewhere, forms only
read input; the services check every rule and their errors come back by field name."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core import form_tokens
from core.models import Region, User
from discovery.models import Petition, Survey
from needs.admin_forms.actions import ServiceForm
from needs.admin_forms.case_report import (
    CaseReportForm,
    CountyChoiceField,
    counties_within,
    government_offices,
)

_DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _offices_and_counties(form, county_field: str) -> None:
    offices = government_offices(form.user).order_by("name")
    form.fields["office"].queryset = offices
    if offices.count() == 1:
        form.fields["office"].initial = offices.first().pk
    counties = counties_within(offices)
    form.fields[county_field].queryset = counties
    if counties.count() == 1:
        form.fields[county_field].initial = counties.first().pk


# ---- the petition register ----


class PetitionRegisterForm(ServiceForm):
    office = forms.ModelChoiceField(label=_("handling office"), queryset=None)
    form = forms.ChoiceField(label=_("form"), choices=Petition.Form.choices)
    petitioner_name = forms.CharField(label=_("petitioner's name"), max_length=64)
    petitioner_phone = forms.CharField(label=_("petitioner's phone"), max_length=32, required=False)
    petitioner_id_number = forms.CharField(
        label=_("petitioner's ID number"),
        max_length=32,
        required=False,
        help_text=_("Optional; 18 digits (or the old 15). Stored encrypted."),
    )
    region = CountyChoiceField(
        label=pgettext_lazy("place", "county"), queryset=Region.objects.none()
    )
    township = forms.CharField(label=_("township or street"), max_length=64, required=False)
    demand = forms.CharField(label=_("demand"), widget=forms.Textarea(attrs={"rows": 4}))
    received_at = forms.DateTimeField(
        label=_("received at"),
        required=False,
        widget=_DATETIME,
        help_text=_("Leave empty for now."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _offices_and_counties(self, "region")


class PetitionDecideForm(ServiceForm):
    accept = forms.TypedChoiceField(
        label=_("decision"),
        choices=[("yes", _("accept")), ("no", _("do not accept"))],
        coerce=lambda value: value == "yes",
    )
    reason = forms.CharField(
        label=_("why it is not accepted"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the petition is not accepted."),
    )
    decided_at = forms.DateTimeField(
        label=_("decided at"), required=False, widget=_DATETIME, help_text=_("Leave empty for now.")
    )


class PetitionExtendForm(ServiceForm):
    days = forms.IntegerField(label=_("extend by (days)"), min_value=1)
    reason = forms.CharField(
        label=_("reason for the extension"), widget=forms.Textarea(attrs={"rows": 3})
    )


class PetitionReplyForm(ServiceForm):
    reply = forms.CharField(label=_("reply"), widget=forms.Textarea(attrs={"rows": 4}))
    replied_at = forms.DateTimeField(
        label=_("replied at"), required=False, widget=_DATETIME, help_text=_("Leave empty for now.")
    )


class PetitionToCaseForm(CaseReportForm):
    """ "Make a case": the case report form without office and channel (the petition gives
    them); the demand is the narrative unless another is written."""

    def __init__(self, *args, petition: Petition, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("office", "channel"):
            del self.fields[name]
        self.fields["narrative"].required = False
        self.fields["narrative"].help_text = _("Leave empty to use the petitioner's demand.")
        self.fields["county"].initial = petition.region_id
        self.fields["township"].initial = petition.township


# ---- concentrated surveys ----


class SurveyCreateForm(ServiceForm):
    office = forms.ModelChoiceField(label=_("office"), queryset=None)
    name = forms.CharField(label=_("name"), max_length=128)
    reason = forms.ChoiceField(label=_("reason"), choices=Survey.Reason.choices)
    region = forms.ModelChoiceField(label=_("region"), queryset=Region.objects.none())
    starts_on = forms.DateField(label=_("starts on"), widget=_DATE)
    ends_on = forms.DateField(label=_("ends on"), widget=_DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _offices_and_counties(self, "region")


class SurveyAssignForm(ServiceForm):
    visitor = forms.ModelChoiceField(label=_("visitor"), queryset=User.objects.none())
    households = forms.CharField(
        label=_("household numbers"),
        required=False,
        help_text=_("Numbers of households on record, separated by commas."),
    )
    villages = forms.CharField(
        label=_("villages or communities"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line, where the households are not on record yet."),
    )

    def __init__(self, *args, visitors=None, **kwargs):
        super().__init__(*args, **kwargs)
        if visitors is not None:
            self.fields["visitor"].queryset = visitors
            self.fields["visitor"].label_from_instance = lambda u: (
                u.get_full_name() or u.get_username()
            )

    def clean_households(self) -> list[int]:
        raw = (self.cleaned_data.get("households") or "").replace("，", ",")
        try:
            return [int(part) for part in raw.split(",") if part.strip()]
        except ValueError as error:
            raise forms.ValidationError(
                _("Enter household numbers separated by commas.")
            ) from error

    def clean_villages(self) -> list[str]:
        return [line.strip() for line in (self.cleaned_data.get("villages") or "").splitlines()]


class SurveyVisitForm(ServiceForm):
    visited_on = forms.DateField(label=_("visited on"), widget=_DATE)
    finding = forms.CharField(label=_("finding"), widget=forms.Textarea(attrs={"rows": 3}))
    needs_help = forms.BooleanField(label=_("needs help now"), required=False)


class SurveyToCaseForm(CaseReportForm):
    """ "Make a case" of a village's finding: the case report form without office and channel,
    the household described here. (For a household on record, VisitToCaseForm.)"""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("office", "channel"):
            del self.fields[name]
        self.fields["narrative"].required = False
        self.fields["narrative"].help_text = _("Leave empty to use the finding.")


def service_data(form) -> dict:
    """The form's cleaned data as a service takes it: without the one-time token."""
    return {k: v for k, v in form.cleaned_data.items() if k != form_tokens.FIELD}
