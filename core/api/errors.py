"""One error format for the whole API: every error names the field and the rule.

    {
      "status": 400,
      "code": "invalid",
      "message": "输入有误，请检查标出的字段。",
      "errors": [
        {"field": "region", "code": "unknown_region", "message": "未知的行政区划代码“999999”。"}
      ],
      "request_id": "3f2c…"
    }

``field`` is a dotted path ("members.0.name") or null for an error about the whole request;
``code`` is the rule that failed (required, min_value, unknown_region, …). Messages follow the
request's language (Accept-Language or the language cookie), Chinese by default.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import set_rollback


def _flatten(detail: Any, path: str | None, out: list[dict[str, Any]]) -> None:
    if isinstance(detail, dict):
        for key, value in detail.items():
            key = str(key)
            field = None if key in (api_settings.NON_FIELD_ERRORS_KEY, "__all__") else key
            _flatten(value, f"{path}.{field}" if path and field else (field or path), out)
    elif isinstance(detail, list):
        for index, item in enumerate(detail):
            if isinstance(item, dict | list):
                _flatten(item, f"{path}.{index}" if path else str(index), out)
            else:
                _flatten(item, path, out)
    else:
        out.append(
            {
                "field": path,
                "code": getattr(detail, "code", None) or "invalid",
                "message": str(detail),
            }
        )


def django_validation_error_to_drf(exc: DjangoValidationError) -> exceptions.ValidationError:
    """Services raise Django's ValidationError; keep its fields and codes for the API."""
    if hasattr(exc, "error_dict"):
        detail = {
            field: [exceptions.ErrorDetail(str(m), e.code or "invalid") for e in errors for m in e]
            for field, errors in exc.error_dict.items()
        }
    else:
        detail = [
            exceptions.ErrorDetail(str(m), e.code or "invalid") for e in exc.error_list for m in e
        ]
    return exceptions.ValidationError(detail)


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, DjangoValidationError):
        exc = django_validation_error_to_drf(exc)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) if exc.args else None)
    if not isinstance(exc, exceptions.APIException):
        return None  # a real bug: let Django report it as a 500

    headers: dict[str, str] = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header
    if getattr(exc, "wait", None):
        headers["Retry-After"] = str(int(exc.wait))

    errors: list[dict[str, Any]] = []
    if isinstance(exc, exceptions.ValidationError):
        _flatten(exc.detail, None, errors)
        message = _("The request has errors: see the fields named below.")
        code = "invalid"
    else:
        detail = exc.detail
        message = str(detail)
        code = getattr(detail, "code", None) or exc.default_code
        errors.append({"field": None, "code": code, "message": message})

    request = context.get("request")
    set_rollback()
    return Response(
        {
            "status": exc.status_code,
            "code": code,
            "message": message,
            "errors": errors,
            "request_id": getattr(request, "request_id", ""),
        },
        status=exc.status_code or status.HTTP_400_BAD_REQUEST,
        headers=headers,
    )


def error_response(request, status_code: int, code: str, message: str) -> JsonResponse:
    """The API's error body for an answer given outside a DRF view (no URL matched, the
    database unreachable): the same fields as every other error."""
    return JsonResponse(
        {
            "status": status_code,
            "code": code,
            "message": message,
            "errors": [{"field": None, "code": code, "message": message}],
            "request_id": getattr(request, "request_id", ""),
        },
        status=status_code,
        json_dumps_params={"ensure_ascii": False},
    )


@csrf_exempt  # nothing is changed here; a POST without a token is told 404 like a GET
def not_found(request, *args, **kwargs) -> JsonResponse:
    """Any /api/ path no route matches (an id that is not a number, say): a 404 in the API's
    format, not the public site's HTML page."""
    return error_response(request, 404, "not_found", str(exceptions.NotFound.default_detail))
