"""The case list, the case page (household, relief, referrals, timeline and the actions that
fit the case's state) and "report a case"."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.db import transaction
from django.db.models import Case as DbCase
from django.db.models import F, When
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from wagtail.admin import messages

from core.admin_lists import RoleListView
from core.audit import personal_data_read_record
from core.audit_text import describe_events, person_name
from core.jurisdiction import GOVERNMENT_ROLES, READ_EVERYTHING_ROLES, Role, has_role
from discovery.selectors_registers import case_origin
from needs import admin_forms as f
from needs import selectors, services
from needs.admin_views.case_actions import (
    AcceptView,
    AssessView,
    CloseView,
    ConferenceView,
    ConsentView,
    ContactAddView,
    HandoverView,
    IdentifierAddView,
    NeedEditView,
    NeedPreviewView,
    NeedPublishView,
    NeedUnpublishView,
    ReferView,
    ReliefView,
)
from needs.admin_views.common import (
    CASE_ROLES,
    action_form,
    call_service,
    error_summary,
    household_input,
    money,
    referral_overdue,
    require_roles,
    visible_cases,
)
from needs.admin_views.handovers import handover_panel
from needs.admin_views.listing import Column, when
from needs.admin_views.need_review import need_review
from needs.crypto import decrypt_personal, masked_document_number, masked_id_number
from needs.filtersets import CaseListFilterSet
from needs.gap import gap_parts
from needs.models import Case, CaseDeadline, Consent, Need, ReliefGrant
from needs.models.households import KEY_GROUPS
from needs.selectors_assistance import applications_visible_to
from needs.services.households import STATUS_FIELDS

# What the case page shows of the household: recorded as one personal-data read per view.

YES_NO = {"yes": True, "no": False}


# ---- case list ----


# The list's orders: open cases first, then the most urgent, then the nearest deadline (a
# case with none last), then the newest; or by deadline alone, or newest first.
_OPEN_FIRST = DbCase(When(status=Case.Status.CLOSED, then=1), default=0)
_NEXT_DUE = F("next_due_at").asc(nulls_last=True)
CASE_ORDERS = {
    "urgency": [_OPEN_FIRST, "-urgency", _NEXT_DUE, "-reported_at", "-id"],
    "due": [_OPEN_FIRST, _NEXT_DUE, "-urgency", "-reported_at", "-id"],
    "newest": ["-reported_at", "-id"],
}


def overdue_words(delta: dt.timedelta) -> str:
    """How long past a deadline, in words: "2天3小时", "5小时20分钟", "40分钟"."""
    minutes = max(int(delta.total_seconds() // 60), 1)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days:
        return _("%(days)s d %(hours)s h") % {"days": days, "hours": hours}
    if hours:
        return _("%(hours)s h %(minutes)s min") % {"hours": hours, "minutes": minutes}
    return _("%(minutes)s min") % {"minutes": minutes}


def _next_steps(ids: list[int]) -> dict[int, CaseDeadline]:
    """The earliest unmet deadline of each case: the step its next_due_at belongs to."""
    steps: dict[int, CaseDeadline] = {}
    for deadline in CaseDeadline.objects.filter(case_id__in=ids, met_at__isnull=True).order_by(
        "due_at"
    ):
        steps.setdefault(deadline.case_id, deadline)
    return steps


def _deadline(case: Case, step: CaseDeadline | None, now: dt.datetime) -> dict | None:
    if case.next_due_at is None:
        return None
    due = case.next_due_at
    return {
        "at": due,
        "step": step.get_step_display() if step is not None and step.due_at == due else "",
        "overdue": due < now,
        "late_by": overdue_words(now - due) if due < now else "",
    }


def _number_cell(case: Case):
    return format_html(
        '<a href="{}">{}</a><br><small title="{}">{}</small>',
        reverse("needs_admin:case_detail", args=[case.pk]),
        case.number,
        _("reported at"),
        when(case.reported_at, "%Y-%m-%d"),
    )


def _with_note(text, note: str, condition: bool = True):
    """``text`` with a small second line (a flag) when ``condition`` holds."""
    return format_html("{}<br><small>{}</small>", text, note) if condition else text


def _deadline_cell(case: Case):
    deadline = case.row["deadline"]
    if not deadline:
        return "—"
    late = (
        format_html(
            '<span class="w-status w-status--primary nowrap">{}</span><br>',
            _("overdue by %(time)s") % {"time": deadline["late_by"]},
        )
        if deadline["overdue"]
        else ""
    )
    step = format_html("<br><small>{}</small>", deadline["step"]) if deadline["step"] else ""
    return format_html(
        '{}<time class="nowrap" datetime="{}" title="{}">{}</time>{}',
        late,
        deadline["at"].isoformat(),
        when(deadline["at"]),
        when(deadline["at"], "%m-%d %H:%M"),
        step,
    )


def _owner_note(case: Case) -> str:
    owner = person_name(case.owner) if case.owner else "—"
    return f"{_('first-contact owner')}：{owner}"


class CaseListView(RoleListView):
    """Cases in the reader's jurisdiction, filtered (CaseListFilterSet); no personal data on
    this page. Open cases first, the most urgent first, then the nearest deadline."""

    model = Case
    roles = CASE_ROLES
    page_title = gettext_lazy("Cases")
    header_icon = "folder-open-inverse"
    index_url_name = "needs_admin:case_list"
    filterset_class = CaseListFilterSet
    filter_label = gettext_lazy("Filter cases")
    no_results_message = gettext_lazy("No cases match.")
    table_classname = "listing needs-listing case-listing"
    page_classname = "case-list-page"
    default_ordering = CASE_ORDERS["urgency"]
    columns = [
        Column("number", label=gettext_lazy("case number"), accessor=_number_cell),
        Column(
            "status",
            label=gettext_lazy("status"),
            classname="nowrap",
            accessor=lambda c: _with_note(
                c.get_status_display(), _("needs a new match"), c.needs_rematch
            ),
        ),
        Column("category", label=gettext_lazy("category"), accessor="get_category_display"),
        Column(
            "urgency",
            label=gettext_lazy("urgency"),
            classname="nowrap",
            accessor=lambda c: _with_note(c.get_urgency_display(), _("emergency"), c.is_emergency),
        ),
        Column(
            "county",
            label=pgettext_lazy("place", "county"),
            accessor=lambda c: _with_note(c.region.name, _owner_note(c)),
        ),
        Column(
            "gap",
            label=gettext_lazy("remaining gap"),
            classname="nowrap",
            accessor=lambda c: c.row["gap"],
        ),
        Column(
            "deadline",
            label=gettext_lazy("next deadline"),
            classname="case-deadline",
            accessor=_deadline_cell,
        ),
    ]

    def scope(self, queryset):
        return visible_cases(self.request.user)

    add_item_label = gettext_lazy("Report a case")

    def get_add_url(self):
        if has_role(self.request.user, *GOVERNMENT_ROLES):
            return reverse("needs_admin:case_report")
        return None

    def paginate_queryset(self, queryset, page_size):
        paginator, page, object_list, is_paginated = super().paginate_queryset(queryset, page_size)
        cases = list(object_list)
        steps = _next_steps([case.pk for case in cases])
        now = timezone.now()
        for case in cases:
            deadline = _deadline(case, steps.get(case.pk), now)
            # What the row shows besides the case's own fields.
            case.row = {
                "case": case,
                "deadline": deadline,
                "overdue": bool(deadline and deadline["overdue"]),
                "gap": money(case.remaining_gap_fen),
            }
        return paginator, page, cases, is_paginated

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["rows"] = [case.row for case in context["object_list"]]
        context["filter_form"] = self.filters.form
        return context


case_list = CaseListView.as_view()


# ---- case page ----


def _timeline(case: Case) -> list:
    """The case's audit trail in words (core.audit_text): who by name, what in a sentence,
    amounts in yuan, codes as their labels."""
    return describe_events(selectors.case_events(case))


def _next_deadline(case: Case, now) -> dict | None:
    """The earliest step still due (the deadlines are prefetched), and whether it is past."""
    due = sorted((d for d in case.deadlines.all() if d.met_at is None), key=lambda d: d.due_at)
    if not due:
        return None
    first = due[0]
    return {"step": first.get_step_display(), "at": first.due_at, "overdue": first.due_at < now}


def _household_flags(household) -> list[str]:
    labels = {name: household._meta.get_field(name).verbose_name for name in STATUS_FIELDS}
    labels.update(dict(KEY_GROUPS))
    return [str(labels[name]) for name in labels if getattr(household, name)]


# The steps of the case's own course: the first buttons of the page, the others after them.
PRIMARY_ACTIONS = (AcceptView, AssessView, ReliefView, ReferView, HandoverView, CloseView)


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
        (AcceptView, is_open and not accepted),
        (AssessView, is_open and accepted),
        (ReliefView, is_open and accepted),
        (ReferView, is_open and accepted),
        (ConferenceView, is_open),
        (ConsentView, len(active_scopes) < len(Consent.Scope.values)),
        (IdentifierAddView, True),
        (ContactAddView, True),
        (NeedPreviewView, is_open and has_publish_consent and not need_published),
        (NeedEditView, need is not None and not need_published),
        (NeedPublishView, is_open and need is not None and not need_published),
        (NeedUnpublishView, need_published),
        (HandoverView, is_open and owner_or_supervisor),
        (CloseView, is_open and owner_or_supervisor),
    ]
    actions = []
    # While a hand-over waits for the receiving office the case is read-only (the hand-over
    # panel, needs/admin_views/handovers.py, says so and holds the receiver's answers).
    if can_handle and not case.handovers.filter(status="pending").exists():
        for view, shown in specs:
            if not shown:
                continue
            initial = {}
            if view is NeedEditView:
                initial = {"title": need.title, "story": need.story}
            if view is ConferenceView:
                initial = {"held_on": timezone.localdate()}
            form = action_form(view.form_class, case, user, view.name, bound, initial=initial)
            panel = view.panel(pk=case.pk, form=form, is_open=view.name in bound)
            panel["primary"] = view in PRIMARY_ACTIONS
            actions.append(panel)
        actions.sort(key=lambda panel: not panel["primary"])  # the case's own steps first
    return {
        "can_handle": can_handle,
        "is_supervisor": is_supervisor,
        "actions": actions,
        "can_decide": is_supervisor and is_open,
        "has_publish_consent": has_publish_consent,
    }


def case_page(request, case: Case, *, bound: dict | None = None, status: int = 200):
    """The case page, with the forms of a failed action (``bound``) shown again."""
    bound = bound or {}
    user = request.user
    case = (
        visible_cases(user)
        .select_related("household__region", "reported_by")
        .prefetch_related(
            "household__members",
            "household__identifiers",
            "household__contacts",
            "relief_grants__granted_by",
            "relief_grants__decided_by",
            "referrals__to_organisation",
            "referrals__project",
            "referrals__service_records",
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
            fields=selectors.HOUSEHOLD_FIELDS_SHOWN,
            purpose=f"case {case.number}",
        )
    household = case.household
    need = Need.objects.filter(case=case).select_related("region").first()
    state = _case_actions(user, case, need, bound)
    now = timezone.now()

    members = [
        {"member": m, "id_number": masked_id_number(m.id_number_encrypted)}
        for m in household.members.all()
    ]
    identifiers, contacts = _protected_rows(household, case, user, state["can_handle"], bound)
    grants = []
    for grant in case.relief_grants.all():
        row = {"grant": grant, "amount": money(grant.amount_fen)}
        if (
            state["can_decide"]
            and grant.status == ReliefGrant.Status.PENDING_APPROVAL
            and grant.granted_by_id != user.pk
        ):
            row["decide_form"] = action_form(
                f.DecideForm, case, user, "decide", bound, item=grant.pk
            )
        if (
            state["can_handle"]
            and grant.kind == ReliefGrant.Kind.ADVANCE
            and grant.paperwork_completed_at is None
        ):
            row["paperwork_form"] = action_form(
                f.PaperworkForm, case, user, "paperwork", bound, item=grant.pk
            )
        grants.append(row)
    consents = []
    for consent in case.consents.all():
        row = {"consent": consent}
        if state["can_handle"] and consent.withdrawn_at is None:
            row["withdraw_form"] = action_form(
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
            "overdue": referral_overdue(r, now),
        }
        for r in case.referrals.all()
    ]
    # What volunteers and social workers of a service did (back office only: the provider's
    # name is their personal data).
    service_records = sorted(
        (
            {"record": record, "referral": r, "hours": f"{record.minutes / 60:.1f}"}
            for r in case.referrals.all()
            for record in r.service_records.all()
        ),
        key=lambda row: (row["record"].date, row["record"].pk),
        reverse=True,
    )
    context = {
        "service_records": service_records,
        "case": case,
        "is_overdue": bool(selectors.overdue_among([case.pk])),
        "owner_name": person_name(case.owner) if case.owner_id else "",
        "next_deadline": _next_deadline(case, now),
        "household": household,
        "region_name": case.region.full_name,
        "household_region_name": household.region.full_name,
        "household_flags": _household_flags(household),
        "members": members,
        "identifiers": identifiers,
        "contacts": contacts,
        "assessed_need": money(case.assessed_need_fen),
        "remaining_gap": money(case.remaining_gap_fen),
        "gap": _gap_terms(case),
        "grants": grants,
        # The household's assistance applications (低保, 特困, 医疗救助...).
        "assistance_applications": applications_visible_to(
            user, household.assistance_applications.select_related("office")
        ),
        "referrals": referrals,
        "deadlines": deadlines,
        "consents": consents,
        "conferences": case.conferences.all(),
        "handovers": case.handovers.all(),
        "handover": handover_panel(user, case, bound),
        "need": need,
        # What the anonymizer removed, for the staff who publish (the case's handlers).
        "need_review": (need_review(case, need) if state["can_handle"] else None),
        "need_gap": money(need.remaining_gap_fen) if need else "",
        "timeline": _timeline(case),
        "origin": case_origin(case),
        "suggestions": _suggestions(case) if state["can_handle"] and case.owner_id else None,
        "fund_suggestions": _fund_suggestions(case)
        if state["can_handle"] and case.owner_id
        else None,
        # The inspection file of this case's audit trail (supervision's export, same roles).
        "may_export_audit": has_role(request.user, Role.SUPERVISOR, *READ_EVERYTHING_ROLES),
        **state,
    }
    return TemplateResponse(request, "needs/admin/case_detail.html", context, status=status)


def _gap_terms(case: Case) -> dict | None:
    """How the remaining gap is made (needs.gap), term by term, once the case is assessed."""
    parts = gap_parts(case)
    if not parts.assessed:
        return None
    return {
        "assessed": money(parts.assessed_gap_fen),
        "relief": money(parts.relief_fen),
        "committed": money(parts.committed_fen),
    }


def _protected_rows(household, case: Case, user, can_handle: bool, bound: dict):
    """The household's document numbers (masked) and contacts outside it (decrypted: the
    page's read of them is recorded with the household's), each with its remove form."""
    identifiers = []
    for identifier in household.identifiers.all():
        value = masked_document_number(identifier.value_encrypted)
        row = {"identifier": identifier, "value": value}
        if can_handle:
            row["remove_form"] = action_form(
                f.IdentifierRemoveForm, case, user, "identifier-remove", bound, item=identifier.pk
            )
        identifiers.append(row)
    contacts = []
    for contact in household.contacts.all():
        row = {
            "contact": contact,
            "name": decrypt_personal(contact.name_encrypted),
            "phone": decrypt_personal(contact.phone_encrypted),
        }
        if can_handle:
            row["remove_form"] = action_form(
                f.ContactRemoveForm, case, user, "contact-remove", bound, item=contact.pk
            )
        contacts.append(row)
    return identifiers, contacts


def _suggestions(case: Case) -> list[dict] | None:
    """Ranked projects for the refer screen, with the API's explanation and a link to the refer
    step for each (ReferView's page: the project chosen, the amount and note still to say).
    None: not ready."""
    from search.engine import get_engine
    from search.facts import need_facts

    facts = need_facts(Case.objects.filter(pk=case.pk))
    if not facts:
        return None
    url = reverse(f"needs_admin:{ReferView.url_name()}", args=[case.pk])
    return [
        {"match": match, "url": f"{url}?{urlencode({'project': match.project.id})}"}
        for match in get_engine().projects_for(facts[0], limit=10)
    ]


def _fund_suggestions(case: Case) -> list | None:
    """Special funds whose rules admit the case, beside the projects (search.engine.funds_for,
    the API's list). None: not ready for referral."""
    from search.engine import funds_for
    from search.facts import need_facts

    facts = need_facts(Case.objects.filter(pk=case.pk))
    return funds_for(facts[0], limit=10) if facts else None


@require_roles(*CASE_ROLES)
def case_detail(request, pk: int):
    """The case page: 404 outside the reader's scope; the household read is logged."""
    return case_page(request, get_object_or_404(visible_cases(request.user), pk=pk))


# ---- report a case ----


@require_roles(*GOVERNMENT_ROLES)
def case_report(request):
    """Record a new case from any discovery channel."""
    form = f.CaseReportForm(request.POST or None, user=request.user)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data

            def perform():
                return services.case_report(
                    by=request.user,
                    office=data["office"],
                    channel=data["channel"],
                    category=data["category"],
                    narrative=data["narrative"],
                    urgency=data["urgency"],
                    is_emergency=data["is_emergency"],
                    household=household_input(form),
                )

            result, status = call_service(form, perform, user=request.user)
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
        error_summary(request, _("Report a case"), form)
    return TemplateResponse(
        request,
        "needs/admin/case_report.html",
        {"form": form, "has_offices": form.fields["office"].queryset.exists()},
        status=status,
    )
