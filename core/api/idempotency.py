"""Idempotency keys for POST actions: a retried request acts once and gets the same answer.

A client sends ``Idempotency-Key: <uuid>``. The first request runs and its answer is stored
with the key in the same transaction; a repeat with the same body replays that answer (header
``Idempotent-Replayed: true``); the same key with a different body is refused. A request that
fails with an error stores nothing, so it can be retried.

Keys belong to a signed-in user. An anonymous caller's key is ignored: with no owner, anyone
who guessed the key could replay someone else's answer.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from core.models import IdempotencyKey

HEADER = "Idempotency-Key"
_VALID_KEY = re.compile(r"^[A-Za-z0-9_.:-]{8,64}$")


class IdempotencyConflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "idempotency_conflict"
    default_detail = _("This idempotency key was already used for a different request.")


class IdempotencyInProgress(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "idempotency_in_progress"
    default_detail = _("The same request is still being processed; try again in a moment.")


class InvalidIdempotencyKey(exceptions.ValidationError):
    default_code = "invalid_idempotency_key"


def _file_digest(upload) -> str:
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return f"sha256:{digest.hexdigest()}"


def _fingerprint(request) -> str:
    data = request.data
    files = request.FILES
    if files:
        # An upload counts by its content, not its name: the same key sent again with
        # another file of the same name is a different request, not a retry.
        data = {
            **{key: data.getlist(key) for key in data if key not in files},
            **{key: [_file_digest(f) for f in files.getlist(key)] for key in files},
        }
    body = json.dumps(data, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(f"{request.method} {request.path}\n{body}".encode()).hexdigest()


def _key_of(request) -> str | None:
    """The request's idempotency key, checked; None when it has none (or no owner)."""
    key = request.headers.get(HEADER)
    if key is None or not request.user.is_authenticated:
        return None
    if not _VALID_KEY.match(key):
        raise InvalidIdempotencyKey(
            {HEADER: [_("Use 8 to 64 letters, digits or - _ . : for the idempotency key.")]},
            code="invalid_idempotency_key",
        )
    return key


def _replay(record: IdempotencyKey) -> Response:
    response = Response(record.response_body, status=record.status_code)
    response["Idempotent-Replayed"] = "true"
    return response


def _store(record: IdempotencyKey, response: Response) -> None:
    record.status_code = response.status_code
    # Store exactly what the client received (dates and amounts as rendered).
    record.response_body = json.loads(JSONRenderer().render(response.data) or b"null")
    record.save(update_fields=["status_code", "response_body"])


def idempotent(action):
    """Decorate a POST view method (viewset action or APIView.post)."""

    @functools.wraps(action)
    def wrapper(view, request, *args, **kwargs):
        key = _key_of(request)
        if key is None:
            return action(view, request, *args, **kwargs)
        fingerprint = _fingerprint(request)
        with transaction.atomic():
            try:
                with transaction.atomic():
                    record = IdempotencyKey.objects.create(
                        user=request.user, key=key, fingerprint=fingerprint
                    )
            except IntegrityError:
                # Seen before (or a concurrent twin just committed it): replay, never redo.
                record = IdempotencyKey.objects.get(user=request.user, key=key)
                if record.fingerprint != fingerprint:
                    raise IdempotencyConflict() from None
                return _replay(record)
            response = action(view, request, *args, **kwargs)
            _store(record, response)
            return response

    return wrapper


def idempotent_calling_out(action):
    """``idempotent`` for an action that calls an outside service (Stripe) and must not hold a
    transaction, with its row locks, while it waits for the answer: the key is reserved and
    committed first, the action runs in transactions of its own, and its answer is stored
    after. An action that fails frees the key again, so the request can be retried; a twin
    arriving while the first is still running is told so (409), never run twice. (The action
    itself must be safe to run again after a failure: the outside call's own idempotency key
    derives from the request's.)"""

    @functools.wraps(action)
    def wrapper(view, request, *args, **kwargs):
        key = _key_of(request)
        if key is None:
            return action(view, request, *args, **kwargs)
        fingerprint = _fingerprint(request)
        try:
            with transaction.atomic():
                record = IdempotencyKey.objects.create(
                    user=request.user, key=key, fingerprint=fingerprint
                )
        except IntegrityError:
            record = IdempotencyKey.objects.get(user=request.user, key=key)
            if record.fingerprint != fingerprint:
                raise IdempotencyConflict() from None
            if record.status_code is None:
                raise IdempotencyInProgress() from None
            return _replay(record)
        try:
            response = action(view, request, *args, **kwargs)
        except BaseException:
            IdempotencyKey.objects.filter(pk=record.pk, status_code__isnull=True).delete()
            raise
        _store(record, response)
        return response

    return wrapper
