"""A project's title, description and conditions are public once it opens: a text that names a
person, a phone number or an address is refused by field, through the service, the back-office
form and the API alike, and nothing is written. The charity's own recorded details (its name,
the bank account it receives gifts on) may appear, and so may an illness the project covers."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from rest_framework.test import APIClient

from core.models import AuditEvent, Region
from projects import services
from projects.models import Project
from projects.public_texts import organisation_text_findings

pytestmark = pytest.mark.django_db

# A beneficiary's story in a charity's words: a name, a phone, an address and a diagnosis.
STORY = "受助人王小明住幸福路12号3单元，患有白血病，家属电话13812345678，急需帮助。"
CLEAN = "为吉林省内突发重病的困难家庭提供医疗费用救助，每户最高五千元。"
ACCOUNT = "6222021234567890128"


def new_project(world, **overrides) -> Project:
    kwargs = {
        "by": world.charity_staff,
        "organisation": world.charity,
        "title": "大病医疗救助二期",
        "description": CLEAN,
        "categories": ["illness"],
        "regions": list(Region.objects.filter(code="220100")),
        "eligibility_note": "请附低保证明或特困供养证明。",
    }
    kwargs.update(overrides)
    return services.project_create(**kwargs)


def refused_fields(error: ValidationError) -> dict[str, list[str]]:
    return {field: [e.code for e in errors] for field, errors in error.error_dict.items()}


# ---- the service ----


@pytest.mark.parametrize("field", ["title", "description", "eligibility_note"])
def test_a_project_text_naming_a_beneficiary_is_refused_by_field(world, field):
    text = STORY if field != "title" else "王小明一家求助13812345678"
    with pytest.raises(ValidationError) as refused:
        new_project(world, **{field: text})

    assert set(refused_fields(refused.value)) == {field}
    assert "identifier_found" in refused_fields(refused.value)[field]
    message = " ".join(refused.value.message_dict[field])
    assert "13812345678" in message  # the finding is named, with its place
    assert not Project.objects.filter(title__startswith="大病医疗救助二期").exists()
    assert not Project.objects.filter(description=STORY).exists()
    assert not AuditEvent.objects.filter(action="project.create").exists()


def test_a_clean_project_text_is_saved(world):
    project = new_project(world)
    assert project.description == CLEAN


def test_an_update_naming_a_beneficiary_is_refused_and_changes_nothing(world):
    project = new_project(world)
    with pytest.raises(ValidationError) as refused:
        services.project_update(
            by=world.charity_staff, project=project, description=STORY, per_case_cap_fen=1_000
        )
    assert set(refused_fields(refused.value)) == {"description"}
    project.refresh_from_db()
    assert project.description == CLEAN
    assert project.per_case_cap_fen is None
    assert not AuditEvent.objects.filter(action="project.update").exists()


def test_opening_checks_the_texts_again(world):
    """A draft written before a better detector (here straight into the table) does not go
    public with a phone number in it."""
    project = new_project(world)
    Project.objects.filter(pk=project.pk).update(eligibility_note="请联系家属 13812345678")

    with pytest.raises(ValidationError) as refused:
        services.project_set_status(by=world.charity_staff, project=project, status="open")

    assert set(refused_fields(refused.value)) == {"eligibility_note"}
    assert Project.objects.get(pk=project.pk).status == Project.Status.DRAFT


def test_the_charitys_own_bank_account_and_name_may_appear(world):
    world.charity.bank_account_number = ACCOUNT
    world.charity.bank_account_name = world.charity.name
    world.charity.save()
    grouped = "6222 0212 3456 7890 128"

    project = new_project(
        world, description=f"善款请汇入{world.charity.name}账户 {grouped}，专款专用。"
    )

    assert grouped in project.description


def test_another_bank_account_is_refused(world):
    world.charity.bank_account_number = "6222021234567890011"
    world.charity.save()
    with pytest.raises(ValidationError) as refused:
        new_project(world, description=f"请汇入受助人账户 {ACCOUNT}。")
    assert set(refused_fields(refused.value)) == {"description"}


def test_an_illness_the_project_covers_and_a_deadline_are_no_ones_identifier(world):
    text = "为白血病、尿毒症患儿家庭提供医疗救助，2026年3月15日前申请。"
    assert organisation_text_findings(text, world.charity) == []
    assert new_project(world, description=text).description == text


# ---- the back-office form ----


def test_the_form_shows_the_refusal_on_the_field_and_writes_nothing(client, world):
    client.force_login(world.charity_staff)
    response = client.post(
        "/admin/projects/new/",
        {
            "title": "大病医疗救助二期",
            "description": STORY,
            "categories": ["illness"],
            "regions": "220100",
            "eligibility_note": "",
            "per_case_cap": "",
            "budget_target": "",
        },
    )

    assert response.status_code == 200
    errors = response.context["form"].errors.as_data()
    assert {e.code for e in errors["description"]} == {"identifier_found"}
    assert "13812345678" in response.content.decode()  # the error says what to remove
    assert not Project.objects.filter(title="大病医疗救助二期").exists()


def test_opening_from_the_back_office_names_the_field(client, world):
    project = new_project(world)
    Project.objects.filter(pk=project.pk).update(description=STORY)
    client.force_login(world.charity_staff)

    response = client.post(f"/admin/projects/{project.pk}/status/", {"status": "open"}, follow=True)

    shown = " ".join(str(m) for m in response.context["messages"])
    assert "13812345678" in shown
    assert str(Project._meta.get_field("description").verbose_name) in shown
    assert Project.objects.get(pk=project.pk).status == Project.Status.DRAFT


# ---- the API ----


def test_the_api_refuses_the_text_naming_the_field(world):
    api = APIClient()
    api.force_authenticate(world.charity_staff)
    response = api.post(
        "/api/v1/projects/",
        {"title": "大病医疗救助二期", "description": STORY, "categories": ["illness"]},
        format="json",
    )

    assert response.status_code == 400
    errors = [(e["field"], e["code"]) for e in response.json()["errors"]]
    assert ("description", "identifier_found") in errors
    assert not Project.objects.filter(title="大病医疗救助二期").exists()

    patch = api.patch(
        f"/api/v1/projects/{world.open_project.pk}/",
        {"eligibility_note": "联系王小明 13812345678"},
        format="json",
    )
    assert patch.status_code == 400
    assert patch.json()["errors"][0]["field"] == "eligibility_note"
    world.open_project.refresh_from_db()
    assert world.open_project.eligibility_note == ""
