"""The cases API: one endpoint per action, scoped, idempotent, errors naming field and rule."""

import pytest
from rest_framework.test import APIClient

from core.models import PersonalDataRead
from needs.factories import household_input, id_number
from needs.models import Case, ReliefGrant

pytestmark = pytest.mark.django_db


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


REPORT = {
    "channel": "hotline",
    "category": "fire",
    "narrative": "凌晨家中失火，房屋烧毁，一家四口无处居住。",
    "urgency": 3,
    "is_emergency": True,
    "household": {
        "region": "220104",
        "township": "永昌街道",
        "address_detail": "红旗村5组",
        "phone": "+86 139 1234 5678",
        "flags": ["is_dibao", "kg_disaster_hit"],
        "members": [
            {
                "name": "孙志刚",
                "relation": "head",
                "age": 52,
                "id_number": id_number("22010419740802123"),
            },
            {"name": "孙小雨", "relation": "child", "age": 9},
        ],
    },
}


def test_report_then_act_through_the_api(world):
    api = client_for(world.caseworker)
    response = api.post("/api/v1/cases/", REPORT, format="json")
    assert response.status_code == 201, response.json()
    case_id = response.json()["case"]["id"]
    assert response.json()["warnings"] == []

    assert api.post(f"/api/v1/cases/{case_id}/accept/").json()["case"]["status"] == "accepted"
    relief = api.post(
        f"/api/v1/cases/{case_id}/relief/", {"kind": "advance", "amount_fen": 50_000}, format="json"
    )
    assert relief.status_code == 201, relief.json()
    assessed = api.post(
        f"/api/v1/cases/{case_id}/assess/",
        {"assessed_need_fen": 2_000_000, "assessed_gap_fen": 1_500_000},
        format="json",
    )
    # The advance relief given before the assessment comes off the gap too (needs.gap).
    assert assessed.json()["case"]["remaining_gap_fen"] == 1_450_000
    world.project.categories = ["illness", "fire"]  # the project must take fire cases
    world.project.save(update_fields=["categories"])
    refer = api.post(
        f"/api/v1/cases/{case_id}/refer/", {"project": world.project.pk}, format="json"
    )
    assert refer.status_code == 201, refer.json()
    assert refer.json()["referral"]["status"] == "requested"


def test_the_list_has_no_personal_data_and_filters_by_status_and_key_group(world):
    world.report()
    client_for(world.caseworker).post("/api/v1/cases/", REPORT, format="json")
    api = client_for(world.caseworker)

    listing = api.get(
        "/api/v1/cases/", {"status": "reported", "key_group": "kg_disaster_hit"}
    ).json()
    assert listing["count"] == 1
    row = listing["results"][0]
    assert "narrative" not in row and "household" not in row
    assert "孙志刚" not in str(listing)


def test_case_page_shows_the_household_masks_id_numbers_and_logs_the_read(world):
    case = world.report()
    response = client_for(world.caseworker).get(f"/api/v1/cases/{case.pk}/")
    body = response.json()
    head = body["household"]["members"][0]
    assert head["name"] == "张建国"
    full = id_number("22010419790315123")
    assert head["id_number"] == full[:6] + "*" * 8 + full[-4:]
    assert full not in response.content.decode()
    read = PersonalDataRead.objects.get()
    assert read.actor == world.caseworker
    assert [e["action"] for e in body["timeline"]] == ["case.report"]


def test_look_up_by_case_number(world):
    case = world.report()
    response = client_for(world.caseworker).get(f"/api/v1/cases/by-number/{case.number}/")
    assert response.status_code == 200
    assert response.json()["id"] == case.pk
    assert (
        client_for(world.nanguan_caseworker)
        .get(f"/api/v1/cases/by-number/{case.number}/")
        .status_code
        == 404
    )


def test_errors_name_the_field_and_rule_in_chinese_and_english(world):
    bad = {
        **REPORT,
        "household": {
            **REPORT["household"],
            "members": [{"name": "孙志刚", "relation": "head", "id_number": "220104197408021230"}],
        },
    }
    zh = client_for(world.caseworker).post("/api/v1/cases/", bad, format="json")
    assert zh.status_code == 400
    error = zh.json()["errors"][0]
    assert error["field"] == "household.members.0.id_number"
    assert error["code"] == "invalid_check"
    assert "校验" in error["message"]

    en = client_for(world.caseworker).post(
        "/api/v1/cases/", bad, format="json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "check" in en.json()["errors"][0]["message"].lower()
    assert not Case.objects.exists()


@pytest.mark.parametrize("amount", [0, -1, 10.5, "100.5", True])
def test_bad_amounts_are_refused(world, amount):
    case = world.accepted()
    response = client_for(world.caseworker).post(
        f"/api/v1/cases/{case.pk}/assess/",
        {"assessed_need_fen": amount, "assessed_gap_fen": 0},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "assessed_need_fen"


def test_a_repeated_post_with_an_idempotency_key_acts_once(world):
    case = world.relieved()
    api = client_for(world.caseworker)
    headers = {"HTTP_IDEMPOTENCY_KEY": "relief-2026-0001"}
    first = api.post(
        f"/api/v1/cases/{case.pk}/relief/",
        {"kind": "temporary", "amount_fen": 1000},
        format="json",
        **headers,
    )
    second = api.post(
        f"/api/v1/cases/{case.pk}/relief/",
        {"kind": "temporary", "amount_fen": 1000},
        format="json",
        **headers,
    )

    assert first.status_code == second.status_code == 201
    assert second["Idempotent-Replayed"] == "true"
    assert second.json() == first.json()
    assert ReliefGrant.objects.filter(amount_fen=1000).count() == 1

    other = api.post(
        f"/api/v1/cases/{case.pk}/relief/",
        {"kind": "temporary", "amount_fen": 2000},
        format="json",
        **headers,
    )
    assert other.status_code == 409
    assert other.json()["code"] == "idempotency_conflict"


def test_a_failed_request_can_be_retried_with_the_same_key(world):
    case = world.accepted()
    api = client_for(world.caseworker)
    headers = {"HTTP_IDEMPOTENCY_KEY": "assess-retry-01"}
    body = {"assessed_need_fen": 100, "assessed_gap_fen": 200}
    assert (
        api.post(f"/api/v1/cases/{case.pk}/assess/", body, format="json", **headers).status_code
        == 400
    )
    assert (
        api.post(f"/api/v1/cases/{case.pk}/assess/", body, format="json", **headers).status_code
        == 400
    )
    good = api.post(
        f"/api/v1/cases/{case.pk}/assess/",
        {**body, "assessed_gap_fen": 50},
        format="json",
        HTTP_IDEMPOTENCY_KEY="assess-retry-02",
    )
    assert good.status_code == 200


def test_a_repeated_accept_without_a_key_is_refused_clearly(world):
    case = world.report()
    api = client_for(world.caseworker)
    assert api.post(f"/api/v1/cases/{case.pk}/accept/").status_code == 200
    again = api.post(f"/api/v1/cases/{case.pk}/accept/")
    assert again.status_code == 400
    assert again.json()["errors"][0]["code"] == "already_accepted"


def test_a_malformed_idempotency_key_is_refused(world):
    case = world.report()
    response = client_for(world.caseworker).post(
        f"/api/v1/cases/{case.pk}/accept/", HTTP_IDEMPOTENCY_KEY="x"
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "Idempotency-Key"


def test_the_referral_inbox_and_contact_details(world):
    case, referral = world.referred()
    charity = client_for(world.charity_staff)
    inbox = charity.get("/api/v1/referrals/").json()
    assert [r["id"] for r in inbox["results"]] == [referral.pk]
    assert "张建国" not in str(inbox) and "13912345678" not in str(inbox)
    assert client_for(world.other_charity_staff).get("/api/v1/referrals/").json()["count"] == 0

    assert charity.get(f"/api/v1/referrals/{referral.pk}/contact/").status_code == 403
    assert charity.post(f"/api/v1/referrals/{referral.pk}/accept/").status_code == 200
    # Accepted but no disclosure consent yet.
    assert charity.get(f"/api/v1/referrals/{referral.pk}/contact/").status_code == 403
    client_for(world.caseworker).post(
        f"/api/v1/cases/{case.pk}/consent/",
        {"scope": "disclose_contact", "method": "written", "given_by_name": "张建国"},
        format="json",
    )
    contact = charity.get(f"/api/v1/referrals/{referral.pk}/contact/")
    assert contact.status_code == 200
    assert contact.json()["phone"] == "13912345678"
    assert PersonalDataRead.objects.filter(actor=world.charity_staff).count() == 1


def test_another_charity_cannot_answer_or_even_see_a_referral(world):
    _, referral = world.referred()
    api = client_for(world.other_charity_staff)
    assert api.post(f"/api/v1/referrals/{referral.pk}/accept/").status_code == 404
    assert api.get(f"/api/v1/referrals/{referral.pk}/contact/").status_code == 404


def test_fast_rows_match_the_declared_fields(world):
    from needs.api.serializers import CaseListSerializer, CaseRowsSerializer
    from needs.models import Case

    world.accepted()
    world.referred(
        household=household_input(
            head="李四", phone="13600000000", head_id=id_number("22010419850505123")
        )
    )
    import datetime as dt

    from django.utils import timezone

    first = Case.objects.order_by("pk").first()
    Case.objects.filter(pk=first.pk).update(next_due_at=timezone.now() - dt.timedelta(hours=1))
    cases = list(
        Case.objects.select_related("region", "responsible_office", "owner").order_by("pk")
    )
    context = {}
    fast = CaseListSerializer(cases, many=True, context=context).data
    values = Case.objects.values(*CaseRowsSerializer.ROW_VALUES)
    from_values = CaseListSerializer(list(values), many=True, context=context).data
    slow = [CaseListSerializer(case, context=context).data for case in cases]
    assert [dict(row) for row in fast] == [dict(row) for row in slow]
    assert [row["is_overdue"] for row in fast] == [True, False]
    assert sorted(map(dict, from_values), key=lambda r: r["id"]) == sorted(
        map(dict, slow), key=lambda r: r["id"]
    )
