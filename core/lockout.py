"""What a locked-out login sees (django-axes calls this): a 429 in the user's language,
in the API's error format for API calls."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials=None
) -> HttpResponse:
    message = _("Too many failed sign-in attempts. Try again later or ask an administrator.")
    if request.path.startswith("/api/"):
        return JsonResponse(
            {
                "status": 429,
                "code": "locked_out",
                "message": message,
                "errors": [{"field": None, "code": "locked_out", "message": message}],
                "request_id": getattr(request, "request_id", ""),
            },
            status=429,
        )
    return render(request, "core/locked_out.html", {"message": message}, status=429)
