"""Assistance applications in the back office (issue 20, items 1 and 3): the list of the
reader's jurisdiction with type, stage and overdue filters; the application's page with its
stages, community reviews and objections, and the step it waits for as a form; and "apply"
from a case.

Reads go through needs.selectors_assistance (the same as the API's
/api/v1/assistance-applications/), every change through one service of
needs.services.assistance, one-time submission tokens on the forms (DESIGN.md 7.3, 7.5).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from wagtail.admin import messages

from core import form_tokens
from core.admin_lists import RoleListView
from core.jurisdiction import Role, has_role
from core.money import format_money
from donors.exports import yuan
from needs.admin_forms import assistance as f
from needs.admin_forms.actions import EmptyForm
from needs.admin_views.common import (
    CASE_ROLES,
    ActionView,
    action_form,
    call_service,
    error_summary,
    forbidden,
    money,
    require_roles,
    visible_cases,
)
from needs.admin_views.listing import Column, link, overdue_mark, when
from needs.filtersets import AssistanceListFilterSet
from needs.models import AssistanceApplication, AssistanceObjection, AssistanceType
from needs.selectors_assistance import (
    ACTING_ROLES,
    applications_visible_to,
    user_may_act_on,
)
from needs.services import assistance as services
from needs.services.assistance import community_review_required, office_rule
from needs.services.relatives import benefits_visible_to

Stage = AssistanceApplication.Stage
# Readers: government staff, auditors, and department staff for their own department.
READERS = (*CASE_ROLES, *ACTING_ROLES)
ACTORS = tuple(ACTING_ROLES)


def visible_applications(user):
    queryset = AssistanceApplication.objects.select_related(
        "region", "office", "case", "handler", "reviewer", "approver"
    )
    return applications_visible_to(user, queryset)


def _due_cell(application: AssistanceApplication):
    if application.stage_due_at is None:
        return "—"
    return overdue_mark(when(application.stage_due_at), application.stage_due_at < timezone.now())


class ApplicationListView(RoleListView):
    """The assistance applications of the reader's jurisdiction, newest first."""

    model = AssistanceApplication
    table_classname = "listing needs-listing"
    roles = READERS
    page_title = gettext_lazy("Assistance applications")
    header_icon = "form"
    index_url_name = "needs_admin:assistance_list"
    template_name = "needs/admin/assistance_list.html"
    filterset_class = AssistanceListFilterSet
    filter_label = gettext_lazy("Filter assistance applications")
    no_results_message = gettext_lazy("No assistance applications.")
    default_ordering = ["-applied_at", "-id"]
    columns = [
        Column(
            "application",
            label=gettext_lazy("application"),
            accessor=lambda a: link(reverse("needs_admin:assistance_detail", args=[a.pk]), a),
        ),
        Column("type", label=gettext_lazy("assistance type"), accessor="get_type_display"),
        Column("county", label=pgettext_lazy("place", "county"), accessor=lambda a: a.region.name),
        Column(
            "office",
            label=gettext_lazy("responsible office or department"),
            accessor=lambda a: a.office.name,
        ),
        Column("stage", label=gettext_lazy("stage"), accessor="get_stage_display"),
        Column("due", label=gettext_lazy("current stage due at"), accessor=_due_cell),
        Column(
            "amount",
            label=gettext_lazy("amount"),
            classname="nowrap",
            accessor=lambda a: money(a.amount_fen),
        ),
        Column(
            "applied_at",
            label=gettext_lazy("applied at"),
            accessor=lambda a: when(a.applied_at, "%Y-%m-%d"),
        ),
    ]

    def scope(self, queryset):
        return visible_applications(self.request.user)

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["may_set_rules"] = has_role(self.request.user, Role.SUPERVISOR, Role.PLATFORM_ADMIN)
        return context


application_list = ApplicationListView.as_view()


def _actions(request, application: AssistanceApplication, bound: dict) -> list[dict]:
    """The forms of the steps the application waits for, for someone who may take them."""
    user = request.user
    if not user_may_act_on(user, application):
        return []
    wanted = []
    stage = application.stage
    if stage == Stage.APPLIED:
        wanted.append(AcceptView)
    if stage == Stage.ACCEPTED:
        wanted.append(CheckView)
    if stage in (Stage.ACCEPTED, Stage.CHECKED) and community_review_required(application):
        wanted.append(CommunityReviewView)
    if stage == Stage.CHECKED:
        wanted.append(ReviewView)
    if stage == Stage.REVIEWED and application.recommendation == "grant":
        wanted.append(NoticeView)
    if stage == Stage.IN_NOTICE:
        wanted += [ObjectionView, ApproveView]
    if application.is_open:
        wanted.append(RefuseView)
    if stage == Stage.GRANTED:
        wanted.append(EndView)
    panels = []
    for view in wanted:
        form = action_form(view.form_class, application.case, user, view.name, bound)
        panels.append(view.panel(pk=application.pk, form=form, is_open=view.name in bound))
    if stage == Stage.IN_NOTICE:
        for objection in application.objections.all():
            if objection.is_open:
                form = action_form(
                    ObjectionResolveView.form_class,
                    application.case,
                    user,
                    ObjectionResolveView.name,
                    bound,
                    item=objection.pk,
                )
                panel = ObjectionResolveView.panel(
                    pk=application.pk, form=form, is_open=ObjectionResolveView.name in bound
                )
                panel["title"] = _("Resolve objection %(id)s") % {"id": objection.pk}
                panels.append(panel)
    return panels


def application_page(request, application, *, bound: dict | None = None, status: int = 200):
    rule = office_rule(application.office)
    now = timezone.now()
    return TemplateResponse(
        request,
        "needs/admin/assistance_detail.html",
        {
            "application": application,
            "amount": money(application.amount_fen),
            "overdue": application.stage_due_at is not None and application.stage_due_at < now,
            "stages": _stepper(application),
            "reviews": application.community_reviews.all(),
            "objections": application.objections.select_related("recorded_by", "resolved_by"),
            "review_required": community_review_required(application),
            "notice_days": rule.notice_days,
            # 近亲属备案: every reader sees the flag; the official and the relation (the
            # register's content) only those who may read the register (FILING_READERS, in
            # jurisdiction), not a department acting on the application.
            "relative_flagged": application.relative_benefits.exists(),
            "relative_entries": benefits_visible_to(
                request.user, application.relative_benefits.select_related("filing")
            ),
            "actions": _actions(request, application, bound or {}),
        },
        status=status,
    )


def _stepper(application: AssistanceApplication) -> list[dict]:
    """申请 → 受理 → 核对 → 审核 → 公示 → 审批, each done, current or to come."""
    order = [Stage.APPLIED, Stage.ACCEPTED, Stage.CHECKED, Stage.REVIEWED, Stage.IN_NOTICE]
    labels = [
        _("application"),
        _("acceptance"),
        _("economic-status check"),
        _("review"),
        _("public notice"),
        _("approval"),
    ]
    if application.stage in (Stage.GRANTED, Stage.REFUSED):
        position = len(labels)
    else:
        position = order.index(application.stage) + 1
    return [
        {"label": label, "done": index < position, "current": index == position}
        for index, label in enumerate(labels)
    ]


@require_roles(*READERS)
def application_detail(request, pk: int):
    return application_page(request, get_object_or_404(visible_applications(request.user), pk=pk))


@require_roles(*ACTORS)
def application_new(request, case_pk: int):
    """Apply for assistance for the household of a case (GET: the form; POST: the service)."""
    case = get_object_or_404(visible_cases(request.user), pk=case_pk)
    status = 200
    if request.method == "POST":
        form = f.ApplyForm(request.POST, case=case, user=request.user)
        if form.is_valid():
            data = form.cleaned_data
            application, status = call_service(
                form,
                lambda: services.assistance_apply(
                    by=request.user,
                    household=case.household,
                    case=case,
                    assistance_type=data["type"],
                    office=data["office"],
                    village=data["village"],
                    reason=data["reason"],
                ),
                user=request.user,
            )
            if form_tokens.was_repeated(form):
                messages.info(request, str(form_tokens.ALREADY_SUBMITTED))
                return redirect("needs_admin:case_detail", pk=case.pk)
            if application is not None:
                messages.success(request, _("The application was recorded."))
                return redirect("needs_admin:assistance_detail", pk=application.pk)
        error_summary(request, _("Apply for assistance"), form)
    else:
        form = f.ApplyForm(case=case, user=request.user)
    return TemplateResponse(
        request,
        "needs/admin/assistance_new.html",
        {"case": case, "form": form},
        status=status,
    )


class _ApplicationAction(ActionView):
    roles = ACTORS
    refusal = gettext_lazy("Only caseworkers, supervisors and department staff take these steps.")

    @classmethod
    def url_name(cls) -> str:
        return f"assistance_{cls.name}"

    def get_object(self, request, pk: int) -> AssistanceApplication:
        return get_object_or_404(visible_applications(request.user), pk=pk)

    def case_of(self, application):
        return application.case

    def redirect_after(self, request, application):
        return redirect("needs_admin:assistance_detail", pk=application.pk)

    def page(self, request, application, *, bound: dict, status: int):
        application.refresh_from_db()
        return application_page(request, application, bound=bound, status=status)


class AcceptView(_ApplicationAction):
    name = "accept"
    title = gettext_lazy("Accept the application (受理)")
    help_text = gettext_lazy("You handle the application from now on.")
    button = gettext_lazy("Accept")
    form_class = EmptyForm

    def perform(self, user, application, data):
        services.assistance_accept(by=user, application=application)
        return _("The application was accepted.")


class CheckView(_ApplicationAction):
    name = "check"
    title = gettext_lazy("Record the economic-status check (核对)")
    help_text = gettext_lazy("The household's income and assets were checked.")
    button = gettext_lazy("Record the check")
    form_class = f.NoteForm

    def perform(self, user, application, data):
        services.assistance_check_record(by=user, application=application, note=data["note"])
        return _("The check was recorded.")


class CommunityReviewView(_ApplicationAction):
    name = "community-review"
    title = gettext_lazy("Record the community review (民主评议)")
    form_class = f.CommunityReviewForm

    @classmethod
    def url_name(cls) -> str:
        return "assistance_community_review"

    def perform(self, user, application, data):
        services.community_review_record(
            by=user,
            application=application,
            kind=data["kind"],
            held_on=data["held_on"],
            participants=data["participants"],
            result=data["result"],
            summary=data["summary"],
        )
        return _("The community review was recorded.")


class ReviewView(_ApplicationAction):
    name = "review"
    title = gettext_lazy("Review (审核)")
    help_text = gettext_lazy("Whoever reviews may not approve the application.")
    button = gettext_lazy("Record the review")
    form_class = f.ReviewForm

    def perform(self, user, application, data):
        services.assistance_review(
            by=user,
            application=application,
            recommendation=data["recommendation"],
            amount_fen=data["amount"],
            note=data["note"],
        )
        return _("The review was recorded.")


class NoticeView(_ApplicationAction):
    name = "notice"
    title = gettext_lazy("Start the public notice (公示)")
    help_text = gettext_lazy("Shows only surname + 某, village or community, type and amount.")
    button = gettext_lazy("Start the notice")
    form_class = f.NoticeForm

    def perform(self, user, application, data):
        services.assistance_notice_start(by=user, application=application, days=data["days"])
        return _("The public notice started.")


class ObjectionView(_ApplicationAction):
    name = "objection"
    title = gettext_lazy("Record an objection")
    help_text = gettext_lazy("Without the name of whoever raised it.")
    button = gettext_lazy("Record the objection")
    form_class = f.ObjectionForm

    def perform(self, user, application, data):
        services.objection_record(
            by=user,
            application=application,
            summary=data["summary"],
            received_on=data["received_on"],
        )
        return _("The objection was recorded.")


class ObjectionResolveView(_ApplicationAction):
    name = "resolve"
    title = gettext_lazy("Resolve the objection")
    button = gettext_lazy("Resolve")
    form_class = f.ObjectionResolveForm

    def perform(self, user, application, data):
        objection: AssistanceObjection = data["objection"]
        if objection.application_id != application.pk:
            raise PermissionDenied(_("This objection is not one of this application's."))
        services.objection_resolve(
            by=user, objection=objection, resolution=data["resolution"], note=data["note"]
        )
        return _("The objection was resolved.")


class ApproveView(_ApplicationAction):
    name = "approve"
    title = gettext_lazy("Approve (审批)")
    help_text = gettext_lazy(
        "After the notice, with no open objection; not by the reviewer, nor by the handler "
        "above the office's limit."
    )
    button = gettext_lazy("Approve")
    form_class = f.ApproveForm

    def perform(self, user, application, data):
        services.assistance_approve(
            by=user,
            application=application,
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            note=data["note"],
        )
        return _("The application was approved.")


class RefuseView(_ApplicationAction):
    name = "refuse"
    title = gettext_lazy("Refuse (不予)")
    button = gettext_lazy("Refuse")
    form_class = f.RefuseForm

    def perform(self, user, application, data):
        services.assistance_refuse(by=user, application=application, reasons=data["reasons"])
        return _("The application was refused.")


class EndView(_ApplicationAction):
    name = "end"
    title = gettext_lazy("End the assistance")
    button = gettext_lazy("End")
    form_class = f.EndForm

    def perform(self, user, application, data):
        services.assistance_end(
            by=user, application=application, ends_on=data["ends_on"], reason=data["reason"]
        )
        return _("The end of the assistance was recorded.")


ASSISTANCE_ACTION_VIEWS = [
    AcceptView,
    CheckView,
    CommunityReviewView,
    ReviewView,
    NoticeView,
    ObjectionView,
    ObjectionResolveView,
    ApproveView,
    RefuseView,
    EndView,
]

__all__ = [
    "ASSISTANCE_ACTION_VIEWS",
    "READERS",
    "application_detail",
    "application_list",
    "application_new",
    "forbidden",
]


# ---- an office's rules for the procedure (supervisors over the office) ----


def _ruled_offices(user):
    from core.jurisdiction import scope_for
    from core.models import Organisation, Region

    # Assistance is decided at county level or above: village committees and townships have no
    # procedure rules of their own.
    offices = Organisation.objects.filter(
        is_active=True,
        kind=Organisation.Kind.GOVERNMENT_OFFICE,
        region__level__lte=Region.Level.COUNTY,
    ).select_related("region", "assistance_rule")
    if has_role(user, Role.PLATFORM_ADMIN):
        return offices
    scope = scope_for(user, roles=[Role.SUPERVISOR])
    return offices.filter(pk__in=[o.pk for o in offices if scope.covers_region(o.region)])


@require_roles(Role.SUPERVISOR, Role.PLATFORM_ADMIN)
def office_rules(request):
    """The offices the supervisor is over, with their notice periods, handler limits and
    community-review types (the defaults where an office set none)."""
    types = dict(AssistanceType.choices)
    rows = []
    for office in _ruled_offices(request.user).order_by("region__code", "name"):
        rule = office_rule(office)
        rows.append(
            {
                "office": office,
                "rule": rule,
                "own": rule.pk is not None,
                "limit": format_money(rule.handler_approval_limit_fen)
                if rule.handler_approval_limit_fen
                else _("never the handler"),
                "review_types": [types.get(t, t) for t in rule.community_review_types],
            }
        )
    return TemplateResponse(request, "needs/admin/assistance_rules.html", {"rows": rows})


@require_roles(Role.SUPERVISOR, Role.PLATFORM_ADMIN)
def office_rule_edit(request, office_pk: int):
    office = get_object_or_404(_ruled_offices(request.user), pk=office_pk)
    rule = office_rule(office)
    status = 200
    if request.method == "POST":
        form = f.OfficeRuleForm(request.POST, user=request.user)
        if form.is_valid():
            data = form.cleaned_data
            saved, status = call_service(
                form,
                lambda: services.assistance_office_rule_save(
                    by=request.user,
                    office=office,
                    notice_days=data["notice_days"],
                    notice_min_days=data["notice_min_days"],
                    handler_approval_limit_fen=data["handler_approval_limit"],
                    community_review_types=data["community_review_types"],
                ),
                user=request.user,
            )
            if form_tokens.was_repeated(form) or saved is not None:
                if saved is not None:
                    messages.success(request, _("The office's rules were saved."))
                return redirect("needs_admin:assistance_rules")
        error_summary(request, _("Rules of the procedure"), form)
    else:
        form = f.OfficeRuleForm(
            user=request.user,
            initial={
                "notice_days": rule.notice_days,
                "notice_min_days": rule.notice_min_days,
                # Exact yuan from fen, never through a float (donors.exports.yuan).
                "handler_approval_limit": yuan(rule.handler_approval_limit_fen),
                "community_review_types": rule.community_review_types,
            },
        )
    return TemplateResponse(
        request,
        "needs/admin/assistance_rule_edit.html",
        {"office": office, "form": form, "floor": services.notice_floor_days()},
        status=status,
    )
