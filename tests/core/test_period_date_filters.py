"""A day that bounds a period in a query is refused as invalid input at the calendar's edge,
not a server error: the day after 9999-12-31 (a period's end is the next midnight) and the
UTC of 0001-01-01's local midnight overflow Python's dates."""

from __future__ import annotations

import pytest

from core import services as core_services
from core.factories import OrganisationFactory, UserFactory
from core.models import Membership, Region
from donors.api.reports import StatementQuerySerializer

pytestmark = pytest.mark.django_db


@pytest.fixture
def supervisor():
    office = OrganisationFactory(region=Region.objects.get(code="220104"))
    user = UserFactory()
    core_services.membership_grant(
        by=None, user=user, organisation=office, role=Membership.Role.SUPERVISOR
    )
    return user


@pytest.mark.parametrize(
    ("path", "field", "day"),
    [
        ("/api/v1/read-log/", "read_to", "9999-12-31"),
        ("/api/v1/read-log/", "read_from", "0001-01-01"),
        ("/api/v1/typical-cases/", "marked_to", "9999-12-31"),
        ("/api/v1/typical-cases/", "marked_from", "0001-01-01"),
    ],
)
def test_a_day_beyond_the_period_years_answers_400_naming_the_field(
    api_client, supervisor, path, field, day
):
    api_client.force_authenticate(supervisor)
    response = api_client.get(path, {field: day})
    assert response.status_code == 400, response.content
    assert [error["field"] for error in response.json()["errors"]] == [field]
    assert api_client.get(path, {field: "2026-03-01"}).status_code == 200


def test_a_statement_period_at_the_calendars_end_is_invalid_input():
    query = StatementQuerySerializer(data={"start": "9999-01-01", "end": "9999-12-31"})
    assert not query.is_valid()
    assert set(query.errors) == {"start", "end"}
    assert StatementQuerySerializer(data={"start": "2026-01-01", "end": "2026-12-31"}).is_valid()
