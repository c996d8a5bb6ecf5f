"""The dashboard's and the exports' filter form: a period of local days and one office."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.filtersets import PeriodDateField
from supervision.selectors import Filters, offices_visible_to


class SupervisionFilterForm(forms.Form):
    start = PeriodDateField(label=_("from"), required=False)
    end = PeriodDateField(label=_("until"), required=False)
    office = forms.TypedChoiceField(label=_("office"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office"].choices = [
            ("", _("all offices")),
            *((str(o.pk), o.name) for o in offices_visible_to(user)),
        ]

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            self.add_error("end", _("The end of the period comes before its start."))
        return data

    def filters(self) -> tuple[Filters, list[str]]:
        """The filters that could be read, and a note for each one left out (never an error
        page: a bad filter is ignored and said so)."""
        if not self.is_bound:
            return Filters(), []
        self.is_valid()
        notes = [
            _("%(field)s: %(error)s That filter was left out.")
            % {"field": self.fields[name].label, "error": errors[0]}
            for name, errors in self.errors.items()
            if name in self.fields
        ]
        data = self.cleaned_data
        return (
            Filters(
                start=data.get("start") if "start" not in self.errors else None,
                end=data.get("end") if "end" not in self.errors else None,
                office_id=data.get("office") if "office" not in self.errors else None,
            ),
            notes,
        )
