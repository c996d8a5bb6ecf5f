"""Forms of the special funds (专项基金) screens: create a fund, close it."""

from __future__ import annotations

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from core.jurisdiction import ORGANISATION_ROLES, has_role, scope_for
from core.models import Membership, Organisation
from core.widgets import RegionsField
from donors.admin_forms.base import MoneyForm
from needs.models import Case


def fund_owners_for(user) -> QuerySet[Organisation]:
    """The enterprises, foundations and charities whose funds ``user`` may set up: those
    where they are a fund manager or charity staff (every one for a platform administrator)."""
    owners = Organisation.objects.filter(
        is_active=True, kind__in=[Organisation.Kind.ENTERPRISE, Organisation.Kind.CHARITY]
    )
    if not has_role(user, Membership.Role.PLATFORM_ADMIN):
        owners = owners.filter(pk__in=scope_for(user, roles=ORGANISATION_ROLES).organisation_ids)
    return owners.order_by("name")


class FundCreateForm(MoneyForm):
    owner = forms.ModelChoiceField(
        label=_("owner"),
        queryset=Organisation.objects.none(),
        help_text=_("The enterprise, foundation or charity that holds the fund."),
    )
    holder = forms.ModelChoiceField(
        label=_("holding charity"),
        queryset=Organisation.objects.filter(
            is_active=True, kind=Organisation.Kind.CHARITY
        ).order_by("name"),
        required=False,
        help_text=_(
            "For an enterprise's fund: the charity it is set up in, which receives the gifts and "
            "issues the receipts. A charity's own fund is held by the charity: leave empty."
        ),
    )
    name = forms.CharField(label=_("name"), max_length=128)
    purpose = forms.CharField(label=_("purpose"), widget=forms.Textarea(attrs={"rows": 3}))
    categories = forms.MultipleChoiceField(
        label=_("categories it may pay for"),
        required=False,
        choices=Case.Category.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave all unticked if the fund may pay for any category."),
    )
    regions = RegionsField(
        label=_("regions it may pay for"),
        help_text=_(
            "Pick a province, a city or a county and press Add; a province or city covers "
            "every county in it. Leave empty for anywhere."
        ),
    )
    is_public = forms.BooleanField(
        label=_("shown on the public site"), required=False, initial=True
    )
    filing_number = forms.CharField(
        label=_("fundraising plan filing number"),
        max_length=64,
        required=False,
        help_text=_(
            "募捐方案备案编号 of the plan the fund raises from the public under (an "
            "enterprise's fund: its partner charity's filed plan). Without it, no online gifts."
        ),
    )
    filing_starts_on = forms.DateField(
        label=_("fundraising period from"), required=False, widget=forms.DateInput({"type": "date"})
    )
    filing_ends_on = forms.DateField(
        label=_("fundraising period until"),
        required=False,
        widget=forms.DateInput({"type": "date"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        owners = fund_owners_for(self.user)
        self.fields["owner"].queryset = owners
        if len(owners) == 1:
            self.fields["owner"].initial = owners[0].pk


class FundCloseForm(MoneyForm):
    """Closing takes no input: the fund takes no more donations or allocations."""
