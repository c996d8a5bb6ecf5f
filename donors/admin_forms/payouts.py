"""Forms of the allocation screens: allocate money to an accepted referral, release it, and
request, approve, pay or cancel a disbursement to the household."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from core.jurisdiction import ORGANISATION_ROLES, Role, has_role, scope_for
from core.money import format_money
from donors.admin_forms.base import MoneyForm, TargetChoiceField, YuanField
from donors.models import Allocation, Disbursement, Fund
from donors.rules import is_staff_of
from donors.selectors import available_fen
from donors.services.payouts import need_accounts_held_by
from needs.models import Need
from projects.models import Project

_NO_PERSONAL_DATA = _("No names, ID numbers or phone numbers of the household.")


def allocation_sources(user, referral) -> list[tuple[str, str, object]]:
    """Where ``user`` may take money from for ``referral``: the referral's own project (if
    they are its charity's staff) and the active funds of their organisations."""
    funds = Fund.objects.filter(status=Fund.Status.ACTIVE).select_related("owner")
    if not has_role(user, Role.PLATFORM_ADMIN):
        funds = funds.filter(
            owner_id__in=scope_for(user, roles=ORGANISATION_ROLES).organisation_ids
        )
    projects = Project.objects.none()
    if referral.project_id and is_staff_of(
        user, referral.project.organisation_id, roles=(Role.CHARITY_STAFF,)
    ):
        projects = Project.objects.filter(pk=referral.project_id).select_related("organisation")
    # Gifts to the case's published need that the user's charity received (only it commits
    # them), with what that charity holds of them.
    needs = []
    for need in Need.objects.filter(case_id=referral.case_id):
        held = need_accounts_held_by(user, need).aggregate(s=Sum("balance_fen"))["s"]
        if held is not None:
            need.available_here_fen = held
            needs.append(need)
    return [
        ("project", _("The referral's project"), projects),
        ("fund", _("Special funds"), funds.order_by("name")),
        ("need", _("Gifts received for this need"), needs),
    ]


def source_label(kind: str, obj) -> str:
    name = obj.name if kind == "fund" else obj.title
    held = getattr(obj, "available_here_fen", None)
    return _("%(name)s (available %(available)s)") % {
        "name": name,
        "available": format_money(available_fen(obj) if held is None else held),
    }


class AllocateForm(MoneyForm):
    error_fields = {"fund": "source", "project": "source", "need": "source"}

    source = TargetChoiceField(label=_("paid from"))
    amount = YuanField(label=_("amount"))
    note = forms.CharField(
        label=_("note"), required=False, max_length=300, help_text=_NO_PERSONAL_DATA
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.target is not None:
            self.fields["source"].set_groups(
                allocation_sources(self.user, self.target), source_label
            )


class AllocationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Allocation) -> str:
        return f"A{obj.pk} · {format_money(obj.amount_fen)}"


class ReleaseForm(MoneyForm):
    reason = forms.CharField(
        label=_("reason for releasing"),
        max_length=250,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What is still undisbursed returns to where it came from."),
    )


class DisbursementRequestForm(MoneyForm):
    allocation = AllocationChoiceField(label=_("allocation"), queryset=Allocation.objects.none())
    amount = YuanField(label=_("amount"))
    method = forms.ChoiceField(label=_("method"), choices=Disbursement.Method.choices)
    proof_reference = forms.CharField(
        label=_("proof reference"),
        required=False,
        max_length=128,
        help_text=_("Bank transfer number, hospital invoice number or delivery note number."),
    )
    note = forms.CharField(
        label=_("note"), required=False, max_length=300, help_text=_NO_PERSONAL_DATA
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.target is not None:
            active = self.target.allocations.filter(status=Allocation.Status.ACTIVE)
            self.fields["allocation"].queryset = active.order_by("created_at", "pk")
            if len(active) == 1:
                self.fields["allocation"].initial = active[0].pk


class ApproveForm(MoneyForm):
    """Approving takes no input; above the four-eyes threshold another person must do it."""


def _proof_file_field() -> forms.FileField:
    # The type and size are checked by the service (donors.proofs.proof_check), from the
    # file's content: the browser's ``accept`` only narrows the file picker.
    return forms.FileField(
        label=_("proof of payment file"),
        required=False,
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/png,image/jpeg,image/webp,application/pdf"}
        ),
        help_text=_(
            "A photo or scan of the bank slip, the hospital invoice or the signed receipt "
            "(PNG, JPEG, WebP or PDF, at most %(limit)s MB). It is kept private: only the "
            "charity, the responsible office and auditors can open it."
        ),
    )


class ProofFileForm(MoneyForm):
    """A form with the proof file field, its help naming the size limit in force."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["proof_file"]
        field.help_text = str(field.help_text) % {
            "limit": settings.PAYMENT_PROOF_MAX_BYTES // (1024 * 1024)
        }


class MarkPaidForm(ProofFileForm):
    proof_file = _proof_file_field()
    proof_reference = forms.CharField(
        label=_("proof reference"),
        required=False,
        max_length=128,
        help_text=_(
            "Upload the proof, or at least give the bank transfer or invoice number "
            "(unless given with the request)."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.target is not None and not self.is_bound:
            self.fields["proof_reference"].initial = self.target.proof_reference


class AttachProofForm(ProofFileForm):
    """The slip or invoice of a payment marked paid with its number only."""

    proof_file = _proof_file_field()


class CancelDisbursementForm(MoneyForm):
    reason = forms.CharField(
        label=_("reason for cancelling"), max_length=250, widget=forms.Textarea(attrs={"rows": 2})
    )
