"""Every change of state of the discovery registers, one function per step (DESIGN.md 7.3):
the hotline, visits and proxy applications (registers.py), the data cross-check and its risk
warnings, reports from the public, petitions and surveys."""

from .crosscheck import (  # noqa: F401
    crosscheck_import,
    crosscheck_import_delete_files,
    crosscheck_import_fail,
    crosscheck_import_prepare,
    crosscheck_import_queue,
    crosscheck_import_run,
    crosscheck_imports_recover,
)
from .petitions import (  # noqa: F401
    petition_decide,
    petition_extend,
    petition_register,
    petition_reply,
    petition_to_case,
    petitioner_details,
)
from .public_reports import (  # noqa: F401
    public_report_create,
    public_report_set_status,
    public_report_to_case,
)
from .registers import (  # noqa: F401
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
from .risk_warnings import (  # noqa: F401
    warning_end_assistance,
    warning_refer,
    warning_start_procedure,
    warning_supervise,
)
from .surveys import (  # noqa: F401
    survey_assign,
    survey_close,
    survey_create,
    survey_finding_to_case,
    survey_visit_record,
)
from .visit_help import visit_help_dealt_with  # noqa: F401
