"""Forms of the cases back office (Wagtail admin).

Forms only read and convert input (amounts in yuan become fen); every rule is checked by the
service the view calls, and a rule broken there comes back onto the form by its field name.

actions.py holds the list filters and the forms of the case and referral actions,
case_report.py the form that reports a case.
"""

from __future__ import annotations

from needs.admin_forms.actions import (
    YES_NO,
    AssessForm,
    CancelForm,
    CloseForm,
    CompleteForm,
    ConferenceForm,
    ConsentForm,
    ConsentWithdrawForm,
    ContactForm,
    ContactRemoveForm,
    DecideForm,
    EmptyForm,
    HandoverForm,
    IdentifierForm,
    IdentifierRemoveForm,
    NeedEditForm,
    PaperworkForm,
    ProjectChoiceField,
    ReferForm,
    RejectForm,
    ReliefForm,
    ServiceForm,
    YuanField,
    active_offices,
)
from needs.admin_forms.case_report import (
    EXTRA_MEMBER_ROWS,
    MEMBER_RELATIONS,
    CaseReportForm,
    CountyChoiceField,
    counties_within,
    government_offices,
)

__all__ = [
    "EXTRA_MEMBER_ROWS",
    "MEMBER_RELATIONS",
    "YES_NO",
    "AssessForm",
    "CancelForm",
    "CaseReportForm",
    "CloseForm",
    "CompleteForm",
    "ConferenceForm",
    "ConsentForm",
    "ConsentWithdrawForm",
    "ContactForm",
    "ContactRemoveForm",
    "CountyChoiceField",
    "DecideForm",
    "EmptyForm",
    "HandoverForm",
    "IdentifierForm",
    "IdentifierRemoveForm",
    "NeedEditForm",
    "PaperworkForm",
    "ProjectChoiceField",
    "ReferForm",
    "RejectForm",
    "ReliefForm",
    "ServiceForm",
    "YuanField",
    "active_offices",
    "counties_within",
    "government_offices",
]
