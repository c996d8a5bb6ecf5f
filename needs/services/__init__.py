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
from .crosscheck import (
    crosscheck_import,
    crosscheck_import_delete_files,
    crosscheck_import_fail,
    crosscheck_import_prepare,
    crosscheck_import_queue,
    crosscheck_import_run,
    crosscheck_imports_recover,
)
from .deadlines import deadlines_sweep
from .discovery import (
    hotline_call_back,
    hotline_call_close,
    hotline_call_record,
    hotline_call_to_case,
    hotline_caller_details,
    proxy_application_file,
    visit_read_record,
    visit_record,
    visit_schedule_set,
    visit_to_case,
)
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
from .risk_warnings import (
    supervision_task_done,
    warning_end_assistance,
    warning_refer,
    warning_start_procedure,
    warning_supervise,
)
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
    "crosscheck_import",
    "crosscheck_import_delete_files",
    "crosscheck_import_fail",
    "crosscheck_import_prepare",
    "crosscheck_import_queue",
    "crosscheck_import_run",
    "crosscheck_imports_recover",
    "deadlines_sweep",
    "handover_withdraw",
    "hotline_call_back",
    "hotline_call_close",
    "hotline_call_record",
    "hotline_call_to_case",
    "hotline_caller_details",
    "household_contact_add",
    "household_contact_remove",
    "household_identifier_add",
    "household_identifier_remove",
    "need_preview",
    "need_publish",
    "need_unpublish",
    "need_update_draft",
    "proxy_application_file",
    "referral_accept",
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
    "supervision_task_done",
    "visit_read_record",
    "visit_record",
    "visit_schedule_set",
    "visit_to_case",
    "warning_end_assistance",
    "warning_refer",
    "warning_start_procedure",
    "warning_supervise",
]
