"""Known facts complete: a household's bank cards, hospital record and other document numbers
and its contacts outside the household are recorded (encrypted, by one service each, audited),
and the anonymizer's known pass removes them from public text; health details have their own
consent (PIPL: sensitive personal information needs a separate consent)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from rest_framework.test import APIClient

from core.models import AuditEvent, IdempotencyKey, PersonalDataRead
from needs import services
from needs.anonymize import scrub
from needs.factories import household_input, id_number
from needs.models import Consent, HouseholdContact, HouseholdIdentifier, Need
from needs.selectors import case_timeline
from needs.services.known_facts import health_details_consented, known_identifiers

pytestmark = pytest.mark.django_db


def card(first_digits: str) -> str:
    """A bank card number passing the Luhn check, from all its digits but the last; written
    out here so the test does not trust the code under test."""
    total = 0
    for position, char in enumerate(reversed(first_digits)):
        digit = int(char)
        if position % 2 == 0:  # doubled: the check digit will sit to their right
            digit = digit * 2 - 9 if digit * 2 > 9 else digit * 2
        total += digit
    return first_digits + str((10 - total % 10) % 10)


CARD = card("622848001234567890")  # 19 digits
HOSPITAL_RECORD = "ZY2026-08813"
DISABILITY_CERTIFICATE = "22010419790315123X42"
CONTACT_NAME = "王桂芝"
CONTACT_PHONE = "0431-85551234"


def bad_card() -> str:
    last = int(CARD[-1])
    return CARD[:-1] + str((last + 1) % 10)


def api_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def raw_rows(table: str) -> str:
    """Everything stored in ``table``, as the database holds it."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 (a table name of ours)
        return repr(cursor.fetchall())


def add_card(world, case, value: str = CARD, **extra) -> HouseholdIdentifier:
    return services.household_identifier_add(
        by=world.caseworker, case=case, kind="bank_card", value=value, **extra
    )


def add_contact(world, case, **extra) -> HouseholdContact:
    data = {"name": CONTACT_NAME, "relation": "neighbour", "phone": CONTACT_PHONE, **extra}
    return services.household_contact_add(by=world.caseworker, case=case, **data)


def refusal(call) -> ValidationError:
    with pytest.raises(ValidationError) as error:
        call()
    return error.value


def field_code(error: ValidationError) -> tuple[str, str]:
    [(field, [first, *_rest])] = error.error_dict.items()
    return field, first.code


# ---- document numbers ----


def test_a_bank_card_is_recorded_encrypted_normalized_and_audited_without_its_number(world):
    case = world.report()
    spaced = " ".join(CARD[i : i + 4] for i in range(0, len(CARD), 4))

    identifier = add_card(world, case, spaced, label="农业银行工资卡")

    assert identifier.kind == HouseholdIdentifier.Kind.BANK_CARD
    assert identifier.household == case.household
    stored = raw_rows("needs_householdidentifier")
    assert CARD not in stored and CARD[-8:] not in stored
    assert known_identifiers(case.household).bank_cards == (CARD,)
    event = AuditEvent.objects.get(action="household.identifier_add")
    assert event.actor == world.caseworker
    assert event.changes == {"identifier": [None, identifier.pk], "kind": [None, "bank_card"]}
    assert CARD not in repr(event.changes) + event.object_repr


@pytest.mark.parametrize(
    ("kind", "value", "stored"),
    [
        ("hospital_record", " zy2026-08813 ", HOSPITAL_RECORD),
        ("disability_certificate", DISABILITY_CERTIFICATE.lower(), DISABILITY_CERTIFICATE),
        ("assistance_certificate", "DB-2201-0042", "DB-2201-0042"),
        ("household_register", "２２０１０４５６７", "220104567"),
        ("other_document", "A1234567", "A1234567"),
    ],
)
def test_other_document_numbers_are_letters_digits_and_dashes(world, kind, value, stored):
    case = world.report()
    services.household_identifier_add(by=world.caseworker, case=case, kind=kind, value=value)
    known = known_identifiers(case.household)
    recorded = (
        known.hospital_record_numbers if kind == "hospital_record" else known.document_numbers
    )
    assert recorded == (stored,)
    assert stored not in raw_rows("needs_householdidentifier")


@pytest.mark.parametrize(
    ("kind", "value", "field", "code"),
    [
        ("bank_card", "bad", "value", "invalid_format"),
        ("bank_card", "6222 0212 3456", "value", "invalid_format"),  # too short
        ("hospital_record", "住院号123", "value", "invalid_format"),
        ("hospital_record", "-1234", "value", "invalid_format"),
        ("other_document", "ABCDEF", "value", "invalid_format"),  # a word, not a number
        ("other_document", "1" * 41, "value", "invalid_format"),
        ("passport", "E12345678", "kind", "invalid_choice"),
    ],
)
def test_a_malformed_number_is_refused_naming_the_field_and_nothing_is_written(
    world, kind, value, field, code
):
    case = world.report()
    events = AuditEvent.objects.count()
    error = refusal(
        lambda: services.household_identifier_add(
            by=world.caseworker, case=case, kind=kind, value=value
        )
    )
    assert field_code(error) == (field, code)
    assert not HouseholdIdentifier.objects.exists()
    assert AuditEvent.objects.count() == events


def test_a_bank_card_failing_its_check_digit_is_refused(world):
    case = world.report()
    error = refusal(lambda: add_card(world, case, bad_card()))
    assert field_code(error) == ("value", "invalid_check")
    assert not HouseholdIdentifier.objects.exists()


def test_a_label_longer_than_its_field_is_refused(world):
    case = world.report()
    error = refusal(lambda: add_card(world, case, label="卡" * 65))
    assert field_code(error) == ("label", "max_length")
    assert not HouseholdIdentifier.objects.exists()


def test_the_same_number_twice_is_refused_however_it_is_written(world):
    case = world.report()
    add_card(world, case)
    error = refusal(lambda: add_card(world, case, f"{CARD[:6]}-{CARD[6:]}"))
    assert field_code(error) == ("value", "duplicate")
    assert HouseholdIdentifier.objects.count() == 1


def test_a_number_is_removed_once_and_a_repeated_removal_is_refused(world):
    case = world.report()
    identifier = add_card(world, case)

    services.household_identifier_remove(by=world.caseworker, case=case, identifier=identifier)

    assert not HouseholdIdentifier.objects.exists()
    assert known_identifiers(case.household).bank_cards == ()
    event = AuditEvent.objects.get(action="household.identifier_remove")
    assert event.changes == {"identifier": [identifier.pk, None], "kind": ["bank_card", None]}
    error = refusal(
        lambda: services.household_identifier_remove(
            by=world.caseworker, case=case, identifier=identifier
        )
    )
    assert error.code == "already_removed"
    assert AuditEvent.objects.filter(action="household.identifier_remove").count() == 1


def test_a_number_cannot_be_removed_through_another_households_case(world):
    case = world.report()
    identifier = add_card(world, case)
    other = world.report(
        household=household_input(
            head="赵德胜", head_id=id_number("22010419650101123"), phone="13600001111"
        )
    )
    assert other.household != case.household

    error = refusal(
        lambda: services.household_identifier_remove(
            by=world.caseworker, case=other, identifier=identifier
        )
    )
    assert field_code(error) == ("identifier", "other_household")
    assert HouseholdIdentifier.objects.filter(pk=identifier.pk).exists()


@pytest.mark.parametrize("who", ["auditor", "charity_staff", "nanguan_caseworker"])
def test_only_the_cases_caseworkers_and_supervisors_record_numbers(world, who):
    case = world.report()
    identifier = add_card(world, case)
    contact = add_contact(world, case)
    user = getattr(world, who)
    events = AuditEvent.objects.count()

    with pytest.raises(PermissionDenied):
        services.household_identifier_add(
            by=user, case=case, kind="hospital_record", value=HOSPITAL_RECORD
        )
    with pytest.raises(PermissionDenied):
        services.household_identifier_remove(by=user, case=case, identifier=identifier)
    with pytest.raises(PermissionDenied):
        services.household_contact_add(by=user, case=case, name="李四", relation="relative")
    with pytest.raises(PermissionDenied):
        services.household_contact_remove(by=user, case=case, contact=contact)

    assert HouseholdIdentifier.objects.count() == HouseholdContact.objects.count() == 1
    assert AuditEvent.objects.count() == events


def test_the_citys_supervisor_may_record_a_number(world):
    case = world.report()
    services.household_identifier_add(
        by=world.supervisor, case=case, kind="hospital_record", value=HOSPITAL_RECORD
    )
    assert known_identifiers(case.household).hospital_record_numbers == (HOSPITAL_RECORD,)


# ---- contacts outside the household ----


def test_a_contact_is_recorded_with_name_and_phone_encrypted(world):
    case = world.report()

    contact = add_contact(world, case, note="住隔壁，有钥匙")

    stored = raw_rows("needs_householdcontact")
    assert CONTACT_NAME not in stored and "85551234" not in stored
    assert "住隔壁" in stored  # the note is no secret: staff write it without names
    known = known_identifiers(case.household)
    assert CONTACT_NAME in known.names and CONTACT_PHONE in known.phones
    event = AuditEvent.objects.get(action="household.contact_add")
    assert event.changes == {"contact": [None, contact.pk], "relation": [None, "neighbour"]}
    assert CONTACT_NAME not in repr(event.changes) + event.object_repr


def test_a_contact_without_a_phone_is_recorded(world):
    case = world.report()
    add_contact(world, case, name="村主任老刘", relation="village_cadre", phone="")
    assert "村主任老刘" in known_identifiers(case.household).names


@pytest.mark.parametrize(
    ("data", "field", "code"),
    [
        ({"name": "  "}, "name", "required"),
        ({"name": "王" * 65}, "name", "max_length"),
        ({"relation": "lover"}, "relation", "invalid_choice"),
        ({"phone": "12345"}, "phone", "invalid_phone"),
        ({"note": "x" * 201}, "note", "max_length"),
    ],
)
def test_a_bad_contact_is_refused_naming_the_field_and_nothing_is_written(world, data, field, code):
    case = world.report()
    events = AuditEvent.objects.count()
    error = refusal(lambda: add_contact(world, case, **data))
    assert field_code(error) == (field, code)
    assert not HouseholdContact.objects.exists()
    assert AuditEvent.objects.count() == events


def test_the_same_contact_twice_is_refused_and_removal_happens_once(world):
    case = world.report()
    contact = add_contact(world, case)
    error = refusal(lambda: add_contact(world, case, phone="0431 8555 1234"))
    assert field_code(error) == ("name", "duplicate")
    add_contact(world, case, phone="")  # the same name with another number is someone else

    services.household_contact_remove(by=world.caseworker, case=case, contact=contact)
    error = refusal(
        lambda: services.household_contact_remove(by=world.caseworker, case=case, contact=contact)
    )
    assert error.code == "already_removed"
    assert HouseholdContact.objects.count() == 1


# ---- the known pass uses them ----


def test_the_known_pass_removes_recorded_numbers_and_contacts_from_the_story(world):
    """Numbers only a record can tell apart from other text (no keyword, no check digit)
    are among them: the known pass finds them however they are written."""
    case = world.report()
    add_card(world, case)
    recorded = [
        ("hospital_record", HOSPITAL_RECORD),
        ("hospital_record", "HK-4471-QX"),
        ("disability_certificate", DISABILITY_CERTIFICATE),
        ("other_document", "GD88123"),
    ]
    for kind, value in recorded:
        services.household_identifier_add(by=world.caseworker, case=case, kind=kind, value=value)
    add_contact(world, case)
    story = (
        f"老人在市医院住院（{HOSPITAL_RECORD.lower()}），病案本上写着 hk 4471 qx，"
        f"残疾证{DISABILITY_CERTIFICATE}，她随身带着 GD88123 的本子。"
        f"平时由邻居{CONTACT_NAME}照看，{CONTACT_NAME}的电话85551234。"
        f"补助请打到卡 {' '.join(CARD[i : i + 4] for i in range(0, len(CARD), 4))}。"
    )

    known = known_identifiers(case.household, case)
    assert known.bank_cards == (CARD,)
    assert known.hospital_record_numbers == (HOSPITAL_RECORD, "HK-4471-QX")
    assert known.document_numbers == (DISABILITY_CERTIFICATE, "GD88123")
    assert CONTACT_NAME in known.names and CONTACT_PHONE in known.phones

    public = scrub(story, known)
    for secret in [
        CARD[-8:],
        "08813",
        "4471",
        DISABILITY_CERTIFICATE[-6:],
        "88123",
        CONTACT_NAME,
        "85551234",
    ]:
        assert secret not in public, secret
    assert "王某" in public


# ---- what staff read, and that the read is recorded ----


def test_the_case_api_shows_numbers_masked_and_contacts_and_logs_the_read(world):
    case = world.report()
    add_card(world, case, label="工资卡")
    add_contact(world, case)

    response = api_for(world.caseworker).get(f"/api/v1/cases/{case.pk}/")

    household = response.json()["household"]
    [identifier] = household["identifiers"]
    assert identifier["kind"] == "bank_card" and identifier["label"] == "工资卡"
    assert identifier["value"] == "*" * 15 + CARD[-4:]
    assert CARD not in response.content.decode()
    [contact] = household["contacts"]
    assert contact["name"] == CONTACT_NAME and contact["phone"] == CONTACT_PHONE
    read = PersonalDataRead.objects.get()
    assert read.actor == world.caseworker
    assert {"document_numbers_masked", "contacts"} <= set(read.fields)
    assert [e["action"] for e in response.json()["timeline"]] == [
        "case.report",
        "household.identifier_add",
        "household.contact_add",
    ]


def test_recording_and_removing_through_the_api(world):
    case = world.report()
    api = api_for(world.caseworker)
    base = f"/api/v1/cases/{case.pk}"

    created = api.post(
        f"{base}/identifiers/",
        {"kind": "bank_card", "value": CARD},
        format="json",
        HTTP_IDEMPOTENCY_KEY="card-0001",
    )
    assert created.status_code == 201
    assert created.json()["value"].endswith(CARD[-4:]) and CARD not in created.content.decode()
    assert CARD not in repr(list(IdempotencyKey.objects.values_list("response_body", flat=True)))

    refused = api.post(f"{base}/identifiers/", {"kind": "bank_card", "value": bad_card()})
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["field"] == "value"
    assert refused.json()["errors"][0]["code"] == "invalid_check"

    contact = api.post(
        f"{base}/contacts/",
        {"name": CONTACT_NAME, "relation": "relative", "phone": "13698765432"},
        format="json",
        HTTP_IDEMPOTENCY_KEY="contact-0001",
    )
    assert contact.status_code == 201
    assert contact.json()["name"] == "王某" and contact.json()["phone"] == "136****5432"
    stored_answers = repr(list(IdempotencyKey.objects.values_list("response_body", flat=True)))
    assert CONTACT_NAME not in stored_answers and "13698765432" not in stored_answers

    identifier_id = created.json()["id"]
    removed = api.post(f"{base}/identifiers/{identifier_id}/remove/")
    assert removed.status_code == 204
    assert api.post(f"{base}/identifiers/{identifier_id}/remove/").status_code == 404
    contact_id = contact.json()["id"]
    assert api.post(f"{base}/contacts/{contact_id}/remove/").status_code == 204
    assert not HouseholdIdentifier.objects.exists() and not HouseholdContact.objects.exists()


def test_the_api_refuses_other_roles_and_other_counties(world):
    case = world.report()
    identifier = add_card(world, case)
    base = f"/api/v1/cases/{case.pk}"
    data = {"kind": "hospital_record", "value": HOSPITAL_RECORD}

    assert api_for(world.auditor).post(f"{base}/identifiers/", data).status_code == 403
    assert api_for(world.charity_staff).post(f"{base}/identifiers/", data).status_code == 403
    other_county = api_for(world.nanguan_caseworker)
    assert other_county.post(f"{base}/identifiers/", data).status_code == 404
    assert other_county.post(f"{base}/identifiers/{identifier.pk}/remove/").status_code == 404
    assert list(HouseholdIdentifier.objects.all()) == [identifier]


def test_the_case_page_records_shows_masked_and_removes(client, world):
    case = world.report()
    client.force_login(world.caseworker)
    base = f"/admin/cases/{case.pk}"

    response = client.post(
        f"{base}/identifier-add/",
        {"kind": "bank_card", "value": CARD, "label": "工资卡"},
    )
    assert response.status_code == 302
    response = client.post(
        f"{base}/contact-add/",
        {"name": CONTACT_NAME, "relation": "neighbour", "phone": CONTACT_PHONE},
    )
    assert response.status_code == 302

    page = client.get(f"{base}/").content.decode()
    assert "*" * 15 + CARD[-4:] in page and CARD not in page
    assert CONTACT_NAME in page and CONTACT_PHONE in page
    read = PersonalDataRead.objects.filter(actor=world.caseworker).latest("pk")
    assert {"document_numbers_masked", "contacts"} <= set(read.fields)

    identifier = HouseholdIdentifier.objects.get()
    contact = HouseholdContact.objects.get()
    assert (
        client.post(f"{base}/identifier-remove/", {"identifier": identifier.pk}).status_code == 302
    )
    assert client.post(f"{base}/contact-remove/", {"contact": contact.pk}).status_code == 302
    assert not HouseholdIdentifier.objects.exists() and not HouseholdContact.objects.exists()


def test_the_case_page_shows_a_refused_number_on_its_form_and_writes_nothing(client, world):
    case = world.report()
    client.force_login(world.caseworker)
    events = AuditEvent.objects.count()

    response = client.post(
        f"/admin/cases/{case.pk}/identifier-add/", {"kind": "bank_card", "value": bad_card()}
    )

    assert response.status_code == 200
    form = next(a["form"] for a in response.context["actions"] if a["name"] == "identifier-add")
    assert form.errors["value"][0]
    assert not HouseholdIdentifier.objects.exists()
    assert AuditEvent.objects.count() == events


@pytest.mark.parametrize("who", ["auditor", "charity_staff"])
def test_the_record_screens_refuse_other_roles(client, world, who):
    case = world.report()
    identifier = add_card(world, case)
    client.force_login(getattr(world, who))
    base = f"/admin/cases/{case.pk}"
    posts = {
        "identifier-add": {"kind": "hospital_record", "value": HOSPITAL_RECORD},
        "identifier-remove": {"identifier": identifier.pk},
        "contact-add": {"name": "李四", "relation": "relative"},
        "contact-remove": {"contact": 1},
    }
    for action, data in posts.items():
        assert client.post(f"{base}/{action}/", data).status_code == 403, action
    assert list(HouseholdIdentifier.objects.all()) == [identifier]
    assert not HouseholdContact.objects.exists()


# ---- the separate consent for health details ----

NARRATIVE = "家中老人突发重病住院，积蓄已花光，仍欠医院5万元。"


def published_need(world):
    case = world.relieved(narrative=NARRATIVE)
    services.consent_record(
        by=world.caseworker,
        case=case,
        scope="publish_need",
        method="written",
        given_by_name="张建国",
    )
    need = services.need_preview(by=world.caseworker, case=case)
    return case, services.need_publish(by=world.caseworker, need=need)


def test_the_health_consent_is_recorded_and_withdrawn_like_the_others(world):
    case = world.report()
    assert not health_details_consented(case)

    consent = services.consent_record(
        by=world.caseworker,
        case=case,
        scope=Consent.Scope.DISCLOSE_HEALTH,
        method="written",
        given_by_name="张建国",
    )
    assert health_details_consented(case)
    error = refusal(
        lambda: services.consent_record(
            by=world.caseworker,
            case=case,
            scope="disclose_health",
            method="verbal",
            given_by_name="张建国",
        )
    )
    assert error.error_dict["scope"][0].code == "already_recorded"

    services.consent_withdraw(by=world.caseworker, consent=consent)
    assert not health_details_consented(case)
    assert AuditEvent.objects.filter(action="consent.withdraw").count() == 1
    with pytest.raises(PermissionDenied):
        services.consent_record(
            by=world.nanguan_caseworker,
            case=case,
            scope="disclose_health",
            method="written",
            given_by_name="张建国",
        )


def test_withdrawing_the_health_consent_takes_the_published_need_down(world):
    case, need = published_need(world)
    consent = services.consent_record(
        by=world.caseworker,
        case=case,
        scope="disclose_health",
        method="written",
        given_by_name="张建国",
    )
    assert need.status == Need.Status.PUBLISHED

    services.consent_withdraw(by=world.caseworker, consent=consent)

    need.refresh_from_db()
    assert need.status == Need.Status.UNPUBLISHED
    event = AuditEvent.objects.get(action="need.unpublish")
    assert event.changes == {"reason": [None, "health consent withdrawn"]}
    assert event.actor == world.caseworker
    assert Consent.objects.get(case=case, scope="publish_need").withdrawn_at is None


def test_the_health_consent_through_the_api_and_the_case_page(client, world):
    case = world.report()
    api = api_for(world.caseworker)
    recorded = api.post(
        f"/api/v1/cases/{case.pk}/consent/",
        {"scope": "disclose_health", "method": "electronic", "given_by_name": "张建国"},
        format="json",
    )
    assert recorded.status_code == 201 and recorded.json()["scope"] == "disclose_health"
    withdrawn = api.post(f"/api/v1/consents/{recorded.json()['id']}/withdraw/")
    assert withdrawn.status_code == 200 and withdrawn.json()["withdrawn_at"]

    client.force_login(world.caseworker)
    response = client.post(
        f"/admin/cases/{case.pk}/consent/",
        {"scope": "disclose_health", "method": "written", "given_by_name": "张建国"},
    )
    assert response.status_code == 302
    assert health_details_consented(case)
    assert "consent.record" in [e["action"] for e in case_timeline(case)]
