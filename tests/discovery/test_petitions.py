"""The petition register (信访台账): the Regulation's time limits, the petitioner's data
encrypted and every read logged, jurisdiction, one step to a case, no reply before receipt."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings
from django.utils import timezone

from core.models import AuditEvent, PersonalDataRead, Region
from discovery import services
from discovery.models import Petition
from discovery.selectors_petitions import petitions_overdue, petitions_visible_to
from needs.factories import household_input
from needs.models import Case
from needs.models.households import Household

pytestmark = pytest.mark.django_db

# Monday 2026-03-02, 10:00 Beijing time.
MONDAY = timezone.make_aware(dt.datetime(2026, 3, 2, 10, 0))


def _valid_id() -> str:
    from needs.factories import id_number

    return id_number("22010419790315123")


def register(world, **overrides) -> Petition:
    kwargs = {
        "by": world.caseworker,
        "office": world.chaoyang,
        "form": Petition.Form.LETTER,
        "petitioner_name": "王秀英",
        "petitioner_phone": "139 1234 5678",
        "petitioner_id_number": _valid_id(),
        "region": Region.objects.get(code="220104"),
        "demand": "丈夫车祸后瘫痪在床，医药费无力承担，请求救助。",
        "received_at": MONDAY,
    }
    kwargs.update(overrides)
    return services.petition_register(**kwargs)


def test_a_letter_is_registered_with_the_acceptance_deadline_and_encrypted_petitioner(world):
    petition = register(world)

    assert petition.status == Petition.Status.RECEIVED
    # Decide on acceptance within 15 days of receipt (信访工作条例), calendar days.
    assert timezone.localtime(petition.accept_due_at).date() == dt.date(2026, 3, 17)
    stored = str(Petition.objects.filter(pk=petition.pk).values().get())
    assert "13912345678" not in stored and "王秀英" not in stored and _valid_id() not in stored
    event = AuditEvent.objects.get(action="petition.register")
    assert "王秀英" not in str(event.changes) and "13912345678" not in str(event.changes)


@override_settings(PETITION_TIME_LIMITS_DAYS={"accept": 5})
def test_the_time_limits_are_a_setting(world):
    petition = register(world)
    assert timezone.localtime(petition.accept_due_at).date() == dt.date(2026, 3, 7)


def test_bad_input_names_every_field_and_writes_nothing(world):
    with pytest.raises(ValidationError) as error:
        register(
            world,
            form="fax",
            petitioner_name=" ",
            petitioner_phone="12345",
            petitioner_id_number=_valid_id()[:-1] + ("1" if _valid_id()[-1] != "1" else "2"),
            demand="",
            region=Region.objects.get(code="220102"),  # Nanguan: not Chaoyang's
            received_at=timezone.now() + dt.timedelta(days=2),
        )
    assert set(error.value.message_dict) == {
        "form",
        "petitioner_name",
        "petitioner_phone",
        "petitioner_id_number",
        "demand",
        "region",
        "received_at",
    }
    assert not Petition.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="petition").exists()


def test_only_a_member_of_the_office_registers(world):
    with pytest.raises(PermissionDenied):
        register(world, by=world.nanguan_caseworker)
    with pytest.raises(PermissionDenied):
        register(world, by=world.charity_staff)
    assert not Petition.objects.exists()


def test_accept_extend_and_reply_run_the_handling_deadlines(in_english, world):
    petition = register(world)
    accepted_at = MONDAY + dt.timedelta(days=3)
    petition = services.petition_decide(
        by=world.colleague, petition=petition, accept=True, decided_at=accepted_at
    )
    assert petition.status == Petition.Status.ACCEPTED
    # Handled within 60 days of acceptance (2026-03-05 + 60 = 2026-05-04).
    assert timezone.localtime(petition.handle_due_at).date() == dt.date(2026, 5, 4)

    petition = services.petition_extend(
        by=world.caseworker, petition=petition, days=30, reason="需协调医保部门核实。"
    )
    assert timezone.localtime(petition.handle_due_at).date() == dt.date(2026, 6, 3)
    with pytest.raises(ValidationError) as error:
        services.petition_extend(by=world.caseworker, petition=petition, days=5, reason="再延")
    assert error.value.messages == ["The handling of this petition has already been extended."]

    petition = services.petition_reply(
        by=world.caseworker,
        petition=petition,
        reply="已给予临时救助并转介慈善项目。",
        replied_at=MONDAY + dt.timedelta(days=20),
    )
    assert petition.status == Petition.Status.REPLIED
    actions = list(
        AuditEvent.objects.filter(action__startswith="petition.")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["petition.register", "petition.accept", "petition.extend", "petition.reply"]
    assert AuditEvent.objects.get(action="petition.reply").changes["on_time"] is True


def test_an_extension_beyond_thirty_days_is_refused(world):
    petition = services.petition_decide(by=world.caseworker, petition=register(world), accept=True)
    due = petition.handle_due_at
    with pytest.raises(ValidationError) as error:
        services.petition_extend(by=world.caseworker, petition=petition, days=31, reason="")
    assert set(error.value.message_dict) == {"days", "reason"}
    petition.refresh_from_db()
    assert petition.handle_due_at == due and petition.extended_days == 0


def test_a_reply_before_the_petition_was_received_is_refused(in_english, world):
    petition = services.petition_decide(by=world.caseworker, petition=register(world), accept=True)
    with pytest.raises(ValidationError) as error:
        services.petition_reply(
            by=world.caseworker,
            petition=petition,
            reply="已答复。",
            replied_at=MONDAY - dt.timedelta(days=1),
        )
    assert error.value.message_dict == {
        "replied_at": ["A reply cannot be dated before the petition was received."]
    }
    petition.refresh_from_db()
    assert petition.status == Petition.Status.ACCEPTED and petition.reply == ""
    assert not AuditEvent.objects.filter(action="petition.reply").exists()


def test_a_reply_needs_an_accepted_petition_and_comes_once(in_english, world):
    petition = register(world)
    with pytest.raises(ValidationError):
        services.petition_reply(by=world.caseworker, petition=petition, reply="已答复。")
    services.petition_decide(by=world.caseworker, petition=petition, accept=True)
    services.petition_reply(by=world.caseworker, petition=petition, reply="已答复。")
    with pytest.raises(ValidationError) as error:
        services.petition_reply(by=world.caseworker, petition=petition, reply="再次答复。")
    assert error.value.messages == ["This petition has already been replied to."]
    assert AuditEvent.objects.filter(action="petition.reply").count() == 1


def test_not_accepting_needs_a_reason(world):
    petition = register(world)
    with pytest.raises(ValidationError) as error:
        services.petition_decide(by=world.caseworker, petition=petition, accept=False)
    assert set(error.value.message_dict) == {"reason"}
    petition = services.petition_decide(
        by=world.caseworker, petition=petition, accept=False, reason="属司法程序，已告知途径。"
    )
    assert petition.status == Petition.Status.NOT_ACCEPTED
    with pytest.raises(ValidationError):
        services.petition_decide(by=world.caseworker, petition=petition, accept=True)


def test_another_district_can_neither_see_nor_handle_it(world):
    petition = register(world)
    assert not petitions_visible_to(world.nanguan_caseworker).filter(pk=petition.pk).exists()
    assert not petitions_visible_to(world.charity_staff).exists()
    assert petitions_visible_to(world.supervisor).filter(pk=petition.pk).exists()
    assert petitions_visible_to(world.auditor).filter(pk=petition.pk).exists()
    with pytest.raises(PermissionDenied):
        services.petition_decide(by=world.nanguan_caseworker, petition=petition, accept=True)
    with pytest.raises(PermissionDenied):
        services.petitioner_details(by=world.nanguan_caseworker, petition=petition)
    assert not PersonalDataRead.objects.exists()


def test_reading_the_petitioner_is_logged(world):
    petition = register(world)
    details = services.petitioner_details(by=world.caseworker, petition=petition)
    assert details == {
        "petitioner_name": "王秀英",
        "petitioner_phone": "13912345678",
        "petitioner_id_number": _valid_id(),
    }
    read = PersonalDataRead.objects.get()
    assert read.actor == world.caseworker and "petitioner_name" in read.fields


def test_a_petition_becomes_a_linked_case_in_one_step_and_only_once(in_english, world):
    petition = register(world)
    result = services.petition_to_case(
        by=world.caseworker,
        petition=petition,
        household=household_input(),
        category=Case.Category.ACCIDENT,
    )
    case = result.case
    petition.refresh_from_db()
    assert case.channel == Case.Channel.PETITION
    assert case.narrative == petition.demand
    assert petition.case == case and petition.status == Petition.Status.ACCEPTED
    assert Household.objects.get(pk=case.household_id).kg_hotline_caller
    assert AuditEvent.objects.filter(action="petition.to_case").count() == 1

    with pytest.raises(ValidationError) as error:
        services.petition_to_case(
            by=world.caseworker,
            petition=petition,
            household=household_input(),
            category=Case.Category.ACCIDENT,
        )
    assert error.value.messages == ["This petition has already become a case."]
    assert Case.objects.count() == 1


def test_a_bad_category_makes_no_case(world):
    petition = register(world)
    with pytest.raises(ValidationError) as error:
        services.petition_to_case(
            by=world.caseworker, petition=petition, household=household_input(), category="x"
        )
    assert set(error.value.message_dict) == {"category"}
    assert not Case.objects.exists()
    petition.refresh_from_db()
    assert petition.case is None and petition.status == Petition.Status.RECEIVED


def test_overdue_petitions_are_found_in_the_jurisdiction(world):
    late = register(world)  # received on MONDAY, acceptance due 2026-03-17
    fresh = register(world, received_at=timezone.now())
    now = timezone.now()
    overdue = set(petitions_overdue(world.caseworker, now=now))
    assert late in overdue and fresh not in overdue
    assert not petitions_overdue(world.nanguan_caseworker, now=now).exists()
    services.petition_decide(by=world.caseworker, petition=late, accept=True)
    assert late not in set(petitions_overdue(world.caseworker, now=now))


# ---- the back-office screens ----


def _token(page) -> str:
    import re

    return re.search(r'name="submission" value="([^"]+)"', page.content.decode()).group(1)


def test_the_register_screens_record_decide_and_refuse_an_early_reply(client, world):
    client.force_login(world.caseworker)
    page = client.get("/admin/discovery/petitions/new/")
    assert page.status_code == 200
    response = client.post(
        "/admin/discovery/petitions/new/",
        {
            "submission": _token(page),
            "office": world.chaoyang.pk,
            "form": "visit",
            "petitioner_name": "王秀英",
            "petitioner_phone": "13912345678",
            "region": "220104",
            "demand": "请求临时救助。",
            "received_at": "2026-03-02T10:00",
        },
    )
    petition = Petition.objects.get()
    assert response.status_code == 302 and response.url.endswith(f"/petitions/{petition.pk}/")

    listing = client.get("/admin/discovery/petitions/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f"Petition {petition.pk}" in listing and "王秀英" not in listing
    assert "visit in person" in listing and ">visit<" not in listing

    detail = client.get(f"/admin/discovery/petitions/{petition.pk}/")
    assert "王秀英" in detail.content.decode()
    assert PersonalDataRead.objects.filter(actor=world.caseworker).count() == 1

    response = client.post(
        f"/admin/discovery/petitions/{petition.pk}/decide/",
        {"submission": _token(detail), "accept": "yes", "decided_at": "2026-03-03T09:00"},
    )
    assert response.status_code == 302
    petition.refresh_from_db()
    assert petition.status == Petition.Status.ACCEPTED

    detail = client.get(f"/admin/discovery/petitions/{petition.pk}/")
    response = client.post(
        f"/admin/discovery/petitions/{petition.pk}/reply/",
        {"submission": _token(detail), "reply": "已答复。", "replied_at": "2026-03-01T09:00"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert "A reply cannot be dated before the petition was received." in response.content.decode()
    petition.refresh_from_db()
    assert petition.status == Petition.Status.ACCEPTED


def test_the_screens_keep_to_the_jurisdiction(client, world):
    petition = register(world)
    client.force_login(world.nanguan_caseworker)
    assert client.get(f"/admin/discovery/petitions/{petition.pk}/").status_code == 404
    assert (
        f"Petition {petition.pk}"
        not in client.get("/admin/discovery/petitions/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    )
    client.force_login(world.charity_staff)
    assert client.get("/admin/discovery/petitions/").status_code == 403
    assert not PersonalDataRead.objects.exists()


def test_overdue_petitions_are_on_the_office_worklist(in_english, world):
    from needs.worklist import worklist_for

    late = register(world)
    register(world, received_at=timezone.now())
    (work,) = [w for w in worklist_for(world.colleague) if w.kind == "petitions_due"]
    assert work.count == 2 and work.overdue == 1
    assert work.items[0].title == f"Petition {late.pk}" and work.items[0].overdue
    assert not [
        w for w in worklist_for(world.nanguan_caseworker) if w.count and w.kind == "petitions_due"
    ]
    assert not [w for w in worklist_for(world.charity_staff) if w.kind == "petitions_due"]


def test_the_supervision_dashboard_counts_and_exports_petitions(client, world):
    late = register(world)
    register(world, received_at=timezone.now())
    services.petition_to_case(
        by=world.caseworker, petition=late, household=household_input(), category="accident"
    )
    client.force_login(world.supervisor)
    page = client.get("/admin/supervision/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    figures = page.context["petitions"]
    counts = {str(row["label"]): row["count"] for row in figures["rows"]}
    assert counts["received, acceptance to decide"] == 1
    assert counts["accepted, being handled"] == 1
    assert figures["overdue"] == 0  # accepted just now by making the case: 60 days to go

    answer = client.get("/admin/supervision/export/petitions.csv", HTTP_ACCEPT_LANGUAGE="en")
    assert answer.status_code == 200
    text = b"".join(answer.streaming_content).decode()
    late.refresh_from_db()
    assert late.case.number in text and "王秀英" not in text and "13912345678" not in text
    assert AuditEvent.objects.filter(action="export.petitions").exists()

    client.force_login(world.nanguan_caseworker)
    page = client.get("/admin/supervision/", HTTP_ACCEPT_LANGUAGE="en")
    assert sum(row["count"] for row in page.context["petitions"]["rows"]) == 0


# ---- the API ----

API_PETITION = {
    "form": "letter",
    "petitioner_name": "王秀英",
    "petitioner_phone": "13912345678",
    "region": "220104",
    "demand": "丈夫车祸后瘫痪在床，请求救助。",
    "received_at": "2026-03-02T10:00:00+08:00",
}


def _api(user):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(user)
    return api


def test_the_api_registers_once_per_idempotency_key_and_keeps_the_petitioner_off_lists(world):
    api = _api(world.caseworker)
    headers = {"HTTP_IDEMPOTENCY_KEY": "petition-key-0001"}
    created = api.post("/api/v1/petitions/", API_PETITION, format="json", **headers)
    assert created.status_code == 201, created.json()
    again = api.post("/api/v1/petitions/", API_PETITION, format="json", **headers)
    assert again.status_code == 201 and again.json()["id"] == created.json()["id"]
    assert Petition.objects.count() == 1
    petition_id = created.json()["id"]

    listing = api.get("/api/v1/petitions/?status=received&overdue=true")
    assert listing.json()["count"] == 1
    assert (
        "王秀英" not in listing.content.decode() and "13912345678" not in listing.content.decode()
    )
    assert not PersonalDataRead.objects.exists()
    page = api.get(f"/api/v1/petitions/{petition_id}/").json()
    assert page["petitioner"]["petitioner_name"] == "王秀英"
    assert PersonalDataRead.objects.count() == 1
    assert api.get("/api/v1/petitions/overdue/").json()["count"] == 1


def test_the_api_refuses_a_reply_before_receipt_naming_the_field(world):
    api = _api(world.caseworker)
    petition_id = api.post("/api/v1/petitions/", API_PETITION, format="json").json()["id"]
    decided = api.post(f"/api/v1/petitions/{petition_id}/decide/", {"accept": True}, format="json")
    assert decided.status_code == 200 and decided.json()["status"] == "accepted"
    early = api.post(
        f"/api/v1/petitions/{petition_id}/reply/",
        {"reply": "已答复。", "replied_at": "2026-03-01T10:00:00+08:00"},
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert early.status_code == 400
    error = early.json()["errors"][0]
    assert error["field"] == "replied_at" and error["code"] == "before_received"
    assert Petition.objects.get().status == Petition.Status.ACCEPTED

    made = api.post(
        f"/api/v1/petitions/{petition_id}/to-case/",
        {
            "category": "accident",
            "household": {
                "region": "220104",
                "phone": "13800138000",
                "members": [{"name": "张大山", "relation": "head", "age": 58}],
            },
        },
        format="json",
    )
    assert made.status_code == 201, made.json()
    assert Case.objects.get().channel == "petition"


def test_the_api_keeps_to_roles_and_jurisdiction(world):
    petition_id = (
        _api(world.caseworker).post("/api/v1/petitions/", API_PETITION, format="json").json()["id"]
    )
    assert _api(world.charity_staff).get("/api/v1/petitions/").status_code == 403
    other = _api(world.nanguan_caseworker)
    assert other.get("/api/v1/petitions/").json()["count"] == 0
    assert other.get(f"/api/v1/petitions/{petition_id}/").status_code == 404
    assert (
        other.post(f"/api/v1/petitions/{petition_id}/decide/", {"accept": True}).status_code == 404
    )
    auditor = _api(world.auditor)
    assert auditor.get("/api/v1/petitions/").json()["count"] == 1
    assert (
        auditor.post(f"/api/v1/petitions/{petition_id}/decide/", {"accept": True}).status_code
        == 403
    )
    assert Petition.objects.get().status == Petition.Status.RECEIVED


def test_the_case_page_links_back_to_its_petition(client, world):
    petition = register(world)
    case = services.petition_to_case(
        by=world.caseworker, petition=petition, household=household_input(), category="accident"
    ).case
    client.force_login(world.caseworker)
    page = client.get(f"/admin/cases/{case.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f"/admin/discovery/petitions/{petition.pk}/" in page
    assert "from the petition of 2026-03-02" in page
