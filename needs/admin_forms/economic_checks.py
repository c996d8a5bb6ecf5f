"""Forms of the economic-status check screens (核对): they only read and convert input (yuan to
fen); the rules are checked by needs.services.economic_checks."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from needs.admin_forms.actions import ServiceForm, YuanField
from needs.models import CheckAuthorization, EconomicCheck, EconomicCheckItem
from needs.services.economic_checks import ResultItem

ItemKind = EconomicCheckItem.Kind
DATE = forms.DateInput(attrs={"type": "date"})


class CheckAuthorizationForm(ServiceForm):
    method = forms.ChoiceField(label=_("how"), choices=CheckAuthorization.Method.choices)
    signed_by_name = forms.CharField(label=_("signed by"), max_length=64)
    signed_on = forms.DateField(label=_("signed on"), widget=DATE)
    scan = forms.FileField(
        label=_("scanned authorization"),
        required=False,
        help_text=_("Optional: a scan or photo of the signed form."),
    )


class CheckRequestForm(ServiceForm):
    purpose = forms.CharField(
        label=_("purpose"),
        max_length=200,
        required=False,
        help_text=_("For example: temporary relief, 低保 application."),
    )


class CheckCancelForm(ServiceForm):
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea(attrs={"rows": 2}))


class CheckResultForm(ServiceForm):
    """The checking body's result: one amount (in yuan) per kind of income and asset; a kind
    left empty was not found."""

    checking_body = forms.CharField(label=_("checking body"), max_length=128)
    checked_on = forms.DateField(label=_("checked on"), widget=DATE)
    conclusion = forms.ChoiceField(
        label=_("conclusion"), choices=[("", "—"), *EconomicCheck.Conclusion.choices]
    )
    conclusion_note = forms.CharField(
        label=_("note on the conclusion"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    reference = forms.CharField(
        label=_("checking platform reference"), max_length=64, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in ItemKind:
            category = _("income") if kind in EconomicCheckItem.INCOME_KINDS else _("asset")
            self.fields[f"item_{kind.value}"] = YuanField(
                label=f"{category} · {kind.label}", required=False, allow_zero=True, help_text=""
            )


def result_items(cleaned_data: dict) -> list[ResultItem]:
    """The amounts a result form was given, one per kind filled in."""
    items = []
    for kind in ItemKind:
        amount = cleaned_data.get(f"item_{kind.value}")
        if amount is None:
            continue
        category = "income" if kind in EconomicCheckItem.INCOME_KINDS else "asset"
        items.append(ResultItem(category, kind.value, amount))
    return items


class CheckImportForm(ServiceForm):
    file = forms.FileField(
        label=_("the checking platform's export"),
        help_text=_("CSV (UTF-8 or GBK) or .xlsx, one row per amount; see the format below."),
    )


class CheckPolicyForm(ServiceForm):
    """An office's threshold and validity (a supervisor's; needs.EconomicCheckPolicy)."""

    error_fields = {"relief_threshold_fen": "relief_threshold"}

    office = forms.ModelChoiceField(label=_("office"), queryset=None)
    relief_threshold = YuanField(
        label=_("relief above this amount needs a current check"),
        required=False,
        allow_zero=True,
        help_text=_("In yuan (元). Empty: no check is required before relief."),
    )
    validity_days = forms.IntegerField(label=_("a check stays current for (days)"), min_value=1)

    def __init__(self, *args, offices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = offices
