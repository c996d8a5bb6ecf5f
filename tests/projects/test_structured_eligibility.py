"""A project's structured limits (issue 22): age range, sex, conditions, disability grade and
household registration, read by the matching rules. Bad input names the field, in the user's
language, and writes nothing, through the service, the API and the back-office form."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from core.models import AuditEvent
from projects import services
from projects.models import Project
from tests.projects.test_admin import FORM
from tests.projects.test_api import NEW_PROJECT, client_for, errors

pytestmark = pytest.mark.django_db

LIMITS = {
    "age_min": 0,
    "age_max": 18,
    "sex": "",
    "conditions": ["leukaemia", "childhood_cancer"],
    "disability_grade_max": None,
    "requires_local_hukou": True,
}


def test_charity_staff_post_a_project_with_structured_limits(world):
    response = client_for(world.charity_staff).post(
        "/api/v1/projects/", {**NEW_PROJECT, **LIMITS}, format="json"
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["age_min"], body["age_max"]) == (0, 18)
    assert body["conditions"] == ["leukaemia", "childhood_cancer"]
    assert body["requires_local_hukou"] is True
    project = Project.objects.get(pk=body["id"])
    assert project.conditions == ["leukaemia", "childhood_cancer"]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"age_min": 18, "age_max": 6}, [("age_max", "age_reversed")]),
        ({"conditions": ["cancer_of_everything"]}, [("conditions.0", "invalid_choice")]),
        ({"per_case_cap_fen": 0}, [("per_case_cap_fen", "min_value")]),
        ({"sex": "other"}, [("sex", "invalid_choice")]),
        ({"disability_grade_max": 5}, [("disability_grade_max", "max_value")]),
        ({"age_min": -1}, [("age_min", "min_value")]),
    ],
)
def test_bad_limits_through_the_api_name_the_field_and_write_nothing(world, change, expected):
    response = client_for(world.charity_staff).post(
        "/api/v1/projects/", {**NEW_PROJECT, **change}, format="json"
    )
    assert response.status_code == 400
    assert errors(response) == expected
    assert not Project.objects.filter(description=NEW_PROJECT["description"]).exists()
    assert not AuditEvent.objects.filter(action="project.create").exists()


def test_the_error_is_localized(world):
    api = client_for(world.charity_staff)
    body = {**NEW_PROJECT, "age_min": 18, "age_max": 6}
    with translation.override("en"):
        response = api.post("/api/v1/projects/", body, format="json", HTTP_ACCEPT_LANGUAGE="en")
    messages = [e["message"] for e in response.json()["errors"]]
    assert messages == ["The oldest age cannot be below the youngest age."]


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        ({"age_min": 18, "age_max": 6}, "age_max", "age_reversed"),
        ({"conditions": ["cancer_of_everything"]}, "conditions", "invalid_choice"),
        ({"per_case_cap_fen": 0}, "per_case_cap_fen", "min_value"),
        ({"disability_grade_max": 7}, "disability_grade_max", "invalid_choice"),
    ],
)
def test_the_service_refuses_bad_limits_and_writes_nothing(world, change, field, code):
    with pytest.raises(ValidationError) as refused:
        services.project_create(
            by=world.charity_staff,
            organisation=world.charity,
            title="儿童白血病救助",
            **change,
        )
    assert [e.code for e in refused.value.error_dict[field]] == [code]
    assert not Project.objects.filter(title="儿童白血病救助").exists()


def test_an_update_with_reversed_ages_changes_nothing(world):
    project = world.open_project
    with pytest.raises(ValidationError) as refused:
        services.project_update(by=world.charity_staff, project=project, age_min=60, age_max=18)
    assert "age_max" in refused.value.error_dict
    project.refresh_from_db()
    assert (project.age_min, project.age_max) == (None, None)
    assert not AuditEvent.objects.filter(action="project.update").exists()


def test_an_update_records_the_limits_in_the_audit_log(world):
    project = services.project_update(
        by=world.charity_staff, project=world.open_project, conditions=["uraemia"], age_min=18
    )
    assert project.conditions == ["uraemia"]
    event = AuditEvent.objects.get(action="project.update")
    assert "conditions" in str(event.changes) and "age_min" in str(event.changes)


def test_the_form_takes_limits_and_shows_a_reversed_range_on_its_field(client, world):
    client.force_login(world.charity_staff)
    response = client.post("/admin/projects/new/", {**FORM, "age_min": "18", "age_max": "6"})
    assert response.status_code == 200
    form = response.context["form"]
    assert [e.code for e in form.errors.as_data()["age_max"]] == ["age_reversed"]
    assert not Project.objects.filter(title=FORM["title"]).exists()

    response = client.post(
        "/admin/projects/new/",
        {**FORM, "age_min": "0", "age_max": "18", "conditions": ["congenital_heart"]},
    )
    assert response.status_code == 302
    project = Project.objects.get(title=FORM["title"])
    assert (project.age_min, project.age_max, project.conditions) == (0, 18, ["congenital_heart"])


def test_the_form_refuses_an_unknown_condition(client, world):
    client.force_login(world.charity_staff)
    response = client.post("/admin/projects/new/", {**FORM, "conditions": ["nonsense"]})
    assert response.status_code == 200
    assert "conditions" in response.context["form"].errors
    assert not Project.objects.filter(title=FORM["title"]).exists()


def test_staff_see_the_limits_beside_the_note_on_the_project_page(client, world):
    services.project_update(
        by=world.charity_staff,
        project=world.open_project,
        age_max=18,
        conditions=["leukaemia"],
        eligibility_note="需提供诊断证明",
    )
    client.force_login(world.charity_staff)
    with translation.override("en"):
        page = client.get(
            f"/admin/projects/{world.open_project.pk}/", HTTP_ACCEPT_LANGUAGE="en"
        ).content.decode()
    assert "oldest patient age" in page and "需提供诊断证明" in page
    assert "leukaemia" in page


@pytest.mark.parametrize(
    ("text", "limits"),
    [
        ("资助0至18岁确诊白血病的儿童", {"age_min": 0, "age_max": 18, "conditions": ["leukaemia"]}),
        ("14周岁以下先心病患儿", {"age_max": 14, "conditions": ["congenital_heart"]}),
        ("60岁以上老人", {"age_min": 60}),
        ("乳腺癌和宫颈癌患者", {"conditions": ["breast_cancer", "cervical_cancer"]}),
        ("困难家庭医疗救助", {}),
        ("18至6岁", {}),  # reversed: not read, the note stays for staff
    ],
)
def test_the_notes_limits_are_read_into_the_fields(text, limits):
    from projects.conditions import limits_from_text

    assert limits_from_text(text) == limits
