"""The case page records and shows the patient's facts matching reads (issue 22): the
condition category, age and sex (or read from an ID number, never stored), disability and
household registration, with the assessment; a bad fact comes back on the form, nothing
written."""

from __future__ import annotations

import pytest

from needs.models import Case

pytestmark = pytest.mark.django_db


def test_the_assessment_form_records_the_patients_facts_and_the_page_shows_them(client, world):
    case = world.accepted()
    client.force_login(world.caseworker)
    response = client.post(
        f"/admin/cases/{case.pk}/assess/",
        {
            "assessed_need": "30000",
            "assessed_gap": "26000",
            "condition": "uraemia",
            "patient_id_number": "",
            "patient_age": "41",
            "patient_sex": "male",
            "disability_kind": "",
            "disability_grade": "",
            "hukou_elsewhere": "unknown",
        },
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.condition, case.patient_age, case.patient_sex) == ("uraemia", 41, "male")
    assert case.assessed_gap_fen == 2_600_000
    page = client.get(f"/admin/cases/{case.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "uraemia and dialysis" in page
    assert "aged 41" in page


def test_an_id_number_gives_age_and_sex_and_is_not_stored(client, world):
    from needs.factories import id_number

    case = world.accepted()
    number = id_number("22010419800101123")  # born 1980, the 17th digit odd: a man
    client.force_login(world.caseworker)
    response = client.post(
        f"/admin/cases/{case.pk}/assess/",
        {"assessed_need": "30000", "assessed_gap": "26000", "patient_id_number": number},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.patient_sex == "male"
    assert case.patient_age is not None and case.patient_age >= 40
    assert not Case.objects.filter(narrative__contains=number).exists()


def test_a_bad_fact_comes_back_on_the_form_and_nothing_is_written(client, world):
    case = world.accepted()
    client.force_login(world.caseworker)
    response = client.post(
        f"/admin/cases/{case.pk}/assess/",
        {"assessed_need": "30000", "assessed_gap": "26000", "patient_id_number": "123"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert "valid 18-digit ID number" in response.content.decode()
    case.refresh_from_db()
    assert case.assessed_need_fen is None
    assert case.patient_age is None
