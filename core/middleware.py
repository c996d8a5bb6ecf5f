from __future__ import annotations

import logging
import re

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from core import request_context

logger = logging.getLogger("django.request")

# Accept a caller's request id (from a proxy) only if it looks like one.
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def client_ip(request: HttpRequest) -> str | None:
    """REMOTE_ADDR, or behind PROXY_COUNT trusted proxies the address the outermost of them
    saw (counted from the right of X-Forwarded-For, which a client cannot forge)."""
    count = settings.PROXY_COUNT
    if count:
        forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [p for p in forwarded if p]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR") or None


class RequestContextMiddleware:
    """Gives every request an id (echoed in ``X-Request-ID``) and remembers the client IP.

    The audit helpers read both from here.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _REQUEST_ID.match(incoming) else request_context.new_request_id()
        request.request_id = request_id
        token = request_context.set_current(
            request_context.RequestContext(request_id=request_id, ip_address=client_ip(request))
        )
        try:
            response = self.get_response(request)
        finally:
            request_context.reset(token)
        response["X-Request-ID"] = request_id
        return response


class SiteErrorPagesMiddleware:
    """In development (DEBUG) the public still sees the site's own 404 and 500 pages.

    Django's debug pages list every URL pattern and show settings and tracebacks: a developer
    showing the demo to a caseworker or a citizen should not show them that. Set
    ``DEBUG_PAGES=1`` to get Django's pages back; the traceback of a 500 is logged either way.
    Added by the development settings only: with DEBUG off Django renders these pages itself.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # No URL pattern matched: Django answered with its debug page listing the patterns.
        if response.status_code == 404 and getattr(request, "resolver_match", None) is None:
            return page_not_found(request)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception):
        from django.core.exceptions import PermissionDenied
        from django.http import Http404

        if isinstance(exception, Http404):
            return page_not_found(request)
        if isinstance(exception, PermissionDenied):
            return None  # Django's 403 page is already plain, debug or not.
        logger.error(
            "Internal Server Error: %s",
            request.path,
            exc_info=exception,
            extra={"request": request},
        )
        from django.views.defaults import server_error

        response = server_error(request)
        response._has_been_logged = True  # logged above with its traceback; not twice
        return response


def page_not_found(request: HttpRequest) -> HttpResponse:
    from django.http import Http404
    from django.views.defaults import page_not_found as django_page_not_found

    return django_page_not_found(request, Http404())


# C0 control characters other than tab, line feed and carriage return, and DEL: no person types
# them; NUL in particular cannot be stored in PostgreSQL text and gave anonymous 500s.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def first_control_character(request: HttpRequest) -> str | None:
    """The name of the first part of the request holding a control character: ``path``, or a
    query or form field's name; None when there is none."""
    if _CONTROL.search(request.path):
        return "path"
    for name, value in request.GET.lists():
        if _CONTROL.search(name) or any(_CONTROL.search(v) for v in value):
            return name if not _CONTROL.search(name) else "query"
    content_type = request.content_type or ""
    if request.method == "POST" and content_type in (
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ):
        for name, value in request.POST.lists():
            if _CONTROL.search(name) or any(_CONTROL.search(v) for v in value):
                return name if not _CONTROL.search(name) else "form"
    return None


class ControlCharacterMiddleware:
    """Refuses a request whose address, query or form carries a control character: 400 naming
    the field, in the API's error format under /api/, changing nothing. JSON bodies are left to
    the API's serializers, whose text fields refuse NUL themselves."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        field = first_control_character(request)
        if field is None:
            return self.get_response(request)
        from django.http import JsonResponse
        from django.shortcuts import render
        from django.utils.translation import gettext as _

        message = _("“%(field)s” contains a control character (such as NUL); remove it.") % {
            "field": field
        }
        if request.path.startswith("/api/"):
            return JsonResponse(
                {
                    "status": 400,
                    "code": "control_character",
                    "message": message,
                    "errors": [{"field": field, "code": "control_character", "message": message}],
                    "request_id": getattr(request, "request_id", ""),
                },
                status=400,
                json_dumps_params={"ensure_ascii": False},
            )
        return render(request, "core/bad_request.html", {"message": message}, status=400)


class DatabaseUnavailableMiddleware:
    """The database cannot be reached (a restart, a failover, too many connections): 503 with
    ``Retry-After``, in the API's format under /api/, instead of a 500 that reads as a bug.
    Only connection-level errors: a query's own error (``DatabaseError``) stays a 500."""

    RETRY_AFTER_SECONDS = 30

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        from django.db import InterfaceError, OperationalError
        from django.shortcuts import render
        from django.utils.translation import gettext as _

        from core.api.errors import error_response

        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error(
            "Database unavailable: %s %s", request.method, request.path, exc_info=exception
        )
        message = _("The service is briefly unavailable. Please try again in a minute.")
        if request.path.startswith("/api/"):
            response = error_response(request, 503, "service_unavailable", message)
        else:
            response = render(request, "core/unavailable.html", {"message": message}, status=503)
        response["Retry-After"] = str(self.RETRY_AFTER_SECONDS)
        response._has_been_logged = True
        return response
