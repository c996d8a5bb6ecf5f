"""Back-office screen for reports from the public: the caseworkers of the region see them (the
reporter's contact is personal data: each read is logged) and take them up or close them."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin import messages

from core.audit import personal_data_read_record
from core.jurisdiction import GOVERNMENT_ROLES, READ_EVERYTHING_ROLES, has_role
from discovery.models import PublicReport
from discovery.services.public_reports import (
    public_report_set_status,
    public_report_to_case,
    reports_visible_to,
)
from needs.admin_forms.case_report import CaseReportForm
from needs.admin_views.common import call_service, error_summary, household_input, require_roles
from needs.models import Case


@require_roles(*GOVERNMENT_ROLES, *READ_EVERYTHING_ROLES)
def report_list(request):
    """Caseworkers and supervisors act on their region's reports; auditors read them all."""
    readable = reports_visible_to(request.user, readers=True)
    page = Paginator(readable, 50).get_page(request.GET.get("p"))
    for report in page:
        personal_data_read_record(
            actor=request.user,
            obj=report,
            fields=["what_happened", "reporter_contact"],
            purpose="public report list",
        )
    return TemplateResponse(
        request,
        "discovery/admin/report_list.html",
        {
            "reports": page,
            "statuses": PublicReport.Status,
            "can_act": has_role(request.user, *GOVERNMENT_ROLES),
        },
    )


@require_roles(*GOVERNMENT_ROLES)
@require_POST
def report_set_status(request, pk: int):
    report = get_object_or_404(reports_visible_to(request.user), pk=pk)
    try:
        public_report_set_status(by=request.user, report=report, status=request.POST.get("status"))
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, _("Report %(code)s updated.") % {"code": report.tracking_code})
    return redirect("discovery_reports:report_list")


@require_roles(*GOVERNMENT_ROLES)
def report_to_case(request, pk: int):
    """ "Make a case" of a report: the case report form, channel fixed to public report,
    county and story taken from the report; the household is what the caseworker found."""
    report = get_object_or_404(reports_visible_to(request.user).select_related("case"), pk=pk)
    if report.case_id:
        return redirect("needs_admin:case_detail", pk=report.case_id)
    form = CaseReportForm(
        request.POST or None,
        user=request.user,
        initial={
            "channel": Case.Channel.PUBLIC_REPORT,
            "county": report.region_id,
            "narrative": report.what_happened,
        },
    )
    form.fields["narrative"].required = False
    form.fields["narrative"].help_text = _("Leave empty to use what the reporter wrote.")
    form.fields["channel"].choices = [
        (Case.Channel.PUBLIC_REPORT, Case.Channel.PUBLIC_REPORT.label)
    ]
    personal_data_read_record(
        actor=request.user,
        obj=report,
        fields=["what_happened", "reporter_contact"],
        purpose="public report to case",
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data

            def perform():
                return public_report_to_case(
                    by=request.user,
                    report=report,
                    office=data["office"],
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
                return redirect("needs_admin:case_detail", pk=result.case.pk)
        error_summary(request, _("Make a case"), form)
    return TemplateResponse(
        request,
        "needs/admin/case_report.html",
        {
            "form": form,
            "has_offices": form.fields["office"].queryset.exists(),
            "public_report": report,
            "form_action": request.path,
        },
        status=status,
    )


urlpatterns = [
    path("", report_list, name="report_list"),
    path("<int:pk>/case/", report_to_case, name="report_to_case"),
    path("<int:pk>/status/", report_set_status, name="report_set_status"),
]
