"""Every change of state of the discovery registers below the county, one function per step
(DESIGN.md 7.3)."""

from .petitions import (  # noqa: F401
    petition_decide,
    petition_extend,
    petition_register,
    petition_reply,
    petition_to_case,
    petitioner_details,
)
from .surveys import (  # noqa: F401
    survey_assign,
    survey_close,
    survey_create,
    survey_finding_to_case,
    survey_visit_record,
)
