"""The cases back office in the Wagtail admin: case list, case page with its actions as forms,
"report a case", and the referral inbox.

Thin edges, like the API (needs/api/views.py): every read goes through the jurisdiction
selectors, every change through exactly one service, and every page showing a household's
personal data records the read in the audit log (DESIGN.md 7.1, 7.3, 7.5).
"""

from __future__ import annotations

from functools import wraps
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin import messages

from core.audit import personal_data_read_record
from core.jurisdiction import GOVERNMENT_ROLES, has_role
from core.models import Membership
from core.money import format_money
from needs import admin_forms as f
from needs import selectors, services
from needs.filtersets import CaseFilterSet
from needs.models import Case, Consent, Need, Referral, ReliefGrant
from needs.models.households import KEY_GROUPS
from needs.services.households import STATUS_FIELDS
from needs.services.rules import refuse

Role = Membership.Role
CASE_ROLES = tuple(selectors.CASE_READERS)
# Charities answer referrals; government staff follow their cases' referrals (and departments
# answer those sent to them); auditors and platform administrators read them all.
REFERRAL_ROLES = (*selectors.CASE_READERS, Role.CHARITY_STAFF)
ACTING_ON_REFERRAL_ROLES = (Role.CHARITY_STAFF, *GOVERNMENT_ROLES)
# What the case page shows of the household: recorded as one personal-data read per view.
HOUSEHOLD_FIELDS_SHOWN = [
    "names",
    "relations",
    "ages",
    "health",
    "phone",
    "address",
    "id_number_masked",
]
PAGE_SIZE = 50

ACTION_LABELS = {
    "case.report": gettext_lazy("case reported"),
    "case.accept": gettext_lazy("case accepted"),
    "case.handover": gettext_lazy("handed over"),
    "case.assess": gettext_lazy("need assessed"),
    "case.conference": gettext_lazy("case conference recorded"),
    "case.close": gettext_lazy("case closed"),
    "relief.grant": gettext_lazy("relief given"),
    "relief.approve": gettext_lazy("relief approved (一事一议)"),
    "relief.refuse": gettext_lazy("relief refused (一事一议)"),
    "relief.paperwork_complete": gettext_lazy("advance-relief paperwork completed"),
    "referral.create": gettext_lazy("referred"),
    "referral.accept": gettext_lazy("referral accepted"),
    "referral.reject": gettext_lazy("referral declined"),
    "referral.start": gettext_lazy("referral work started"),
    "referral.complete": gettext_lazy("referral finished"),
    "referral.cancel": gettext_lazy("referral cancelled"),
    "referral.expire": gettext_lazy("referral expired unanswered"),
    "consent.record": gettext_lazy("consent recorded"),
    "consent.withdraw": gettext_lazy("consent withdrawn"),
    "need.preview": gettext_lazy("public need drafted"),
    "need.edit": gettext_lazy("public need edited"),
    "need.publish": gettext_lazy("public need published"),
    "need.unpublish": gettext_lazy("public need unpublished"),
    "deadline.escalate": gettext_lazy("overdue step escalated to the supervisor"),
}


# ---- helpers ----


def forbidden(request, message: str | None = None) -> TemplateResponse:
    """A plain 403 page inside the admin (Wagtail would turn PermissionDenied into a redirect)."""
    return TemplateResponse(
        request,
        "needs/admin/forbidden.html",
        {"message": message or _("You do not have a role that may use this screen.")},
        status=403,
    )


def require_roles(*roles: str):
    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not has_role(request.user, *roles):
                return forbidden(request)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def money(fen: int | None) -> str:
    return "—" if fen is None else format_money(fen)


def _query_without_page(request) -> str:
    return urlencode([(k, v) for k, v in request.GET.items() if k != "p" and v])


def _cases(user):
    queryset = Case.objects.select_related("region", "responsible_office", "owner")
    return selectors.cases_visible_to(user, queryset)


def _referrals(user):
    queryset = Referral.objects.select_related(
        "case__region", "to_organisation", "project", "requested_by"
    )
    return selectors.referrals_visible_to(user, queryset)


def _error_summary(request, title: str, form: f.ServiceForm) -> None:
    messages.error(
        request,
        _("%(action)s: not done. %(reasons)s")
        % {"action": title, "reasons": " ".join(form.error_texts())},
    )


def _call_service(form: f.ServiceForm, perform) -> tuple[object, int]:
    """Run ``perform`` in one transaction; a refusal goes onto the form. Returns (result or
    None, HTTP status for a re-rendered page)."""
    try:
        with transaction.atomic():
            return perform(), 200
    except ValidationError as error:
        form.add_service_error(error)
        return None, 200
    except PermissionDenied as error:
        form.add_error(None, str(error) or _("You may not do this."))
        return None, 403


# ---- case list ----


def _filter_cases(queryset, data: dict):
    if data.get("number"):
        queryset = queryset.filter(number__icontains=data["number"].strip())
    for name in ("status", "category", "channel"):
        if data.get(name):
            queryset = queryset.filter(**{name: data[name]})
    if data.get("urgency"):
        queryset = queryset.filter(urgency=int(data["urgency"]))
    if data.get("overdue"):
        # The API's definition of "overdue", so that both lists agree.
        queryset = CaseFilterSet(queryset=queryset).filter_overdue(
            queryset, "overdue", data["overdue"] == "yes"
        )
    if data.get("needs_rematch"):
        queryset = queryset.filter(needs_rematch=data["needs_rematch"] == "yes")
    return queryset


@require_roles(*CASE_ROLES)
def case_list(request):
    """Cases in the reader's jurisdiction, filtered; no personal data on this page."""
    form = f.CaseFilterForm(request.GET or None)
    cases = _cases(request.user)
    if form.is_bound:
        form.is_valid()  # invalid filters are shown on the form and ignored
        cases = _filter_cases(cases, form.cleaned_data)
    # Page through ids first, then load the page's cases by key, as the API does.
    page = Paginator(cases.values_list("pk", flat=True), PAGE_SIZE).get_page(request.GET.get("p"))
    ids = list(page.object_list)
    loaded = Case.objects.select_related("region", "responsible_office", "owner").in_bulk(ids)
    overdue = selectors.overdue_among(ids)
    rows = [
        {"case": loaded[pk], "overdue": pk in overdue, "gap": money(loaded[pk].remaining_gap_fen)}
        for pk in ids
    ]
    return TemplateResponse(
        request,
        "needs/admin/case_list.html",
        {
            "filter_form": form,
            "page": page,
            "rows": rows,
            "query": _query_without_page(request),
            "can_report": has_role(request.user, *GOVERNMENT_ROLES),
        },
    )


# ---- case page ----


def _timeline(case: Case) -> list[dict]:
    entries = []
    for event in selectors.case_timeline(case):
        changes = []
        for name, value in (event["changes"] or {}).items():
            values = value if isinstance(value, list) and len(value) == 2 else [None, value]
            if name.endswith("_fen"):
                values = [money(v) if isinstance(v, int) else v for v in values]
            before, after = ("—" if v is None else v for v in values)
            changes.append(
                f"{name}: {before} → {after}" if values[0] is not None else f"{name}: {after}"
            )
        entries.append(
            {
                "at": event["at"],
                "actor": event["actor"],
                "action": ACTION_LABELS.get(event["action"], event["action"]),
                "code": event["action"],
                "changes": changes,
            }
        )
    return entries


def _mask_id_number(member) -> str:
    """The first six and the last four characters, as the API's MemberSerializer does."""
    from needs.crypto import decrypt_id_number

    if not member.id_number_encrypted:
        return ""
    number = decrypt_id_number(member.id_number_encrypted)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def _household_flags(household) -> list[str]:
    labels = {name: household._meta.get_field(name).verbose_name for name in STATUS_FIELDS}
    labels.update(dict(KEY_GROUPS))
    return [str(labels[name]) for name in labels if getattr(household, name)]


def _form(cls, case, user, name: str, bound: dict, *, item=None, **kwargs):
    """The bound form of a failed POST for this action (and item), or a fresh one."""
    form = bound.get(name)
    if form is not None and (item is None or str(form.data.get(form.item_field)) == str(item)):
        return form
    suffix = f"{name}_{item}" if item is not None else name
    initial = kwargs.pop("initial", {})
    if item is not None:
        initial[cls.item_field] = item
    return cls(case=case, user=user, auto_id=f"id_{suffix}_%s", initial=initial, **kwargs)


def _case_actions(user, case: Case, need: Need | None, bound: dict) -> dict:
    """The actions that make sense for this case's state and the user's role. Showing them is
    a courtesy: the services decide."""
    can_handle = selectors.user_can_handle_case(user, case)
    is_supervisor = selectors.user_is_supervisor_for(user, case)
    is_open = case.status != Case.Status.CLOSED
    accepted = case.owner_id is not None
    owner_or_supervisor = case.owner_id == user.pk or is_supervisor
    active_scopes = {c.scope for c in case.consents.all() if c.withdrawn_at is None}
    has_publish_consent = Consent.Scope.PUBLISH_NEED in active_scopes
    need_published = need is not None and need.status == Need.Status.PUBLISHED

    specs = [
        ("accept", AcceptView, is_open and not accepted),
        ("assess", AssessView, is_open and accepted),
        ("relief", ReliefView, is_open and accepted),
        ("refer", ReferView, is_open and accepted),
        ("conference", ConferenceView, is_open),
        ("consent", ConsentView, len(active_scopes) < len(Consent.Scope.values)),
        ("need-preview", NeedPreviewView, is_open and has_publish_consent and not need_published),
        ("need-edit", NeedEditView, need is not None and not need_published),
        ("need-publish", NeedPublishView, is_open and need is not None and not need_published),
        ("need-unpublish", NeedUnpublishView, need_published),
        ("hand-over", HandoverView, is_open and owner_or_supervisor),
        ("close", CloseView, is_open and owner_or_supervisor),
    ]
    actions = []
    if can_handle:
        for name, view, shown in specs:
            if not shown:
                continue
            initial = {}
            if name == "need-edit":
                initial = {"title": need.title, "story": need.story}
            if name == "conference":
                initial = {"held_on": timezone.localdate()}
            form = _form(view.form_class, case, user, name, bound, initial=initial)
            actions.append(
                {
                    "name": name,
                    "title": view.title,
                    "help": view.help_text,
                    "button": view.button,
                    "url": reverse(f"needs_admin:case_{name.replace('-', '_')}", args=[case.pk]),
                    "form": form,
                    "open": name in bound,
                }
            )
    return {
        "can_handle": can_handle,
        "is_supervisor": is_supervisor,
        "actions": actions,
        "can_decide": is_supervisor and is_open,
        "has_publish_consent": has_publish_consent,
    }


def _case_page(request, case: Case, *, bound: dict | None = None, status: int = 200):
    bound = bound or {}
    user = request.user
    case = (
        _cases(user)
        .select_related("household__region", "reported_by")
        .prefetch_related(
            "household__members",
            "relief_grants__granted_by",
            "relief_grants__decided_by",
            "referrals__to_organisation",
            "referrals__project",
            "deadlines",
            "consents__recorded_by",
            "conferences",
            "handovers__from_office",
            "handovers__to_office",
        )
        .get(pk=case.pk)
    )
    with transaction.atomic():
        personal_data_read_record(
            actor=user,
            obj=case.household,
            fields=HOUSEHOLD_FIELDS_SHOWN,
            purpose=f"case {case.number}",
        )
    household = case.household
    need = Need.objects.filter(case=case).select_related("region").first()
    state = _case_actions(user, case, need, bound)
    now = timezone.now()

    members = [{"member": m, "id_number": _mask_id_number(m)} for m in household.members.all()]
    grants = []
    for grant in case.relief_grants.all():
        row = {"grant": grant, "amount": money(grant.amount_fen)}
        if (
            state["can_decide"]
            and grant.status == ReliefGrant.Status.PENDING_APPROVAL
            and grant.granted_by_id != user.pk
        ):
            row["decide_form"] = _form(f.DecideForm, case, user, "decide", bound, item=grant.pk)
        if (
            state["can_handle"]
            and grant.kind == ReliefGrant.Kind.ADVANCE
            and grant.paperwork_completed_at is None
        ):
            row["paperwork_form"] = _form(
                f.PaperworkForm, case, user, "paperwork", bound, item=grant.pk
            )
        grants.append(row)
    consents = []
    for consent in case.consents.all():
        row = {"consent": consent}
        if state["can_handle"] and consent.withdrawn_at is None:
            row["withdraw_form"] = _form(
                f.ConsentWithdrawForm, case, user, "consent-withdraw", bound, item=consent.pk
            )
        consents.append(row)
    deadlines = [
        {"deadline": d, "overdue": d.met_at is None and d.due_at < now}
        for d in case.deadlines.all()
    ]
    referrals = [
        {
            "referral": r,
            "amount": money(r.amount_requested_fen),
            "overdue": r.status == Referral.Status.REQUESTED and r.answer_due_at < now,
        }
        for r in case.referrals.all()
    ]
    context = {
        "case": case,
        "is_overdue": bool(selectors.overdue_among([case.pk])),
        "household": household,
        "region_name": case.region.full_name,
        "household_region_name": household.region.full_name,
        "household_flags": _household_flags(household),
        "members": members,
        "assessed_need": money(case.assessed_need_fen),
        "remaining_gap": money(case.remaining_gap_fen),
        "grants": grants,
        "referrals": referrals,
        "deadlines": deadlines,
        "consents": consents,
        "conferences": case.conferences.all(),
        "handovers": case.handovers.all(),
        "need": need,
        "need_gap": money(need.remaining_gap_fen) if need else "",
        "timeline": _timeline(case),
        **state,
    }
    return TemplateResponse(request, "needs/admin/case_detail.html", context, status=status)


@require_roles(*CASE_ROLES)
def case_detail(request, pk: int):
    """The case page: 404 outside the reader's scope; the household read is logged."""
    return _case_page(request, get_object_or_404(_cases(request.user), pk=pk))


# ---- case actions: one small view per action, one service per view ----


class CaseActionView(View):
    """POST only: validate the form, call one service, redirect back to the case page with a
    message; on a refusal, show the case page again with the form's errors."""

    http_method_names = ["post"]
    name = ""
    title = ""
    help_text = ""
    button = gettext_lazy("Save")
    form_class: type[f.ServiceForm] = f.EmptyForm

    def perform(self, user, case: Case, data: dict) -> str:
        """Call the service; return the success message."""
        raise NotImplementedError

    def post(self, request, pk: int):
        if not has_role(request.user, *GOVERNMENT_ROLES):
            return forbidden(request, _("Only caseworkers and supervisors act on cases."))
        case = get_object_or_404(_cases(request.user), pk=pk)
        item = "".join(
            ch for ch in request.POST.get(self.form_class.item_field, "") if ch.isdigit()
        )
        suffix = f"{self.name}_{item}" if item else self.name
        form = self.form_class(
            request.POST, case=case, user=request.user, auto_id=f"id_{suffix}_%s"
        )
        status = 200
        if form.is_valid():
            message, status = _call_service(
                form, lambda: self.perform(request.user, case, form.cleaned_data)
            )
            if message is not None:
                messages.success(request, message)
                if not _cases(request.user).filter(pk=case.pk).exists():
                    return redirect("needs_admin:case_list")  # handed over out of reach
                return redirect("needs_admin:case_detail", pk=case.pk)
        _error_summary(request, str(self.title), form)
        return _case_page(request, case, bound={self.name: form}, status=status)


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
        "The receiving office or department accepts the case again; the hand-over is recorded."
    )
    button = gettext_lazy("Hand over")
    form_class = f.HandoverForm

    def perform(self, user, case, data):
        services.case_handover(
            by=user, case=case, to_office=data["to_office"], reason=data["reason"]
        )
        return _("Case handed over to %(office)s.") % {"office": data["to_office"].name}


class AssessView(CaseActionView):
    name = "assess"
    title = gettext_lazy("Assess the need")
    button = gettext_lazy("Record the assessment")
    form_class = f.AssessForm

    def perform(self, user, case, data):
        services.case_assess(
            by=user,
            case=case,
            assessed_need_fen=data["assessed_need"],
            remaining_gap_fen=data["remaining_gap"],
        )
        return _("Assessment recorded: need %(need)s, remaining gap %(gap)s.") % {
            "need": money(data["assessed_need"]),
            "gap": money(data["remaining_gap"]),
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
            amount_fen=data["amount"],
            reason=data["reason"],
            in_kind=data["in_kind"],
        )
        if grant.status == ReliefGrant.Status.PENDING_APPROVAL:
            return _(
                "Relief of %(amount)s recorded: above the ceiling, it waits for a supervisor's "
                "decision (一事一议)."
            ) % {"amount": money(grant.amount_fen)}
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

    def perform(self, user, case, data):
        referral = services.referral_create(
            by=user,
            case=case,
            project=data["project"],
            department=data["department"],
            note=data["note"],
            emergency_reason=data["emergency_reason"],
            amount_requested_fen=data["amount_requested"],
        )
        return _("Referred to %(receiver)s; an answer is due by %(due)s.") % {
            "receiver": referral.to_organisation.name,
            "due": timezone.localtime(referral.answer_due_at).strftime("%Y-%m-%d %H:%M"),
        }


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
        "Publishing an anonymized need, and showing contact details to an accepting charity, "
        "each need the household's consent."
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


class NeedPreviewView(CaseActionView):
    name = "need-preview"
    title = gettext_lazy("Build the anonymized public need")
    help_text = gettext_lazy(
        "Names become “X某”; ID, phone and bank card numbers, addresses below county level "
        "and exact dates are removed. Check and edit the draft before publishing."
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
    NeedPreviewView,
    NeedEditView,
    NeedPublishView,
    NeedUnpublishView,
    CloseView,
]


# ---- report a case ----


@require_roles(*GOVERNMENT_ROLES)
def case_report(request):
    """Record a new case from any discovery channel."""
    form = f.CaseReportForm(request.POST or None, user=request.user)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            members = form.members()

            def perform():
                return services.case_report(
                    by=request.user,
                    office=data["office"],
                    channel=data["channel"],
                    category=data["category"],
                    narrative=data["narrative"],
                    urgency=data["urgency"],
                    is_emergency=data["is_emergency"],
                    household=services.HouseholdInput(
                        region=data["county"],
                        township=data["township"],
                        address_detail=data["address_detail"],
                        phone=data["phone"],
                        flags=form.flags(),
                        members=[services.MemberInput(**member) for member in members],
                    ),
                )

            result, status = _call_service(form, perform)
            if result is not None:
                messages.success(
                    request, _("Case %(number)s recorded.") % {"number": result.case.number}
                )
                for warning in result.warnings:
                    text = warning.message
                    if warning.cases:
                        text += " " + _("Earlier cases: %(numbers)s.") % {
                            "numbers": "、".join(warning.cases)
                        }
                    messages.warning(request, text)
                return redirect("needs_admin:case_detail", pk=result.case.pk)
        _error_summary(request, _("Report a case"), form)
    return TemplateResponse(
        request,
        "needs/admin/case_report.html",
        {"form": form, "has_offices": form.fields["office"].queryset.exists()},
        status=status,
    )


# ---- referral inbox ----


@require_roles(*REFERRAL_ROLES)
def referral_list(request):
    """Referrals sent to the user's organisation, or those of cases the user may see."""
    form = f.ReferralFilterForm(request.GET or None)
    referrals = _referrals(request.user)
    if form.is_bound and form.is_valid() and form.cleaned_data.get("status"):
        referrals = referrals.filter(status=form.cleaned_data["status"])
    page = Paginator(referrals, PAGE_SIZE).get_page(request.GET.get("p"))
    now = timezone.now()
    rows = [
        {
            "referral": r,
            "gap": money(r.case.remaining_gap_fen),
            "overdue": r.status == Referral.Status.REQUESTED and r.answer_due_at < now,
        }
        for r in page
    ]
    return TemplateResponse(
        request,
        "needs/admin/referral_list.html",
        {"filter_form": form, "page": page, "rows": rows, "query": _query_without_page(request)},
    )


def _is_receiver(user, referral: Referral) -> bool:
    return Membership.objects.filter(
        user=user,
        organisation_id=referral.to_organisation_id,
        role__in=ACTING_ON_REFERRAL_ROLES,
        is_active=True,
    ).exists()


def _referral_page(request, referral: Referral, *, bound: dict | None = None, status: int = 200):
    bound = bound or {}
    user = request.user
    referral = _referrals(user).get(pk=referral.pk)
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
    specs = [
        ("accept", ReferralAcceptView, receiver and referral.status == Referral.Status.REQUESTED),
        ("reject", ReferralRejectView, receiver and referral.status == Referral.Status.REQUESTED),
        ("start", ReferralStartView, receiver and referral.status == Referral.Status.ACCEPTED),
        (
            "complete",
            ReferralCompleteView,
            receiver and referral.status in (Referral.Status.ACCEPTED, Referral.Status.IN_PROGRESS),
        ),
        ("cancel", ReferralCancelView, can_handle_case and referral.status in open_statuses),
    ]
    actions = []
    for name, view, shown in specs:
        if shown:
            form = bound.get(name) or view.form_class(case=case, user=user, auto_id=f"id_{name}_%s")
            actions.append(
                {
                    "name": name,
                    "title": view.title,
                    "help": view.help_text,
                    "button": view.button,
                    "url": reverse(f"needs_admin:referral_{name}", args=[referral.pk]),
                    "form": form,
                    "open": True,
                }
            )
    context = {
        "referral": referral,
        "case": case,
        "region_name": case.region.full_name,
        "gap": money(case.remaining_gap_fen),
        "amount_requested": money(referral.amount_requested_fen),
        "overdue": referral.status == Referral.Status.REQUESTED
        and referral.answer_due_at < timezone.now(),
        "case_visible": selectors.cases_visible_to(user).filter(pk=case.pk).exists(),
        "contact": contact,
        "contact_refusal": contact_refusal,
        "actions": actions,
    }
    return TemplateResponse(request, "needs/admin/referral_detail.html", context, status=status)


@require_roles(*REFERRAL_ROLES)
def referral_detail(request, pk: int):
    return _referral_page(request, get_object_or_404(_referrals(request.user), pk=pk))


class ReferralActionView(View):
    http_method_names = ["post"]
    name = ""
    title = ""
    help_text = ""
    button = gettext_lazy("Save")
    form_class: type[f.ServiceForm] = f.EmptyForm

    def perform(self, user, referral: Referral, data: dict) -> str:
        raise NotImplementedError

    def post(self, request, pk: int):
        if not has_role(request.user, *ACTING_ON_REFERRAL_ROLES):
            return forbidden(request, _("Only charity and government staff answer referrals."))
        referral = get_object_or_404(_referrals(request.user), pk=pk)
        form = self.form_class(
            request.POST, case=referral.case, user=request.user, auto_id=f"id_{self.name}_%s"
        )
        status = 200
        if form.is_valid():
            message, status = _call_service(
                form, lambda: self.perform(request.user, referral, form.cleaned_data)
            )
            if message is not None:
                messages.success(request, message)
                return redirect("needs_admin:referral_detail", pk=referral.pk)
        _error_summary(request, str(self.title), form)
        return _referral_page(request, referral, bound={self.name: form}, status=status)


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


REFERRAL_ACTION_VIEWS = [
    ReferralAcceptView,
    ReferralRejectView,
    ReferralStartView,
    ReferralCompleteView,
    ReferralCancelView,
]

urlpatterns = [
    path("cases/", case_list, name="case_list"),
    path("cases/new/", case_report, name="case_report"),
    path("cases/<int:pk>/", case_detail, name="case_detail"),
    *[
        path(
            f"cases/<int:pk>/{view.name}/",
            view.as_view(),
            name=f"case_{view.name.replace('-', '_')}",
        )
        for view in CASE_ACTION_VIEWS
    ],
    path("referrals/", referral_list, name="referral_list"),
    path("referrals/<int:pk>/", referral_detail, name="referral_detail"),
    *[
        path(f"referrals/<int:pk>/{view.name}/", view.as_view(), name=f"referral_{view.name}")
        for view in REFERRAL_ACTION_VIEWS
    ],
]
