"""The discovery registers' tests use the same small world as needs' (two district offices of
Changchun, the city office, an office in another province, a charity, an auditor)."""

from tests.needs.conftest import World, world  # noqa: F401
