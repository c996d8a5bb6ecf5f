"""Typical cases (典型个案, seed 000): marked with an anonymized summary, collected per office
and period, never carrying what identifies the household."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from rest_framework.test import APIClient

from core.models import AuditEvent
from needs.models import TypicalCase
from needs.selectors_typical import typical_cases
from needs.services.typical_cases import typical_case_mark, typical_case_unmark

pytestmark = pytest.mark.django_db


def test_a_case_is_marked_with_its_story_anonymized(in_english, world):
    case = world.report()
    typical = typical_case_mark(by=world.caseworker, case=case)
    assert "张建国" not in typical.summary and "13912345678" not in typical.summary
    assert "张某" in typical.summary
    assert typical.office == world.chaoyang
    assert AuditEvent.objects.filter(action="case.typical_mark").count() == 1
    with pytest.raises(ValidationError) as error:
        typical_case_mark(by=world.caseworker, case=case)
    assert error.value.messages == ["This case is already marked as typical."]


def test_a_summary_naming_the_household_is_refused_and_nothing_written(world):
    case = world.report()
    with pytest.raises(ValidationError) as error:
        typical_case_mark(
            by=world.caseworker, case=case, summary="张建国家住幸福小区3栋，电话13912345678。"
        )
    assert set(error.value.message_dict) == {"summary"}
    assert not TypicalCase.objects.exists()
    assert not AuditEvent.objects.filter(action="case.typical_mark").exists()


def test_only_the_case_handlers_mark_and_the_collection_keeps_to_the_jurisdiction(world):
    case = world.report()
    with pytest.raises(PermissionDenied):
        typical_case_mark(by=world.nanguan_caseworker, case=case)
    typical_case_mark(by=world.caseworker, case=case, summary="一户家庭因病致贫，已获临时救助。")
    today = timezone.localdate()
    assert typical_cases(world.supervisor, office_id=world.chaoyang.pk, start=today).count() == 1
    assert typical_cases(world.supervisor, office_id=world.nanguan.pk).count() == 0
    assert typical_cases(world.nanguan_caseworker).count() == 0
    assert typical_cases(world.charity_staff).count() == 0
    typical_case_unmark(by=world.caseworker, case=case)
    assert not TypicalCase.objects.exists()


def test_the_screen_and_the_api(client, world):
    import re

    case = world.report()
    client.force_login(world.caseworker)
    page = client.get("/admin/cases/typical/")
    assert page.status_code == 200
    token = re.search(r'name="submission" value="([^"]+)"', page.content.decode()).group(1)
    response = client.post(
        "/admin/cases/typical/",
        {"submission": token, "case_number": case.number, "summary": ""},
    )
    assert response.status_code == 302
    listing = client.get("/admin/cases/typical/").content.decode()
    assert case.number in listing and "张建国" not in listing
    client.force_login(world.charity_staff)
    assert client.get("/admin/cases/typical/").status_code == 403

    other = world.report(household=_other())
    api = APIClient()
    api.force_authenticate(world.caseworker)
    headers = {"HTTP_IDEMPOTENCY_KEY": "typical-key-0001"}
    made = api.post("/api/v1/typical-cases/", {"case": other.pk}, format="json", **headers)
    assert made.status_code == 201, made.json()
    again = api.post("/api/v1/typical-cases/", {"case": other.pk}, format="json", **headers)
    assert again.status_code == 201 and TypicalCase.objects.count() == 2
    assert api.get("/api/v1/typical-cases/").json()["count"] == 2
    outsider = APIClient()
    outsider.force_authenticate(world.nanguan_caseworker)
    assert outsider.get("/api/v1/typical-cases/").json()["count"] == 0
    refused = outsider.post("/api/v1/typical-cases/", {"case": case.pk}, format="json")
    assert refused.status_code == 400


def _other():
    from needs.factories import household_input, id_number

    return household_input(
        head="刘德华", phone="13812345678", head_id=id_number("22010419800101123")
    )


def test_the_list_filters_and_a_reader_who_may_not_mark_is_refused(client, world):
    case = world.report()
    client.force_login(world.caseworker)
    page = client.get("/admin/cases/typical/")
    token = re.search(r'name="submission" value="([^"]+)"', page.content.decode()).group(1)
    data = {"submission": token, "case_number": case.number, "summary": ""}
    assert client.post("/admin/cases/typical/", data).status_code == 302
    # The same form again: nothing marked twice.
    again = client.post("/admin/cases/typical/", data)
    assert again.status_code == 200 and TypicalCase.objects.count() == 1
    # Filtered by the day it was marked (a day before: nothing).
    assert case.number in client.get("/admin/cases/typical/").content.decode()
    empty = client.get("/admin/cases/typical/", {"marked_to": "2001-01-01"})
    assert case.number not in empty.content.decode()
    # An auditor reads the list but does not mark: no form, and a post is refused.
    client.force_login(world.auditor)
    listing = client.get("/admin/cases/typical/")
    assert listing.status_code == 200 and 'name="case_number"' not in listing.content.decode()
    refused = client.post("/admin/cases/typical/", {"case_number": case.number})
    assert refused.status_code == 403 and TypicalCase.objects.count() == 1
