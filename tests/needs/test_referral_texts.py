"""What a charity reads of a referred case, before it accepts and after: the situation as the
public would read it (never the case narrative as written), and the caseworker's note and
emergency reason through the anonymizer. Contact details come only by their own consent-gated
path. Staff who may open the case read the notes as written."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from needs import services
from needs.models import Consent, Need

pytestmark = pytest.mark.django_db

# What the household's records hold (tests.needs.conftest, needs.factories.household_input).
PERSONAL = ["张建国", "李秀兰", "13912345678", "幸福小区", "3栋2单元501室", "南湖街道"]
NOTE = "请直接联系张建国，电话13912345678，家住南湖街道幸福小区3栋2单元501室。"
EMERGENCY = "李秀兰脑出血仍在抢救，张建国无力垫付。"


def leaked(text: str) -> list[str]:
    return [value for value in [*PERSONAL, "脑出血"] if value in text]


def referral_with_notes(world):
    case = world.relieved()
    referral = services.referral_create(
        by=world.caseworker,
        case=case,
        project=world.project,
        note=NOTE,
        emergency_reason=EMERGENCY,
    )
    return case, referral


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


# ---- the referral page ----


def test_charity_reads_the_situation_and_notes_anonymized_before_accepting(client, world):
    _case, referral = referral_with_notes(world)
    client.force_login(world.charity_staff)

    page = client.get(f"/admin/referrals/{referral.pk}/")

    assert page.status_code == 200
    html = page.content.decode()
    assert not leaked(html), leaked(html)
    assert "积蓄已花光" in html  # the situation is there, masked, not left out
    assert "张某" in page.context["story"]
    assert "张某" in page.context["note"] and "[电话已隐去]" in page.context["note"]
    assert page.context["emergency_reason"] and "李秀兰" not in page.context["emergency_reason"]


def test_after_accepting_without_consent_the_notes_stay_anonymized(client, world):
    _case, referral = referral_with_notes(world)
    services.referral_accept(by=world.charity_staff, referral=referral)
    client.force_login(world.charity_staff)

    html = client.get(f"/admin/referrals/{referral.pk}/").content.decode()

    assert not leaked(html), leaked(html)


def test_contact_details_come_only_by_the_consented_path(client, world):
    case, referral = referral_with_notes(world)
    services.referral_accept(by=world.charity_staff, referral=referral)
    services.consent_record(
        by=world.caseworker,
        case=case,
        scope=Consent.Scope.DISCLOSE_CONTACT,
        method=Consent.Method.WRITTEN,
        given_by_name="张建国",
    )
    client.force_login(world.charity_staff)

    page = client.get(f"/admin/referrals/{referral.pk}/")

    assert page.context["contact"].phone == "13912345678"  # the consented, logged path
    assert "13912345678" not in page.context["note"]  # the note is still the public version
    assert "脑出血" not in page.context["story"]


def test_the_referring_caseworker_reads_the_notes_as_written(client, world):
    _case, referral = referral_with_notes(world)
    client.force_login(world.caseworker)

    page = client.get(f"/admin/referrals/{referral.pk}/")

    assert page.context["note"] == NOTE
    assert page.context["emergency_reason"] == EMERGENCY
    # The situation shows as the receiver reads it, so the caseworker sees what goes out.
    assert "张建国" not in page.context["story"]


def test_a_published_need_is_the_story_the_charity_reads(client, world):
    case = world.relieved()
    services.consent_record(
        by=world.caseworker,
        case=case,
        scope=Consent.Scope.PUBLISH_NEED,
        method=Consent.Method.WRITTEN,
        given_by_name="张建国",
    )
    need = services.need_preview(by=world.caseworker, case=case)
    services.need_update_draft(
        by=world.caseworker, need=need, title=need.title, story="一家人遭遇重病，积蓄已花光。"
    )
    services.need_publish(by=world.caseworker, need=Need.objects.get(pk=need.pk))
    referral = services.referral_create(by=world.caseworker, case=case, project=world.project)
    client.force_login(world.charity_staff)

    page = client.get(f"/admin/referrals/{referral.pk}/")

    assert page.context["story"] == "一家人遭遇重病，积蓄已花光。"


# ---- the API ----


def test_the_inbox_api_gives_the_charity_the_anonymized_texts(world):
    _case, referral = referral_with_notes(world)
    charity = api(world.charity_staff)

    inbox = charity.get("/api/v1/referrals/")
    detail = charity.get(f"/api/v1/referrals/{referral.pk}/")
    accepted = charity.post(f"/api/v1/referrals/{referral.pk}/accept/")

    for response in (inbox, detail, accepted):
        assert response.status_code == 200, response.json()
        assert not leaked(response.content.decode()), leaked(response.content.decode())
    row = inbox.json()["results"][0]
    assert "张某" in row["note"] and row["emergency_reason"]
    assert "story" not in row  # the list stays light: the situation is on the referral itself
    assert "积蓄已花光" in detail.json()["story"]
    assert "积蓄已花光" in accepted.json()["story"]


def test_the_inbox_api_gives_case_staff_the_notes_as_written(world):
    _case, referral = referral_with_notes(world)

    row = api(world.caseworker).get(f"/api/v1/referrals/{referral.pk}/").json()

    assert row["note"] == NOTE
    assert row["emergency_reason"] == EMERGENCY
    assert "张建国" not in row["story"]
