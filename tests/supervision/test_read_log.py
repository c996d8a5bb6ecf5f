"""The read log (issue 17, item 6): supervisors (their jurisdiction), auditors and platform
administrators see who read which household's personal data, when and why; filterable,
exportable as CSV; never the data itself, never an ID number."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from core.models import AuditEvent, PersonalDataRead
from needs.factories import household_input, id_number
from needs.models import Case
from supervision.read_log import read_log_headings

HEAD_ID = id_number("22010419790315123")


@pytest.fixture
def reads(client, world):
    """A 朝阳 case read by its caseworker, a 东湖 (Nanchang) case read by its own."""
    chaoyang = world.report()
    donghu = world.report(
        by=world.donghu_caseworker,
        office=world.donghu,
        household=household_input(
            "360102", head="刘德华", phone="13800001111", head_id=id_number("36010219800101123")
        ),
    )
    client.force_login(world.caseworker)
    assert client.get(f"/admin/cases/{chaoyang.pk}/").status_code == 200
    client.force_login(world.donghu_caseworker)
    assert client.get(f"/admin/cases/{donghu.pk}/").status_code == 200
    client.logout()
    return chaoyang, donghu


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def numbers(response) -> list[str]:
    return [row["case_number"] for row in response.json()["results"]]


def test_a_supervisor_reads_the_log_of_their_jurisdiction_only(client, world, reads):
    chaoyang, donghu = reads
    client.force_login(world.supervisor)
    page = client.get("/admin/supervision/read-log/")
    assert page.status_code == 200
    html = page.content.decode()
    assert chaoyang.number in html and donghu.number not in html
    assert "wangfang" in html
    # No ID number, no name, no phone of the household: references only.
    for secret in (HEAD_ID, "张建国", "13912345678"):
        assert secret not in html
    assert numbers(api(world.supervisor).get("/api/v1/read-log/")) == [chaoyang.number]


def test_an_auditor_reads_the_whole_log(world, reads):
    chaoyang, donghu = reads
    listed = api(world.auditor).get("/api/v1/read-log/")
    assert listed.status_code == 200
    assert set(numbers(listed)) == {chaoyang.number, donghu.number}
    row = listed.json()["results"][0]
    assert row["household_id"] and row["reader"] and row["purpose"]


def test_caseworkers_and_charities_may_not_read_it(client, world, reads):
    for user in (world.caseworker, world.charity_staff, world.department_staff):
        client.force_login(user)
        assert client.get("/admin/supervision/read-log/").status_code == 403
        assert client.get("/admin/supervision/read-log.csv").status_code == 403
        assert api(user).get("/api/v1/read-log/").status_code == 403


def test_filters_by_reader_case_household_and_period(world, reads):
    chaoyang, donghu = reads
    client = api(world.auditor)
    assert numbers(client.get("/api/v1/read-log/?reader=liuyang")) == [donghu.number]
    assert numbers(client.get(f"/api/v1/read-log/?case_number={chaoyang.number}")) == [
        chaoyang.number
    ]
    assert numbers(client.get(f"/api/v1/read-log/?household={donghu.household_id}")) == [
        donghu.number
    ]
    today = timezone.localdate()
    tomorrow, yesterday = today + dt.timedelta(days=1), today - dt.timedelta(days=1)
    assert numbers(client.get(f"/api/v1/read-log/?read_from={tomorrow}")) == []
    assert numbers(client.get(f"/api/v1/read-log/?read_to={yesterday}")) == []
    assert len(numbers(client.get(f"/api/v1/read-log/?read_from={today}&read_to={today}"))) == 2
    assert client.get("/api/v1/read-log/?read_from=not-a-date").status_code == 400


def test_a_case_number_finds_the_reads_of_its_household_other_records_too(world, reads):
    chaoyang, _donghu = reads
    # The same household's second case, read through its own page: found by the first number.
    again = world.report()
    assert again.household_id == chaoyang.household_id
    from django.db import transaction

    from core.audit import personal_data_read_record
    from needs.models import Household

    with transaction.atomic():
        personal_data_read_record(
            actor=world.colleague,
            obj=Household.objects.get(pk=chaoyang.household_id),
            fields=["phone"],
            purpose=f"case {again.number}",
        )
    found = numbers(api(world.auditor).get(f"/api/v1/read-log/?case_number={chaoyang.number}"))
    assert sorted(found) == sorted([chaoyang.number, again.number])


def test_the_csv_export_has_the_headings_and_no_personal_data(client, world, reads):
    chaoyang, donghu = reads
    client.force_login(world.supervisor)
    response = client.get("/admin/supervision/read-log.csv?reader=wangfang")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    lines = text.lstrip("\ufeff").splitlines()
    assert lines[0].split(",") == read_log_headings()
    assert len(lines) == 2 and chaoyang.number in lines[1] and donghu.number not in text
    for secret in (HEAD_ID, "张建国", "13912345678"):
        assert secret not in text
    assert AuditEvent.objects.filter(action="export.read_log", actor=world.supervisor).exists()


def test_reading_the_log_records_no_read_of_personal_data(client, world, reads):
    before = PersonalDataRead.objects.count()
    client.force_login(world.auditor)
    assert client.get("/admin/supervision/read-log/").status_code == 200
    assert PersonalDataRead.objects.count() == before
    assert Case.objects.count() == 2
