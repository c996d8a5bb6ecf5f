"""Forms of the donations screens: the list filter, recording an offline donation, a refund."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.jurisdiction import ORGANISATION_ROLES, Role, has_role, scope_for
from donors.admin_forms.base import MoneyForm, TargetChoiceField, YuanField
from donors.models import Donation, Donor, Fund
from needs.models import Need
from projects.models import Project

FUND, PROJECT, NEED = "fund", "project", "need"


def _with_blank(choices) -> list[tuple[str, str]]:
    return [("", _("all")), *[(str(value), label) for value, label in choices]]


class DonationFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("status"), required=False)
    channel = forms.ChoiceField(label=_("channel"), required=False)
    receipt = forms.CharField(label=_("receipt number"), required=False, max_length=40)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = _with_blank(Donation.Status.choices)
        self.fields["channel"].choices = _with_blank(Donation.Channel.choices)


def receivable_targets(user) -> list[tuple[str, str, object]]:
    """What ``user`` may record a gift for: the active funds and open projects of their
    organisations, and, for charity staff, the published needs (a gift to a need is received
    by a qualified charity's project, core.charity_law; every one for a platform
    administrator). The service checks again."""
    funds = Fund.objects.filter(status=Fund.Status.ACTIVE).select_related("owner")
    projects = Project.objects.filter(status=Project.Status.OPEN).select_related("organisation")
    needs = Need.objects.filter(status=Need.Status.PUBLISHED).select_related("region")
    if not has_role(user, Role.PLATFORM_ADMIN):
        organisations = scope_for(user, roles=ORGANISATION_ROLES).organisation_ids
        funds = funds.filter(owner_id__in=organisations)
        projects = projects.filter(organisation_id__in=organisations)
        if not projects.exists():
            needs = needs.none()
    return [
        (FUND, _("Special funds"), funds.order_by("name")),
        (PROJECT, _("Charity projects"), projects.order_by("organisation__name", "title")),
        (NEED, _("Public needs"), needs.order_by("-published_at")),
    ]


def target_label(kind: str, obj) -> str:
    if kind == FUND:
        return f"{obj.name} · {obj.owner.name}"
    if kind == PROJECT:
        return f"{obj.title} · {obj.organisation.name}"
    return f"{obj.title} · {obj.region.name}"


class OfflineDonationForm(MoneyForm):
    # donor_create names the donor "name"; donation_record_offline names the target by kind.
    error_fields = {
        "name": "donor_name",
        "kind": "donor_kind",
        "fund": "target",
        "project": "target",
        "need": "target",
        "external_reference": "reference",
        "receiver": "receiving_project",
    }

    donor_name = forms.CharField(
        label=_("donor's name"),
        required=False,
        max_length=128,
        help_text=_("A person or an organisation; may be left empty for an anonymous gift."),
    )
    donor_kind = forms.ChoiceField(
        label=_("donor is"), choices=Donor.Kind.choices, initial=Donor.Kind.PERSON
    )
    is_anonymous = forms.BooleanField(
        label=_("anonymous"),
        required=False,
        help_text=_("Never named on the public site; the receipt still bears the name."),
    )
    target = TargetChoiceField(label=_("given to"))
    receiving_project = forms.ModelChoiceField(
        label=_("received through project"),
        queryset=Project.objects.none(),
        required=False,
        help_text=_(
            "For a gift to a public need: your project that receives it and keeps it for the "
            "need (the one handling the case's referral, if any)."
        ),
    )
    amount = YuanField(label=_("amount"))
    channel = forms.ChoiceField(
        label=_("channel"),
        choices=[(c.value, c.label) for c in Donation.OFFLINE_CHANNELS],
    )
    reference = forms.CharField(
        label=_("bank or voucher reference"),
        max_length=128,
        help_text=_("Bank transfer number or cash voucher number: each is recorded once."),
    )
    message = forms.CharField(label=_("donor's message"), required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        groups = receivable_targets(self.user)
        self.fields["target"].set_groups(groups, target_label)
        self.fields["receiving_project"].queryset = next(q for k, _l, q in groups if k == PROJECT)


class RefundForm(MoneyForm):
    amount = YuanField(label=_("amount to refund"))
    reason = forms.CharField(
        label=_("reason"), max_length=250, widget=forms.Textarea(attrs={"rows": 2})
    )


__all__ = [
    "FUND",
    "NEED",
    "PROJECT",
    "DonationFilterForm",
    "OfflineDonationForm",
    "RefundForm",
    "receivable_targets",
    "target_label",
]
