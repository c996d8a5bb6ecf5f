"""The form that records an appropriation to an office's relief budget (拨款)."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.jurisdiction import Role, visible_to
from core.models import Organisation
from donors.admin_forms.base import MoneyForm, YuanField
from donors.models import ReliefBudget


def budget_offices_for(user):
    """The government offices whose relief money ``user`` manages: those in the regions
    where they are a supervisor (the service checks again)."""
    return visible_to(
        Organisation.objects.filter(kind=Organisation.Kind.GOVERNMENT_OFFICE, is_active=True),
        user,
        region_field="region",
        roles=[Role.SUPERVISOR],
    ).order_by("region_id", "name")


class AppropriationForm(MoneyForm):
    office = forms.ModelChoiceField(label=_("office"), queryset=Organisation.objects.none())
    year = forms.IntegerField(label=_("year"), min_value=2000, max_value=2100)
    scheme = forms.ChoiceField(label=_("scheme"), choices=ReliefBudget.Scheme.choices)
    amount = YuanField(label=_("amount"))
    reference = forms.CharField(
        label=_("appropriation document number"),
        max_length=100,
        help_text=_("The number of the document that appropriated the money (文号)."),
    )
    received_on = forms.DateField(label=_("received on"))
    memo = forms.CharField(label=_("memo"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = budget_offices_for(self.user)
        today = timezone.localdate()
        self.fields["year"].initial = today.year
        self.fields["received_on"].initial = today


class StatementPeriodForm(forms.Form):
    """The period of a statement: both days included."""

    date_from = forms.DateField(label=_("from"), required=False)
    date_to = forms.DateField(label=_("to"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", _("The end of the period is before its start."))
        return data
