"""The back-office forms of reports upward and inspections: they read the input; the rules
are the services' (supervision.services_reports, supervision.services_inspections)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from core import form_tokens
from core.jurisdiction import GOVERNMENT_ROLES, active_memberships, scope_for
from core.models import Membership, Organisation, Region
from supervision.models import SelfInspectionItem, SpotCheckCase


def _government_offices_of(user, roles=GOVERNMENT_ROLES):
    ids = [
        m.organisation_id
        for m in active_memberships(user)
        if m.role in roles and m.organisation.kind == Organisation.Kind.GOVERNMENT_OFFICE
    ]
    return Organisation.objects.filter(pk__in=ids).order_by("name")


class MonthInput(forms.DateInput):
    input_type = "month"


class MonthField(forms.DateField):
    """A month as YYYY-MM (the browser's month picker) or a full date."""

    widget = MonthInput
    input_formats = ["%Y-%m", "%Y-%m-%d"]


class ReportGenerateForm(forms.Form):
    submission = form_tokens.token_field()  # sent once (core.form_tokens)
    office = forms.ModelChoiceField(label=_("office"), queryset=Organisation.objects.none())
    month = MonthField(label=_("month"), help_text=_("A month that has ended, e.g. 2026-03."))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = _government_offices_of(user)
        if not self.is_bound:
            first = dt.date.today().replace(day=1)
            self.initial["month"] = (first - dt.timedelta(days=1)).strftime("%Y-%m")


class NoteForm(forms.Form):
    submission = form_tokens.token_field()  # sent once (core.form_tokens)
    note = forms.CharField(
        label=_("note"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class EmptyForm(forms.Form):
    submission = form_tokens.token_field()  # sent once (core.form_tokens)


class CampaignCreateForm(forms.Form):
    submission = form_tokens.token_field()  # sent once (core.form_tokens)
    title = forms.CharField(label=_("title"), max_length=200)
    organiser = forms.ModelChoiceField(
        label=_("organising office"), queryset=Organisation.objects.none()
    )
    offices = forms.ModelMultipleChoiceField(
        label=_("offices inspected"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    period_start = forms.DateField(label=_("period from"), widget=forms.DateInput({"type": "date"}))
    period_end = forms.DateField(label=_("period to"), widget=forms.DateInput({"type": "date"}))
    self_inspection_due_on = forms.DateField(
        label=_("self-inspection due on"), widget=forms.DateInput({"type": "date"})
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organiser"].queryset = _government_offices_of(
            user, roles=[Membership.Role.SUPERVISOR]
        )
        scope = scope_for(user, roles=[Membership.Role.SUPERVISOR])
        regions = Region.objects.none()
        for path in scope.region_paths:
            regions |= Region.objects.filter(path__startswith=path)
        self.fields["offices"].queryset = Organisation.objects.filter(
            kind=Organisation.Kind.GOVERNMENT_OFFICE, is_active=True, region__in=regions
        ).order_by("name")


class SelfInspectionAnswerForm(forms.Form):
    submission = form_tokens.token_field()  # sent once (core.form_tokens)
    """One result and note per checklist item (fields ``result_<n>`` and ``note_<n>``)."""

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        for item in self.items:
            self.fields[f"result_{item.number}"] = forms.ChoiceField(
                label=f"{item.number}. {item.text}",
                choices=SelfInspectionItem.Result.choices,
                required=False,
                initial=item.result,
            )
            self.fields[f"note_{item.number}"] = forms.CharField(
                label=_("note"), required=False, initial=item.note
            )

    def answers(self) -> list[dict]:
        return [
            {
                "number": item.number,
                "result": self.cleaned_data[f"result_{item.number}"],
                "note": self.cleaned_data[f"note_{item.number}"],
            }
            for item in self.items
            if self.cleaned_data.get(f"result_{item.number}")
        ]


class SummaryForm(forms.Form):
    submission = form_tokens.token_field()  # sent once (core.form_tokens)
    summary = forms.CharField(
        label=_("self-inspection report"), widget=forms.Textarea(attrs={"rows": 4})
    )


class SpotCheckDrawForm(forms.Form):
    submission = form_tokens.token_field()  # sent once (core.form_tokens)
    office = forms.ModelChoiceField(label=_("office"), queryset=Organisation.objects.none())
    sample_size = forms.IntegerField(label=_("sample size"), min_value=1)
    seed = forms.IntegerField(
        label=_("random seed"),
        required=False,
        min_value=0,
        help_text=_("Leave empty for a fresh seed; it is recorded so the draw can be repeated."),
    )

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = Organisation.objects.filter(
            pk__in=campaign.self_inspections.values("office")
        ).order_by("name")


class FindingForm(forms.Form):
    submission = form_tokens.token_field()  # sent once (core.form_tokens)
    finding = forms.ChoiceField(
        label=_("finding"), choices=[c for c in SpotCheckCase.Finding.choices if c[0]]
    )
    note = forms.CharField(label=_("note"), required=False)


class RectificationForm(forms.Form):
    submission = form_tokens.token_field()  # sent once (core.form_tokens)
    office = forms.ModelChoiceField(label=_("office"), queryset=Organisation.objects.none())
    description = forms.CharField(
        label=_("what to put right"), widget=forms.Textarea(attrs={"rows": 3})
    )
    owner = forms.ModelChoiceField(label=_("owner"), queryset=Membership.objects.none())
    due_on = forms.DateField(label=_("due on"), widget=forms.DateInput({"type": "date"}))
    finding = forms.ModelChoiceField(
        label=_("finding"), queryset=SpotCheckCase.objects.none(), required=False
    )

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        offices = campaign.self_inspections.values("office")
        self.fields["office"].queryset = Organisation.objects.filter(pk__in=offices)
        owners = Membership.objects.filter(
            organisation__in=offices, role__in=list(GOVERNMENT_ROLES), is_active=True
        ).select_related("user", "organisation")
        self.fields["owner"].queryset = owners
        self.fields["owner"].label_from_instance = lambda m: (
            f"{m.user.get_full_name() or m.user.username} · {m.organisation.name}"
        )
        self.fields["finding"].queryset = SpotCheckCase.objects.filter(
            spot_check__campaign=campaign, finding=SpotCheckCase.Finding.PROBLEM
        ).select_related("case", "spot_check__office")
        self.fields["finding"].label_from_instance = lambda s: (
            f"{s.case.number} · {s.spot_check.office.name}"
        )


class DoneForm(forms.Form):
    submission = form_tokens.token_field()  # sent once (core.form_tokens)
    note = forms.CharField(label=_("what was done"), widget=forms.Textarea(attrs={"rows": 3}))


class CloseForm(forms.Form):
    submission = form_tokens.token_field()  # sent once (core.form_tokens)
    closing_report = forms.CharField(
        label=_("closing report"), widget=forms.Textarea(attrs={"rows": 6})
    )
