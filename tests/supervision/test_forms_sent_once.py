"""Every state-changing form of reports upward and inspections acts once (core.form_tokens):
a second post of the same form (a double click, a resent request) writes nothing and tells the
user it was already submitted."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from core import services as core_services
from core.factories import UserFactory
from core.models import AuditEvent, Membership, Organisation
from needs.models import Case
from supervision import services_inspections as si
from supervision import services_reports as sr
from supervision.models import InspectionCampaign, MonthlyReport, SpotCheck

Role = Membership.Role
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
ALREADY = "This form was already submitted; nothing was repeated."
TOKEN = {"submission": "b" * 32}


@pytest.fixture
def upward(world):
    """Chaoyang reports to the city, the city to the province."""
    province = Organisation.objects.get(name="吉林省民政厅")
    world.city.parent = province
    world.city.save()
    world.chaoyang.parent = world.city
    world.chaoyang.save()
    world.province_supervisor = UserFactory(username="jilin.sup.once")
    core_services.membership_grant(
        by=None, user=world.province_supervisor, organisation=province, role=Role.SUPERVISOR
    )
    return world


def _twice(client, url, data):
    """Post the same form twice; return both responses (the second followed) and how many
    audit events the second one wrote."""
    first = client.post(url, {**data, **TOKEN}, **EN)
    events = AuditEvent.objects.count()
    second = client.post(url, {**data, **TOKEN}, follow=True, **EN)
    return first, second, AuditEvent.objects.count() - events


def test_generating_a_report_twice_makes_one(client, upward):
    client.force_login(upward.caseworker)
    data = {"office": upward.chaoyang.pk, "month": "2026-03"}
    first, second, written = _twice(client, "/admin/supervision/reports/new/", data)
    assert first.status_code == 302
    assert MonthlyReport.objects.count() == 1 and written == 0
    assert ALREADY in second.content.decode()
    assert AuditEvent.objects.filter(action="monthly_report.generate").count() == 1


def test_a_fresh_form_may_generate_again(client, upward):
    """The token is per form, not per report: a new page (a new token) is not refused."""
    client.force_login(upward.caseworker)
    data = {"office": upward.chaoyang.pk, "month": "2026-03"}
    client.post("/admin/supervision/reports/new/", {**data, "submission": "c" * 32})
    events = AuditEvent.objects.count()
    again = client.post("/admin/supervision/reports/new/", {**data, "submission": "d" * 32}, **EN)
    assert again.status_code == 302 and ALREADY not in again.content.decode()
    assert AuditEvent.objects.count() > events  # generated again (the figures replaced)


def test_a_refused_post_keeps_its_token_for_the_corrected_form(client, upward):
    client.force_login(upward.caseworker)
    refused = client.post(
        "/admin/supervision/reports/new/",
        {"office": upward.chaoyang.pk, "month": "2099-01", **TOKEN},
        **EN,
    )
    assert refused.status_code == 400 and not MonthlyReport.objects.exists()
    corrected = client.post(
        "/admin/supervision/reports/new/",
        {"office": upward.chaoyang.pk, "month": "2026-03", **TOKEN},
    )
    assert corrected.status_code == 302 and MonthlyReport.objects.count() == 1


@pytest.mark.parametrize(
    ("step", "by", "data", "action"),
    [
        ("review", "colleague", {"note": "已核对"}, "monthly_report.review"),
        ("submit", "caseworker", {}, "monthly_report.submit"),
        ("acknowledge", "supervisor", {"note": "已收到"}, "monthly_report.acknowledge"),
    ],
)
def test_each_report_step_posted_twice_acts_once(client, upward, step, by, data, action):
    world = upward
    report = sr.monthly_report_generate(
        by=world.caseworker, office=world.chaoyang, month=dt.date(2026, 3, 1)
    )
    if step in ("submit", "acknowledge"):
        report = sr.monthly_report_review(by=world.colleague, report=report, note="")
    if step == "acknowledge":
        report = sr.monthly_report_submit(by=world.caseworker, report=report)
    client.force_login(getattr(world, by))
    url = f"/admin/supervision/reports/{report.pk}/"
    first, second, written = _twice(client, url, {"step": step, **data})
    assert first.status_code == 302
    assert written == 0 and ALREADY in second.content.decode()
    assert AuditEvent.objects.filter(action=action, object_id=str(report.pk)).count() == 1


CAMPAIGN = {
    "title": "专项治理",
    "period_start": "2026-03-01",
    "period_end": "2026-03-31",
    "self_inspection_due_on": "2099-04-28",
}


def test_starting_an_inspection_twice_starts_one(client, world):
    client.force_login(world.supervisor)
    data = {**CAMPAIGN, "organiser": world.city.pk, "offices": [world.chaoyang.pk]}
    first, second, written = _twice(client, "/admin/supervision/inspections/new/", data)
    assert first.status_code == 302
    assert InspectionCampaign.objects.count() == 1 and written == 0
    assert ALREADY in second.content.decode()


def _campaign(world):
    return si.inspection_campaign_create(
        by=world.supervisor,
        organiser=world.city,
        title="专项治理",
        offices=[world.chaoyang],
        period_start=dt.date(2026, 3, 1),
        period_end=dt.date(2026, 3, 31),
        self_inspection_due_on=dt.date(2099, 4, 28),
    )


def test_drawing_a_spot_check_twice_draws_once(client, world):
    case = world.report()
    # Test set-up only: the sample is drawn from the cases reported in the campaign's period.
    in_march = timezone.make_aware(dt.datetime(2026, 3, 10, 9, 0))
    Case.objects.filter(pk=case.pk).update(reported_at=in_march)
    campaign = _campaign(world)
    client.force_login(world.supervisor)
    url = f"/admin/supervision/inspections/{campaign.pk}/"
    data = {"step": "draw", "draw-office": world.chaoyang.pk, "draw-sample_size": 1}
    first, second, written = _twice(client, url, {**data, "draw-submission": TOKEN["submission"]})
    assert first.status_code == 302
    assert SpotCheck.objects.count() == 1 and written == 0
    assert ALREADY in second.content.decode()


def test_submitting_a_self_inspection_twice_submits_once(client, world):
    campaign = _campaign(world)
    mine = campaign.self_inspections.get()
    answers = [
        {"number": item.number, "result": "compliant", "note": ""} for item in mine.items.all()
    ]
    si.self_inspection_answer(by=world.caseworker, self_inspection=mine, answers=answers)
    client.force_login(world.caseworker)
    url = f"/admin/supervision/self-inspections/{mine.pk}/"
    data = {"step": "submit", "submit-summary": "已自查", "submit-submission": "e" * 32}
    first = client.post(url, data, **EN)
    events = AuditEvent.objects.count()
    second = client.post(url, data, follow=True, **EN)
    assert first.status_code == 302
    assert AuditEvent.objects.count() == events and ALREADY in second.content.decode()
