"""Forms of the relatives' filing screens (近亲属备案); the rules are checked by
needs.services.relatives."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from needs.admin_forms.actions import ServiceForm
from needs.models import RelativeFiling


class RelativeFilingForm(ServiceForm):
    official_kind = forms.ChoiceField(
        label=_("the official is"),
        choices=RelativeFiling.OfficialKind.choices,
        help_text=_("Staff file their own relatives; a village cadre's are filed by the office."),
    )
    official_name = forms.CharField(
        label=_("official's name"),
        max_length=64,
        required=False,
        help_text=_("Only for a village or community cadre."),
    )
    relative_name = forms.CharField(label=_("relative's name"), max_length=64)
    relation = forms.ChoiceField(label=_("relation"), choices=RelativeFiling.Relation.choices)
    id_number = forms.CharField(label=_("ID number"), max_length=24)


class FilingWithdrawForm(ServiceForm):
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea(attrs={"rows": 2}))
