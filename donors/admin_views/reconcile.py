"""The reconciliation screen: what ``manage.py reconcile`` finds, for auditors, who can
acknowledge a finding with a reason (``donors.reconcile.acknowledge``)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from wagtail.admin import messages

from core.jurisdiction import Role
from donors.reconcile import acknowledge, may_acknowledge, reconcile_report
from needs.admin_views.common import forbidden, require_roles

RECONCILE_ROLES = (Role.AUDITOR, Role.PLATFORM_ADMIN)


@require_roles(*RECONCILE_ROLES)
@require_http_methods(["GET", "POST"])
def reconcile_view(request):
    errors: dict[tuple[str, str], list[str]] = {}
    if request.method == "POST":
        code, key = request.POST.get("code", ""), request.POST.get("key", "")
        try:
            acknowledge(by=request.user, code=code, key=key, reason=request.POST.get("reason", ""))
        except PermissionDenied:
            return forbidden(request)
        except ValidationError as error:
            errors[(code, key)] = error.messages
            messages.error(request, _("Not acknowledged: %s") % " ".join(error.messages))
        else:
            messages.success(request, _("Acknowledged: %(key)s.") % {"key": key})
            return redirect("donors_admin:reconcile")
    report = reconcile_report()
    rows = [
        {
            "problem": problem,
            "errors": errors.get((problem.code, problem.key), []),
            "posted_reason": request.POST.get("reason", "")
            if (problem.code, problem.key) in errors
            else "",
        }
        for problem in report.problems
    ]
    return TemplateResponse(
        request,
        "donors/admin/reconcile.html",
        {
            "report": report,
            "failures": [r for r in rows if r["problem"].is_failure],
            "acknowledged": [r for r in rows if r["problem"].acknowledgement is not None],
            "attention": [
                r for r in rows if r["problem"].attention_only and not r["problem"].acknowledgement
            ],
            "may_acknowledge": may_acknowledge(request.user),
        },
        status=400 if errors else 200,
    )
