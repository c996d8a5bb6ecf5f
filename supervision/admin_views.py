"""The supervision screens of the Wagtail admin: the dashboard (督查), the inspection exports,
a case's audit trail as a file, and each member of staff's own notifications.

Thin edges: the figures come from supervision.selectors, the files from supervision.exports,
the notifications' changes from core.notifications (DESIGN.md 7.3, 7.5).
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import notifications
from discovery.selectors_grids import current_period, zero_report_figures
from needs.admin_views.common import forbidden
from needs.models import Case, CaseDeadline
from needs.selectors import cases_visible_to
from supervision import exports, read_log_views, selectors
from supervision.forms import SupervisionFilterForm

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
NOTIFICATIONS_PAGE_SIZE = 50


def duration_text(value: dt.timedelta | None) -> str:
    """A median as people say it: 2天3小时, 5小时10分钟, 40分钟."""
    if value is None:
        return "—"
    minutes = int(value.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        return _("%(days)s d %(hours)s h") % {"days": days, "hours": hours}
    if hours:
        return _("%(hours)s h %(minutes)s min") % {"hours": hours, "minutes": minutes}
    return _("%(minutes)s min") % {"minutes": minutes}


def _case_list_url(filters: selectors.Filters, **extra: str) -> str:
    return reverse("needs_admin:case_list") + "?" + urlencode({**filters.as_query(), **extra})


def _read_filters(request):
    form = SupervisionFilterForm(request.GET or None, user=request.user)
    filters, notes = form.filters()
    return form, filters, notes


def dashboard(request):
    """Open work by stage and office, overdue steps and escalations, median times, and
    referral answers in time by charity; every figure links to the cases it counts."""
    user = request.user
    if not selectors.may_see_dashboard(user):
        return forbidden(request)
    form, filters, notes = _read_filters(request)
    by_status = selectors.open_cases_by_status(user, filters)
    status_labels = dict(Case.Status.choices)
    step_labels = dict(CaseDeadline.Step.choices)
    overdue = selectors.overdue_figures(user, filters)
    medians = selectors.median_times(user, filters)
    query = urlencode({k: v for k, v in request.GET.items() if k in ("start", "end", "office")})
    return TemplateResponse(
        request,
        "supervision/admin/dashboard.html",
        {
            "filter_form": form,
            "notes": notes,
            "open_by_status": [
                {
                    "label": status_labels[status],
                    "count": count,
                    "url": _case_list_url(filters, status=status),
                }
                for status, count in by_status.items()
            ],
            "open_total": sum(by_status.values()),
            "all_cases_url": _case_list_url(filters),
            "offices": [
                {
                    "row": row,
                    "url": _case_list_url(filters, office=str(row.office_id)),
                    "overdue_url": _case_list_url(
                        filters, office=str(row.office_id), overdue="yes"
                    ),
                    "closed_url": _case_list_url(
                        filters, office=str(row.office_id), status=Case.Status.CLOSED
                    ),
                }
                for row in selectors.cases_by_office(user, filters)
            ],
            "overdue": overdue,
            "overdue_url": _case_list_url(filters, overdue="yes"),
            "overdue_steps": [
                {"label": step_labels[step], "count": count}
                for step, count in overdue.overdue_steps.items()
            ],
            "medians": [
                (_("to accept"), duration_text(medians.to_accept), _case_list_url(filters)),
                (_("to first relief"), duration_text(medians.to_relieve), _case_list_url(filters)),
                (_("to first referral"), duration_text(medians.to_refer), _case_list_url(filters)),
                (
                    _("to close"),
                    duration_text(medians.to_close),
                    _case_list_url(filters, status=Case.Status.CLOSED),
                ),
            ],
            "answers": [
                {
                    "row": row,
                    "url": reverse("needs_admin:referral_list")
                    + "?"
                    + urlencode(selectors.referral_list_query(filters, row.organisation_id)),
                }
                for row in selectors.referral_answers_by_charity(user, filters)
            ],
            "zero_reports": zero_report_figures(user, period=current_period()),
            "zero_reports_url": reverse("discovery_grids:zero_reports_missing"),
            "risk_warnings": [
                {
                    **row,
                    "url": reverse("discovery_registers:warning_list")
                    + "?"
                    + urlencode(row["query"]),
                }
                for row in selectors.risk_warnings_by_disposition(user, filters)
            ],
            "petitions": _petition_figures(user, filters),
            "may_export": selectors.may_export(user),
            "exports": [
                {
                    "title": kind.title(),
                    "csv": reverse("supervision_admin:export", args=[kind.name, "csv"])
                    + (f"?{query}" if query else ""),
                    "xlsx": reverse("supervision_admin:export", args=[kind.name, "xlsx"])
                    + (f"?{query}" if query else ""),
                }
                for kind in exports.EXPORTS.values()
            ],
        },
    )


def _petition_figures(user, filters) -> dict:
    """The petition register's figures with their links to the register (discovery/)."""
    from discovery.supervision_petitions import petitions_by_status

    figures = petitions_by_status(user, filters)
    url = reverse("discovery_admin:petition_list") + "?"
    return {
        "rows": [{**row, "url": url + urlencode(row["query"])} for row in figures["rows"]],
        "overdue": figures["overdue"],
        "overdue_url": url + urlencode(figures["overdue_query"]),
    }


def _file_response(fmt: str, title: str, headings, rows, filename: str):
    if fmt == "csv":
        response = StreamingHttpResponse(exports.csv_stream(headings, rows), content_type=CSV_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    handle = exports.xlsx_file(title, headings, rows)
    return FileResponse(handle, as_attachment=True, filename=filename, content_type=XLSX_TYPE)


def export(request, kind: str, fmt: str):
    """One inspection file of the period and office chosen on the dashboard."""
    user = request.user
    if not selectors.may_export(user):
        return forbidden(
            request, _("Only supervisors and auditors may export data for inspections.")
        )
    spec = exports.EXPORTS.get(kind)
    if spec is None or fmt not in ("csv", "xlsx"):
        raise Http404
    _form, filters, _notes = _read_filters(request)
    exports.export_record(user=user, what=kind, filters=filters, fmt=fmt)
    return _file_response(
        fmt,
        spec.title(),
        spec.headings(),
        spec.rows(user, filters),
        exports.export_filename(kind, filters, fmt),
    )


def case_audit_export(request, pk: int, fmt: str):
    """The audit trail of one case, for an inspection that asks for it."""
    user = request.user
    if not selectors.may_export(user):
        return forbidden(
            request, _("Only supervisors and auditors may export data for inspections.")
        )
    if fmt not in ("csv", "xlsx"):
        raise Http404
    case = get_object_or_404(cases_visible_to(user, Case.objects.all()), pk=pk)
    exports.export_record(user=user, what="case_audit", filters=None, fmt=fmt, case=case)
    return _file_response(
        fmt,
        _("Audit trail"),
        exports.audit_headings(),
        exports.audit_rows(case),
        f"audit-{case.number or case.pk}.{fmt}",
    )


# ---- notifications ----


def notification_list(request):
    """The user's own notifications, newest first, unread ones marked."""
    mine = notifications.notifications_for(request.user)
    page = Paginator(mine, NOTIFICATIONS_PAGE_SIZE).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "supervision/admin/notifications.html",
        {"page": page, "unread": notifications.unread_count(request.user)},
    )


@require_POST
def notification_read(request, pk: int):
    """Mark one read (and go to its link when asked); someone else's is not found."""
    notification = get_object_or_404(notifications.notifications_for(request.user), pk=pk)
    notifications.notification_mark_read(by=request.user, notification=notification)
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("supervision_admin:notifications")


@require_POST
def notifications_read_all(request):
    notifications.notifications_mark_all_read(by=request.user)
    return redirect("supervision_admin:notifications")


urlpatterns = [
    path("supervision/", dashboard, name="dashboard"),
    path("supervision/read-log/", read_log_views.read_log, name="read_log"),
    path("supervision/read-log.csv", read_log_views.read_log_export, name="read_log_export"),
    path("supervision/export/<str:kind>.<str:fmt>", export, name="export"),
    path("supervision/cases/<int:pk>/audit.<str:fmt>", case_audit_export, name="case_audit"),
    path("notifications/", notification_list, name="notifications"),
    path("notifications/<int:pk>/read/", notification_read, name="notification_read"),
    path("notifications/read-all/", notifications_read_all, name="notifications_read_all"),
]
