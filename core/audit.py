"""The one way to write the audit log (DESIGN.md section 7 rules 1 and 3)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import connections, models, router

from core import request_context
from core.models import AuditEvent, PersonalDataRead


class AuditOutsideTransactionError(RuntimeError):
    """An audit event must commit or roll back together with the change it records."""


def _require_transaction(model: type[models.Model]) -> None:
    connection = connections[router.db_for_write(model)]
    if not connection.in_atomic_block:
        raise AuditOutsideTransactionError(
            "Write audit records inside the transaction of the change they record "
            "(wrap the service in transaction.atomic)."
        )


def _jsonable(value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return str(value)


def audit_record(
    *,
    actor,
    action: str,
    obj: models.Model | None = None,
    changes: dict[str, tuple[Any, Any] | Any] | None = None,
) -> AuditEvent:
    """Append one audit event inside the caller's transaction.

    ``changes`` maps a field name to ``(before, after)``. Callers must not put personal data
    (names, ID numbers, phones, addresses) in it: name the field, not its value.
    """
    _require_transaction(AuditEvent)
    context = request_context.current()
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        object_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:200] if obj is not None else "",
        changes={k: _jsonable(v) for k, v in (changes or {}).items()},
        request_id=context.request_id,
        ip_address=context.ip_address,
    )


def personal_data_read_record(
    *, actor, obj: models.Model, fields: Iterable[str], purpose: str = ""
) -> PersonalDataRead:
    """Record that ``actor`` read the named protected fields of ``obj``.

    A read changes nothing, so unlike ``audit_record`` it needs no surrounding transaction;
    call it before the data is returned so that no read goes unrecorded.
    """
    context = request_context.current()
    return PersonalDataRead.objects.create(
        actor=actor,
        object_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        fields=sorted(fields),
        purpose=purpose[:200],
        request_id=context.request_id,
        ip_address=context.ip_address,
    )
