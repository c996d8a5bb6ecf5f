"""Reporting someone in distress: routed to the office of the region, a tracking code that
shows the status only, a honeypot and a per-IP limit; bad input gets a clear message."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from discovery.models import PublicReport

pytestmark = pytest.mark.django_db

GOOD = {
    "region": "220104",
    "what_happened": "邻居老人独居，几天没见出门，家里没有吃的。",
    "contact": "13800001111",
}


@pytest.fixture(autouse=True)
def fresh_limit():
    cache.clear()


def test_a_report_is_routed_to_the_office_and_its_code_shows_the_status_only(client, world):
    response = client.post("/report/", GOOD)
    assert response.status_code == 302
    report = PublicReport.objects.get()
    assert report.office == world.chaoyang
    page = client.get(response["Location"]).content.decode()
    assert report.tracking_code in page and "已收到" in page
    for private in ("独居", "13800001111"):
        assert private not in page


def test_a_county_without_its_own_office_goes_to_the_office_above(client, world):
    client.post("/report/", {**GOOD, "region": "220105"})  # 二道区: the city office serves it
    assert PublicReport.objects.get().office == world.city


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"region": ""}, "region"),
        ({"region": "220100"}, "region"),
        ({"what_happened": ""}, "what_happened"),
        ({"what_happened": "很" * 10_001}, "what_happened"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_saved(client, world, change, field):
    response = client.post("/report/", {**GOOD, **change})
    assert response.status_code == 400
    html = response.content.decode()
    element = {"region": "report-region", "what_happened": "report-text"}[field]
    assert f'id="{element}-error"' in html  # the message sits beside the field it names
    assert not PublicReport.objects.exists()


def test_the_honeypot_saves_nothing(client, world):
    response = client.post("/report/", {**GOOD, "website": "http://spam.example"})
    assert response.status_code == 200
    assert not PublicReport.objects.exists()


def test_one_connection_may_send_five_reports_an_hour(client, world):
    for _ in range(5):
        assert client.post("/report/", GOOD).status_code == 302
    response = client.post("/report/", GOOD)
    assert response.status_code == 429
    assert PublicReport.objects.count() == 5


def test_an_unknown_tracking_code_is_a_clear_404(client, world):
    response = client.get("/report/NOSUCHCODE/")
    assert response.status_code == 404
    assert "NOSUCHCODE" in response.content.decode()


# ---- the back office ----


def test_the_regions_caseworkers_see_the_report_and_take_it_up(client, world):
    from core.models import PersonalDataRead

    client.post("/report/", GOOD)
    report = PublicReport.objects.get()
    client.force_login(world.caseworker)
    html = client.get("/admin/public-reports/").content.decode()
    assert report.tracking_code in html and "13800001111" in html
    assert PersonalDataRead.objects.filter(object_id=str(report.pk)).exists()  # read logged
    client.post(f"/admin/public-reports/{report.pk}/status/", {"status": "handling"})
    report.refresh_from_db()
    assert report.status == PublicReport.Status.HANDLING
    client.logout()
    assert "正在处理" in client.get(f"/report/{report.tracking_code}/").content.decode()


def test_other_regions_and_other_roles_cannot_see_or_move_it(client, world):
    client.post("/report/", GOOD)
    report = PublicReport.objects.get()
    client.force_login(world.donghu_caseworker)
    assert report.tracking_code not in client.get("/admin/public-reports/").content.decode()
    response = client.post(f"/admin/public-reports/{report.pk}/status/", {"status": "closed"})
    assert response.status_code == 404
    client.force_login(world.charity_staff)
    assert client.get("/admin/public-reports/").status_code == 403
    report.refresh_from_db()
    assert report.status == PublicReport.Status.RECEIVED


def test_a_closed_report_cannot_be_reopened(world):
    from django.core.exceptions import ValidationError

    from discovery.services.public_reports import public_report_create, public_report_set_status

    report = public_report_create(region_code="220104", what_happened="老人独居无人照料")
    public_report_set_status(by=world.caseworker, report=report, status="closed")
    with pytest.raises(ValidationError):
        public_report_set_status(by=world.caseworker, report=report, status="handling")


# ---- a report becomes a case in one step ----


def _case_data(world, **overrides) -> dict:
    from needs.factories import id_number

    data = {
        "office": world.chaoyang.pk,
        "channel": "public_report",
        "category": "other",
        "narrative": "",
        "urgency": "3",
        "county": "220104",
        "township": "前进街道",
        "address_detail": "和平里5号",
        "phone": "13700002222",
        "head_name": "孙立新",
        "head_id_number": id_number("22010419400101123"),
        "head_age": "86",
    }
    data.update(overrides)
    return data


def test_a_report_becomes_a_case_once_and_its_status_follows_the_case(client, world):
    from core.models import AuditEvent
    from needs.models import Case

    client.post("/report/", GOOD)
    report = PublicReport.objects.get()
    client.force_login(world.caseworker)
    page = client.get(f"/admin/public-reports/{report.pk}/case/")
    assert page.status_code == 200
    assert GOOD["what_happened"] in page.content.decode()
    response = client.post(f"/admin/public-reports/{report.pk}/case/", _case_data(world))
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.channel == Case.Channel.PUBLIC_REPORT
    assert case.narrative == GOOD["what_happened"]  # the reporter's words are the story
    report.refresh_from_db()
    assert report.case == case and report.status == PublicReport.Status.HANDLING
    assert AuditEvent.objects.filter(action="public_report.to_case").count() == 1
    assert response["Location"] == f"/admin/cases/{case.pk}/"

    # Posted again (a double click, a back button): nothing new, the case opens.
    again = client.post(f"/admin/public-reports/{report.pk}/case/", _case_data(world))
    assert again["Location"] == f"/admin/cases/{case.pk}/" and Case.objects.count() == 1

    client.logout()
    status_page = client.get(f"/report/{report.tracking_code}/").content.decode()
    assert "正在处理" in status_page and case.number not in status_page
    Case.objects.filter(pk=case.pk).update(status=Case.Status.CLOSED)
    assert "已结束" in client.get(f"/report/{report.tracking_code}/").content.decode()


def test_a_report_to_case_with_bad_input_changes_nothing(client, world):
    from needs.models import Case

    client.post("/report/", GOOD)
    report = PublicReport.objects.get()
    client.force_login(world.caseworker)
    response = client.post(
        f"/admin/public-reports/{report.pk}/case/", _case_data(world, head_id_number="123")
    )
    assert response.status_code == 200
    assert "head_id_number" in response.context["form"].errors
    assert not Case.objects.exists()
    report.refresh_from_db()
    assert report.case is None and report.status == PublicReport.Status.RECEIVED


def test_only_the_regions_caseworkers_make_a_case_of_a_report(client, world):
    from needs.models import Case

    client.post("/report/", GOOD)
    report = PublicReport.objects.get()
    client.force_login(world.donghu_caseworker)
    url = f"/admin/public-reports/{report.pk}/case/"
    assert client.get(url).status_code == 404
    assert client.post(url, _case_data(world)).status_code == 404
    client.force_login(world.charity_staff)
    assert client.post(url, _case_data(world)).status_code == 403
    assert not Case.objects.exists()


def test_a_closed_report_or_one_already_a_case_is_refused_by_the_service(world):
    from django.core.exceptions import ValidationError

    from discovery.services.public_reports import (
        public_report_create,
        public_report_set_status,
        public_report_to_case,
    )
    from needs.factories import household_input

    def make(report):
        return public_report_to_case(
            by=world.caseworker,
            report=report,
            office=world.chaoyang,
            category="other",
            household=household_input(),
        )

    report = public_report_create(region_code="220104", what_happened="老人独居无人照料")
    public_report_set_status(by=world.caseworker, report=report, status="closed")
    with pytest.raises(ValidationError):
        make(report)
    second = public_report_create(region_code="220104", what_happened="老人独居无人照料")
    make(second)
    with pytest.raises(ValidationError):
        make(second)


def test_auditors_read_every_report_and_change_none(client, world):
    client.post("/report/", GOOD)
    report = PublicReport.objects.get()
    client.force_login(world.auditor)
    html = client.get("/admin/public-reports/").content.decode()
    assert report.tracking_code in html and '<form method="post"' not in html
    assert f"/admin/public-reports/{report.pk}/status/" not in html
    client.post(f"/admin/public-reports/{report.pk}/status/", {"status": "closed"})
    assert client.post(f"/admin/public-reports/{report.pk}/case/", {}).status_code == 403
    report.refresh_from_db()
    assert report.status == PublicReport.Status.RECEIVED
