"""The referral inbox, the referral page and the answers to a referral (accept, decline,
start, finish, cancel): one small view per answer, one service per view."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from core.admin_lists import RoleListView
from core.models import Membership
from needs import admin_forms as f
from needs import selectors, services
from needs.admin_views.common import (
    ACTING_ON_REFERRAL_ROLES,
    REFERRAL_ROLES,
    ActionView,
    action_form,
    money,
    referral_overdue,
    require_roles,
    visible_referrals,
)
from needs.admin_views.listing import Column, link, overdue_mark, when
from needs.filtersets import ReferralInboxFilterSet
from needs.models import AssistanceApplication, Case, Referral
from needs.selectors_assistance import applications_visible_to


class ReferralListView(RoleListView):
    """Referrals sent to the user's organisation, or those of cases the user may see."""

    model = Referral
    table_classname = "listing needs-listing"
    roles = REFERRAL_ROLES
    page_title = gettext_lazy("Referral inbox")
    header_icon = "mail"
    index_url_name = "needs_admin:referral_list"
    filterset_class = ReferralInboxFilterSet
    filter_label = gettext_lazy("Filter referrals")
    no_results_message = gettext_lazy("No referrals.")
    default_ordering = ["-requested_at", "-pk"]
    columns = [
        Column(
            "number",
            label=gettext_lazy("case number"),
            accessor=lambda r: link(
                reverse("needs_admin:referral_detail", args=[r.pk]), r.case.number
            ),
        ),
        Column("status", label=gettext_lazy("status"), accessor="get_status_display"),
        Column(
            "category",
            label=gettext_lazy("category"),
            accessor=lambda r: r.case.get_category_display(),
        ),
        Column(
            "county", label=pgettext_lazy("place", "county"), accessor=lambda r: r.case.region.name
        ),
        Column(
            "to",
            label=gettext_lazy("referred to"),
            classname="wrap",
            accessor=lambda r: " · ".join(
                filter(None, [r.to_organisation.name, r.project.title if r.project else ""])
            ),
        ),
        Column(
            "gap",
            label=gettext_lazy("remaining gap"),
            accessor=lambda r: money(r.case.remaining_gap_fen),
            classname="nowrap",
        ),
        Column(
            "requested_at",
            label=gettext_lazy("requested at"),
            classname="wrap-time",
            accessor=lambda r: when(r.requested_at),
        ),
        Column(
            "answer_due_at",
            label=gettext_lazy("answer due at"),
            classname="wrap-time",
            accessor=lambda r: overdue_mark(when(r.answer_due_at), r.overdue),
        ),
    ]

    def scope(self, queryset):
        return visible_referrals(self.request.user)

    def paginate_queryset(self, queryset, page_size):
        paginator, page, object_list, is_paginated = super().paginate_queryset(queryset, page_size)
        now = timezone.now()
        for referral in object_list:
            referral.overdue = referral_overdue(referral, now)
        return paginator, page, object_list, is_paginated


referral_list = ReferralListView.as_view()


def _is_receiver(user, referral: Referral) -> bool:
    return Membership.objects.filter(
        user=user,
        organisation_id=referral.to_organisation_id,
        role__in=ACTING_ON_REFERRAL_ROLES,
        is_active=True,
    ).exists()


def referral_page(request, referral: Referral, *, bound: dict | None = None, status: int = 200):
    """The referral page, with the form of a failed answer (``bound``) shown again."""
    bound = bound or {}
    user = request.user
    referral = visible_referrals(user).get(pk=referral.pk)
    case = referral.case
    # Contact details only when the service agrees (accepted, with consent); each read logged.
    contact, contact_refusal = None, ""
    try:
        contact = services.referral_contact_details(by=user, referral=referral)
    except PermissionDenied as error:
        contact_refusal = str(error)

    receiver = _is_receiver(user, referral)
    can_handle_case = selectors.user_can_handle_case(user, case)
    open_statuses = Referral.OPEN_STATUSES
    application = AssistanceApplication.objects.filter(referral=referral).first()
    specs = [
        (
            ReferralApplicationStartView,
            receiver
            and referral.project_id is None
            and bool(referral.assistance_type)
            and referral.status in open_statuses
            and application is None,
        ),
        (ReferralAcceptView, receiver and referral.status == Referral.Status.REQUESTED),
        (ReferralRejectView, receiver and referral.status == Referral.Status.REQUESTED),
        (ReferralStartView, receiver and referral.status == Referral.Status.ACCEPTED),
        (
            ReferralCompleteView,
            receiver and referral.status in (Referral.Status.ACCEPTED, Referral.Status.IN_PROGRESS),
        ),
        (ReferralCancelView, can_handle_case and referral.status in open_statuses),
    ]
    actions = [
        view.panel(
            pk=referral.pk,
            form=action_form(view.form_class, case, user, view.name, bound),
            is_open=True,
        )
        for view, shown in specs
        if shown
    ]
    reading = selectors.ReferralReading(user)
    context = {
        "referral": referral,
        "case": case,
        # What the receiver reads of the case: the anonymized situation, and the notes
        # anonymized unless the reader may open the case (selectors.ReferralReading).
        "story": reading.story(referral),
        "note": reading.text(referral, "note"),
        "emergency_reason": reading.text(referral, "emergency_reason"),
        "region_name": case.region.full_name,
        "gap": money(case.remaining_gap_fen),
        "amount_requested": money(referral.amount_requested_fen),
        "overdue": referral_overdue(referral, timezone.now()),
        "case_visible": reading.sees_case(referral),
        "contact": contact,
        "contact_refusal": contact_refusal,
        "actions": actions,
        # The application started from the referral, linked for whoever may open it.
        "application": application,
        "application_visible": application is not None
        and applications_visible_to(user).filter(pk=application.pk).exists(),
    }
    return TemplateResponse(request, "needs/admin/referral_detail.html", context, status=status)


@require_roles(*REFERRAL_ROLES)
def referral_detail(request, pk: int):
    return referral_page(request, get_object_or_404(visible_referrals(request.user), pk=pk))


class ReferralActionView(ActionView):
    """An answer to the referral at ``pk``, by the receiving charity or department (or, to
    cancel, by the referring office)."""

    roles = ACTING_ON_REFERRAL_ROLES
    refusal = gettext_lazy("Only charity and government staff answer referrals.")

    @classmethod
    def url_name(cls) -> str:
        return f"referral_{cls.name}"

    def get_object(self, request, pk: int) -> Referral:
        return get_object_or_404(visible_referrals(request.user), pk=pk)

    def case_of(self, referral: Referral) -> Case:
        return referral.case

    def redirect_after(self, request, referral: Referral):
        return redirect("needs_admin:referral_detail", pk=referral.pk)

    def page(self, request, referral: Referral, *, bound: dict, status: int):
        return referral_page(request, referral, bound=bound, status=status)


class ReferralAcceptView(ReferralActionView):
    name = "accept"
    title = gettext_lazy("Accept the referral")
    help_text = gettext_lazy(
        "You take on the case's remaining need; contact details follow if the household consented."
    )
    button = gettext_lazy("Accept")

    def perform(self, user, referral, data):
        services.referral_accept(by=user, referral=referral)
        return _("Referral accepted.")


class ReferralRejectView(ReferralActionView):
    name = "reject"
    title = gettext_lazy("Decline the referral")
    button = gettext_lazy("Decline")
    form_class = f.RejectForm

    def perform(self, user, referral, data):
        services.referral_reject(
            by=user, referral=referral, reason=data["reason"], note=data["note"]
        )
        return _("Referral declined; the referring office will look for another match.")


class ReferralStartView(ReferralActionView):
    name = "start"
    title = gettext_lazy("Start the work")
    button = gettext_lazy("Start")

    def perform(self, user, referral, data):
        services.referral_start(by=user, referral=referral)
        return _("Work on the referral started.")


class ReferralCompleteView(ReferralActionView):
    name = "complete"
    title = gettext_lazy("Finish the referral")
    help_text = gettext_lazy(
        "Resolved only once every payment to the household is paid or cancelled. What is "
        "still allocated and not paid out goes back to the fund, project or public need it "
        "came from."
    )
    button = gettext_lazy("Finish")
    form_class = f.CompleteForm

    def perform(self, user, referral, data):
        referral = services.referral_complete(
            by=user, referral=referral, outcome=data["outcome"], reason=data["reason"]
        )
        return _("Referral finished: %(outcome)s.") % {"outcome": referral.get_outcome_display()}


class ReferralCancelView(ReferralActionView):
    name = "cancel"
    title = gettext_lazy("Cancel the referral")
    help_text = gettext_lazy("The referring office withdraws a referral that is still open.")
    button = gettext_lazy("Cancel the referral")
    form_class = f.CancelForm

    def perform(self, user, referral, data):
        services.referral_cancel(by=user, referral=referral, reason=data["reason"])
        return _("Referral cancelled.")


class ReferralApplicationStartView(ReferralActionView):
    name = "start_application"
    title = gettext_lazy("Accept and start the assistance application")
    help_text = gettext_lazy(
        "The referral asks your department to consider this assistance: accepting it starts "
        "the application for the case's household in one step, with your department "
        "responsible for it."
    )
    button = gettext_lazy("Start the application")

    def perform(self, user, referral, data):
        application = services.referral_application_start(by=user, referral=referral)
        return _("Application %(id)s for %(type)s was started.") % {
            "id": application.pk,
            "type": application.get_type_display(),
        }


REFERRAL_ACTION_VIEWS = [
    ReferralApplicationStartView,
    ReferralAcceptView,
    ReferralRejectView,
    ReferralStartView,
    ReferralCompleteView,
    ReferralCancelView,
]
