"""Hand-overs between offices on screen: the list of hand-overs to (and from) the user's
offices, the hand-over panel of the case page, and the receiving office's two answers
(accept, decline), one small view and one service each."""

from __future__ import annotations

from django import forms
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.admin_lists import RoleListView
from core.jurisdiction import GOVERNMENT_ROLES, active_memberships
from needs import admin_forms as f
from needs import selectors, services
from needs.admin_views.common import (
    CASE_ROLES,
    ActionView,
    visible_cases,
)
from needs.admin_views.listing import Column, when
from needs.filtersets import HandoverFilterSet
from needs.models import Case, CaseHandover


class HandoverDeclineForm(f.ServiceForm):
    reason = forms.CharField(
        label=gettext_lazy("reason for declining"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("The sending office reads it on the case page."),
    )


def person(user) -> str:
    if user is None:
        return "—"
    return user.get_full_name() or user.username


def _receives(user, handover: CaseHandover) -> bool:
    return any(
        m.organisation_id == handover.to_office_id and m.role in GOVERNMENT_ROLES
        for m in active_memberships(user)
    )


def _sends(user, handover: CaseHandover) -> bool:
    return any(
        m.organisation_id == handover.from_office_id and m.role in GOVERNMENT_ROLES
        for m in active_memberships(user)
    )


def _answer_forms(user, handover: CaseHandover, bound: dict) -> list[dict]:
    """While the hand-over waits: the accept and decline forms for a caseworker or supervisor
    of the receiving office, the withdraw form for one of the sending office."""
    if handover.status != CaseHandover.Status.PENDING:
        return []
    views = []
    if _receives(user, handover):
        views += [HandoverAcceptView, HandoverDeclineView]
    if _sends(user, handover):
        views.append(HandoverWithdrawView)
    panels = []
    for view in views:
        form = bound.get(view.name) or view.form_class(
            case=handover.case, user=user, auto_id=f"id_handover{handover.pk}_{view.name}_%s"
        )
        panels.append(view.panel(pk=handover.pk, form=form, is_open=True))
    return panels


def handover_panel(user, case: Case, bound: dict | None = None) -> dict:
    """What the case page shows of hand-overs: the one waiting (and, for the receiving office,
    its answers), and the earlier ones."""
    handovers = list(
        CaseHandover.objects.filter(case=case).select_related(
            "from_office", "to_office", "by", "decided_by"
        )
    )
    pending = next((h for h in handovers if h.status == CaseHandover.Status.PENDING), None)
    return {
        "pending": pending,
        "pending_by": person(pending.by) if pending else "",
        "answers": _answer_forms(user, pending, bound or {}) if pending else [],
        "rows": [
            {"handover": h, "by": person(h.by), "decided_by": person(h.decided_by)}
            for h in handovers
        ],
    }


class HandoverListView(RoleListView):
    """Hand-overs waiting for the user's offices (to accept or decline) above, then the
    others the user may see, newest first; no personal data on this page."""

    model = CaseHandover
    table_classname = "listing needs-listing"
    roles = CASE_ROLES
    page_title = gettext_lazy("Hand-overs")
    header_icon = "resubmit"
    index_url_name = "needs_admin:handover_list"
    template_name = "needs/admin/handover_list.html"
    filterset_class = HandoverFilterSet
    filter_label = gettext_lazy("Filter hand-overs")
    no_results_message = gettext_lazy("No other hand-overs.")
    default_ordering = ["-at", "-pk"]
    columns = [
        Column("number", label=gettext_lazy("case number"), accessor=lambda h: h.case.number),
        Column(
            "from_office", label=gettext_lazy("from office"), accessor=lambda h: h.from_office.name
        ),
        Column("to_office", label=gettext_lazy("to office"), accessor=lambda h: h.to_office.name),
        Column("by", label=gettext_lazy("handed over by"), accessor=lambda h: person(h.by)),
        Column("at", label=gettext_lazy("handed over at"), accessor=lambda h: when(h.at)),
        Column(
            "status",
            label=gettext_lazy("status"),
            classname="wrap",
            accessor=lambda h: _status_cell(h),
        ),
    ]

    @cached_property
    def awaiting(self) -> list[CaseHandover]:
        return list(selectors.handovers_awaiting(self.request.user))

    def scope(self, queryset):
        return (
            selectors.handovers_visible_to(self.request.user)
            .exclude(pk__in=[h.pk for h in self.awaiting])
            .select_related("case", "from_office", "to_office", "by", "decided_by")
        )

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        user = self.request.user
        context["awaiting"] = [
            {
                "handover": h,
                "by": person(h.by),
                "county": h.case.region.full_name,
                "answers": _answer_forms(user, h, {}),
            }
            for h in self.awaiting
        ]
        return context


def _status_cell(handover: CaseHandover):
    """The status, when and by whom it was answered, and why it was declined."""
    text = handover.get_status_display()
    if handover.decided_at:
        text = " · ".join([text, when(handover.decided_at), person(handover.decided_by)])
    if handover.decline_reason:
        reason = _("Declined because: %(reason)s") % {"reason": handover.decline_reason}
        return format_html("{}<br>{}", text, reason)
    return text


handover_list = HandoverListView.as_view()


class HandoverActionView(ActionView):
    """An answer to the hand-over at ``pk`` by the receiving office."""

    roles = tuple(GOVERNMENT_ROLES)
    refusal = gettext_lazy("Only caseworkers and supervisors answer hand-overs.")

    @classmethod
    def url_name(cls) -> str:
        return f"handover_{cls.name}"

    def get_object(self, request, pk: int) -> CaseHandover:
        return get_object_or_404(selectors.handovers_visible_to(request.user), pk=pk)

    def case_of(self, handover: CaseHandover) -> Case:
        return handover.case

    def redirect_after(self, request, handover: CaseHandover):
        if visible_cases(request.user).filter(pk=handover.case_id).exists():
            return redirect("needs_admin:case_detail", pk=handover.case_id)
        return redirect("needs_admin:handover_list")

    def page(self, request, handover: CaseHandover, *, bound: dict, status: int):
        # The case page shows the hand-over with the refused form; a reader who may no
        # longer open the case goes back to the list, the message on top.
        if not visible_cases(request.user).filter(pk=handover.case_id).exists():
            return redirect("needs_admin:handover_list")
        from needs.admin_views.cases import case_page

        return case_page(request, handover.case, bound=bound, status=status)


class HandoverAcceptView(HandoverActionView):
    name = "accept"
    title = gettext_lazy("Accept the hand-over")
    help_text = gettext_lazy(
        "Your office takes the case and you become its first-contact owner (首问负责制)."
    )
    button = gettext_lazy("Accept the hand-over")

    def perform(self, user, handover, data):
        handover = services.case_handover_accept(by=user, handover=handover)
        return _("Case %(number)s accepted: it is now with %(office)s and you own it.") % {
            "number": handover.case.number,
            "office": handover.to_office.name,
        }


class HandoverDeclineView(HandoverActionView):
    name = "decline"
    title = gettext_lazy("Decline the hand-over")
    help_text = gettext_lazy("The case stays with the sending office, which is told why.")
    button = gettext_lazy("Decline")
    form_class = HandoverDeclineForm

    def perform(self, user, handover, data):
        handover = services.case_handover_decline(by=user, handover=handover, reason=data["reason"])
        return _("Hand-over of case %(number)s declined: it stays with %(office)s.") % {
            "number": handover.case.number,
            "office": handover.from_office.name,
        }


class HandoverWithdrawView(HandoverActionView):
    name = "withdraw"
    title = gettext_lazy("Withdraw the hand-over")
    help_text = gettext_lazy(
        "Your office takes the hand-over back before the receiving office answers; the case "
        "stays with your office."
    )
    button = gettext_lazy("Withdraw the hand-over")

    def perform(self, user, handover, data):
        handover = services.handover_withdraw(by=user, handover=handover)
        return _("Hand-over of case %(number)s withdrawn: it stays with %(office)s.") % {
            "number": handover.case.number,
            "office": handover.from_office.name,
        }


HANDOVER_ACTION_VIEWS = [HandoverAcceptView, HandoverDeclineView, HandoverWithdrawView]
