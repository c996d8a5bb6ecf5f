"""The actions on a case: one small view per action, one service per view. The case page
(cases.py) shows them as forms; a refused action shows that page again with the errors."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit

from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.jurisdiction import GOVERNMENT_ROLES, has_role
from needs import admin_forms as f
from needs import selectors, services
from needs.admin_views.common import ActionView, forbidden, money, visible_cases
from needs.models import Case, Need, ReliefGrant
from needs.services.rules import refuse


class CaseActionView(ActionView):
    """An action on the case at ``pk``, by caseworkers and supervisors."""

    roles = GOVERNMENT_ROLES
    refusal = gettext_lazy("Only caseworkers and supervisors act on cases.")

    @classmethod
    def url_name(cls) -> str:
        return f"case_{cls.name.replace('-', '_')}"

    def get_object(self, request, pk: int) -> Case:
        return get_object_or_404(visible_cases(request.user), pk=pk)

    def case_of(self, case: Case) -> Case:
        return case

    def redirect_after(self, request, case: Case):
        if not visible_cases(request.user).filter(pk=case.pk).exists():
            return redirect("needs_admin:case_list")  # handed over out of reach
        return redirect("needs_admin:case_detail", pk=case.pk)

    def page(self, request, case: Case, *, bound: dict, status: int):
        # The case page lists these views, so it is imported when first needed.
        from needs.admin_views.cases import case_page

        return case_page(request, case, bound=bound, status=status)


def _need_of(case: Case) -> Need:
    need = Need.objects.filter(case=case).first()
    if need is None:
        refuse(None, _("Build the anonymized preview first."), "no_need")
    return need


class AcceptView(CaseActionView):
    name = "accept"
    title = gettext_lazy("Accept the case")
    help_text = gettext_lazy(
        "You become the first-contact owner (首问负责制) until the case is handed over."
    )
    button = gettext_lazy("Accept")

    def perform(self, user, case, data):
        case = services.case_accept(by=user, case=case)
        return _("Case %(number)s accepted: you are its first-contact owner.") % {
            "number": case.number
        }


class HandoverView(CaseActionView):
    name = "hand-over"
    title = gettext_lazy("Hand over")
    help_text = gettext_lazy(
        "To an office or department of the same province, at county level or covering the "
        "case's county. The case stays with your office, read-only, until the receiving "
        "office accepts it; you are told its answer."
    )
    button = gettext_lazy("Hand over")
    form_class = f.HandoverForm

    def perform(self, user, case, data):
        services.case_handover(
            by=user, case=case, to_office=data["to_office"], reason=data["reason"]
        )
        return _(
            "Hand-over to %(office)s sent: the case stays with your office until it accepts."
        ) % {"office": data["to_office"].name}


class AssessView(CaseActionView):
    name = "assess"
    title = gettext_lazy("Assess the need")
    button = gettext_lazy("Record the assessment")
    form_class = f.AssessForm

    def perform(self, user, case, data):
        case = services.case_assess(
            by=user,
            case=case,
            assessed_need_fen=data["assessed_need"],
            assessed_gap_fen=data["assessed_gap"],
            **f.AssessForm.facts_of(data),
        )
        return _("Assessment recorded: need %(need)s, remaining gap %(gap)s.") % {
            "need": money(data["assessed_need"]),
            "gap": money(case.remaining_gap_fen),
        }


class ReliefView(CaseActionView):
    name = "relief"
    title = gettext_lazy("Give relief")
    help_text = gettext_lazy(
        "Temporary relief needs an assessment; advance relief (先行救助) is for emergencies, "
        "with the paperwork completed afterwards."
    )
    button = gettext_lazy("Give relief")
    form_class = f.ReliefForm

    def perform(self, user, case, data):
        grant = services.relief_grant(
            by=user,
            case=case,
            kind=data["kind"],
            amount_fen=data["amount"] or 0,
            reason=data["reason"],
            in_kind=data["in_kind"],
            goods_quantity=data["goods_quantity"],
            goods_unit=data["goods_unit"],
            goods_value_fen=data["goods_value"] or 0,
            paid_via=data["paid_via"],
            payment_reference=data["payment_reference"],
        )
        if grant.status == ReliefGrant.Status.PENDING_APPROVAL:
            return _(
                "Relief of %(amount)s recorded: above the ceiling, it waits for a supervisor's "
                "decision (一事一议)."
            ) % {"amount": money(grant.amount_fen)}
        if not grant.is_cash:
            return _("Goods worth %(amount)s given.") % {"amount": money(grant.goods_value_fen)}
        return _("Relief of %(amount)s given.") % {"amount": money(grant.amount_fen)}


class DecideView(CaseActionView):
    name = "decide"
    title = gettext_lazy("Decide on relief above the ceiling")
    button = gettext_lazy("Record the decision")
    form_class = f.DecideForm

    def perform(self, user, case, data):
        approve = data["decision"] == f.DecideForm.APPROVE
        grant = services.relief_decide(
            by=user, grant=data["grant"], approve=approve, reason=data["reason"]
        )
        template = (
            _("Relief of %(amount)s approved.") if approve else _("Relief of %(amount)s refused.")
        )
        return template % {"amount": money(grant.amount_fen)}


class PaperworkView(CaseActionView):
    name = "paperwork"
    title = gettext_lazy("Advance-relief paperwork complete")
    button = gettext_lazy("Paperwork complete")
    form_class = f.PaperworkForm

    def perform(self, user, case, data):
        services.relief_paperwork_complete(by=user, grant=data["grant"])
        return _("The advance-relief paperwork is recorded as complete.")


class ReferView(CaseActionView):
    name = "refer"
    title = gettext_lazy("Refer (转介)")
    help_text = gettext_lazy(
        "To a charity project or a functional department, once relief was given and a gap "
        "remains (or with the emergency reason)."
    )
    button = gettext_lazy("Refer")
    form_class = f.ReferForm
    http_method_names = ["get", "post"]

    def get(self, request, pk: int):
        """The refer step as a page of its own, for the matches and the proposal: the project
        (and the proposed amount) chosen there, the amount and the note still to be said."""
        if not has_role(request.user, *self.roles):
            return forbidden(request, str(self.refusal))
        case = self.get_object(request, pk)
        if not selectors.user_can_handle_case(request.user, case):
            return forbidden(request, _("This case is not in your jurisdiction."))
        initial = {}
        project = request.GET.get("project", "")
        if project.isdigit():
            initial["project"] = int(project)
        amount = request.GET.get("amount", "")
        if amount and all(ch.isdigit() or ch == "." for ch in amount):
            initial["amount_requested"] = amount
        form = self.form_class(
            case=case, user=request.user, initial=initial, auto_id=f"id_{self.name}_%s"
        )
        return TemplateResponse(
            request,
            "needs/admin/refer_page.html",
            {
                "case": case,
                "action": self.panel(pk=case.pk, form=form, is_open=True),
                "next": _proposal_back(request.GET.get("next", "")),
            },
        )

    def perform(self, user, case, data):
        referral = services.referral_create(
            by=user,
            case=case,
            project=data["project"],
            department=data["department"],
            note=data["note"],
            emergency_reason=data["emergency_reason"],
            amount_requested_fen=data["amount_requested"],
            override_reason=data.get("override_reason", ""),
            assistance_type=data["assistance_type"],
        )
        return _("Referred to %(receiver)s; an answer is due by %(due)s.") % {
            "receiver": referral.to_organisation.name,
            "due": timezone.localtime(referral.answer_due_at).strftime("%Y-%m-%d %H:%M"),
        }

    def redirect_after(self, request, case):
        # The proposal screen's buttons come back to it (with its scope), to confirm the
        # next referral.
        back = _proposal_back(request.POST.get("next", ""))
        return redirect(back) if back else super().redirect_after(request, case)


def _proposal_back(url: str) -> str:
    """``url`` if it is the proposal screen (the path ours, the query re-encoded), else ""."""
    back = urlsplit(url)
    if not back.scheme and not back.netloc and back.path == reverse("needs_admin:proposal"):
        query = urlencode(parse_qsl(back.query))
        return f"{back.path}?{query}" if query else back.path
    return ""


class ConferenceView(CaseActionView):
    name = "conference"
    title = gettext_lazy("Record a case conference (会商)")
    button = gettext_lazy("Record the conference")
    form_class = f.ConferenceForm

    def perform(self, user, case, data):
        services.case_conference_record(
            by=user,
            case=case,
            held_on=data["held_on"],
            participants=data["participants"],
            decision=data["decision"],
            follow_ups=data["follow_ups"],
        )
        return _("Case conference recorded.")


class ConsentView(CaseActionView):
    name = "consent"
    title = gettext_lazy("Record consent")
    help_text = gettext_lazy(
        "Publishing an anonymized need, showing contact details to an accepting charity, and "
        "keeping health details (diagnosis, treatment) in the published need each need the "
        "household's own consent."
    )
    button = gettext_lazy("Record consent")
    form_class = f.ConsentForm

    def perform(self, user, case, data):
        consent = services.consent_record(
            by=user,
            case=case,
            scope=data["scope"],
            method=data["method"],
            given_by_name=data["given_by_name"],
        )
        return _("Consent recorded: %(scope)s.") % {"scope": consent.get_scope_display()}


class ConsentWithdrawView(CaseActionView):
    name = "consent-withdraw"
    title = gettext_lazy("Withdraw consent")
    button = gettext_lazy("Withdraw")
    form_class = f.ConsentWithdrawForm

    def perform(self, user, case, data):
        consent = services.consent_withdraw(by=user, consent=data["consent"])
        return _("Consent withdrawn: %(scope)s.") % {"scope": consent.get_scope_display()}


class IdentifierAddView(CaseActionView):
    name = "identifier-add"
    title = gettext_lazy("Record a bank card or document number")
    help_text = gettext_lazy(
        "Bank cards, hospital or admission record numbers, certificates (残疾证, 低保/特困证) "
        "and the household register: stored encrypted, and removed from every public text."
    )
    button = gettext_lazy("Record the number")
    form_class = f.IdentifierForm

    def perform(self, user, case, data):
        identifier = services.household_identifier_add(
            by=user, case=case, kind=data["kind"], value=data["value"], label=data["label"]
        )
        return _("Recorded: %(kind)s (stored encrypted).") % {"kind": identifier.get_kind_display()}


class IdentifierRemoveView(CaseActionView):
    name = "identifier-remove"
    title = gettext_lazy("Remove a document number")
    button = gettext_lazy("Remove")
    form_class = f.IdentifierRemoveForm

    def perform(self, user, case, data):
        services.household_identifier_remove(by=user, case=case, identifier=data["identifier"])
        return _("The number was removed.")


class ContactAddView(CaseActionView):
    name = "contact-add"
    title = gettext_lazy("Record a contact outside the household")
    help_text = gettext_lazy(
        "A relative living elsewhere, a neighbour, the village or community cadre: name and "
        "phone are stored encrypted, and removed from every public text."
    )
    button = gettext_lazy("Record the contact")
    form_class = f.ContactForm

    def perform(self, user, case, data):
        contact = services.household_contact_add(
            by=user,
            case=case,
            name=data["name"],
            relation=data["relation"],
            phone=data["phone"],
            note=data["note"],
        )
        return _("Contact recorded: %(relation)s.") % {"relation": contact.get_relation_display()}


class ContactRemoveView(CaseActionView):
    name = "contact-remove"
    title = gettext_lazy("Remove a contact")
    button = gettext_lazy("Remove")
    form_class = f.ContactRemoveForm

    def perform(self, user, case, data):
        services.household_contact_remove(by=user, case=case, contact=data["contact"])
        return _("The contact was removed.")


class NeedPreviewView(CaseActionView):
    name = "need-preview"
    title = gettext_lazy("Build the anonymized public need")
    help_text = gettext_lazy(
        "Names of anyone in the story become “X某”; numbers, accounts, addresses below county "
        "level, schools and employers are removed; diagnoses and treatments become their "
        "category unless the household consented to disclose health details; exact dates "
        "become the month. The review under the draft lists each removal and marks the "
        "guesses: check and edit the draft before publishing."
    )
    button = gettext_lazy("Build the preview")

    def perform(self, user, case, data):
        services.need_preview(by=user, case=case)
        return _("Draft public need built: check it below before publishing.")


class NeedEditView(CaseActionView):
    name = "need-edit"
    title = gettext_lazy("Edit the public need")
    button = gettext_lazy("Save the draft")
    form_class = f.NeedEditForm

    def perform(self, user, case, data):
        services.need_update_draft(
            by=user, need=_need_of(case), title=data["title"], story=data["story"]
        )
        return _("Draft public need saved.")


class NeedPublishView(CaseActionView):
    name = "need-publish"
    title = gettext_lazy("Publish the need")
    help_text = gettext_lazy(
        "The text is checked again for anything that identifies the household."
    )
    button = gettext_lazy("Publish")

    def perform(self, user, case, data):
        services.need_publish(by=user, need=_need_of(case))
        return _("The need is published on the public site.")


class NeedUnpublishView(CaseActionView):
    name = "need-unpublish"
    title = gettext_lazy("Unpublish the need")
    button = gettext_lazy("Unpublish")

    def perform(self, user, case, data):
        services.need_unpublish(by=user, need=_need_of(case))
        return _("The need is no longer public.")


class CloseView(CaseActionView):
    name = "close"
    title = gettext_lazy("Close the case")
    help_text = gettext_lazy("Finish or cancel open referrals first.")
    button = gettext_lazy("Close the case")
    form_class = f.CloseForm

    def perform(self, user, case, data):
        case = services.case_close(by=user, case=case, outcome=data["outcome"], note=data["note"])
        return _("Case %(number)s closed: %(outcome)s.") % {
            "number": case.number,
            "outcome": case.get_outcome_display(),
        }


CASE_ACTION_VIEWS = [
    AcceptView,
    HandoverView,
    AssessView,
    ReliefView,
    DecideView,
    PaperworkView,
    ReferView,
    ConferenceView,
    ConsentView,
    ConsentWithdrawView,
    IdentifierAddView,
    IdentifierRemoveView,
    ContactAddView,
    ContactRemoveView,
    NeedPreviewView,
    NeedEditView,
    NeedPublishView,
    NeedUnpublishView,
    CloseView,
]
