"""我要求助 online (issue 18, items 3 and 4): an application, for oneself or on someone's
behalf, becomes a case waiting in the right office's 待办; the applicant gets a tracking code
and a page that says what happens next, by when, and whom to call; the code finds it again
from a look-up box, which answers a malformed and an unknown code alike and never shows
anything about the person. Bad input is named field by field and writes nothing; one
connection may apply five times an hour, and the limit holds under parallel posts."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.test import Client

from core.models import AuditEvent, Notification
from discovery.models import PublicReport
from needs import services
from needs.crypto import decrypt_personal
from needs.models import Case, Household, HouseholdContact, OnlineApplication
from needs.worklist import cases_to_accept
from tests.cms.test_rate_limits import IN_THREADS, ON_POSTGRES, in_parallel

pytestmark = pytest.mark.django_db

SELF = {
    "applied_by": "self",
    "category": "illness",
    "region": "220104",
    "township": "前进街道",
    "what_happened": "丈夫突发脑梗住院，家里没有收入，医药费交不上。",
    "name": "孙秀梅",
    "phone": "13800002222",
    "consent": "on",
}
PROXY = {
    **SELF,
    "applied_by": "proxy",
    "name": "刘大爷",
    "phone": "",
    "what_happened": "邻居刘大爷八十多岁独居，冬天没有取暖，也不会用手机。",
    "helper_name": "赵小红",
    "helper_relation": "neighbour",
    "helper_phone": "13900003333",
    "person_agreed": "on",
}
PRIVATE = ("孙秀梅", "13800002222", "脑梗", "前进街道", "刘大爷", "赵小红", "13900003333")


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def english():
    return Client(HTTP_ACCEPT_LANGUAGE="en")


def _nothing_written():
    assert not OnlineApplication.objects.exists()
    assert not Case.objects.exists()
    assert not Household.objects.exists()
    assert not HouseholdContact.objects.exists()


# ---- an application becomes a case in the office's 待办 ----


def test_a_self_application_is_a_case_waiting_in_the_county_offices_worklist(english, world):
    response = english.post("/apply/", SELF)
    assert response.status_code == 302
    application = OnlineApplication.objects.get()
    assert response["Location"] == f"/apply/{application.tracking_code}/"
    case = application.case
    assert case.responsible_office == world.chaoyang
    assert (case.channel, case.category, case.status) == ("online", "illness", "reported")
    assert case.owner is None and case.reported_by is None
    assert case.household.head.name == "孙秀梅" and case.household.phone == "13800002222"
    assert case.household.township == "前进街道"
    assert application.applied_by == "self" and application.contact_consent_at is not None
    # In the 待办 of the office's caseworkers, with its acceptance deadline; not in another's.
    work = cases_to_accept(world.caseworker)
    assert work.count == 1 and work.items[0].title == case.number
    assert work.items[0].due_at is not None
    assert cases_to_accept(world.donghu_caseworker).count == 0
    assert AuditEvent.objects.filter(action="case.apply_online", object_id=str(case.pk)).exists()
    # The office's caseworkers are told, by case number only.
    told = Notification.objects.filter(
        recipient=world.caseworker, key=f"online-application:{case.pk}"
    )
    assert told.count() == 1 and "孙秀梅" not in told.get().message
    # A caseworker accepts it like any other case.
    services.case_accept(by=world.caseworker, case=case)
    assert cases_to_accept(world.caseworker).count == 0


def test_a_proxy_application_keeps_the_helper_encrypted_as_a_contact(english, world):
    assert english.post("/apply/", PROXY).status_code == 302
    application = OnlineApplication.objects.get()
    assert application.applied_by == "proxy" and application.person_agreed
    helper = application.helper
    assert helper.household == application.case.household
    assert helper.relation == "neighbour"
    assert "赵小红" not in helper.name_encrypted and "13900003333" not in helper.phone_encrypted
    assert decrypt_personal(helper.name_encrypted) == "赵小红"
    assert decrypt_personal(helper.phone_encrypted) == "13900003333"
    assert application.case.household.head.name == "刘大爷"
    assert application.case.household.phone == ""
    assert cases_to_accept(world.caseworker).count == 1


def test_a_county_without_its_own_office_goes_to_the_office_above(english, world):
    english.post("/apply/", {**SELF, "region": "220105"})  # 二道区: the city office serves it
    assert OnlineApplication.objects.get().case.responsible_office == world.city


def test_the_caseworker_sees_the_helper_on_the_case_page(client, world):
    client.post("/apply/", PROXY)
    case = OnlineApplication.objects.get().case
    client.force_login(world.caseworker)
    html = client.get(f"/admin/cases/{case.pk}/").content.decode()
    assert "赵小红" in html and "13900003333" in html


# ---- consent and bad input: a message naming the field, nothing written ----


def test_consent_to_be_contacted_is_required(english, world):
    response = english.post("/apply/", {**SELF, "consent": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="apply-consent-error"' in html and "agree to be contacted" in html
    _nothing_written()


def test_a_helper_must_confirm_the_person_agrees(english, world):
    response = english.post("/apply/", {**PROXY, "person_agreed": ""})
    assert response.status_code == 400
    assert 'id="apply-person-agreed-error"' in response.content.decode()
    _nothing_written()


@pytest.mark.parametrize(
    ("change", "element"),
    [
        ({"region": ""}, "apply-region"),
        ({"region": "999999"}, "apply-region"),  # no such county
        ({"region": "220100"}, "apply-region"),  # a city, not a county
        ({"region": "110101"}, "apply-region"),  # a county no office on the platform serves
        ({"category": "lottery"}, "apply-category"),
        ({"what_happened": ""}, "apply-text"),
        ({"what_happened": "很" * 2001}, "apply-text"),
        ({"name": ""}, "apply-name"),
        ({"name": "名" * 65}, "apply-name"),
        ({"phone": ""}, "apply-phone"),
        ({"phone": "12345"}, "apply-phone"),
        ({"township": "街" * 65}, "apply-township"),
    ],
)
def test_bad_input_is_named_beside_its_field_and_nothing_is_written(
    english, world, change, element
):
    response = english.post("/apply/", {**SELF, **change})
    assert response.status_code == 400
    html = response.content.decode()
    assert f'id="{element}-error"' in html
    assert 'id="apply-form-error"' in html
    _nothing_written()


def test_an_empty_application_names_every_required_field(english, world):
    response = english.post("/apply/", {})
    assert response.status_code == 400
    html = response.content.decode()
    for element in ("apply-region", "apply-category", "apply-text", "apply-name", "apply-consent"):
        assert f'id="{element}-error"' in html
    _nothing_written()


def test_a_proxy_application_needs_the_helpers_details(english, world):
    response = english.post(
        "/apply/", {**PROXY, "helper_name": "", "helper_relation": "boss", "helper_phone": "1"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    for element in ("apply-helper-name", "apply-helper-relation", "apply-helper-phone"):
        assert f'id="{element}-error"' in html
    _nothing_written()


def test_the_honeypot_saves_nothing(client, world):
    response = client.post("/apply/", {**SELF, "website": "http://spam.example"})
    assert response.status_code == 200
    _nothing_written()


# ---- the rate limit ----


def test_one_connection_may_apply_five_times_an_hour_and_mistakes_do_not_count(english, world):
    for _ in range(6):
        assert english.post("/apply/", {**SELF, "consent": ""}).status_code == 400
    for _ in range(5):
        assert english.post("/apply/", SELF).status_code == 302
    response = english.post("/apply/", SELF)
    assert response.status_code == 429
    assert "Too many applications" in response.content.decode()
    assert OnlineApplication.objects.count() == 5


@ON_POSTGRES
@IN_THREADS
def test_parallel_applications_cannot_all_pass_the_hourly_limit(world):
    codes = in_parallel(12, lambda: Client().post("/apply/", SELF).status_code)
    assert codes.count(302) == 5 and codes.count(429) == 7
    assert OnlineApplication.objects.count() == 5
    assert Case.objects.count() == 5


# ---- the code and the status page ----


def _apply(client, data=SELF) -> OnlineApplication:
    assert client.post("/apply/", data).status_code == 302
    return OnlineApplication.objects.order_by("-pk").first()


def test_the_page_after_applying_shows_the_code_what_next_and_whom_to_call(english, world):
    world.chaoyang.public_phone = "0431-8000 2204"
    world.chaoyang.save()
    response = english.post("/apply/", SELF, follow=True)
    html = response.content.decode()
    code = OnlineApplication.objects.get().tracking_code
    assert code in html and "朝阳区民政局" in html and "0431-8000 2204" in html
    # The date in the English manner (issue 18, item 7): "Dec. 8, 2026", not 2026-12-08.
    assert re.search(r"accepts it by [A-Z][a-z]+\.? \d{1,2}, \d{4} \(within 1 working days\)", html)
    for private in PRIVATE:
        assert private not in html


def test_a_code_is_found_again_as_typed_and_shows_the_stage_only(english, world):
    application = _apply(english, PROXY)
    typed = application.tracking_code.lower()
    typed = typed[:5] + " " + typed[5:]
    response = english.get("/track/", {"code": typed})
    assert response.status_code == 200
    html = response.content.decode()
    assert application.tracking_code in html and "Received: waiting" in html
    assert "12349" in html  # the office has no public phone: the hotline instead
    for private in PRIVATE:
        assert private not in html


def test_the_stage_follows_the_case(english, world):
    application = _apply(english)
    services.case_accept(by=world.caseworker, case=application.case)
    html = english.get("/track/", {"code": application.tracking_code}).content.decode()
    assert "Accepted: the office is checking" in html
    assert '<li class="current" aria-current="step">Being checked' in html
    services.case_close(by=world.caseworker, case=application.case, outcome="withdrawn")
    html = english.get("/track/", {"code": application.tracking_code}).content.decode()
    assert "<strong>Finished</strong>" in html
    assert '<li class="skipped">Relief given' in html  # closed without relief: not claimed


def test_a_malformed_and_an_unknown_code_get_the_same_answer(english, world):
    _apply(english)
    answers = []
    for typed in ("ABCDEFGHJK", "%%<script>", "0000", "Z" * 500, "ABCDEFGHJKL"):
        response = english.get("/track/", {"code": typed})
        # The page's own text (the header and meta tags echo the address, the box what
        # was typed): the same for every code that finds nothing.
        main = re.search(r"<main.*</main>", response.content.decode(), re.S).group(0)
        main = re.sub(r'(id="track-box-code"[^>]*value=")[^"]*"', r'\1"', main)
        answers.append((response.status_code, main))
    assert answers[0][0] == 404
    assert all(answer == answers[0] for answer in answers)
    assert "Nothing was found for this code" in answers[0][1]
    # The page after applying answers another code the same way.
    assert english.get("/apply/ABCDEFGHJK/").status_code == 404


def test_a_reports_code_is_found_by_the_same_box(english, world):
    english.post(
        "/report/", {"region": "220104", "what_happened": "邻居老人独居", "contact": "13800001111"}
    )
    report = PublicReport.objects.get()
    html = english.get("/track/", {"code": report.tracking_code}).content.decode()
    assert "Report received on" in html and "朝阳区民政局" in html
    assert "13800001111" not in html and "独居" not in html


def test_look_ups_are_limited_per_connection(english, world):
    application = _apply(english)
    cache.clear()
    codes = [english.get("/track/", {"code": "ABCDEFGHJK"}).status_code for _ in range(30)]
    assert set(codes) == {404}
    response = english.get("/track/", {"code": application.tracking_code})
    assert response.status_code == 429
    assert 'class="tracking-code"' not in response.content.decode()  # nothing looked up
    assert (
        Client(REMOTE_ADDR="198.51.100.9")
        .get("/track/", {"code": application.tracking_code})
        .status_code
        == 200
    )


def test_the_look_up_box_is_on_the_home_report_and_apply_pages(client, world):
    from cms.demo import seed_site

    seed_site()
    for path in ("/", "/report/", "/apply/", "/track/"):
        html = client.get(path).content.decode()
        assert 'action="/track/"' in html and 'name="code"' in html, path
