"""Finding people: the registers below the county (grids, zero reports, petitions, surveys).

The older discovery registers (hotline, visits, proxy applications, cross-check) still live in
``needs.models`` until they move here (issue 19, item 1)."""

from .grids import CadrePairing, Grid, GridHousehold, PairingVisit  # noqa: F401
from .petitions import Petition  # noqa: F401
from .surveys import Survey, SurveyAssignment  # noqa: F401
from .zero_reports import ZeroReport  # noqa: F401
