"""What a locked-out login sees (django-axes calls this): a 429 in the user's language,
in the API's error format for API calls."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from core import ratelimit
from core.middleware import client_ip

# The sign-in addresses: the admin's form and the API's token exchange.
LOGIN_PATHS = ("/admin/login/", "/api/v1/auth/token/")


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


# Password spraying: a few passwords tried against many usernames never trips the per-user
# lockout (axes counts per username and address). This counts every failed sign-in from one
# client address, whatever the username, and shuts that address out for the rest of the
# period past LOGIN_FAILURES_PER_ADDRESS. The limit is well above what an office whose staff
# share one public address mistypes in a quarter of an hour.


@receiver(user_login_failed)
def _count_failed_login(sender, credentials=None, request=None, **kwargs):
    if request is not None:
        ratelimit.take(
            "login-failures",
            client_ip(request) or "unknown",
            limit=settings.LOGIN_FAILURES_PER_ADDRESS,
            window=settings.LOGIN_FAILURES_WINDOW,
        )


class LoginSprayGuardMiddleware:
    """Refuses sign-in attempts from an address that failed too often in this period."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "POST" and request.path in LOGIN_PATHS:
            failures = ratelimit.used(
                "login-failures",
                client_ip(request) or "unknown",
                window=settings.LOGIN_FAILURES_WINDOW,
            )
            if failures >= settings.LOGIN_FAILURES_PER_ADDRESS:
                return lockout_response(request)
        return self.get_response(request)
