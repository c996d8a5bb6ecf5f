"""Finding people (主动发现): the hotline register, visits and their schedules, proxy
applications, reports from the public, the data cross-check and its risk warnings, and the
registers below the county (grids, zero reports, petitions, surveys).

The registers that moved here from ``needs`` and ``cms`` keep their tables (issue 19)."""

from .crosscheck import CrossCheckImport, RiskWarning  # noqa: F401
from .grids import CadrePairing, Grid, GridHousehold, PairingVisit  # noqa: F401
from .petitions import Petition  # noqa: F401
from .public_reports import PublicReport  # noqa: F401
from .registers import HotlineCall, ProxyApplication, Visit, VisitSchedule  # noqa: F401
from .surveys import Survey, SurveyAssignment  # noqa: F401
from .zero_reports import ZeroReport  # noqa: F401
