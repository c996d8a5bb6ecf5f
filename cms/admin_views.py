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

from cms.models import PublicReport
from cms.reports import public_report_set_status, reports_visible_to
from core.audit import personal_data_read_record
from core.jurisdiction import GOVERNMENT_ROLES
from needs.admin_views.common import require_roles


@require_roles(*GOVERNMENT_ROLES)
def report_list(request):
    page = Paginator(reports_visible_to(request.user), 50).get_page(request.GET.get("p"))
    for report in page:
        personal_data_read_record(
            actor=request.user,
            obj=report,
            fields=["what_happened", "reporter_contact"],
            purpose="public report list",
        )
    return TemplateResponse(
        request, "cms/admin/report_list.html", {"reports": page, "statuses": PublicReport.Status}
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
    return redirect("cms_admin:report_list")


urlpatterns = [
    path("", report_list, name="report_list"),
    path("<int:pk>/status/", report_set_status, name="report_set_status"),
]
