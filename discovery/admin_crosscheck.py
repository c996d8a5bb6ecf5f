"""Data cross-check screens (专项救助数据导入): upload a list and map its columns, read the
import's report, and dispose of each risk warning in one of the four ways of seed 003.

The request checks the upload (permission, size, columns) and records the import; its rows are
imported by a background task (discovery.tasks.crosscheck_import_rows), and the report page shows
how far it has got, refreshing itself while it runs. The file waits in a private storage under
a random name until the task ends, then is deleted: only its content hash and the report stay.
Column mapping is part of the upload form (blank fields are recognised from the usual Chinese
headers); a file whose columns cannot be mapped is refused with its headers listed, so the
official fills the mapping and uploads again, rather than the platform keeping a file full of
ID numbers between two steps.
"""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.widgets.button import HeaderButton

from core.admin_lists import RoleListView, list_paths
from core.audit import personal_data_read_record
from core.jurisdiction import GOVERNMENT_ROLES, has_role
from core.views_admin import local_minute
from discovery import crosscheck_files
from discovery import forms_crosscheck as f
from discovery import selectors_crosscheck as discovery_selectors
from discovery import services as discovery_services
from discovery.filtersets_registers import CrossCheckImportFilterSet, RiskWarningAdminFilterSet
from discovery.models import CrossCheckImport, RiskWarning
from discovery.tasks import crosscheck_import_rows
from needs.admin_views.common import (
    CASE_ROLES,
    PAGE_SIZE,
    call_service,
    error_summary,
    forbidden,
    money,
    query_without_page,
    require_roles,
)

Disposition = RiskWarning.Disposition


def _warnings(user):
    queryset = RiskWarning.objects.select_related("region", "case", "crosscheck_import")
    return discovery_selectors.risk_warnings_visible_to(user, queryset)


def _warning_rows(queryset, request):
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("p"))
    rows = [{"warning": w, "amount": money(w.amount_fen)} for w in page.object_list]
    return page, rows


class CrossCheckListView(RoleListView):
    """The lists imported for the reader's jurisdiction, newest first."""

    model = CrossCheckImport
    roles = tuple(CASE_ROLES)
    page_title = gettext_lazy("Data cross-check")
    header_icon = "table"
    index_url_name = "discovery_registers:crosscheck_list"
    index_results_url_name = "discovery_registers:crosscheck_list_results"
    filterset_class = CrossCheckImportFilterSet
    verbose_name_plural = gettext_lazy("imported lists")
    add_item_label = gettext_lazy("Import a list")
    columns = [
        TitleColumn(
            "list",
            label=gettext_lazy("list kind"),
            accessor=lambda r: f"{r.get_kind_display()} · {r.file_name}",
            get_url=lambda r: reverse("discovery_registers:crosscheck_report", args=[r.pk]),
        ),
        Column("source_department", label=gettext_lazy("source department")),
        Column("office", label=gettext_lazy("office"), accessor="office.name"),
        Column(
            "status",
            label=gettext_lazy("status"),
            accessor="get_status_display",
            classname="w-whitespace-nowrap",
        ),
        Column("rows_read", label=gettext_lazy("rows read")),
        Column("rows_refused", label=gettext_lazy("rows refused")),
        Column(
            "created_at",
            label=gettext_lazy("created at"),
            accessor=lambda r: local_minute(r.created_at),
            classname="w-whitespace-nowrap",
        ),
    ]

    def scope(self, queryset):
        return discovery_selectors.crosscheck_imports_visible_to(
            self.request.user, CrossCheckImport.objects.select_related("office")
        )

    def get_add_url(self):
        if has_role(self.request.user, *GOVERNMENT_ROLES):
            return reverse("discovery_registers:crosscheck_upload")
        return None

    @cached_property
    def header_buttons(self):
        return [
            *super().header_buttons,
            HeaderButton(
                _("Risk warnings to dispose of"),
                url=reverse("discovery_registers:warning_list"),
                icon_name="warning",
            ),
            HeaderButton(
                _("Supervision tasks"),
                url=reverse("supervision_tasks:supervision_task_list"),
                icon_name="tasks",
            ),
        ]


def _too_large(request) -> bool:
    """A body far above the limit is refused from its announced length, before it is read."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    return length > settings.CROSSCHECK_MAX_UPLOAD_BYTES + 1024 * 1024  # room for the form


def _start_in_background(record: CrossCheckImport, uploaded) -> None:
    """The rows are imported by a background task (a long list takes longer than a request
    may): the file waits in the private storage under a random name until the task ends."""
    stored_name = crosscheck_files.store_pending(uploaded)
    try:
        discovery_services.crosscheck_import_queue(record, stored_name)
        crosscheck_import_rows.enqueue(import_id=record.pk, stored_name=stored_name)
    except Exception:
        crosscheck_files.delete_pending(stored_name)
        discovery_services.crosscheck_import_fail(
            record, _("The import could not be started; upload the file again.")
        )
        raise


@require_roles(*GOVERNMENT_ROLES)
def crosscheck_upload(request):
    status = 200
    if request.method == "POST" and _too_large(request):
        form = f.CrossCheckUploadForm(user=request.user)
        messages.error(
            request,
            _("The file is larger than %(limit)s MB; split it into smaller files.")
            % {"limit": settings.CROSSCHECK_MAX_UPLOAD_BYTES // (1024 * 1024) or 1},
        )
        status = 413
    elif request.method == "POST":
        form = f.CrossCheckUploadForm(request.POST, request.FILES, user=request.user)
        if form.is_valid():
            data = form.cleaned_data
            uploaded = data["file"]
            outcome, status = call_service(
                form,
                lambda: discovery_services.crosscheck_import_prepare(
                    by=request.user,
                    office=data["office"],
                    kind=data["kind"],
                    source_department=data["source_department"],
                    stream=uploaded,
                    file_name=uploaded.name,
                    mapping=form.mapping(),
                ),
                # The import commits batch by batch, so that an interrupted one resumes; one
                # transaction around it all would undo that (and hold locks for minutes).
                atomic=False,
                user=request.user,
            )
            if outcome is not None:
                record = outcome.crosscheck_import
                if outcome.already_imported:
                    messages.info(
                        request, _("This file was already imported: nothing was changed.")
                    )
                else:
                    _start_in_background(record, uploaded)
                    messages.success(
                        request,
                        _("The list is being imported; this page shows how far it has got."),
                    )
                uploaded.close()
                return redirect("discovery_registers:crosscheck_report", record.pk)
            uploaded.close()  # a temporary file on disk is deleted now, not at the request's end
        error_summary(request, str(_("Import a list")), form)
    else:
        form = f.CrossCheckUploadForm(user=request.user)
    return TemplateResponse(
        request, "discovery/admin/crosscheck_upload.html", {"form": form}, status=status
    )


REFRESH_SECONDS = 3


def _progress(record: CrossCheckImport) -> dict:
    expected = record.rows_expected or 0
    if expected < record.rows_read:  # the estimate was low (or missing): no fraction to show
        expected = 0
    value = min(record.rows_read, expected)
    return {
        "expected": expected,
        "value": value,
        "percent": value * 100 // expected if expected else 0,
    }


@require_roles(*CASE_ROLES)
def crosscheck_report(request, pk: int):
    record = get_object_or_404(
        discovery_selectors.crosscheck_imports_visible_to(
            request.user, CrossCheckImport.objects.select_related("office")
        ),
        pk=pk,
    )
    page, rows = _warning_rows(_warnings(request.user).filter(crosscheck_import=record), request)
    labels = dict(RiskWarning.Type.choices)
    running = record.status == CrossCheckImport.Status.RUNNING
    return TemplateResponse(
        request,
        "discovery/admin/crosscheck_report.html",
        {
            "record": record,
            "running": running,
            "progress": _progress(record),
            # Without JavaScript: the page reloads itself while the import runs, unless the
            # reader turned that off (WCAG 2.2.1).
            "refresh": REFRESH_SECONDS if running and request.GET.get("refresh") != "0" else 0,
            "by_type": [
                (labels.get(name, name), count)
                for name, count in sorted(record.warnings_by_type.items())
            ],
            "page": page,
            "rows": rows,
            "query": query_without_page(request),
        },
    )


def _disposition_text(warning: RiskWarning) -> str:
    return warning.get_disposition_display() if warning.disposition else _("to dispose of")


def _case_number(warning: RiskWarning) -> str:
    return warning.case.number if warning.case else "—"


class WarningListView(RoleListView):
    """Risk warnings of the reader's jurisdiction: those to dispose of unless asked for all;
    the supervision dashboard drills down here by disposition, office and period."""

    model = RiskWarning
    roles = tuple(CASE_ROLES)
    page_title = gettext_lazy("Risk warnings")
    header_icon = "warning"
    index_url_name = "discovery_registers:warning_list"
    index_results_url_name = "discovery_registers:warning_list_results"
    filterset_class = RiskWarningAdminFilterSet
    verbose_name_plural = gettext_lazy("risk warnings")
    columns = [
        TitleColumn(
            "row_number",
            label=gettext_lazy("row number"),
            accessor=lambda w: f"{w.crosscheck_import.get_kind_display()} · {w.row_number}",
            get_url=lambda w: reverse("discovery_registers:warning_detail", args=[w.pk]),
        ),
        Column("type", label=gettext_lazy("warning type"), accessor="get_type_display"),
        Column("county", label=pgettext_lazy("place", "county"), accessor="region.name"),
        Column(
            "amount",
            label=gettext_lazy("amount"),
            accessor=lambda w: money(w.amount_fen),
            classname="w-whitespace-nowrap",
        ),
        Column("case", label=gettext_lazy("case"), accessor=_case_number),
        Column(
            "disposition",
            label=gettext_lazy("disposition"),
            accessor=_disposition_text,
            classname="w-whitespace-nowrap",
        ),
    ]

    def scope(self, queryset):
        return _warnings(self.request.user)

    @cached_property
    def header_buttons(self):
        back = HeaderButton(
            _("Back to the data cross-check"),
            url=reverse("discovery_registers:crosscheck_list"),
            icon_name="arrow-left",
        )
        return [back]


class _Action:
    def __init__(self, name, title, form_class, perform, help_text=""):
        self.name, self.title, self.form_class = name, title, form_class
        self.perform, self.help_text = perform, help_text

    def form(self, warning, user, data=None):
        kwargs = {"user": user, "auto_id": f"id_{self.name}_%s"}
        if self.form_class is f.SuperviseForm:
            kwargs["warning"] = warning
        return self.form_class(data, **kwargs)


ACTIONS = {
    action.name: action
    for action in [
        _Action(
            Disposition.START_PROCEDURE,
            gettext_lazy("Start the eligibility procedure"),
            f.StartProcedureForm,
            lambda user, warning, data: discovery_services.warning_start_procedure(
                by=user,
                warning=warning,
                category=data["category"],
                name=data["name"],
                region=data["region"],
                narrative=data["narrative"],
                assistance_type=data.get("assistance_type", ""),
            ),
            gettext_lazy(
                "Not yet covered but eligible: opens a case (data cross-check) and, if you "
                "choose one, the application for the assistance."
            ),
        ),
        _Action(
            Disposition.SUPERVISE,
            gettext_lazy("Open a supervision task"),
            f.SuperviseForm,
            lambda user, warning, data: discovery_services.warning_supervise(
                by=user,
                warning=warning,
                assigned_to=data["assigned_to"],
                due_on=data["due_on"],
                note=data["note"],
            ),
            gettext_lazy("Covered, but the policy has not reached the household."),
        ),
        _Action(
            Disposition.REFER,
            gettext_lazy("Refer for the new need"),
            f.ReferWarningForm,
            lambda user, warning, data: discovery_services.warning_refer(
                by=user, warning=warning, note=data["note"]
            ),
            gettext_lazy("Covered, with a new need: the open case is flagged for a new match."),
        ),
        _Action(
            Disposition.END_ASSISTANCE,
            gettext_lazy("End assistance"),
            f.EndAssistanceForm,
            lambda user, warning, data: discovery_services.warning_end_assistance(
                by=user, warning=warning, reason=data["reason"]
            ),
            gettext_lazy("No longer eligible: the open case, if any, closes as not eligible."),
        ),
    ]
}


def _warning_page(request, warning, *, bound=None, status=200):
    # The page shows the person's name: every rendering is a read, recorded (DESIGN.md 7.1),
    # also when a refused action shows it again.
    personal_data_read_record(
        actor=request.user,
        obj=warning,
        fields=["name", "id_number_masked", "note"],
        purpose=f"risk warning {warning.pk}",
    )
    with_actions = has_role(request.user, *GOVERNMENT_ROLES) and not warning.disposition
    actions = []
    if with_actions:
        for action in ACTIONS.values():
            form = (bound or {}).get(action.name) or action.form(warning, request.user)
            actions.append(
                {
                    "name": action.name,
                    "title": action.title,
                    "help": action.help_text,
                    "button": action.title,
                    "url": reverse(
                        "discovery_registers:warning_dispose", args=[warning.pk, action.name]
                    ),
                    "form": form,
                    "open": bool(bound and action.name in bound),
                }
            )
    return TemplateResponse(
        request,
        "discovery/admin/warning_detail.html",
        {"warning": warning, "amount": money(warning.amount_fen), "actions": actions},
        status=status,
    )


@require_roles(*CASE_ROLES)
def warning_detail(request, pk: int):
    """One warning with the person's name: the read is recorded (DESIGN.md 7.1)."""
    warning = get_object_or_404(_warnings(request.user), pk=pk)
    return _warning_page(request, warning)


@require_POST
def warning_dispose(request, pk: int, action: str):
    if not has_role(request.user, *GOVERNMENT_ROLES):
        return forbidden(request, _("Only caseworkers and supervisors dispose of risk warnings."))
    chosen = ACTIONS.get(action)
    warning = get_object_or_404(_warnings(request.user), pk=pk)
    if chosen is None:
        return forbidden(request)
    form = chosen.form(warning, request.user, request.POST)
    status = 200
    if form.is_valid():
        result, status = call_service(
            form,
            lambda: chosen.perform(request.user, warning, form.cleaned_data),
            user=request.user,
        )
        if result is not None:
            messages.success(request, _("%(action)s: done.") % {"action": chosen.title})
            return redirect("discovery_registers:warning_detail", warning.pk)
    error_summary(request, str(chosen.title), form)
    warning.refresh_from_db()
    return _warning_page(request, warning, bound={chosen.name: form}, status=status)


urlpatterns = [
    *list_paths("crosscheck/", "crosscheck_list", CrossCheckListView),
    path("crosscheck/new/", crosscheck_upload, name="crosscheck_upload"),
    path("crosscheck/<int:pk>/", crosscheck_report, name="crosscheck_report"),
    *list_paths("crosscheck/warnings/", "warning_list", WarningListView),
    path("crosscheck/warnings/<int:pk>/", warning_detail, name="warning_detail"),
    path("crosscheck/warnings/<int:pk>/<str:action>/", warning_dispose, name="warning_dispose"),
]
