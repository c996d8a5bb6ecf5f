"""A project's fundraising plan filing (募捐方案备案编号 and period) through the back office and
the API: charity staff record it, a number without its period or a period ending before it
starts is refused by field and writes nothing, and everyone reads it with the charity's record."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from core.models import AuditEvent
from projects.models import Project

pytestmark = pytest.mark.django_db

FILING = {
    "filing_number": "53220000MJ0000118-2026-0042",
    "filing_starts_on": "2026-01-01",
    "filing_ends_on": "2027-12-31",
}


def _api(user=None) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_authenticate(user)
    return client


def _errors(response) -> list[tuple[str | None, str]]:
    return [(e["field"], e["code"]) for e in response.json()["errors"]]


def test_charity_staff_record_the_filing_through_the_api_and_it_is_audited(world):
    project = world.open_project
    Project.objects.filter(pk=project.pk).update(
        filing_number="", filing_starts_on=None, filing_ends_on=None
    )
    response = _api(world.charity_staff).patch(
        f"/api/v1/projects/{project.pk}/", FILING, format="json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["filing_number"] == FILING["filing_number"]
    project.refresh_from_db()
    assert str(project.filing_ends_on) == "2027-12-31"
    event = AuditEvent.objects.get(action="project.update", object_id=str(project.pk))
    assert event.changes["filing_number"] == ["", FILING["filing_number"]]


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        ({"filing_starts_on": None}, "filing_starts_on", "required"),
        ({"filing_ends_on": "2025-12-31"}, "filing_ends_on", "period_order"),
        ({"filing_number": ""}, "filing_number", "required"),
    ],
)
def test_a_broken_filing_is_refused_by_field_and_writes_nothing(world, change, field, code):
    project = world.open_project
    before = (project.filing_number, project.filing_starts_on, project.filing_ends_on)
    response = _api(world.charity_staff).patch(
        f"/api/v1/projects/{project.pk}/", {**FILING, **change}, format="json"
    )
    assert response.status_code == 400
    assert (field, code) in _errors(response)
    project.refresh_from_db()
    assert (project.filing_number, project.filing_starts_on, project.filing_ends_on) == before
    assert not AuditEvent.objects.filter(action="project.update").exists()


def test_another_charity_cannot_change_the_filing(world):
    response = _api(world.other_charity_staff).patch(
        f"/api/v1/projects/{world.open_project.pk}/", FILING, format="json"
    )
    assert response.status_code in (403, 404)
    world.open_project.refresh_from_db()
    assert world.open_project.filing_number != FILING["filing_number"]


def test_everyone_reads_the_filing_and_the_charitys_record(world):
    body = _api().get(f"/api/v1/projects/{world.open_project.pk}/").json()
    assert body["filing_number"] == world.open_project.filing_number
    assert body["filing_starts_on"] == str(world.open_project.filing_starts_on)
    assert body["organisation_credit_code"] == world.charity.credit_code
    assert (
        body["organisation_fundraising_certificate_number"]
        == world.charity.fundraising_certificate_number
    )


def test_the_edit_form_shows_a_bad_period_on_its_field_and_writes_nothing(client, world):
    project = world.open_project
    client.force_login(world.charity_staff)
    form = client.get(f"/admin/projects/{project.pk}/edit/")
    assert form.status_code == 200 and 'name="filing_number"' in form.content.decode()
    data = {
        "title": project.title,
        "description": project.description,
        "categories": project.categories,
        "regions": "220000",
        "per_case_cap": "20000",
        "accepts_partial_funding": "on",
        "filing_number": "53220000MJ0000118-2026-0042",
        "filing_starts_on": "2026-06-01",
        "filing_ends_on": "2026-01-01",
    }
    response = client.post(f"/admin/projects/{project.pk}/edit/", data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code in (200, 400)
    assert "cannot end before it starts" in response.content.decode()
    project.refresh_from_db()
    assert project.filing_number != "53220000MJ0000118-2026-0042"
    assert not AuditEvent.objects.filter(action="project.update").exists()
