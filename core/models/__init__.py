from .audit import AuditEvent, PersonalDataRead
from .calendar import Holiday, OfficeTimeLimit
from .idempotency import IdempotencyKey
from .notifications import Notification
from .organisations import Membership, Organisation
from .regions import Region
from .users import User

__all__ = [
    "AuditEvent",
    "Holiday",
    "IdempotencyKey",
    "Membership",
    "Notification",
    "OfficeTimeLimit",
    "Organisation",
    "PersonalDataRead",
    "Region",
    "User",
]
