from .audit import AuditEvent, PersonalDataRead
from .calendar import Holiday, OfficeTimeLimit
from .organisations import Membership, Organisation
from .regions import Region
from .users import User

__all__ = [
    "AuditEvent",
    "Holiday",
    "Membership",
    "OfficeTimeLimit",
    "Organisation",
    "PersonalDataRead",
    "Region",
    "User",
]
