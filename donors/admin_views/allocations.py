"""Allocations and disbursements, for the charity handling a referral: the accepted referrals
of the user's charity with the money committed to each, and a referral's money page where
money is allocated, released, and paid to the household in steps (request, approve, pay).

Charity staff see the referral by its number, project, case category and county; the
household's personal data stays on the referral page of the cases back office, behind consent.
Fund managers of an enterprise's special fund see here the accepted referrals their funds'
rules admit, read the same way plus the case's situation as an accepting charity reads it
(anonymized), and commit their funds' money to them; they record no payments.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column, TitleColumn

from core.admin_lists import RoleListView
from core.jurisdiction import Role, has_role, scope_for
from donors import admin_forms as f
from donors import services
from donors.admin_views.common import (
    ALLOCATION_ROLES,
    ALLOCATION_WRITERS,
    MoneyActionView,
    delivers,
    forbidden,
    funds_for,
    holds,
    money,
    money_referrals,
    require_roles,
    source_name,
    visible_allocations,
    visible_disbursements,
)
from donors.filtersets import MoneyReferralAdminFilterSet
from donors.models import Allocation, Disbursement
from donors.proofs import oversized_upload_message, proof_open, proofs_readable_by
from donors.selectors import available_fen
from donors.services.payouts import four_eyes_period_days, four_eyes_threshold_fen
from needs.models import Referral
from needs.selectors import ReferralReading

ANSWERED = (Referral.Status.ACCEPTED, Referral.Status.IN_PROGRESS)
_ALLOCATIONS = Prefetch(
    "allocations",
    queryset=Allocation.objects.select_related(
        "source__fund", "source__project", "source__need"
    ).order_by("created_at", "pk"),
)


def _allocation_row(allocation: Allocation) -> dict:
    return {
        "allocation": allocation,
        "source": source_name(allocation),
        "amount": money(allocation.amount_fen),
        "released": money(allocation.released_fen),
        "remaining_fen": available_fen(allocation),
        "remaining": money(available_fen(allocation)),
    }


def _referral_facts(referral: Referral) -> dict:
    case = referral.case
    return {
        "referral": referral,
        "project": referral.project.title if referral.project else "",
        "category": case.get_category_display(),
        "county": case.region.name,
        "gap": money(case.remaining_gap_fen),
    }


def _allocation_lines(referral: Referral):
    """Each allocation on a line: its number, source, amount, what it still holds, status."""
    lines = [
        (
            f"A{row['allocation'].pk}",
            row["source"],
            row["amount"],
            _("still held"),
            row["remaining"],
            row["allocation"].get_status_display(),
        )
        for row in map(_allocation_row, referral.allocations.all())
    ]
    if not lines:
        return "—"
    return format_html_join("", "<div>{} · {} · {} · {} {} · {}</div>", lines)


def _still_held(referral: Referral) -> str:
    return money(sum(available_fen(a) for a in referral.allocations.all()))


class AllocationListView(RoleListView):
    """The accepted referrals of the user's charity (and earlier ones money was allocated to),
    each with its allocations and what they still hold; for a fund manager, the accepted
    referrals their funds may pay for and those their funds paid into."""

    model = Referral
    roles = tuple(ALLOCATION_ROLES)
    page_title = gettext_lazy("Allocations")
    header_icon = "list-ul"
    index_url_name = "donors_admin:allocation_list"
    index_results_url_name = "donors_admin:allocation_list_results"
    filterset_class = MoneyReferralAdminFilterSet
    verbose_name_plural = gettext_lazy("referrals")
    columns = [
        TitleColumn(
            "referral",
            label=gettext_lazy("referral"),
            accessor=lambda r: _("referral #%(id)s") % {"id": r.pk},
            get_url=lambda r: reverse("donors_admin:referral_money", args=[r.pk]),
        ),
        Column(
            "status",
            label=gettext_lazy("status"),
            accessor="get_status_display",
            classname="w-whitespace-nowrap",
        ),
        Column(
            "project",
            label=gettext_lazy("charity project"),
            accessor=lambda r: r.project.title if r.project else "",
        ),
        Column("category", label=gettext_lazy("category"), accessor="case.get_category_display"),
        Column("county", label=pgettext_lazy("place", "county"), accessor="case.region.name"),
        Column(
            "gap",
            label=gettext_lazy("remaining gap"),
            accessor=lambda r: money(r.case.remaining_gap_fen),
            classname="w-whitespace-nowrap",
        ),
        Column("allocations", label=gettext_lazy("allocations"), accessor=_allocation_lines),
        Column(
            "still_held",
            label=gettext_lazy("still held"),
            accessor=_still_held,
            classname="w-whitespace-nowrap",
        ),
    ]

    def scope(self, queryset):
        return (
            money_referrals(self.request.user)
            .filter(Q(status__in=ANSWERED) | Q(allocations__isnull=False))
            .distinct()
            .prefetch_related(_ALLOCATIONS)
            .order_by("-requested_at", "-pk")
        )

    @cached_property
    def help_text(self):
        if has_role(self.request.user, Role.FUND_MANAGER):
            return _(
                "Accepted referrals your special funds may pay for (their categories and "
                "regions admit the case), and those your funds already paid into. Open a "
                "referral to read the situation and commit money from your fund."
            )
        return _(
            "Accepted referrals to your charity's projects and the money committed to each. "
            "Open a referral to allocate, release or pay."
        )


def referral_money_page(
    request, referral: Referral, *, bound: dict | None = None, status: int = 200
):
    """One referral's money: allocations, payments, and the actions the user may take."""
    bound = bound or {}
    user = request.user
    referral = money_referrals(user).prefetch_related(_ALLOCATIONS).get(pk=referral.pk)
    delivering = delivers(user, referral)
    # A fund manager (not of the delivering charity) sees the payments of their own money only.
    own_money_only = not delivering and not scope_for(user).everything
    allocations = []
    for allocation in referral.allocations.all():
        row = _allocation_row(allocation)
        row["actions"] = (
            [AllocationReleaseView.panel(obj=allocation, user=user, bound=bound, is_open=False)]
            if (allocation.status == Allocation.Status.ACTIVE and holds(user, allocation))
            or AllocationReleaseView.key(allocation) in bound
            else []
        )
        allocations.append(row)
    disbursements = []
    payments = Disbursement.objects.filter(allocation__referral=referral)
    if own_money_only:
        payments = payments.filter(
            allocation__source__fund__owner_id__in=scope_for(user).organisation_ids
        )
    proof_readable = set(proofs_readable_by(user, payments).values_list("pk", flat=True))
    for disbursement in payments.select_related("requested_by", "approved_by", "paid_by"):
        specs = [view for view in DISBURSEMENT_ACTIONS if view.key(disbursement) in bound]
        if delivering and disbursement.status == Disbursement.Status.PENDING:
            specs.append(DisbursementApproveView)
        if delivering and disbursement.status == Disbursement.Status.APPROVED:
            specs.append(DisbursementPayView)
        if delivering and disbursement.status in (
            Disbursement.Status.PENDING,
            Disbursement.Status.APPROVED,
        ):
            specs.append(DisbursementCancelView)
        if (
            delivering
            and disbursement.status == Disbursement.Status.PAID
            and not disbursement.proof_file
        ):
            specs.append(DisbursementAttachProofView)
        specs = sorted(set(specs), key=DISBURSEMENT_ACTIONS.index)
        disbursements.append(
            {
                "disbursement": disbursement,
                "amount": money(disbursement.amount_fen),
                "proof_url": reverse("donors_admin:disbursement_proof", args=[disbursement.pk])
                if disbursement.pk in proof_readable
                else "",
                "actions": [
                    view.panel(obj=disbursement, user=user, bound=bound, is_open=False)
                    for view in specs
                ],
            }
        )
    actions = []
    # A refused form is shown again with its errors, even where it would not be offered now.
    paying_funds = funds_for(user, referral)
    # A charity that received gifts for the case's public need commits them here too.
    holds_need_gifts = referral.status in ANSWERED and any(
        objects for kind, _label, objects in f.allocation_sources(user, referral) if kind == "need"
    )
    if (
        (delivering and referral.status in ANSWERED)
        or paying_funds
        or holds_need_gifts
        or AllocateView.key(referral) in bound
    ):
        actions.append(AllocateView.panel(obj=referral, user=user, bound=bound))
    has_active = any(a["allocation"].status == Allocation.Status.ACTIVE for a in allocations)
    if (delivering and has_active) or DisbursementRequestView.key(referral) in bound:
        actions.append(DisbursementRequestView.panel(obj=referral, user=user, bound=bound))
    context = {
        **_referral_facts(referral),
        "allocations": allocations,
        "disbursements": disbursements,
        "actions": actions,
        "four_eyes": money(four_eyes_threshold_fen()),
        "four_eyes_days": four_eyes_period_days(),
        "read_only": not delivering and not paying_funds and not holds_need_gifts,
        # The situation as an accepting charity reads it (needs.selectors.ReferralReading):
        # the published need's story or the narrative through the anonymizer.
        "story": ReferralReading(user).story(referral),
    }
    return TemplateResponse(request, "donors/admin/referral_money.html", context, status=status)


@require_roles(*ALLOCATION_ROLES)
def referral_money(request, pk: int):
    return referral_money_page(request, get_object_or_404(money_referrals(request.user), pk=pk))


class AllocationActionView(MoneyActionView):
    """An action of the charity handling a referral; afterwards, back to its money page."""

    roles = ALLOCATION_WRITERS
    refusal = gettext_lazy("Only staff of the charity handling the referral move its money.")

    def referral_of(self, obj) -> Referral:
        raise NotImplementedError

    def redirect_after(self, request, obj):
        return redirect("donors_admin:referral_money", pk=self.referral_of(obj).pk)

    def page(self, request, obj, *, bound, status):
        return referral_money_page(request, self.referral_of(obj), bound=bound, status=status)


class OnReferral(AllocationActionView):
    def get_object(self, request, pk):
        return get_object_or_404(money_referrals(request.user), pk=pk)

    def referral_of(self, referral):
        return referral


class AllocateView(OnReferral):
    name = "allocate"
    title = gettext_lazy("Allocate money to this referral")
    help_text = gettext_lazy(
        "Commits money from the project or one of your funds; it is held for this referral "
        "until paid to the household or released."
    )
    button = gettext_lazy("Allocate")
    form_class = f.AllocateForm

    def perform(self, user, referral, data):
        kind, source = data["source"]
        allocation = services.allocation_create(
            by=user,
            referral=referral,
            amount_fen=data["amount"],
            note=data["note"],
            **{kind: source},
        )
        return _("Allocated %(amount)s (allocation A%(id)s).") % {
            "amount": money(allocation.amount_fen),
            "id": allocation.pk,
        }


class DisbursementRequestView(OnReferral):
    name = "disbursement_request"
    title = gettext_lazy("Request a payment to the household")
    help_text = gettext_lazy(
        "When this referral's payments within %(days)s days come to more than %(threshold)s, "
        "someone other than the requester must approve the payment."
    )
    button = gettext_lazy("Request the payment")
    form_class = f.DisbursementRequestForm

    @classmethod
    def panel(cls, **kwargs) -> dict:
        panel = super().panel(**kwargs)
        panel["help"] = str(cls.help_text) % {
            "threshold": money(four_eyes_threshold_fen()),
            "days": four_eyes_period_days(),
        }
        return panel

    def perform(self, user, referral, data):
        disbursement = services.disbursement_request(
            by=user,
            allocation=data["allocation"],
            amount_fen=data["amount"],
            method=data["method"],
            proof_reference=data["proof_reference"],
            note=data["note"],
        )
        return _("Payment of %(amount)s requested (D%(id)s).") % {
            "amount": money(disbursement.amount_fen),
            "id": disbursement.pk,
        }


class AllocationReleaseView(AllocationActionView):
    name = "allocation_release"
    title = gettext_lazy("Release what is left")
    button = gettext_lazy("Release")
    form_class = f.ReleaseForm

    def get_object(self, request, pk):
        return get_object_or_404(visible_allocations(request.user), pk=pk)

    def referral_of(self, allocation):
        return allocation.referral

    def perform(self, user, allocation, data):
        allocation = services.allocation_release(
            by=user, allocation=allocation, reason=data["reason"]
        )
        return _("Allocation A%(id)s released: %(amount)s returned.") % {
            "id": allocation.pk,
            "amount": money(allocation.released_fen),
        }


class OnDisbursement(AllocationActionView):
    def get_object(self, request, pk):
        return get_object_or_404(visible_disbursements(request.user), pk=pk)

    def referral_of(self, disbursement):
        return disbursement.allocation.referral


class DisbursementApproveView(OnDisbursement):
    name = "disbursement_approve"
    title = gettext_lazy("Approve")
    button = gettext_lazy("Approve the payment")
    form_class = f.ApproveForm

    def perform(self, user, disbursement, data):
        services.disbursement_approve(by=user, disbursement=disbursement)
        return _("Payment D%(id)s approved.") % {"id": disbursement.pk}


class ProofUploadView(OnDisbursement):
    """An action whose form carries a proof file: a body announced far above the size limit
    is refused before it is read."""

    def post(self, request, pk: int | None = None):
        message = oversized_upload_message(request)
        if message is None:
            return super().post(request, pk)
        if not has_role(request.user, *self.roles):
            return forbidden(request, str(self.refusal))
        disbursement = self.get_object(request, pk)
        messages.error(request, f"{self.title}: {message}")
        return self.page(request, disbursement, bound={}, status=413)


class DisbursementPayView(ProofUploadView):
    name = "disbursement_pay"
    title = gettext_lazy("Mark as paid")
    button = gettext_lazy("Mark as paid")
    form_class = f.MarkPaidForm

    def perform(self, user, disbursement, data):
        services.disbursement_mark_paid(
            by=user,
            disbursement=disbursement,
            proof_reference=data["proof_reference"],
            proof_file=data["proof_file"],
        )
        return _("Payment D%(id)s marked paid.") % {"id": disbursement.pk}


class DisbursementAttachProofView(ProofUploadView):
    name = "disbursement_attach_proof"
    title = gettext_lazy("Upload the proof of payment")
    help_text = gettext_lazy(
        "This payment was marked paid with a number only; the slip or invoice itself lets "
        "an auditor check it. Once uploaded it is not replaced."
    )
    button = gettext_lazy("Upload")
    form_class = f.AttachProofForm

    def perform(self, user, disbursement, data):
        services.disbursement_attach_proof(
            by=user, disbursement=disbursement, proof_file=data["proof_file"]
        )
        return _("Proof of payment D%(id)s uploaded.") % {"id": disbursement.pk}


class DisbursementCancelView(OnDisbursement):
    name = "disbursement_cancel"
    title = gettext_lazy("Cancel the payment")
    button = gettext_lazy("Cancel the payment")
    form_class = f.CancelDisbursementForm

    def perform(self, user, disbursement, data):
        services.disbursement_cancel(by=user, disbursement=disbursement, reason=data["reason"])
        return _("Payment D%(id)s cancelled.") % {"id": disbursement.pk}


DISBURSEMENT_ACTIONS = [
    DisbursementApproveView,
    DisbursementPayView,
    DisbursementCancelView,
    DisbursementAttachProofView,
]

ALLOCATION_ACTION_VIEWS = [
    (AllocateView, "referrals"),
    (DisbursementRequestView, "referrals"),
    (AllocationReleaseView, "allocations"),
    (DisbursementApproveView, "disbursements"),
    (DisbursementPayView, "disbursements"),
    (DisbursementCancelView, "disbursements"),
    (DisbursementAttachProofView, "disbursements"),
]


@require_roles(*ALLOCATION_ROLES)
def disbursement_proof(request, pk: int):
    """The proof file of one payment, for those who may read the household's side of it
    (donors.proofs); every read is recorded."""
    disbursement = get_object_or_404(visible_disbursements(request.user), pk=pk)
    try:
        return proof_open(
            by=request.user, disbursement=disbursement, purpose="payment proof (back office)"
        )
    except PermissionDenied as error:
        return forbidden(request, str(error))
    except ValidationError:
        raise Http404 from None
