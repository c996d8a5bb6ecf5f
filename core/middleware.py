from __future__ import annotations

import re

from django.http import HttpRequest, HttpResponse

from core import request_context

# Accept a caller's request id (from a proxy) only if it looks like one.
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestContextMiddleware:
    """Gives every request an id (echoed in ``X-Request-ID``) and remembers the client IP.

    The audit helpers read both from here. The IP is REMOTE_ADDR: behind a proxy, configure
    the proxy to set it (we do not trust X-Forwarded-For from arbitrary clients).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _REQUEST_ID.match(incoming) else request_context.new_request_id()
        request.request_id = request_id
        token = request_context.set_current(
            request_context.RequestContext(
                request_id=request_id, ip_address=request.META.get("REMOTE_ADDR") or None
            )
        )
        try:
            response = self.get_response(request)
        finally:
            request_context.reset(token)
        response["X-Request-ID"] = request_id
        return response
