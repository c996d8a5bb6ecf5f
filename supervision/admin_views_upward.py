"""The back-office screens of reports upward and special inspections.

Thin edges: lists and pages read through supervision.selectors_upward (jurisdiction); every
POST validates its form and calls one service (supervision.services_reports,
supervision.services_inspections); a refusal shows the page again with the error on the
form, and nothing is written.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import Column, TitleColumn

from core import form_tokens
from core.admin_lists import RoleListView, list_paths
from core.jurisdiction import GOVERNMENT_ROLES, READ_EVERYTHING_ROLES, has_role
from core.views_admin import local_minute
from needs.admin_views.common import forbidden
from supervision import forms_upward as f
from supervision import monthly_report as mr
from supervision import selectors_upward as sel
from supervision import services_inspections as si
from supervision import services_reports as sr
from supervision.filtersets_upward import MonthlyReportFilterSet
from supervision.models import (
    InspectionCampaign,
    MonthlyReport,
    RectificationTask,
    SelfInspection,
)

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
READERS = (*GOVERNMENT_ROLES, *READ_EVERYTHING_ROLES)


def may_use(user) -> bool:
    return has_role(user, *READERS)


DONE, REPEATED = "done", "repeated"


def _run(request, form, perform) -> str:
    """Call the service with the form's data, spending the form's one-time token in the same
    transaction (core.form_tokens). Returns DONE; REPEATED when the same form was posted
    before (nothing done again, the user is told); "" when refused, the reason on the form."""
    if not form.is_valid():
        return ""
    try:
        with transaction.atomic():
            form_tokens.spend(
                user=request.user,
                token=form.cleaned_data.get(form_tokens.FIELD),
                scope=type(form).__name__,
            )
            perform(form.cleaned_data)
    except form_tokens.AlreadySubmitted:
        messages.info(request, str(form_tokens.ALREADY_SUBMITTED))
        return REPEATED
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, error)
        return ""
    return DONE


# ---- monthly reports ----


class ReportListView(RoleListView):
    """The monthly reports of the reader's jurisdiction, newest month first."""

    model = MonthlyReport
    roles = READERS
    page_title = gettext_lazy("Reports upward")
    help_text = gettext_lazy("Monthly progress reports to the office above, due by the 28th")
    header_icon = "doc-full"
    index_url_name = "supervision_admin:report_list"
    index_results_url_name = "supervision_admin:report_list_results"
    filterset_class = MonthlyReportFilterSet
    filter_label = gettext_lazy("Filter the reports")
    no_results_message = gettext_lazy("No monthly reports.")
    add_item_label = gettext_lazy("Generate a monthly report")
    columns = [
        TitleColumn(
            "office",
            label=gettext_lazy("office"),
            accessor="office.name",
            get_url=lambda r: reverse("supervision_admin:report_detail", args=[r.pk]),
        ),
        Column("month", label=gettext_lazy("month"), accessor=lambda r: f"{r.month:%Y-%m}"),
        Column("status", label=gettext_lazy("status"), accessor="get_status_display"),
        Column(
            "submitted_to",
            label=gettext_lazy("submitted to"),
            accessor=lambda r: r.submitted_to.name if r.submitted_to else "—",
        ),
        Column(
            "generated_at",
            label=gettext_lazy("generated at"),
            accessor=lambda r: local_minute(r.generated_at),
        ),
    ]

    def scope(self, queryset):
        return sel.reports_visible_to(self.request.user, queryset)

    def get_add_url(self):
        if f.ReportGenerateForm(user=self.request.user).fields["office"].queryset.exists():
            return reverse("supervision_admin:report_create")
        return None


def _form_page(request, form, *, title, help_text, submit, back_url, back_text, icon, no_office):
    """The page of one form (``upward_form.html``); 400 when the form was refused."""
    return TemplateResponse(
        request,
        "supervision/admin/upward_form.html",
        {
            "title": title,
            "icon": icon,
            "help": help_text,
            "submit": submit,
            "back_url": back_url,
            "back_text": back_text,
            "no_office": no_office,
            "form": form,
        },
        status=400 if form is not None and form.errors else 200,
    )


def report_create(request):
    """Generate a monthly report for an office the user belongs to (one service,
    supervision.services_reports.monthly_report_generate), once per form."""
    user = request.user
    if not may_use(user):
        return forbidden(request)
    form = f.ReportGenerateForm(request.POST or None, user=user)
    has_office = form.fields["office"].queryset.exists()
    if request.method == "POST" and has_office:
        done = {}

        def perform(data):
            done["report"] = sr.monthly_report_generate(
                by=user, office=data["office"], month=data["month"]
            )

        try:
            outcome = _run(request, form, perform)
        except PermissionDenied as error:
            return forbidden(request, str(error))
        if outcome == REPEATED:
            return redirect("supervision_admin:report_list")
        if outcome:
            messages.success(request, _("The monthly report was generated."))
            return redirect("supervision_admin:report_detail", pk=done["report"].pk)
    return _form_page(
        request,
        form if has_office else None,
        title=_("Generate a monthly report"),
        icon="doc-full",
        help_text=_(
            "The figures are computed now from the records of the office's jurisdiction for "
            "the month chosen; a month not yet ended is refused."
        ),
        submit=_("Generate"),
        back_url=reverse("supervision_admin:report_list"),
        back_text=_("Back to the reports upward"),
        no_office=_("Only the staff of a government office generate its monthly report."),
    )


def _report_actions(request, report, bound=None):
    """The forms of the steps this reader may take now."""
    user, bound = request.user, bound or {}
    actions = []
    if report.status == MonthlyReport.Status.GENERATED and sr.may_review(user, report):
        actions.append(("review", _("Review the report"), f.NoteForm(bound.get("review"))))
    if report.status == MonthlyReport.Status.REVIEWED and sr.is_government_member(
        user, report.office
    ):
        actions.append(
            ("submit", _("Submit to the office above"), f.EmptyForm(bound.get("submit")))
        )
    if report.status == MonthlyReport.Status.SUBMITTED and sr.is_government_member(
        user, report.submitted_to_id
    ):
        actions.append(
            ("acknowledge", _("Acknowledge receipt"), f.NoteForm(bound.get("acknowledge")))
        )
    return actions


def report_detail(request, pk: int):
    user = request.user
    if not may_use(user):
        return forbidden(request)
    report = get_object_or_404(sel.reports_visible_to(user), pk=pk)
    bound, status = {}, 200
    if request.method == "POST":
        step = request.POST.get("step", "")
        steps = {
            "review": (
                f.NoteForm,
                lambda d: sr.monthly_report_review(by=user, report=report, note=d["note"]),
                _("The report was reviewed."),
            ),
            "submit": (
                f.EmptyForm,
                lambda d: sr.monthly_report_submit(by=user, report=report),
                _("The report was submitted to the office above."),
            ),
            "acknowledge": (
                f.NoteForm,
                lambda d: sr.monthly_report_acknowledge(by=user, report=report, note=d["note"]),
                _("Receipt of the report was acknowledged."),
            ),
        }
        if step not in steps:
            raise Http404
        form_class, perform, done = steps[step]
        form = form_class(request.POST)
        try:
            outcome = _run(request, form, perform)
            if outcome:
                if outcome == DONE:
                    messages.success(request, done)
                return redirect("supervision_admin:report_detail", pk=report.pk)
        except PermissionDenied as error:
            return forbidden(request, str(error))
        bound, status = {step: request.POST}, 400
        report.refresh_from_db()
        actions = _report_actions(request, report, bound)
        # Keep the refused form's errors on the page.
        actions = [(n, t, form if n == step else fm) for n, t, fm in actions]
    else:
        actions = _report_actions(request, report)
    sections = [
        {"section": s, "rows": [mr.money_text(s, row) for row in s.rows]}
        for s in mr.report_sections(report.figures)
    ]
    return TemplateResponse(
        request,
        "supervision/admin/report_detail.html",
        {
            "report": report,
            "title": mr.report_title(report),
            "sections": sections,
            "actions": actions,
        },
        status=status,
    )


def report_export(request, pk: int, fmt: str):
    user = request.user
    if not may_use(user):
        return forbidden(request)
    report = get_object_or_404(sel.reports_visible_to(user), pk=pk)
    if fmt not in ("xlsx", "pdf"):
        raise Http404
    from supervision.exports import export_record

    filename = f"monthly-report-{report.office_id}-{report.month:%Y-%m}.{fmt}"
    if fmt == "xlsx":
        export_record(user=user, what="monthly_report", filters=None, fmt=fmt)
        return FileResponse(
            mr.report_xlsx(report), as_attachment=True, filename=filename, content_type=XLSX_TYPE
        )
    try:
        body = mr.report_pdf(report)
    except mr.NoChineseFont as error:
        return HttpResponse(str(error), status=503, content_type="text/plain; charset=utf-8")
    export_record(user=user, what="monthly_report", filters=None, fmt=fmt)
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# ---- inspections ----


def _posted_id(request, name: str) -> int:
    value = request.POST.get(name, "")
    return int(value) if value.isdigit() else 0


class InspectionListView(RoleListView):
    """The special inspections the reader organises or whose offices are inspected."""

    model = InspectionCampaign
    roles = READERS
    page_title = gettext_lazy("Inspections")
    help_text = gettext_lazy("Special inspection of social assistance (专项治理)")
    header_icon = "tasks"
    index_url_name = "supervision_admin:inspection_list"
    index_results_url_name = "supervision_admin:inspection_list_results"
    no_results_message = gettext_lazy("No inspections.")
    add_item_label = gettext_lazy("Start an inspection")
    columns = [
        TitleColumn(
            "title",
            label=gettext_lazy("title"),
            get_url=lambda c: reverse("supervision_admin:inspection_detail", args=[c.pk]),
        ),
        Column("organiser", label=gettext_lazy("organising office"), accessor="organiser.name"),
        Column(
            "period",
            label=gettext_lazy("period"),
            accessor=lambda c: f"{c.period_start:%Y-%m-%d} – {c.period_end:%Y-%m-%d}",
        ),
        Column(
            "self_inspection_due_on",
            label=gettext_lazy("self-inspection due on"),
            accessor=lambda c: f"{c.self_inspection_due_on:%Y-%m-%d}",
        ),
        Column("status", label=gettext_lazy("status"), accessor="get_status_display"),
    ]

    def scope(self, queryset):
        return sel.campaigns_visible_to(self.request.user, queryset)

    def get_add_url(self):
        if f.CampaignCreateForm(user=self.request.user).fields["organiser"].queryset.exists():
            return reverse("supervision_admin:inspection_create")
        return None


def inspection_create(request):
    """Start a special inspection (one service, supervision.services_inspections.
    inspection_campaign_create), once per form."""
    user = request.user
    if not may_use(user):
        return forbidden(request)
    form = f.CampaignCreateForm(request.POST or None, user=user)
    has_office = form.fields["organiser"].queryset.exists()
    if request.method == "POST" and has_office:
        done = {}

        def perform(data):
            done["campaign"] = si.inspection_campaign_create(
                by=user,
                organiser=data["organiser"],
                title=data["title"],
                offices=list(data["offices"]),
                period_start=data["period_start"],
                period_end=data["period_end"],
                self_inspection_due_on=data["self_inspection_due_on"],
            )

        try:
            outcome = _run(request, form, perform)
        except PermissionDenied as error:
            return forbidden(request, str(error))
        if outcome == REPEATED:
            return redirect("supervision_admin:inspection_list")
        if outcome:
            messages.success(request, _("The inspection was started."))
            return redirect("supervision_admin:inspection_detail", pk=done["campaign"].pk)
    return _form_page(
        request,
        form if has_office else None,
        title=_("Start an inspection"),
        icon="tasks",
        help_text=_(
            "Each office inspected answers the self-inspection checklist of seed 004's "
            "special inspection."
        ),
        submit=_("Start"),
        back_url=reverse("supervision_admin:inspection_list"),
        back_text=_("Back to the inspections"),
        no_office=_("Only the supervisors of a government office start an inspection."),
    )


def _inspection_forms(campaign, data=None, step=""):
    def bound(name):
        return data if step == name else None

    return {
        "draw": f.SpotCheckDrawForm(bound("draw"), campaign=campaign, prefix="draw"),
        "rectify": f.RectificationForm(bound("rectify"), campaign=campaign, prefix="rectify"),
        "close": f.CloseForm(bound("close"), prefix="close"),
    }


def inspection_detail(request, pk: int):
    user = request.user
    if not may_use(user):
        return forbidden(request)
    campaign = get_object_or_404(sel.campaigns_visible_to(user), pk=pk)
    is_inspector = si.is_inspector(user, campaign)
    forms = _inspection_forms(campaign)
    finding_forms, done_forms = {}, {}
    status = 200
    if request.method == "POST":
        step = request.POST.get("step", "")
        forms = _inspection_forms(campaign, request.POST, step)
        try:
            if step == "draw":
                form = forms["draw"]
                ok = _run(
                    request,
                    form,
                    lambda d: si.spot_check_draw(
                        by=user,
                        campaign=campaign,
                        office=d["office"],
                        sample_size=d["sample_size"],
                        seed=d["seed"],
                    ),
                )
            elif step == "rectify":
                form = forms["rectify"]
                ok = _run(
                    request,
                    form,
                    lambda d: si.rectification_create(
                        by=user,
                        campaign=campaign,
                        office=d["office"],
                        description=d["description"],
                        owner=d["owner"].user,
                        due_on=d["due_on"],
                        finding=d["finding"],
                    ),
                )
            elif step == "close":
                form = forms["close"]
                ok = _run(
                    request,
                    form,
                    lambda d: si.inspection_close(
                        by=user, campaign=campaign, closing_report=d["closing_report"]
                    ),
                )
            elif step == "finding":
                sampled = get_object_or_404(
                    sel.sampled_cases_visible_to(user).filter(spot_check__campaign=campaign),
                    pk=_posted_id(request, "sampled"),
                )
                form = f.FindingForm(request.POST, prefix=f"finding-{sampled.pk}")
                finding_forms[sampled.pk] = form
                ok = _run(
                    request,
                    form,
                    lambda d: si.spot_check_finding_record(
                        by=user, sampled=sampled, finding=d["finding"], note=d["note"]
                    ),
                )
            elif step == "done":
                task = get_object_or_404(
                    sel.rectifications_visible_to(user).filter(campaign=campaign),
                    pk=_posted_id(request, "task"),
                )
                form = f.DoneForm(request.POST, prefix=f"done-{task.pk}")
                done_forms[task.pk] = form
                ok = _run(
                    request,
                    form,
                    lambda d: si.rectification_done(by=user, task=task, note=d["note"]),
                )
            else:
                raise Http404
        except PermissionDenied as error:
            return forbidden(request, str(error))
        if ok:
            if ok == DONE:
                messages.success(request, _("Saved."))
            return redirect("supervision_admin:inspection_detail", pk=campaign.pk)
        status = 400
        campaign.refresh_from_db()
    spot_checks = []
    for check in sel.spot_checks_visible_to(user).filter(campaign=campaign):
        rows = []
        for sampled in check.cases.select_related("case", "checked_by"):
            form = None
            if is_inspector and not sampled.finding and campaign.status == "open":
                form = finding_forms.get(sampled.pk) or f.FindingForm(
                    prefix=f"finding-{sampled.pk}"
                )
            rows.append({"sampled": sampled, "form": form})
        spot_checks.append({"check": check, "rows": rows})
    tasks = []
    for task in sel.rectifications_visible_to(user).filter(campaign=campaign):
        form = None
        if (
            task.status == RectificationTask.Status.OPEN
            and campaign.status == "open"
            and (task.owner_id == user.pk or sr.is_government_member(user, task.office_id))
        ):
            form = done_forms.get(task.pk) or f.DoneForm(prefix=f"done-{task.pk}")
        tasks.append({"task": task, "form": form})
    return TemplateResponse(
        request,
        "supervision/admin/inspection_detail.html",
        {
            "campaign": campaign,
            "self_inspections": sel.self_inspections_visible_to(user).filter(campaign=campaign),
            "spot_checks": spot_checks,
            "tasks": tasks,
            "summary": si.inspection_summary(campaign),
            "is_inspector": is_inspector and campaign.status == "open",
            "forms": forms,
        },
        status=status,
    )


def self_inspection_detail(request, pk: int):
    user = request.user
    if not may_use(user):
        return forbidden(request)
    self_inspection = get_object_or_404(sel.self_inspections_visible_to(user), pk=pk)
    items = self_inspection.items.all()
    may_answer = (
        sr.is_government_member(user, self_inspection.office_id)
        and self_inspection.status == SelfInspection.Status.PENDING
        and self_inspection.campaign.status == InspectionCampaign.Status.OPEN
    )
    answer_form = f.SelfInspectionAnswerForm(items=items, prefix="answer")
    summary_form = f.SummaryForm(prefix="submit")
    status = 200
    if request.method == "POST":
        step = request.POST.get("step", "")
        try:
            if step == "answer":
                answer_form = f.SelfInspectionAnswerForm(request.POST, items=items, prefix="answer")
                ok = _run(
                    request,
                    answer_form,
                    lambda d: si.self_inspection_answer(
                        by=user, self_inspection=self_inspection, answers=answer_form.answers()
                    ),
                )
            elif step == "submit":
                summary_form = f.SummaryForm(request.POST, prefix="submit")
                ok = _run(
                    request,
                    summary_form,
                    lambda d: si.self_inspection_submit(
                        by=user, self_inspection=self_inspection, summary=d["summary"]
                    ),
                )
            else:
                raise Http404
        except PermissionDenied as error:
            return forbidden(request, str(error))
        if ok:
            if ok == DONE:
                messages.success(request, _("Saved."))
            return redirect("supervision_admin:self_inspection_detail", pk=self_inspection.pk)
        status = 400
    return TemplateResponse(
        request,
        "supervision/admin/self_inspection_detail.html",
        {
            "self_inspection": self_inspection,
            "items": items,
            "may_answer": may_answer,
            "answer_form": answer_form,
            "summary_form": summary_form,
        },
        status=status,
    )


urlpatterns = [
    *list_paths("supervision/reports/", "report_list", ReportListView),
    path("supervision/reports/new/", report_create, name="report_create"),
    path("supervision/reports/<int:pk>/", report_detail, name="report_detail"),
    path("supervision/reports/<int:pk>/report.<str:fmt>", report_export, name="report_export"),
    *list_paths("supervision/inspections/", "inspection_list", InspectionListView),
    path("supervision/inspections/new/", inspection_create, name="inspection_create"),
    path("supervision/inspections/<int:pk>/", inspection_detail, name="inspection_detail"),
    path(
        "supervision/self-inspections/<int:pk>/",
        self_inspection_detail,
        name="self_inspection_detail",
    ),
]
