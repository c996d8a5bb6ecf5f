"""Public views outside Wagtail's pages: the 关怀版 (elder-friendly) switch, remembered in a
cookie, and the report-someone form with its status page. Plain forms: no JavaScript."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from cms.editor_pages import ReportPage, editor_text
from core import ratelimit
from core.models import Organisation, Region
from core.widgets import COUNTY, RegionPickerWidget
from discovery.models import PublicReport
from discovery.services.public_reports import MAX_CONTACT, MAX_TEXT, public_report_create

COOKIE = "care_mode"
ONE_YEAR = 365 * 24 * 3600


@csrf_exempt  # a display preference only (see core/urls.py on the header's switches)
@require_POST
def care_mode(request):
    target = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    if request.POST.get("care") == "on":
        response.set_cookie(
            COOKIE,
            "1",
            max_age=ONE_YEAR,
            samesite="Lax",
            httponly=True,
            secure=settings.SESSION_COOKIE_SECURE,
        )
    else:
        response.delete_cookie(COOKIE, samesite="Lax")
    return response


REPORTS_PER_IP_PER_HOUR = 5


def _served_regions() -> list[Region]:
    """The regions of the civil-affairs offices: the counties in them are those the platform
    serves, and the only ones the public forms offer."""
    offices = Organisation.objects.filter(
        kind=Organisation.Kind.GOVERNMENT_OFFICE, is_active=True
    ).select_related("region")
    return [office.region for office in offices]


def county_picker(form_id: str, value: str, error: str | None) -> str:
    """The county picker of the public forms (province, city, county in cascade; a plain list
    without JavaScript), offering only counties the platform serves: ``form_id``-region."""
    attrs = {"id": f"{form_id}-region", "required": True}
    if error:
        attrs.update({"aria-invalid": "true", "aria-describedby": f"{form_id}-region-error"})
    widget = RegionPickerWidget(roots=_served_regions, min_level=COUNTY, max_level=COUNTY)
    return widget.render("region", value or "", attrs=attrs)


def report_someone(request, editor_page=None):
    """Report a person in distress: where, what happened, optionally how to reach you."""

    errors, values, status = {}, {}, 200
    if request.method == "POST":
        values = {k: request.POST.get(k, "") for k in ("region", "what_happened", "contact")}
        if request.POST.get("website"):  # the honeypot: people never see this field
            return TemplateResponse(request, "cms/report_thanks.html", {})
        if not ratelimit.take_for_client(
            request, "public-report", limit=REPORTS_PER_IP_PER_HOUR, window=3600
        ):
            errors["form"] = _("Too many reports from this connection; please call 12349.")
            status = 429
        else:
            try:
                report = public_report_create(
                    region_code=values["region"],
                    what_happened=values["what_happened"],
                    contact=values["contact"],
                )
            except ValidationError as error:
                # A report refused for a mistake does not use up one of the hour's reports.
                ratelimit.give_back_for_client(request, "public-report", window=3600)
                errors = {field: messages[0] for field, messages in error.message_dict.items()}
                status = 400
            else:
                return redirect("report-status", code=report.tracking_code)
    context = {
        "region_picker": county_picker("report", values.get("region", ""), errors.get("region")),
        "values": values,
        "errors": errors,
        "max_text": MAX_TEXT,
        "max_contact": MAX_CONTACT,
        "page_text": editor_text(ReportPage, editor_page),
    }
    return TemplateResponse(request, "cms/report_form.html", context, status=status)


def report_status(request, code: str):
    """The status of a report, by its tracking code: nothing else."""

    report = PublicReport.objects.select_related("case").filter(tracking_code=code.upper()).first()
    return TemplateResponse(
        request,
        "cms/report_status.html",
        {"report": report, "code": code[:16]},
        status=200 if report else 404,
    )
