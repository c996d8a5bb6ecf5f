"""One-time form tokens: the one way a back-office form that changes state is protected
against double submission (a double click, a resent request, the back button).

Every such form carries a fresh token in a hidden field (``token_field``). The view spends it
in the transaction of the change it makes (``spend``): the token is stored as an
IdempotencyKey of the user, the API's Idempotency-Key table, so a second post of the same
token finds it taken, is refused with ``ALREADY_SUBMITTED`` and writes nothing. A refused
change rolls the token back with everything else: the corrected form may be sent again.
"""

from __future__ import annotations

import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from core.models import IdempotencyKey

FIELD = "submission"
ALREADY_SUBMITTED = _("This form was already submitted; nothing was repeated.")
CODE = "already_submitted"


def new_token() -> str:
    return uuid.uuid4().hex


def token_field() -> forms.CharField:
    """The hidden field every state-changing form declares as ``submission``."""
    return forms.CharField(
        widget=forms.HiddenInput, required=False, max_length=40, initial=new_token
    )


class AlreadySubmitted(Exception):
    """The form's token was spent by an earlier post: nothing is done again."""


def spend(*, user, token: str | None, scope: str) -> None:
    """Take ``token`` for ``user`` inside the caller's transaction; raise AlreadySubmitted if
    it was taken before. No token (a client that sends none): nothing to check."""
    if not token or user is None or not getattr(user, "is_authenticated", False):
        return
    try:
        with transaction.atomic():  # a savepoint: the clash leaves the outer transaction usable
            IdempotencyKey.objects.create(
                user=user, key=f"form:{token}"[:64], fingerprint=scope[:64]
            )
    except IntegrityError:
        raise AlreadySubmitted from None


def refuse_on(form: forms.Form) -> None:
    """Put the already-submitted message on ``form`` (its non-field errors)."""
    form.add_error(None, ValidationError(ALREADY_SUBMITTED, code=CODE))


def was_repeated(form: forms.Form) -> bool:
    """Whether ``form`` was refused as a second post of the same token."""
    return any(error.code == CODE for error in form.errors.as_data().get("__all__", []))
