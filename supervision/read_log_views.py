"""The read log on screen (查阅记录) and as a CSV file: supervisors (their jurisdiction),
auditors and platform administrators; filtered by reader, case or household and period."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.jurisdiction import has_role
from needs.admin_views.common import forbidden, query_without_page
from supervision import exports
from supervision.read_log import (
    READ_LOG_READERS,
    PersonalDataReadFilterSet,
    personal_data_reads_visible_to,
    read_log_csv_rows,
    read_log_headings,
    read_rows,
)

PAGE_SIZE = 50


def _filtered(request):
    filterset = PersonalDataReadFilterSet(
        request.GET or None, queryset=personal_data_reads_visible_to(request.user)
    )
    # Invalid filters are shown on the form and left out (the list is never wider for it).
    queryset = filterset.qs if filterset.is_bound and filterset.is_valid() else filterset.queryset
    return filterset, queryset.order_by("-created_at", "-pk")


def _refused(request):
    return forbidden(
        request, _("Only supervisors, auditors and platform administrators read the read log.")
    )


def read_log(request):
    """Who read which household's personal data, when and why, newest first."""
    if not has_role(request.user, *READ_LOG_READERS):
        return _refused(request)
    filterset, queryset = _filtered(request)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "supervision/admin/read_log.html",
        {
            "filter_form": filterset.form,
            "page": page,
            "rows": list(read_rows(page.object_list)),
            "query": query_without_page(request),
        },
    )


def read_log_export(request):
    """The filtered read log as CSV (UTF-8 with a byte-order mark, Chinese headings); the
    export itself is written to the audit log."""
    if not has_role(request.user, *READ_LOG_READERS):
        return _refused(request)
    _filterset, queryset = _filtered(request)
    exports.export_record(user=request.user, what="read_log", filters=None, fmt="csv")
    response = StreamingHttpResponse(
        exports.csv_stream(read_log_headings(), read_log_csv_rows(queryset)),
        content_type="text/csv; charset=utf-8",
    )
    name = f"read-log-{timezone.localdate():%Y%m%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
