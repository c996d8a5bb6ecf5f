"""Every answer under /api/ is in the API's error format, also where no DRF view runs."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/allocations/0.5/",
        "/api/v1/no-such-thing/",
        "/api/v1/cases/1.5/accept/",
        # Found by Schemathesis: a percent-encoded line break in a lookup gave the HTML 404.
        '/api/v1/regions/o"%0A8Q/',
    ],
)
def test_a_path_no_route_matches_answers_a_json_404(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["status"] == 404 and body["code"] == "not_found"
    assert body["errors"] == [{"field": None, "code": "not_found", "message": body["message"]}]


def test_a_post_to_an_unmatched_api_path_is_a_json_404_too():
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/api/v1/referrals/2.5/accept/", {})
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_the_public_site_keeps_its_own_404_page(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_every_operation_documents_the_api_errors():
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    assert "Error" in schema["components"]["schemas"]
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            codes = set(operation["responses"])
            assert {"400", "401", "403", "404", "409", "429", "503"} <= codes, (method, path)
