"""The active-discovery API: scoped by jurisdiction, written by government staff only, lists
without personal data, the caller's data only on the call's page and every read logged."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from core.models import PersonalDataRead
from discovery.models import HotlineCall, Visit, VisitSchedule
from needs.factories import id_number
from needs.models import Case

pytestmark = pytest.mark.django_db

CALL = {
    "caller_name": "王秀英",
    "caller_phone": "13912345678",
    "region": "220104",
    "topic": "illness",
    "need": "邻居张大爷独居，中风后无人照料。",
}
HOUSEHOLD = {
    "region": "220104",
    "phone": "13800138000",
    "members": [
        {
            "name": "张大山",
            "relation": "head",
            "age": 78,
            "id_number": id_number("22010419480101123"),
        }
    ],
}


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_hotline_call_record_act_and_make_a_case(world):
    api = client_for(world.caseworker)
    created = api.post("/api/v1/hotline-calls/", CALL, format="json")
    assert created.status_code == 201, created.json()
    row = created.json()
    assert row["status"] == "open" and row["taken_by"] == "wangfang"
    assert "13912345678" not in created.content.decode()
    call_id = row["id"]

    called = api.post(f"/api/v1/hotline-calls/{call_id}/call-back/", {"note": "已回电"})
    assert called.json()["status"] == "called_back"

    made = api.post(
        f"/api/v1/hotline-calls/{call_id}/to-case/", {"household": HOUSEHOLD}, format="json"
    )
    assert made.status_code == 201, made.json()
    case = Case.objects.get(pk=made.json()["case"]["id"])
    assert case.channel == "hotline"
    again = api.post(
        f"/api/v1/hotline-calls/{call_id}/to-case/", {"household": HOUSEHOLD}, format="json"
    )
    assert again.status_code == 400
    assert again.json()["errors"][0]["code"] == "already_converted"
    assert Case.objects.count() == 1


def test_the_register_list_has_no_caller_data_and_the_page_logs_the_read(world):
    api = client_for(world.caseworker)
    call_id = api.post("/api/v1/hotline-calls/", CALL, format="json").json()["id"]

    listing = api.get("/api/v1/hotline-calls/")
    assert listing.json()["count"] == 1
    for personal in ("王秀英", "13912345678", "张大爷"):
        assert personal not in listing.content.decode()
    assert not PersonalDataRead.objects.exists()

    page = api.get(f"/api/v1/hotline-calls/{call_id}/").json()
    assert page["caller"]["caller_phone"] == "13912345678"
    assert page["caller"]["caller_name"] == "王秀英"
    read = PersonalDataRead.objects.get()
    assert read.actor == world.caseworker and read.object_id == str(call_id)


def test_bad_call_input_names_the_field_in_chinese_and_writes_nothing(world):
    response = client_for(world.caseworker).post(
        "/api/v1/hotline-calls/", {**CALL, "caller_phone": "12345"}, format="json"
    )
    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert error["field"] == "caller_phone"
    assert "电话" in error["message"] or "号码" in error["message"]
    assert not HotlineCall.objects.exists()


def test_roles_and_jurisdiction_on_the_register(world, api_client):
    call_id = (
        client_for(world.caseworker)
        .post("/api/v1/hotline-calls/", CALL, format="json")
        .json()["id"]
    )
    # The public: not signed in.
    assert api_client.get("/api/v1/hotline-calls/").status_code == 401
    # Charities see nothing of it.
    charity = client_for(world.charity_staff)
    assert charity.get("/api/v1/hotline-calls/").status_code == 403
    assert charity.get(f"/api/v1/hotline-calls/{call_id}/").status_code == 403
    assert charity.post("/api/v1/hotline-calls/", CALL, format="json").status_code == 403
    # Another district: not found.
    nanguan = client_for(world.nanguan_caseworker)
    assert nanguan.get("/api/v1/hotline-calls/").json()["count"] == 0
    assert nanguan.get(f"/api/v1/hotline-calls/{call_id}/").status_code == 404
    assert (
        nanguan.post(f"/api/v1/hotline-calls/{call_id}/close/", {"outcome": "x"}).status_code == 404
    )
    # Auditors read everything and change nothing.
    auditor = client_for(world.auditor)
    assert auditor.get(f"/api/v1/hotline-calls/{call_id}/").status_code == 200
    assert (
        auditor.post(f"/api/v1/hotline-calls/{call_id}/close/", {"outcome": "x"}).status_code == 403
    )
    assert auditor.post("/api/v1/hotline-calls/", CALL, format="json").status_code == 403
    assert HotlineCall.objects.get().status == "open"
    # The city supervisor sees and acts.
    supervisor = client_for(world.supervisor)
    closed = supervisor.post(f"/api/v1/hotline-calls/{call_id}/close/", {"outcome": "已解答"})
    assert closed.status_code == 200 and closed.json()["status"] == "closed"


def test_overdue_calls_list_and_filter(world, monkeypatch):

    api = client_for(world.caseworker)
    late = api.post("/api/v1/hotline-calls/", CALL, format="json").json()["id"]
    later = timezone.now() + dt.timedelta(days=12)
    monkeypatch.setattr(timezone, "now", lambda: later)
    fresh = api.post("/api/v1/hotline-calls/", CALL, format="json").json()["id"]

    overdue = api.get("/api/v1/hotline-calls/overdue/").json()
    assert [row["id"] for row in overdue["results"]] == [late]
    assert overdue["results"][0]["is_overdue"] is True
    flagged = api.get("/api/v1/hotline-calls/", {"overdue": "true"}).json()
    assert [row["id"] for row in flagged["results"]] == [late]
    on_time = api.get("/api/v1/hotline-calls/", {"overdue": "false"}).json()
    assert [row["id"] for row in on_time["results"]] == [fresh]
    assert (
        client_for(world.nanguan_caseworker).get("/api/v1/hotline-calls/overdue/").json()["count"]
        == 0
    )


def test_public_pages_and_api_never_show_a_caller(world, client):
    api = client_for(world.caseworker)
    api.post("/api/v1/hotline-calls/", CALL, format="json")
    for url in ("/needs/", "/api/v1/public/needs/", "/"):
        body = client.get(url).content.decode()
        assert "13912345678" not in body and "王秀英" not in body


VISIT = {
    "visited_on": "2026-01-05",
    "visitor_kind": "grid_worker",
    "visitor_name": "网格员刘敏",
    "observations": "独居老人，腿脚不便，冬季取暖困难。",
    "key_groups": ["kg_elderly_disabled_ill"],
    "needs_help": True,
    "new_household": HOUSEHOLD,
}


def test_visits_schedules_and_visit_to_case(world):
    api = client_for(world.caseworker)
    created = api.post("/api/v1/visits/", VISIT, format="json")
    assert created.status_code == 201, created.json()
    visit = created.json()
    assert visit["key_groups"] == ["kg_elderly_disabled_ill"]
    household_id = visit["household"]

    listing = api.get("/api/v1/visits/").content.decode()
    assert "独居老人" not in listing and "张大山" not in listing
    assert not PersonalDataRead.objects.exists()
    page = api.get(f"/api/v1/visits/{visit['id']}/").json()
    assert page["observations"] == VISIT["observations"]
    assert PersonalDataRead.objects.get().object_id == str(visit["id"])

    schedules = api.get("/api/v1/visit-schedules/overdue/").json()
    assert [s["household"] for s in schedules["results"]] == [household_id]  # visited in January
    assert schedules["results"][0]["is_overdue"] is True

    again = api.post(
        "/api/v1/visits/",
        {
            **VISIT,
            "new_household": None,
            "household": household_id,
            "visited_on": str(timezone.localdate()),
        },
        format="json",
    )
    assert again.status_code == 201, again.json()
    assert api.get("/api/v1/visit-schedules/overdue/").json()["count"] == 0

    made = api.post(f"/api/v1/visits/{visit['id']}/to-case/", {"category": "illness"})
    assert made.status_code == 201, made.json()
    assert made.json()["case"]["channel"] == "grid_worker"
    twice = api.post(f"/api/v1/visits/{visit['id']}/to-case/", {"category": "illness"})
    assert twice.status_code == 400
    assert Case.objects.count() == 1


def test_visit_input_errors_and_other_jurisdictions(world):
    api = client_for(world.caseworker)
    bad = api.post("/api/v1/visits/", {**VISIT, "visited_on": "2999-01-01"}, format="json")
    assert bad.status_code == 400
    assert bad.json()["errors"][0]["field"] == "visited_on"
    assert not Visit.objects.exists()

    visit_id = api.post("/api/v1/visits/", VISIT, format="json").json()["id"]
    household_id = Visit.objects.get().household_id
    nanguan = client_for(world.nanguan_caseworker)
    assert nanguan.get(f"/api/v1/visits/{visit_id}/").status_code == 404
    # A household outside the caller's jurisdiction is not even found.
    response = nanguan.post(
        "/api/v1/visits/",
        {**VISIT, "new_household": None, "household": household_id},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "household"
    assert client_for(world.charity_staff).get("/api/v1/visits/").status_code == 403
    assert (
        client_for(world.auditor).post("/api/v1/visits/", VISIT, format="json").status_code == 403
    )


def test_set_a_schedule_through_the_api(world):
    case = world.report()
    api = client_for(world.caseworker)
    refused = api.post("/api/v1/visit-schedules/", {"household": case.household_id})
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["code"] == "not_key_group"
    case.household.kg_other = True
    case.household.save()
    made = api.post(
        "/api/v1/visit-schedules/", {"household": case.household_id, "interval_days": 14}
    )
    assert made.status_code == 201, made.json()
    assert made.json()["interval_days"] == 14
    assert VisitSchedule.objects.get().interval_days == 14


def test_proxy_application_through_the_api(world):
    api = client_for(world.caseworker)
    payload = {
        "category": "illness",
        "narrative": "老人患病卧床，不会使用手机申请。",
        "household": HOUSEHOLD,
        "filed_for_name": "张大山",
        "reason": "literacy",
    }
    created = api.post("/api/v1/proxy-applications/", payload, format="json")
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["case"]["channel"] == "proxy"
    assert body["proxy_name"] == "wangfang" and body["reason"] == "literacy"
    listing = api.get("/api/v1/proxy-applications/")
    assert listing.json()["count"] == 1 and "张大山" not in listing.content.decode()
    assert not PersonalDataRead.objects.exists()
    page = api.get(f"/api/v1/proxy-applications/{body['id']}/").json()
    assert page["filed_for_name"] == "张大山"
    assert PersonalDataRead.objects.get().object_id == str(body["id"])
    assert (
        client_for(world.nanguan_caseworker).get("/api/v1/proxy-applications/").json()["count"] == 0
    )
    bad = api.post("/api/v1/proxy-applications/", {**payload, "reason": "other"}, format="json")
    assert bad.status_code == 400
    assert bad.json()["errors"][0]["field"] == "reason_note"
    assert Case.objects.count() == 1


def test_a_retried_call_record_with_the_same_key_records_one_call(world):
    """A phone line drops after the POST: the retry with its Idempotency-Key gets the first
    answer and no second call is registered."""
    api = client_for(world.caseworker)
    headers = {"HTTP_IDEMPOTENCY_KEY": "hotline-2026-11-23-001"}
    first = api.post("/api/v1/hotline-calls/", CALL, format="json", **headers)
    second = api.post("/api/v1/hotline-calls/", CALL, format="json", **headers)
    assert first.status_code == second.status_code == 201
    assert first.json() == second.json()
    assert HotlineCall.objects.count() == 1
    other = api.post(
        "/api/v1/hotline-calls/", {**CALL, "need": "另一件事"}, format="json", **headers
    )
    assert other.status_code == 409  # the same key for a different request is refused
    assert HotlineCall.objects.count() == 1
