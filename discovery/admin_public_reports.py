"""Back-office screen for reports from the public: the caseworkers of the region see them (the
reporter's contact is personal data: each read is logged) and take them up or close them."""

from __future__ import annotations

from django import forms
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import linebreaksbr
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column

from core import form_tokens
from core.admin_lists import RoleListView, list_paths
from core.audit import personal_data_read_record
from core.jurisdiction import GOVERNMENT_ROLES, READ_EVERYTHING_ROLES, has_role
from core.models import Region
from core.views_admin import local_minute
from discovery.admin_registers import _form_page
from discovery.filtersets_public_reports import PublicReportAdminFilterSet
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


class _ReportActionsColumn(Column):
    """Take it up, make a case, close: small forms posting to the one service each."""

    cell_template_name = "discovery/admin/_report_actions_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context.get("request")
        context["can_act"] = has_role(request.user, *GOVERNMENT_ROLES)
        context["statuses"] = PublicReport.Status
        context["csrf_token"] = get_token(request)
        # One fresh one-time token per button (core.form_tokens): a double click or a resent
        # post acts once; taking a report up does not spend the token of closing it.
        context["take_token"] = form_tokens.new_token()
        context["close_token"] = form_tokens.new_token()
        return context


class ReportStatusForm(ServiceForm):
    """Take a report up or close it (the list's buttons); the service says which move is
    allowed from the report's status."""

    status = forms.CharField(max_length=16)


class ReportListView(RoleListView):
    """Caseworkers and supervisors act on their region's reports; auditors read them all.
    The page shows what happened and the reporter's contact: each row shown is a recorded
    read of personal data."""

    model = PublicReport
    roles = (*GOVERNMENT_ROLES, *READ_EVERYTHING_ROLES)
    page_title = gettext_lazy("Reports from the public")
    help_text = gettext_lazy(
        "Reports of someone in distress sent through the public site for the regions you "
        "serve. Take one up, or make a case of it in one step (channel: public report)."
    )
    header_icon = "warning"
    index_url_name = "discovery_reports:report_list"
    index_results_url_name = "discovery_reports:report_list_results"
    filterset_class = PublicReportAdminFilterSet
    verbose_name_plural = gettext_lazy("reports from the public")
    add_item_label = gettext_lazy("Record a report")
    columns = [
        Column("tracking_code", label=gettext_lazy("tracking code")),
        Column(
            "created_at",
            label=gettext_lazy("reported at"),
            accessor=lambda r: local_minute(r.created_at),
            classname="w-whitespace-nowrap",
        ),
        Column("region", label=gettext_lazy("region"), accessor="region.full_name"),
        Column("channel", label=gettext_lazy("channel"), accessor="get_channel_display"),
        Column(
            "what_happened",
            label=gettext_lazy("what happened"),
            accessor=lambda r: linebreaksbr(r.what_happened, autoescape=True),
        ),
        Column(
            "reporter_contact",
            label=gettext_lazy("reporter's contact"),
            accessor=lambda r: r.reporter_contact or "—",
        ),
        Column(
            "status",
            label=gettext_lazy("status"),
            accessor="get_status_display",
            classname="w-whitespace-nowrap",
        ),
        _ReportActionsColumn("actions", label=gettext_lazy("actions")),
    ]

    def scope(self, queryset):
        return reports_visible_to(self.request.user, readers=True)

    def get_add_url(self):
        if has_role(self.request.user, *GOVERNMENT_ROLES):
            return reverse("discovery_reports:report_record")
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for report in context["object_list"]:
            personal_data_read_record(
                actor=self.request.user,
                obj=report,
                fields=["what_happened", "reporter_contact"],
                purpose="public report list",
            )
        return context


@require_roles(*GOVERNMENT_ROLES)
@require_POST
def report_set_status(request, pk: int):
    report = get_object_or_404(reports_visible_to(request.user), pk=pk)
    form = ReportStatusForm(request.POST, user=request.user)
    done = None
    if form.is_valid():
        done, _status = call_service(
            form,
            lambda: public_report_set_status(
                by=request.user, report=report, status=form.cleaned_data["status"]
            ),
        )
    if done is not None:
        messages.success(request, _("Report %(code)s updated.") % {"code": report.tracking_code})
    elif form_tokens.was_repeated(form):
        messages.info(request, str(form_tokens.ALREADY_SUBMITTED))
    else:
        errors = [str(e) for field_errors in form.errors.values() for e in field_errors]
        messages.error(request, " ".join(errors))
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
        label=gettext_lazy("channel"),
        choices=PublicReport.Channel.choices,
        initial=PublicReport.Channel.WEB_FORM,
    )
    county = CountyChoiceField(
        label=pgettext_lazy("place", "county"), queryset=Region.objects.none()
    )
    what_happened = forms.CharField(
        label=gettext_lazy("what happened"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    reporter_contact = forms.CharField(
        label=gettext_lazy("reporter's contact"), max_length=MAX_CONTACT, required=False
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
    *list_paths("", "report_list", ReportListView),
    path("new/", report_record, name="report_record"),
    path("<int:pk>/case/", report_to_case, name="report_to_case"),
    path("<int:pk>/status/", report_set_status, name="report_set_status"),
]
