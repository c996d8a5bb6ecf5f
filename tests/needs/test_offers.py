"""Charities act on their matches (issue 22, item 5): a charity offers help for a need its
project matches; the offer waits on the case's caseworker's 待办 with a notification; the
caseworker refers in one step (the referral carries the offer's amount and note) or declines
with a reason the charity is told. Bad input names the field and writes nothing; the charity
never reads the household."""

from __future__ import annotations

import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from rest_framework.test import APIClient

from core.models import AuditEvent, Notification
from needs import services
from needs.models import Offer, Referral
from needs.services.offers import offer_create, offer_decline, offer_refer
from needs.worklist import offers_to_answer
from tests.donors.conftest import money  # noqa: F401  (the fixture is used by name)

pytestmark = pytest.mark.django_db
HOUSEHOLD = ("张建国", "李秀兰", "13912345678", "幸福小区")


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def post(user, url, data):
    return api(user).post(
        url,
        data,
        format="json",
        HTTP_IDEMPOTENCY_KEY=uuid.uuid4().hex,
        HTTP_ACCEPT_LANGUAGE="en",
    )


def refusal(call) -> tuple[str, str]:
    """The (field, code) of a service's refusal."""
    with pytest.raises(ValidationError) as caught:
        call()
    error = caught.value
    if hasattr(error, "error_dict"):
        [(field, [first])] = error.error_dict.items()
        return field, first.code
    return "", error.error_list[0].code


def offer(world, case, **overrides) -> Offer:
    kwargs = {
        "by": world.charity_staff,
        "project": world.project,
        "case": case,
        "amount_fen": 500_000,
        "note": "可在三个工作日内拨付",
    }
    kwargs.update(overrides)
    return offer_create(**kwargs)


# ---- the happy path, through the services ----


def test_an_offer_waits_on_the_owners_worklist_with_a_notification(world):
    case = world.relieved()
    made = offer(world, case)
    assert made.status == Offer.Status.OPEN
    work = offers_to_answer(world.caseworker)
    assert work.count == 1
    assert work.items[0].title == case.number
    assert work.items[0].link == f"/admin/offers/{made.pk}/"
    [notification] = Notification.objects.filter(key=f"offer-received:{made.pk}")
    assert notification.recipient == world.caseworker
    assert case.number in notification.message
    for text in HOUSEHOLD:
        assert text not in notification.message
    assert AuditEvent.objects.filter(action="offer.create", object_id=str(made.pk)).exists()
    # Nobody else's work: a colleague who does not own the case, the charity.
    assert offers_to_answer(world.colleague).count == 0
    assert offers_to_answer(world.charity_staff) is None


def test_referring_takes_one_step_with_the_offers_amount_and_note(world):
    case = world.relieved()
    made = offer(world, case)
    referral = offer_refer(by=world.caseworker, offer=made)
    made.refresh_from_db()
    assert made.status == Offer.Status.REFERRED
    assert made.referral == referral
    assert referral.project == world.project
    assert referral.amount_requested_fen == 500_000
    assert referral.note == "可在三个工作日内拨付"
    assert referral.status == Referral.Status.REQUESTED
    assert AuditEvent.objects.filter(action="offer.refer", object_id=str(made.pk)).exists()
    # The charity answers the referral as usual: it was told.
    assert Notification.objects.filter(
        key=f"referral-received:{referral.pk}", recipient=world.charity_staff
    ).exists()
    assert offers_to_answer(world.caseworker).count == 0


def test_declining_tells_the_charity_the_reason(world):
    case = world.relieved()
    made = offer(world, case)
    offer_decline(by=world.caseworker, offer=made, reason="家庭已获医保二次报销")
    made.refresh_from_db()
    assert made.status == Offer.Status.DECLINED
    [notification] = Notification.objects.filter(key=f"offer-declined:{made.pk}")
    assert notification.recipient == world.charity_staff
    assert "家庭已获医保二次报销" in notification.message
    assert case.number not in notification.message
    assert AuditEvent.objects.filter(action="offer.decline", object_id=str(made.pk)).exists()
    assert not Referral.objects.filter(case=case).exists()


def test_after_a_decline_the_charity_may_offer_again(world):
    case = world.relieved()
    offer_decline(by=world.caseworker, offer=offer(world, case), reason="金额不足")
    assert offer(world, case, amount_fen=900_000).status == Offer.Status.OPEN


# ---- bad input: the field named, nothing written ----


@pytest.mark.parametrize(
    ("amount", "code"),
    [(0, "min_value"), (-5, "min_value"), (2_600_001, "above_gap")],
)
def test_an_amount_of_zero_or_above_the_gap_is_refused(world, amount, code):
    case = world.relieved()
    assert case.remaining_gap_fen == 2_600_000
    assert refusal(lambda: offer(world, case, amount_fen=amount)) == ("amount_fen", code)
    assert not Offer.objects.exists()
    assert not Notification.objects.filter(key__startswith="offer-").exists()


def test_an_amount_above_the_projects_cap_is_refused(world):
    world.project.per_case_cap_fen = 300_000
    world.project.accepts_partial_funding = True
    world.project.save()
    case = world.relieved()
    assert refusal(lambda: offer(world, case, amount_fen=300_001)) == ("amount_fen", "above_cap")
    assert not Offer.objects.exists()


def test_a_need_outside_the_projects_rules_is_refused_naming_the_rules(world):
    world.project.age_min, world.project.age_max = 0, 18
    world.project.save()
    case = world.relieved()
    with pytest.raises(ValidationError) as caught:
        offer(world, case)
    [error] = caught.value.error_dict["case"]
    assert error.code == "rules_not_met"
    assert "age range" in error.message or "年龄" in error.message
    assert not Offer.objects.exists()


def test_a_need_of_another_category_is_refused(world):
    case = world.relieved(category="fire")
    assert refusal(lambda: offer(world, case)) == ("case", "rules_not_met")


def test_a_case_not_ready_for_referral_is_refused(world):
    case = world.accepted()  # no gap recorded, no relief
    assert refusal(lambda: offer(world, case)) == ("case", "not_ready")


def test_a_need_already_referred_to_the_project_is_refused(world):
    case, _referral = world.referred()
    assert refusal(lambda: offer(world, case)) == ("case", "already_referred")
    assert not Offer.objects.exists()


def test_a_need_the_project_declined_is_refused(world):
    case, referral = world.referred()
    services.referral_reject(by=world.charity_staff, referral=referral, reason="no_capacity")
    assert refusal(lambda: offer(world, case)) == ("case", "declined_before")


def test_a_repeated_offer_while_the_first_waits_is_refused(world):
    case = world.relieved()
    offer(world, case)
    assert refusal(lambda: offer(world, case, amount_fen=100_000)) == ("", "duplicate_offer")
    assert Offer.objects.count() == 1


def test_a_paused_project_cannot_offer(world):
    world.project.status = "paused"
    world.project.save()
    case = world.relieved()
    assert refusal(lambda: offer(world, case)) == ("project", "project_not_open")


def test_declining_needs_a_reason(world):
    made = offer(world, world.relieved())
    assert refusal(lambda: offer_decline(by=world.caseworker, offer=made, reason=" ")) == (
        "reason",
        "required",
    )
    made.refresh_from_db()
    assert made.status == Offer.Status.OPEN


def test_an_answered_offer_cannot_be_answered_again(world):
    made = offer(world, world.relieved())
    offer_refer(by=world.caseworker, offer=made)
    assert refusal(lambda: offer_decline(by=world.caseworker, offer=made, reason="x")) == (
        "",
        "already_answered",
    )
    assert Referral.objects.count() == 1


# ---- roles and jurisdiction ----


def test_only_the_projects_charity_offers_through_it(world):
    case = world.relieved()
    for user in (world.other_charity_staff, world.caseworker, world.auditor):
        with pytest.raises(PermissionDenied):
            offer(world, case, by=user)
    assert not Offer.objects.exists()


def test_only_a_caseworker_of_the_cases_jurisdiction_answers(world):
    made = offer(world, world.relieved())
    for user in (world.donghu_caseworker, world.charity_staff):
        with pytest.raises(PermissionDenied):
            offer_refer(by=user, offer=made)
        with pytest.raises(PermissionDenied):
            offer_decline(by=user, offer=made, reason="不需要")
    made.refresh_from_db()
    assert made.status == Offer.Status.OPEN


# ---- the API ----


def test_the_api_offers_refers_and_shows_the_charity_no_household(world):
    case = world.relieved()
    response = post(
        world.charity_staff,
        "/api/v1/offers/",
        {"project": world.project.pk, "case": case.pk, "amount_fen": 500_000, "note": "尽快"},
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "open"
    assert body["case_number"] == ""  # the charity may not open the case
    assert body["need"]["category"] == "illness"
    assert body["need"]["remaining_gap_fen"] == 2_600_000
    text = response.content.decode()
    for word in HOUSEHOLD:
        assert word not in text
    # The caseworker sees it, with the case number, and refers it.
    listed = api(world.caseworker).get("/api/v1/offers/").json()["results"]
    assert [row["case_number"] for row in listed] == [case.number]
    referred = post(world.caseworker, f"/api/v1/offers/{body['id']}/refer/", {})
    assert referred.status_code == 200, referred.json()
    assert referred.json()["status"] == "referred"
    assert Referral.objects.get(pk=referred.json()["referral"]).amount_requested_fen == 500_000


def test_the_api_names_the_field_of_bad_input_and_writes_nothing(world):
    case = world.relieved()
    response = post(
        world.charity_staff,
        "/api/v1/offers/",
        {"project": world.project.pk, "case": case.pk, "amount_fen": 9_000_000},
    )
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert (error["field"], error["code"]) == ("amount_fen", "above_gap")
    assert "remaining gap" in error["message"]
    zero = post(
        world.charity_staff,
        "/api/v1/offers/",
        {"project": world.project.pk, "case": case.pk, "amount_fen": 0},
    )
    assert zero.status_code == 400
    assert zero.json()["errors"][0]["field"] == "amount_fen"
    assert not Offer.objects.exists()


def test_the_api_repeats_a_retried_offer_once(world):
    case = world.relieved()
    key = uuid.uuid4().hex
    data = {"project": world.project.pk, "case": case.pk, "amount_fen": 500_000}
    client = api(world.charity_staff)
    first = client.post("/api/v1/offers/", data, format="json", HTTP_IDEMPOTENCY_KEY=key)
    again = client.post("/api/v1/offers/", data, format="json", HTTP_IDEMPOTENCY_KEY=key)
    assert first.status_code == again.status_code == 201
    assert first.json()["id"] == again.json()["id"]
    assert Offer.objects.count() == 1
    # A new request (another key) for the same need is a repeated offer: refused.
    repeated = post(world.charity_staff, "/api/v1/offers/", data)
    assert repeated.status_code == 400
    assert repeated.json()["errors"][0]["code"] == "duplicate_offer"


def test_the_api_keeps_each_side_to_its_own_offers(world):
    case = world.relieved()
    made = offer(world, case)
    assert api(world.other_charity_staff).get("/api/v1/offers/").json()["results"] == []
    assert api(world.donghu_caseworker).get("/api/v1/offers/").json()["results"] == []
    assert api(world.other_charity_staff).get(f"/api/v1/offers/{made.pk}/").status_code == 404
    declined = post(
        world.donghu_caseworker, f"/api/v1/offers/{made.pk}/decline/", {"reason": "不需要"}
    )
    assert declined.status_code == 404
    by_charity = post(world.charity_staff, f"/api/v1/offers/{made.pk}/decline/", {"reason": "x"})
    assert by_charity.status_code == 403
    made.refresh_from_db()
    assert made.status == Offer.Status.OPEN


def test_the_api_decline_needs_a_reason(world):
    made = offer(world, world.relieved())
    response = post(world.caseworker, f"/api/v1/offers/{made.pk}/decline/", {})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "reason"


# ---- the back-office screens ----


@pytest.fixture
def funded(money):  # noqa: F811
    money.give(3_000_000, project=money.world.project)
    return money.world


def test_the_charity_offers_from_its_projects_matched_needs(client, funded):
    world = funded
    case = world.relieved()
    client.force_login(world.charity_staff)
    url = f"/admin/projects/{world.project.pk}/matches/"
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Offer help" in text
    assert f'name="case" value="{case.pk}"' in text
    for word in HOUSEHOLD:
        assert word not in text
    form = page.context["rows"][0]["form"]
    sent = client.post(
        f"/admin/projects/{world.project.pk}/offers/",
        {
            "case": case.pk,
            "amount": "5000",
            "note": "尽快",
            "submission": form["submission"].value(),
        },
    )
    assert sent.status_code == 302
    made = Offer.objects.get()
    assert (made.amount_fen, made.project, made.case) == (500_000, world.project, case)
    again = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Offer waiting for the caseworker" in again


def test_an_offer_above_the_gap_comes_back_on_the_form(client, funded):
    world = funded
    case = world.relieved()
    client.force_login(world.charity_staff)
    page = client.post(
        f"/admin/projects/{world.project.pk}/offers/",
        {"case": case.pk, "amount": "99999", "submission": uuid.uuid4().hex},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert page.status_code == 200
    assert "more than the case&#x27;s remaining gap" in page.content.decode()
    assert not Offer.objects.exists()


def test_another_charity_cannot_open_the_projects_matches(client, funded):
    world = funded
    world.relieved()
    client.force_login(world.other_charity_staff)
    assert client.get(f"/admin/projects/{world.project.pk}/matches/").status_code == 404
    posted = client.post(
        f"/admin/projects/{world.project.pk}/offers/",
        {"case": 1, "amount": "10", "submission": uuid.uuid4().hex},
    )
    assert posted.status_code == 404
    assert not Offer.objects.exists()


def test_the_caseworker_refers_or_declines_from_the_offer_page(client, world):
    case = world.relieved()
    made = offer(world, case)
    client.force_login(world.caseworker)
    page = client.get(f"/admin/offers/{made.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    assert "Refer the case to this project" in page.content.decode()
    assert "¥5,000.00" in page.content.decode() or "5,000.00" in page.content.decode()
    refused = client.post(
        f"/admin/offers/{made.pk}/decline/",
        {"reason": "", "submission": uuid.uuid4().hex},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert refused.status_code == 200
    made.refresh_from_db()
    assert made.status == Offer.Status.OPEN
    done = client.post(f"/admin/offers/{made.pk}/refer/", {"submission": uuid.uuid4().hex})
    assert done.status_code == 302
    made.refresh_from_db()
    assert made.status == Offer.Status.REFERRED


def test_a_caseworker_elsewhere_cannot_open_the_offer(client, world):
    made = offer(world, world.relieved())
    client.force_login(world.donghu_caseworker)
    assert client.get(f"/admin/offers/{made.pk}/").status_code == 404
    client.force_login(world.charity_staff)
    assert client.get(f"/admin/offers/{made.pk}/").status_code == 403


def test_a_direct_referral_to_the_project_answers_its_waiting_offer(world):
    case = world.relieved()
    made = offer(world, case)
    other = offer(world, case, by=world.other_charity_staff, project=world.other_project)
    referral = services.referral_create(by=world.caseworker, case=case, project=world.project)
    made.refresh_from_db()
    assert (made.status, made.referral) == (Offer.Status.REFERRED, referral)
    # Another project's offer for the same case still waits.
    other.refresh_from_db()
    assert other.status == Offer.Status.OPEN
    assert offers_to_answer(world.caseworker).count == 1
    assert AuditEvent.objects.filter(action="offer.refer", object_id=str(made.pk)).count() == 1
