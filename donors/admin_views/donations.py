"""Donations: the list of what the user's organisation (or jurisdiction) received, "record
an offline donation" (bank transfer or cash), and the donation page with its refund."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import Column, TitleColumn

from core.admin_lists import RoleListView
from core.jurisdiction import has_role
from core.views_admin import local_minute
from donors import admin_forms as f
from donors import services
from donors.admin_views.common import (
    DONATION_ROLES,
    DONATION_WRITERS,
    MoneyActionView,
    MoneyFormPage,
    forbidden,
    may_act_for_receiver,
    money,
    receipt_url,
    require_roles,
    visible_donations,
)
from donors.filtersets import DonationAdminFilterSet
from donors.models import Donation
from donors.selectors import donation_trail
from donors.services.donations import refundable_fen
from donors.stripe_gateway import PaymentUnavailableError
from needs.models import Case

CATEGORY_LABELS = dict(Case.Category.choices)


def target_name(donation: Donation) -> str:
    if donation.fund_id:
        return _("special fund %(name)s") % {"name": donation.fund.name}
    if donation.project_id:
        return _("project %(title)s") % {"title": donation.project.title}
    return _("public need %(title)s") % {"title": donation.need.title}


class DonationListView(RoleListView):
    """What the user's organisation (or jurisdiction) received, newest first."""

    model = Donation
    roles = tuple(DONATION_ROLES)
    page_title = gettext_lazy("Donations")
    header_icon = "doc-full"
    index_url_name = "donors_admin:donation_list"
    index_results_url_name = "donors_admin:donation_list_results"
    filterset_class = DonationAdminFilterSet
    verbose_name_plural = gettext_lazy("donations")
    add_item_label = gettext_lazy("Record an offline donation")
    columns = [
        TitleColumn(
            "receipt_number",
            label=gettext_lazy("receipt number"),
            accessor=lambda d: d.receipt_number or str(d.pk),
            get_url=lambda d: reverse("donors_admin:donation_detail", args=[d.pk]),
        ),
        Column(
            "created_at",
            label=gettext_lazy("created at"),
            accessor=lambda d: local_minute(d.created_at),
        ),
        Column("donor", label=gettext_lazy("donor"), accessor=lambda d: donor_text(d)),
        Column("target", label=gettext_lazy("given to"), accessor=target_name),
        Column(
            "receiver",
            label=gettext_lazy("receiving organisation"),
            accessor="receiving_organisation.name",
        ),
        Column("amount", label=gettext_lazy("amount"), accessor=lambda d: money(d.amount_fen)),
        Column(
            "refunded",
            label=gettext_lazy("refunded"),
            accessor=lambda d: money(d.refunded_fen) if d.refunded_fen else "",
        ),
        Column("channel", label=gettext_lazy("channel"), accessor="get_channel_display"),
        Column("status", label=gettext_lazy("status"), accessor="get_status_display"),
    ]

    def scope(self, queryset):
        return visible_donations(self.request.user)

    def get_add_url(self):
        if has_role(self.request.user, *DONATION_WRITERS):
            return reverse("donors_admin:donation_record")
        return None


def donor_text(donation: Donation) -> str:
    if donation.donor.is_anonymous:
        return f"{donation.donor.name} ({_('anonymous')})"
    return donation.donor.name


def donation_page(request, donation: Donation, *, bound: dict | None = None, status: int = 200):
    bound = bound or {}
    user = request.user
    donation = visible_donations(user).get(pk=donation.pk)
    refundable = refundable_fen(donation)
    actions = []
    shown = (
        donation.status in (Donation.Status.SUCCEEDED, Donation.Status.REFUNDED)
        and refundable > 0
        and may_act_for_receiver(user, donation)
    )
    if shown or DonationRefundView.key(donation) in bound:
        actions.append(DonationRefundView.panel(obj=donation, user=user, bound=bound))
    trail = [
        {
            **row,
            "category": CATEGORY_LABELS.get(row["category"], row["category"]),
            "amount": money(row["amount_fen"]),
        }
        for row in donation_trail(donation)
    ]
    context = {
        "donation": donation,
        "target": target_name(donation),
        "amount": money(donation.amount_fen),
        "fee": money(donation.fee_fen),
        "refunded": money(donation.refunded_fen),
        "net": money(donation.net_fen),
        "refundable": money(refundable),
        "receipt_url": receipt_url(donation) if donation.receipt_number else "",
        "trail": trail,
        "refunds": [
            {"refund": refund, "amount": money(refund.amount_fen)}
            for refund in donation.refunds.select_related("requested_by")
        ],
        "actions": actions,
    }
    return TemplateResponse(request, "donors/admin/donation_detail.html", context, status=status)


@require_roles(*DONATION_ROLES)
def donation_detail(request, pk: int):
    return donation_page(request, get_object_or_404(visible_donations(request.user), pk=pk))


class DonationRecordView(MoneyFormPage):
    """One form, one gift: the donor is written with the donation, in its transaction, so a
    refused donation leaves no donor behind."""

    name = "donation_record"
    title = gettext_lazy("Record an offline donation")
    help_text = gettext_lazy(
        "A bank transfer or cash your organisation received: it is booked at once and a "
        "receipt number is issued."
    )
    button = gettext_lazy("Record the donation")
    form_class = f.OfflineDonationForm
    roles = DONATION_WRITERS
    refusal = gettext_lazy("Only staff of a receiving organisation record donations.")
    template_name = "donors/admin/donation_form.html"
    list_url = "donors_admin:donation_list"

    def create(self, user, data):
        donor = services.donor_create(
            name=data["donor_name"], kind=data["donor_kind"], is_anonymous=data["is_anonymous"]
        )
        kind, target = data["target"]
        receiver = {"receiving_project": data["receiving_project"]} if kind == "need" else {}
        return services.donation_record_offline(
            by=user,
            donor=donor,
            amount_fen=data["amount"],
            channel=data["channel"],
            reference=data["reference"],
            message=data["message"],
            **{kind: target},
            **receiver,
        )

    def success_message(self, created) -> str:
        return _("Donation of %(amount)s recorded; receipt %(receipt)s.") % {
            "amount": money(created.amount_fen),
            "receipt": created.receipt_number,
        }

    def redirect_to_created(self, created):
        return redirect("donors_admin:donation_detail", pk=created.pk)

    def page_context(self, request, form) -> dict:
        context = super().page_context(request, form)
        context["help"] = self.help_text
        context["has_targets"] = not form.fields["target"].is_empty
        return context


class DonationRefundView(MoneyActionView):
    name = "donation_refund"
    title = gettext_lazy("Refund")
    help_text = gettext_lazy(
        "Only money the target has not allocated can be refunded here; release allocations "
        "first if needed. An online gift is refunded through Stripe and booked when Stripe "
        "confirms the refund."
    )
    button = gettext_lazy("Refund")
    atomic = False  # Stripe is asked between the refund's own transactions
    form_class = f.RefundForm
    roles = DONATION_WRITERS
    refusal = gettext_lazy("Only staff of the receiving organisation refund its donations.")

    def get_object(self, request, pk):
        return get_object_or_404(visible_donations(request.user), pk=pk)

    def post(self, request, pk=None):
        # A back-office role first; the refund services then check the receiver again.
        if not has_role(request.user, *self.roles):
            return forbidden(request, str(self.refusal))
        if not may_act_for_receiver(request.user, self.get_object(request, pk)):
            return forbidden(request, str(self.refusal))
        return super().post(request, pk)

    def perform(self, user, donation, data):
        # The form's one-time token names the request: sent again after Stripe could not be
        # reached, the same form asks Stripe with the same idempotency key (at most once).
        token = data.get("submission")
        try:
            outcome = services.donation_refund_request(
                by=user,
                donation=donation,
                amount_fen=data["amount"],
                reason=data["reason"],
                request=f"form:{token}" if token else "",
            )
        except PaymentUnavailableError as error:
            raise ValidationError(error.message, code=error.code) from None
        return outcome.summary

    def redirect_after(self, request, donation):
        return redirect("donors_admin:donation_detail", pk=donation.pk)

    def page(self, request, donation, *, bound, status):
        return donation_page(request, donation, bound=bound, status=status)
