"""A filter's error reaches the client as the 400 it is, whatever the value held: django-filter
formatted each message a second time, so a value with "%" in it (Schemathesis:
``GET /api/v1/grids/?within=Y%Í``) raised TypeError, a server error."""

from __future__ import annotations

import pytest

from core.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("value", ["Y%Í", "%s", "100%", "%(code)s"])
def test_a_refused_value_holding_a_percent_sign_answers_400_naming_the_field(api_client, value):
    api_client.force_authenticate(UserFactory())
    response = api_client.get("/api/v1/regions/", {"within": value})
    assert response.status_code == 400, response.content
    [error] = response.json()["errors"]
    assert error["field"] == "within"
    assert value in error["message"]


def test_a_message_with_parameters_is_still_formatted_once(api_client):
    api_client.force_authenticate(UserFactory())
    response = api_client.get("/api/v1/supermarkets/", {"organisation": "99999999999999999999"})
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error == {
        "field": "organisation",
        "code": "max_value",
        "message": error["message"],
    }
    assert "9223372036854775807" in error["message"] and "%(" not in error["message"]
