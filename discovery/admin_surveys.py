"""The back-office screens of the concentrated surveys (集中排查): open one, assign households
or villages to visitors, record visits, make a case of a finding, close it; coverage on the
survey's page. Reads through the jurisdiction selectors, changes through one service each."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column, TitleColumn

from core.admin_lists import RoleListView, list_paths
from core.jurisdiction import GOVERNMENT_ROLES, visible_to
from core.models import User
from discovery import forms_petitions as f
from discovery import selectors_petitions as selectors
from discovery import services
from discovery.admin_registers import _form_page, _is_writer, _panel
from discovery.filtersets_petitions import SurveyFilterSet
from discovery.forms_registers import VisitToCaseForm
from discovery.models import Survey, SurveyAssignment
from discovery.selectors_registers import user_can_handle_register
from needs.admin_views.common import (
    CASE_ROLES,
    call_service,
    error_summary,
    household_input,
    require_roles,
)
from needs.models import Household
from needs.services.cases import ReportResult

# ---- concentrated surveys ----


def _coverage_text(survey: Survey) -> str:
    coverage = selectors.survey_coverage(survey)
    return _("%(visited)s of %(assigned)s visited (%(percent)s%%)") % {
        "visited": coverage["visited"],
        "assigned": coverage["assigned"],
        "percent": coverage["percent"],
    }


class SurveyListView(RoleListView):
    model = Survey
    roles = tuple(CASE_ROLES)
    page_title = gettext_lazy("Concentrated surveys")
    header_icon = "group"
    index_url_name = "discovery_admin:survey_list"
    index_results_url_name = "discovery_admin:survey_list_results"
    filterset_class = SurveyFilterSet
    verbose_name_plural = gettext_lazy("surveys")
    add_item_label = gettext_lazy("Open a concentrated survey")
    columns = [
        TitleColumn(
            "name",
            label=gettext_lazy("name"),
            get_url=lambda s: reverse("discovery_admin:survey_detail", args=[s.pk]),
        ),
        Column("reason", label=gettext_lazy("reason"), accessor="get_reason_display"),
        Column("region", label=gettext_lazy("region"), accessor="region.name"),
        Column(
            "period",
            label=gettext_lazy("period"),
            accessor=lambda s: f"{s.starts_on:%Y-%m-%d} – {s.ends_on:%Y-%m-%d}",
        ),
        Column("status", label=gettext_lazy("status"), accessor="get_status_display"),
        Column("coverage", label=gettext_lazy("coverage"), accessor=_coverage_text),
        Column(
            "cases",
            label=gettext_lazy("cases"),
            accessor=lambda s: selectors.survey_coverage(s)["cases"],
        ),
    ]

    def scope(self, queryset):
        return selectors.surveys_visible_to(
            self.request.user, queryset.select_related("region", "office")
        )

    def get_add_url(self):
        if _is_writer(self.request.user):
            return reverse("discovery_admin:survey_create")
        return None


@require_roles(*GOVERNMENT_ROLES)
def survey_create(request):
    form = f.SurveyCreateForm(request.POST or None, user=request.user)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            survey, status = call_service(
                form,
                lambda: services.survey_create(by=request.user, **f.service_data(form)),
                user=request.user,
            )
            if survey is not None:
                messages.success(request, _("The survey is open."))
                return redirect("discovery_admin:survey_detail", pk=survey.pk)
        error_summary(request, _("Open a concentrated survey"), form)
    return _form_page(
        request,
        title=_("Open a concentrated survey"),
        form=form,
        sections=[
            (_("The survey"), ["office", "name", "reason", "region", "starts_on", "ends_on"])
        ],
        back_url=reverse("discovery_admin:survey_list"),
        back_text=_("Back to the concentrated surveys"),
        status=status,
    )


def _visitors(survey: Survey):
    """Government staff of the survey's office and of the offices within its region."""
    from core.models import Membership

    offices = Membership.objects.filter(
        is_active=True, role__in=GOVERNMENT_ROLES, organisation__is_active=True
    ).filter(organisation__region__path__startswith=survey.region.path) | Membership.objects.filter(
        is_active=True, role__in=GOVERNMENT_ROLES, organisation_id=survey.office_id
    )
    return User.objects.filter(pk__in=offices.values("user_id"), is_active=True).order_by(
        "last_name", "first_name", "username"
    )


def survey_page(request, survey: Survey, *, bound: dict | None = None, status: int = 200):
    bound = bound or {}
    user = request.user
    can_handle = user_can_handle_register(user, survey.region, survey.office_id)
    is_open = survey.status == Survey.Status.OPEN
    actions = []
    if can_handle and is_open:
        actions.append(
            _panel(
                _("Assign households or villages"),
                reverse("discovery_admin:survey_assign", args=[survey.pk]),
                f.SurveyAssignForm(visitors=_visitors(survey), auto_id="id_assign_%s"),
                name="assign",
                bound=bound,
            )
        )
        actions.append(
            _panel(
                _("Close the survey"),
                reverse("discovery_admin:survey_close", args=[survey.pk]),
                f.ServiceForm(auto_id="id_close_%s"),
                name="close",
                bound=bound,
                button=_("Close the survey"),
                help_text=_("No more assignments or visits; what is not visited stays uncovered."),
            )
        )
    assignments = selectors.survey_assignments_visible_to(
        user, survey.assignments.select_related("visitor", "case")
    )
    rows = []
    for row in assignments:
        panels = []
        mine = row.visitor_id == user.pk
        if is_open and row.status == SurveyAssignment.Status.PENDING and (can_handle or mine):
            panels.append(
                _panel(
                    _("Record the visit"),
                    reverse("discovery_admin:survey_visit", args=[row.pk]),
                    f.SurveyVisitForm(auto_id=f"id_visit{row.pk}_%s"),
                    name=f"visit-{row.pk}",
                    bound=bound,
                )
            )
        if can_handle and row.status == SurveyAssignment.Status.VISITED and row.case_id is None:
            form = (
                VisitToCaseForm(auto_id=f"id_case{row.pk}_%s")
                if row.household_id
                else f.SurveyToCaseForm(user=user, auto_id=f"id_case{row.pk}_%s")
            )
            panels.append(
                _panel(
                    _("Make a case"),
                    reverse("discovery_admin:survey_to_case", args=[row.pk]),
                    form,
                    name=f"case-{row.pk}",
                    bound=bound,
                    button=_("Make a case"),
                )
            )
        rows.append({"assignment": row, "actions": panels})
    return TemplateResponse(
        request,
        "discovery/admin/survey_detail.html",
        {
            "survey": survey,
            "coverage": selectors.survey_coverage(survey),
            "actions": actions,
            "rows": rows,
            "can_handle": can_handle,
        },
        status=status,
    )


def _visible_survey(request, pk: int) -> Survey:
    return get_object_or_404(
        selectors.surveys_visible_to(request.user, Survey.objects.select_related("region")), pk=pk
    )


@require_roles(*CASE_ROLES)
def survey_detail(request, pk: int):
    return survey_page(request, _visible_survey(request, pk))


def _survey_action(request, survey, *, name, title, form, perform, success):
    if request.method != "POST":
        return redirect("discovery_admin:survey_detail", pk=survey.pk)
    status = 200
    if form.is_valid():
        result, status = call_service(form, perform, user=request.user)
        if result is not None:
            messages.success(request, success(result))
            if isinstance(result, ReportResult):
                return redirect("needs_admin:case_detail", pk=result.case.pk)
            return redirect("discovery_admin:survey_detail", pk=survey.pk)
    error_summary(request, title, form)
    survey.refresh_from_db()
    return survey_page(request, survey, bound={name: form}, status=status)


@require_roles(*GOVERNMENT_ROLES)
def survey_assign(request, pk: int):
    survey = _visible_survey(request, pk)
    form = f.SurveyAssignForm(request.POST, visitors=_visitors(survey), auto_id="id_assign_%s")

    def perform():
        data = form.cleaned_data
        households = visible_to(
            Household.objects.filter(pk__in=data["households"]),
            request.user,
            region_field="region",
            roles=GOVERNMENT_ROLES,
        )
        if households.count() != len(set(data["households"])):
            from needs.services.rules import refuse

            refuse("households", _("Some of these households are not on record."), "unknown")
        return services.survey_assign(
            by=request.user,
            survey=survey,
            visitor=data["visitor"],
            households=list(households),
            villages=data["villages"],
        )

    return _survey_action(
        request,
        survey,
        name="assign",
        title=_("Assign households or villages"),
        form=form,
        perform=perform,
        success=lambda rows: _("%(count)s assignments made.") % {"count": len(rows)},
    )


@require_roles(*GOVERNMENT_ROLES)
def survey_close(request, pk: int):
    survey = _visible_survey(request, pk)
    form = f.ServiceForm(request.POST, auto_id="id_close_%s")
    return _survey_action(
        request,
        survey,
        name="close",
        title=_("Close the survey"),
        form=form,
        perform=lambda: services.survey_close(by=request.user, survey=survey),
        success=lambda s: _("The survey is closed."),
    )


def _visible_assignment(request, pk: int) -> SurveyAssignment:
    return get_object_or_404(
        selectors.survey_assignments_visible_to(
            request.user, SurveyAssignment.objects.select_related("survey", "survey__region")
        ),
        pk=pk,
    )


@require_roles(*GOVERNMENT_ROLES)
def survey_visit(request, pk: int):
    assignment = _visible_assignment(request, pk)
    form = f.SurveyVisitForm(request.POST, auto_id=f"id_visit{pk}_%s")
    return _survey_action(
        request,
        assignment.survey,
        name=f"visit-{pk}",
        title=_("Record the visit"),
        form=form,
        perform=lambda: services.survey_visit_record(
            by=request.user, assignment=assignment, **f.service_data(form)
        ),
        success=lambda a: _("The visit is recorded."),
    )


@require_roles(*GOVERNMENT_ROLES)
def survey_to_case(request, pk: int):
    assignment = _visible_assignment(request, pk)
    if assignment.household_id:
        form = VisitToCaseForm(request.POST, auto_id=f"id_case{pk}_%s")
    else:
        form = f.SurveyToCaseForm(request.POST, user=request.user, auto_id=f"id_case{pk}_%s")

    def perform():
        data = form.cleaned_data
        return services.survey_finding_to_case(
            by=request.user,
            assignment=assignment,
            category=data["category"],
            narrative=data["narrative"],
            urgency=data["urgency"],
            is_emergency=data["is_emergency"],
            household=None if assignment.household_id else household_input(form),
        )

    return _survey_action(
        request,
        assignment.survey,
        name=f"case-{pk}",
        title=_("Make a case"),
        form=form,
        perform=perform,
        success=lambda result: _("Case %(number)s recorded.") % {"number": result.case.number},
    )


urlpatterns = [
    *list_paths("surveys/", "survey_list", SurveyListView),
    path("surveys/new/", survey_create, name="survey_create"),
    path("surveys/<int:pk>/", survey_detail, name="survey_detail"),
    path("surveys/<int:pk>/assign/", survey_assign, name="survey_assign"),
    path("surveys/<int:pk>/close/", survey_close, name="survey_close"),
    path("surveys/assignments/<int:pk>/visit/", survey_visit, name="survey_visit"),
    path("surveys/assignments/<int:pk>/to-case/", survey_to_case, name="survey_to_case"),
]
