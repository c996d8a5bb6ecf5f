"""Reports from the public carry the channel they came through: the site's form, or a message
staff picked up from a WeChat or QQ group, the wish wall, the public mailbox or a survey
(seed 000), chosen on the back-office form; a report made into a case keeps its channel."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError

from core.models import AuditEvent
from discovery.models import PublicReport
from discovery.services.public_reports import public_report_create, public_report_record

pytestmark = pytest.mark.django_db

STORY = "微信群里有人说村东头的老人摔伤了，没人照顾。"


@pytest.fixture(autouse=True)
def fresh_limit():
    cache.clear()


def _token(page: str) -> str:
    return re.search(r'name="submission" value="([^"]+)"', page).group(1)


def _record(client, **overrides):
    page = client.get("/admin/public-reports/new/").content.decode()
    data = {
        "channel": "wechat_group",
        "county": "220104",
        "what_happened": STORY,
        "reporter_contact": "",
        "submission": _token(page),
    }
    data.update(overrides)
    return client.post("/admin/public-reports/new/", data)


def test_the_web_form_keeps_its_channel(client, world):
    client.post("/report/", {"region": "220104", "what_happened": "邻居老人独居，家里没有吃的。"})
    report = PublicReport.objects.get()
    assert report.channel == PublicReport.Channel.WEB_FORM


def test_a_caseworker_records_a_report_from_a_wechat_group_shown_in_chinese(client, world):
    client.force_login(world.caseworker)
    form = client.get("/admin/public-reports/new/").content.decode()
    # The channel defaults to the web form's, and its choices read in Chinese.
    assert 'value="public_report" selected' in form
    for label in ("微信群", "QQ群", "心愿墙", "群众信箱", "集中排查"):
        assert label in form
    response = _record(client)
    assert response.status_code == 302
    report = PublicReport.objects.get()
    assert report.channel == "wechat_group" and report.office == world.chaoyang
    event = AuditEvent.objects.get(action="public_report.create")
    assert event.actor == world.caseworker and event.changes["channel"] == [None, "wechat_group"]
    listing = client.get("/admin/public-reports/").content.decode()
    # The row says 微信群; the raw code appears only as the filter's option value.
    shown = re.sub(r"<select.*?</select>", "", listing, flags=re.S)
    assert "微信群" in shown and "wechat_group" not in shown


def test_a_repeated_post_records_once(client, world):
    client.force_login(world.caseworker)
    page = client.get("/admin/public-reports/new/").content.decode()
    data = {"channel": "mailbox", "county": "220104", "what_happened": STORY}
    data["submission"] = _token(page)
    client.post("/admin/public-reports/new/", data)
    client.post("/admin/public-reports/new/", data)
    assert PublicReport.objects.count() == 1


def test_bad_input_names_the_field_and_records_nothing(client, world):
    client.force_login(world.caseworker)
    response = _record(client, channel="telepathy", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200 and "channel" in response.context["form"].errors
    response = _record(client, what_happened="")
    assert "what_happened" in response.context["form"].errors
    assert not PublicReport.objects.exists()


def test_the_service_refuses_an_unknown_channel_in_english(world, in_english):
    with pytest.raises(ValidationError) as error:
        public_report_record(
            by=world.caseworker, region_code="220104", what_happened=STORY, channel="fax"
        )
    assert error.value.message_dict["channel"] == ["Choose how the report reached the office."]
    assert not PublicReport.objects.exists()


def test_a_county_outside_the_jurisdiction_or_a_wrong_role_is_refused(client, world):
    with pytest.raises(PermissionDenied):
        public_report_record(
            by=world.nanguan_caseworker,
            region_code="220104",
            what_happened=STORY,
            channel="qq_group",
        )
    client.force_login(world.auditor)
    assert client.get("/admin/public-reports/new/").status_code == 403
    client.force_login(world.charity_staff)
    assert client.get("/admin/public-reports/new/").status_code == 403
    assert not PublicReport.objects.exists()


def test_a_report_made_into_a_case_keeps_its_channel(client, world):
    from needs.models import Case
    from tests.cms.test_report_someone import _case_data

    report = public_report_record(
        by=world.caseworker, region_code="220104", what_happened=STORY, channel="wish_wall"
    )
    web = public_report_create(region_code="220104", what_happened="老人独居无人照料")
    client.force_login(world.caseworker)
    client.post(f"/admin/public-reports/{report.pk}/case/", _case_data(world, channel="wish_wall"))
    assert Case.objects.get().channel == Case.Channel.WISH_WALL
    client.post(f"/admin/public-reports/{web.pk}/case/", _case_data(world))
    web.refresh_from_db()
    assert web.case.channel == Case.Channel.PUBLIC_REPORT


def _button_token(page: str, report, status: str) -> str:
    """The one-time token of the list's button that moves ``report`` to ``status``."""
    forms = re.findall(
        rf'action="/admin/public-reports/{report.pk}/status/">(.*?)</form>', page, re.S
    )
    [body] = [f for f in forms if f'name="status" value="{status}"' in f]
    return re.search(r'name="submission" value="([0-9a-f]+)"', body).group(1)


def test_the_lists_buttons_act_once_on_a_double_post(client, world):
    """ "Take it up" and "Close" carry one-time tokens: the same post twice changes the report
    once and the second is told it was already submitted; each button has its own token."""
    client.force_login(world.caseworker)
    _record(client)
    report = PublicReport.objects.get()
    page = client.get("/admin/public-reports/").content.decode()
    take = {"status": "handling", "submission": _button_token(page, report, "handling")}
    close = {"status": "closed", "submission": _button_token(page, report, "closed")}
    assert take["submission"] != close["submission"]
    url = f"/admin/public-reports/{report.pk}/status/"
    assert client.post(url, take).status_code == 302
    report.refresh_from_db()
    assert report.status == PublicReport.Status.HANDLING
    again = client.post(url, take, HTTP_ACCEPT_LANGUAGE="en", follow=True)
    assert "already submitted" in again.content.decode()
    assert AuditEvent.objects.filter(action="public_report.status").count() == 1
    # The other button of the same page still works once.
    client.post(url, close)
    client.post(url, close)
    report.refresh_from_db()
    assert report.status == PublicReport.Status.CLOSED
    assert AuditEvent.objects.filter(action="public_report.status").count() == 2
    # A refused move (closed back to handling, new token) says why and changes nothing.
    refused = client.post(
        url, {"status": "handling", "submission": "f" * 32}, HTTP_ACCEPT_LANGUAGE="en", follow=True
    )
    assert "cannot move to that status" in refused.content.decode()
    report.refresh_from_db()
    assert report.status == PublicReport.Status.CLOSED
