"""The project form picks its regions (core.widgets.RegionsField): what the picker posts (one
value per region) saves the same codes the typed text did; the edit form shows them chosen;
a region that does not exist is named on the form and nothing is written."""

from __future__ import annotations

import pytest

from core.models import AuditEvent
from projects.models import Project
from tests.projects.test_admin import FORM

pytestmark = pytest.mark.django_db


def test_the_regions_picked_are_saved_as_their_codes(client, world):
    client.force_login(world.charity_staff)
    page = client.get("/admin/projects/new/").content.decode()
    assert "data-region-picker" in page and 'name="regions"' in page and "multiple" in page

    response = client.post("/admin/projects/new/", {**FORM, "regions": ["220100", "360000"]})

    assert response.status_code == 302
    project = Project.objects.get(title=FORM["title"])
    assert sorted(project.regions.values_list("code", flat=True)) == ["220100", "360000"]
    edit = client.get(f"/admin/projects/{project.pk}/edit/").content.decode()
    assert 'value="220100" selected' in edit and 'value="360000" selected' in edit


def test_a_picked_region_that_does_not_exist_is_named_and_nothing_is_written(client, world):
    client.force_login(world.charity_staff)
    response = client.post("/admin/projects/new/", {**FORM, "regions": ["220100", "999999"]})
    assert response.status_code == 200
    html = response.content.decode()
    assert "999999" in html
    assert not Project.objects.filter(title=FORM["title"]).exists()
    assert not AuditEvent.objects.filter(action="project.create").exists()
