"""Every change of state of a case, one function per step (DESIGN.md 7.3).

Each checks its rule, writes, records its audit event and its deadlines in one transaction.
The API, the admin screens, commands and tasks call these and nothing else.
"""

from .cases import (
    case_accept,
    case_assess,
    case_close,
    case_conference_record,
    case_report,
)
from .consent import consent_record, consent_withdraw
from .deadlines import deadlines_sweep
from .handovers import (
    case_handover,
    case_handover_accept,
    case_handover_decline,
    handover_withdraw,
)
from .households import (
    HouseholdInput,
    MemberInput,
    household_contact_add,
    household_contact_remove,
    household_identifier_add,
    household_identifier_remove,
)
from .public import need_preview, need_publish, need_unpublish, need_update_draft
from .referral_applications import referral_application_start
from .referrals import (
    referral_accept,
    referral_cancel,
    referral_complete,
    referral_contact_details,
    referral_create,
    referral_expire,
    referral_reject,
    referral_start,
)
from .relief import relief_decide, relief_grant, relief_paperwork_complete, relief_payment_record
from .service_records import service_record_add

__all__ = [
    "HouseholdInput",
    "MemberInput",
    "case_accept",
    "case_assess",
    "case_close",
    "case_conference_record",
    "case_handover",
    "case_handover_accept",
    "case_handover_decline",
    "case_report",
    "consent_record",
    "consent_withdraw",
    "deadlines_sweep",
    "handover_withdraw",
    "household_contact_add",
    "household_contact_remove",
    "household_identifier_add",
    "household_identifier_remove",
    "need_preview",
    "need_publish",
    "need_unpublish",
    "need_update_draft",
    "referral_accept",
    "referral_application_start",
    "referral_cancel",
    "referral_complete",
    "referral_contact_details",
    "referral_create",
    "referral_expire",
    "referral_reject",
    "referral_start",
    "relief_decide",
    "relief_grant",
    "relief_paperwork_complete",
    "relief_payment_record",
    "service_record_add",
]
