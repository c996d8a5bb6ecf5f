from tests.donors.conftest import money  # noqa: F401  (the fixtures are used by name)
from tests.needs.conftest import world  # noqa: F401
