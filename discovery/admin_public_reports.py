"""Back-office screen for reports from the public: the caseworkers of the region see them (the
reporter's contact is personal data: each read is logged) and take them up or close them."""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin import messages

from core.audit import personal_data_read_record
from core.jurisdiction import GOVERNMENT_ROLES, READ_EVERYTHING_ROLES, has_role
from core.models import Region
from discovery.admin_registers import _form_page
from discovery.models import PublicReport
from discovery.services.public_reports import (
    MAX_CONTACT,
    MAX_TEXT,
    public_report_record,
    public_report_set_status,
    public_report_to_case,
    reports_visible_to,
)
from needs.admin_forms.actions import ServiceForm
from needs.admin_forms.case_report import (
    CaseReportForm,
    CountyChoiceField,
    counties_within,
    government_offices,
)
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
            "channel": report.channel,
            "county": report.region_id,
            "narrative": report.what_happened,
        },
    )
    form.fields["narrative"].required = False
    form.fields["narrative"].help_text = _("Leave empty to use what the reporter wrote.")
    # The case keeps the channel the report came through (the web form's: public report).
    form.fields["channel"].choices = [(report.channel, Case.Channel(report.channel).label)]
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


class PublicReportRecordForm(ServiceForm):
    """A report that reached the office through another intake channel, entered by staff."""

    error_fields = {"region": "county", "contact": "reporter_contact"}

    channel = forms.ChoiceField(
        label=_l("channel"),
        choices=PublicReport.Channel.choices,
        initial=PublicReport.Channel.WEB_FORM,
    )
    county = CountyChoiceField(
        label=pgettext_lazy("place", "county"), queryset=Region.objects.none()
    )
    what_happened = forms.CharField(
        label=_l("what happened"), max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 4})
    )
    reporter_contact = forms.CharField(
        label=_l("reporter's contact"), max_length=MAX_CONTACT, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["county"].queryset = counties_within(government_offices(self.user))


@require_roles(*GOVERNMENT_ROLES)
def report_record(request):
    """Record a report picked up from a WeChat or QQ group, the wish wall, the mailbox..."""
    form = PublicReportRecordForm(request.POST or None, user=request.user)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            report, status = call_service(
                form,
                lambda: public_report_record(
                    by=request.user,
                    region_code=data["county"].code,
                    what_happened=data["what_happened"],
                    contact=data["reporter_contact"],
                    channel=data["channel"],
                ),
                user=request.user,
            )
            if report is not None:
                messages.success(
                    request, _("Report %(code)s recorded.") % {"code": report.tracking_code}
                )
                return redirect("discovery_reports:report_list")
        error_summary(request, _("Record a report"), form)
    return _form_page(
        request,
        title=_("Record a report"),
        form=form,
        sections=[(_("The report"), list(form.fields))],
        back_url=reverse("discovery_reports:report_list"),
        back_text=_("Back to the reports from the public"),
        status=status,
    )


urlpatterns = [
    path("", report_list, name="report_list"),
    path("new/", report_record, name="report_record"),
    path("<int:pk>/case/", report_to_case, name="report_to_case"),
    path("<int:pk>/status/", report_set_status, name="report_set_status"),
]
