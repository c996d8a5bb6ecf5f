"""Offers of help on screen, for the caseworker: the offer a charity made for one of their
cases (from its project's matches), with the two answers, one small view and one service each:
refer the case to the offering project in one step, or decline with a reason the charity
reads (needs.services.offers)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.jurisdiction import GOVERNMENT_ROLES
from needs import admin_forms as f
from needs import selectors
from needs.admin_views.common import CASE_ROLES, ActionView, money, require_roles
from needs.models import Offer
from needs.services import offers as offer_services
from needs.services.rules import require_case_handler


class OfferReferForm(f.ServiceForm):
    emergency_reason = forms.CharField(
        label=gettext_lazy("emergency exception reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy(
            "Only when no relief was given yet: why the case is referred first "
            "(先救助、后补办手续)."
        ),
    )


class OfferDeclineForm(f.ServiceForm):
    reason = forms.CharField(
        label=gettext_lazy("reason for declining"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy(
            "The charity reads it: no names, ID numbers or phone numbers of the household."
        ),
    )


def _offers(user):
    return selectors.offers_visible_to(
        user,
        Offer.objects.select_related(
            "case__region", "project__organisation", "offered_by", "answered_by", "referral"
        ),
    )


def _may_answer(user, offer: Offer) -> bool:
    if offer.status != Offer.Status.OPEN:
        return False
    try:
        require_case_handler(user, offer.case)
    except (PermissionDenied, ValidationError):  # not theirs, or a hand-over waits
        return False
    return True


def offer_page(request, offer: Offer, *, bound: dict | None = None, status: int = 200):
    bound = bound or {}
    answers = []
    if _may_answer(request.user, offer):
        for view in (OfferReferView, OfferDeclineView):
            form = bound.get(view.name) or view.form_class(
                case=offer.case, user=request.user, auto_id=f"id_offer_{view.name}_%s"
            )
            answers.append(view.panel(pk=offer.pk, form=form, is_open=view.name in bound))
    return TemplateResponse(
        request,
        "needs/admin/offer_detail.html",
        {
            "offer": offer,
            "case": offer.case,
            "amount": money(offer.amount_fen),
            "gap": money(offer.case.remaining_gap_fen),
            "cap": money(offer.project.per_case_cap_fen),
            "answers": answers,
        },
        status=status,
    )


@require_roles(*CASE_ROLES)
def offer_detail(request, pk: int):
    """One offer of help, for the staff who may see its case (404 for anyone else)."""
    return offer_page(request, get_object_or_404(_offers(request.user), pk=pk))


class OfferActionView(ActionView):
    roles = tuple(GOVERNMENT_ROLES)
    refusal = gettext_lazy("Only the case's caseworker answers an offer of help.")

    @classmethod
    def url_name(cls) -> str:
        return f"offer_{cls.name}"

    def get_object(self, request, pk: int) -> Offer:
        return get_object_or_404(_offers(request.user), pk=pk)

    def case_of(self, offer: Offer):
        return offer.case

    def redirect_after(self, request, offer: Offer):
        return redirect("needs_admin:offer_detail", pk=offer.pk)

    def page(self, request, offer: Offer, *, bound: dict, status: int):
        return offer_page(request, offer, bound=bound, status=status)


class OfferReferView(OfferActionView):
    name = "refer"
    title = gettext_lazy("Refer the case to this project")
    help_text = gettext_lazy(
        "One step: the case is referred to the offering project with the amount and note "
        "offered; the charity then answers the referral as usual."
    )
    button = gettext_lazy("Refer")
    form_class = OfferReferForm

    def perform(self, user, offer, data):
        offer_services.offer_refer(
            by=user, offer=offer, emergency_reason=data.get("emergency_reason", "")
        )
        return _("Case %(number)s referred to %(project)s.") % {
            "number": offer.case.number,
            "project": offer.project.title,
        }


class OfferDeclineView(OfferActionView):
    name = "decline"
    title = gettext_lazy("Decline the offer")
    help_text = gettext_lazy("The charity is told, with your reason.")
    button = gettext_lazy("Decline")
    form_class = OfferDeclineForm

    def perform(self, user, offer, data):
        offer_services.offer_decline(by=user, offer=offer, reason=data["reason"])
        return _("Offer of %(organisation)s declined; the charity is told.") % {
            "organisation": offer.project.organisation.name
        }


OFFER_ACTION_VIEWS = [OfferReferView, OfferDeclineView]
