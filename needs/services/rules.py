"""Small helpers every case service uses to refuse clearly."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils.translation import gettext as _

from needs.models import Case
from needs.selectors import pending_handover, user_can_handle_case, user_is_supervisor_for


def refuse(field: str | None, message: str, code: str):
    """Raise a ValidationError naming ``field`` (None: the request as a whole) and the rule."""
    raise ValidationError(
        {field: ValidationError(message, code=code)}
        if field
        else ValidationError(message, code=code)
    )


def lock(instance: models.Model) -> models.Model:
    """Re-read ``instance`` under a row lock: two requests acting on it run one after the other."""
    return type(instance).objects.select_for_update().get(pk=instance.pk)


def require_case_handler(user, case: Case) -> None:
    """The user may act on the case: it is theirs to handle, and no hand-over of it waits for
    the receiving office (until that office answers, the case is read-only for everyone)."""
    if not user_can_handle_case(user, case):
        raise PermissionDenied(_("This case is not in your jurisdiction."))
    require_no_pending_handover(case)


def require_no_pending_handover(case: Case) -> None:
    pending = pending_handover(case)
    if pending is not None:
        refuse(
            None,
            _(
                "The case waits for %(office)s to accept the hand-over: nothing can be changed "
                "until that office answers."
            )
            % {"office": pending.to_office.name},
            "handover_pending",
        )


def require_supervisor(user, case: Case) -> None:
    if not user_is_supervisor_for(user, case):
        raise PermissionDenied(_("Only a supervisor for this case's region may do this."))


def require_open(case: Case) -> None:
    if case.status == Case.Status.CLOSED:
        refuse(None, _("The case is closed."), "case_closed")


def require_positive_fen(field: str, value) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        refuse(field, _("An amount is an integer number of fen."), "invalid")
    if value <= 0:
        refuse(field, _("The amount must be greater than zero."), "min_value")
    return value
