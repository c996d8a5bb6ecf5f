"""Forms of the data cross-check screens: the upload with its column mapping, and the four
dispositions of a risk warning. The services check every rule."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.jurisdiction import GOVERNMENT_ROLES
from core.models import Organisation, Region, User
from discovery.crosscheck_files import FIELDS
from discovery.models import CrossCheckImport
from needs.admin_forms.actions import ServiceForm
from needs.admin_forms.case_report import (
    CountyChoiceField,
    counties_within,
    government_offices,
)
from needs.models import AssistanceType, Case

MAPPING_HELP = _("The column's header in the file; leave empty to recognise it automatically.")


class CrossCheckUploadForm(ServiceForm):
    office = forms.ModelChoiceField(label=_("office"), queryset=Organisation.objects.none())
    kind = forms.ChoiceField(label=_("list kind"), choices=CrossCheckImport.Kind.choices)
    source_department = forms.CharField(label=_("source department"), max_length=100)
    file = forms.FileField(
        label=_("list file"),
        help_text=_("CSV (UTF-8 or GBK) or Excel .xlsx; the first row holds the headers."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = government_offices(self.user)
        for name, label in FIELDS.items():
            self.fields[f"map_{name}"] = forms.CharField(
                label=_("column for %(field)s") % {"field": label},
                required=False,
                max_length=100,
                help_text=MAPPING_HELP,
            )

    def field_for_error(self, name: str) -> str | None:
        return "file" if name == "mapping" else super().field_for_error(name)

    @property
    def mapping_fields(self):
        return [self[f"map_{name}"] for name in FIELDS]

    def mapping(self) -> dict[str, str]:
        return {
            name: self.cleaned_data[f"map_{name}"].strip()
            for name in FIELDS
            if self.cleaned_data.get(f"map_{name}", "").strip()
        }


class StartProcedureForm(ServiceForm):
    category = forms.ChoiceField(label=_("category"), choices=Case.Category.choices)
    name = forms.CharField(
        label=_("name of the person"),
        required=False,
        max_length=64,
        help_text=_("Needed when the list gives no name."),
    )
    region = CountyChoiceField(
        label=_("county the person lives in"),
        queryset=Region.objects.filter(level=Region.Level.COUNTY),
        required=False,
    )
    narrative = forms.CharField(
        label=_("what happened"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    assistance_type = forms.ChoiceField(
        label=_("assistance to apply for"),
        choices=[("", _("none yet")), *AssistanceType.choices],
        required=False,
        help_text=_("Starts the household's application for this assistance as well."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = counties_within(government_offices(self.user))


class SuperviseForm(ServiceForm):
    assigned_to = forms.ModelChoiceField(label=_("assigned to"), queryset=User.objects.none())
    due_on = forms.DateField(label=_("due on"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(
        label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, warning=None, **kwargs):
        super().__init__(*args, **kwargs)
        if warning is not None:
            codes = [*warning.region.ancestor_codes, warning.region_id]
            self.fields["assigned_to"].queryset = (
                User.objects.filter(
                    is_active=True,
                    memberships__is_active=True,
                    memberships__role__in=GOVERNMENT_ROLES,
                    memberships__organisation__region__code__in=codes,
                )
                .distinct()
                .order_by("username")
            )


class ReferWarningForm(ServiceForm):
    note = forms.CharField(
        label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class EndAssistanceForm(ServiceForm):
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea(attrs={"rows": 3}))
