"""The lists of monthly reports and inspections (core.admin_lists.RoleListView) and their
create pages: who may open them, what each reader sees, and the create forms' promises
(one record per form, bad input names the field in Chinese and writes nothing)."""

from __future__ import annotations

import datetime as dt

import pytest

from core.models import AuditEvent
from supervision import services_inspections as si
from supervision import services_reports as sr
from supervision.models import InspectionCampaign, MonthlyReport

REPORTS = "/admin/supervision/reports/"
INSPECTIONS = "/admin/supervision/inspections/"
MARCH = dt.date(2026, 3, 1)
TOKEN = {"submission": "e" * 32}
CAMPAIGN = {
    "title": "二〇二六年专项治理",
    "period_start": "2026-03-01",
    "period_end": "2026-03-31",
    "self_inspection_due_on": "2099-04-28",
}


def _report(office, by, month=MARCH) -> MonthlyReport:
    return sr.monthly_report_generate(by=by, office=office, month=month)


def _campaign(world, title="长春专项治理") -> InspectionCampaign:
    return si.inspection_campaign_create(
        by=world.supervisor,
        organiser=world.city,
        title=title,
        offices=[world.chaoyang],
        period_start=dt.date(2026, 3, 1),
        period_end=dt.date(2026, 3, 31),
        self_inspection_due_on=dt.date(2099, 4, 28),
    )


def _detail(report) -> str:
    return f'href="{REPORTS}{report.pk}/"'


# ---- monthly reports ----


def test_the_report_list_shows_the_offices_reports_with_a_button_to_generate(client, world):
    report = _report(world.chaoyang, world.caseworker)
    client.force_login(world.caseworker)
    page = client.get(REPORTS)
    html = page.content.decode()
    assert page.status_code == 200
    assert _detail(report) in html and "朝阳区民政局" in html and "2026-03" in html
    assert "已生成，待审核" in html  # the status label, not its code
    assert f'href="{REPORTS}new/"' in html and "生成月度报告" in html


def test_a_supervisor_sees_only_the_reports_of_their_offices(client, world):
    chaoyang = _report(world.chaoyang, world.caseworker)
    nanguan = _report(world.nanguan, world.nanguan_caseworker)
    donghu = _report(world.donghu, world.donghu_caseworker)
    client.force_login(world.supervisor)
    html = client.get(REPORTS).content.decode()
    assert _detail(chaoyang) in html and _detail(nanguan) in html
    assert _detail(donghu) not in html
    client.force_login(world.nanguan_caseworker)
    html = client.get(REPORTS).content.decode()
    assert _detail(nanguan) in html
    assert _detail(chaoyang) not in html and _detail(donghu) not in html
    # The results-only twin is scoped the same way.
    assert _detail(chaoyang) not in client.get(f"{REPORTS}results/").content.decode()


def test_the_report_list_filters_by_status(client, world):
    generated = _report(world.chaoyang, world.caseworker)
    reviewed = sr.monthly_report_review(
        by=world.colleague, report=_report(world.chaoyang, world.caseworker, dt.date(2026, 2, 1))
    )
    client.force_login(world.caseworker)
    html = client.get(REPORTS, {"status": "reviewed"}).content.decode()
    assert _detail(reviewed) in html and _detail(generated) not in html


@pytest.mark.parametrize("url", [REPORTS, f"{REPORTS}results/", f"{REPORTS}new/"])
def test_charity_staff_get_the_403_page_for_reports(client, world, url):
    client.force_login(world.charity_staff)
    refused = client.get(url)
    assert refused.status_code == 403
    assert "core/admin/forbidden.html" in [t.name for t in refused.templates]
    posted = client.post(
        f"{REPORTS}new/", {"office": world.charity.pk, "month": "2026-03", **TOKEN}
    )
    assert posted.status_code == 403 and not MonthlyReport.objects.exists()


def test_the_create_page_generates_the_report(client, world):
    client.force_login(world.caseworker)
    page = client.get(f"{REPORTS}new/")
    assert page.status_code == 200 and 'name="submission"' in page.content.decode()
    made = client.post(f"{REPORTS}new/", {"office": world.chaoyang.pk, "month": "2026-03", **TOKEN})
    report = MonthlyReport.objects.get()
    assert made.status_code == 302 and made["Location"] == f"{REPORTS}{report.pk}/"
    assert report.office == world.chaoyang and report.month == MARCH


def test_generating_twice_from_one_page_records_once(client, world):
    client.force_login(world.caseworker)
    data = {"office": world.chaoyang.pk, "month": "2026-03", **TOKEN}
    client.post(f"{REPORTS}new/", data)
    events = AuditEvent.objects.count()
    again = client.post(f"{REPORTS}new/", data, follow=True)
    assert again.redirect_chain[-1][0] == REPORTS
    assert "已提交过" in again.content.decode()
    assert MonthlyReport.objects.count() == 1 and AuditEvent.objects.count() == events


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"month": "2099-01"}, "2099-01 尚未结束"),
        ({"month": "三月"}, "月份"),
        ({"office": "999999"}, "选择一个有效的选项"),
    ],
)
def test_bad_report_input_names_the_field_in_chinese_and_writes_nothing(
    client, world, data, message
):
    client.force_login(world.caseworker)
    events = AuditEvent.objects.count()
    refused = client.post(
        f"{REPORTS}new/", {"office": world.chaoyang.pk, "month": "2026-03", **TOKEN, **data}
    )
    html = refused.content.decode()
    assert refused.status_code == 400 and message in html
    assert "error-message" in html or "w-field__errors" in html
    assert not MonthlyReport.objects.exists() and AuditEvent.objects.count() == events


def test_an_office_outside_the_users_own_is_refused(client, world):
    client.force_login(world.caseworker)
    refused = client.post(f"{REPORTS}new/", {"office": world.donghu.pk, "month": "2026-03"})
    assert refused.status_code == 400 and not MonthlyReport.objects.exists()


# ---- inspections ----


def test_the_inspection_list_shows_the_campaigns_with_a_button_to_start(client, world):
    campaign = _campaign(world)
    client.force_login(world.supervisor)
    html = client.get(INSPECTIONS).content.decode()
    assert f'href="{INSPECTIONS}{campaign.pk}/"' in html and "长春专项治理" in html
    assert "2026-03-01 – 2026-03-31" in html and "2099-04-28" in html
    assert f'href="{INSPECTIONS}new/"' in html and "启动专项治理" in html


def test_an_inspected_office_sees_its_campaign_without_the_start_button(client, world):
    campaign = _campaign(world)
    client.force_login(world.caseworker)
    html = client.get(INSPECTIONS).content.decode()
    assert f'href="{INSPECTIONS}{campaign.pk}/"' in html
    assert f'href="{INSPECTIONS}new/"' not in html
    client.force_login(world.donghu_caseworker)
    assert f'href="{INSPECTIONS}{campaign.pk}/"' not in client.get(INSPECTIONS).content.decode()


@pytest.mark.parametrize("url", [INSPECTIONS, f"{INSPECTIONS}results/", f"{INSPECTIONS}new/"])
def test_charity_staff_get_the_403_page_for_inspections(client, world, url):
    client.force_login(world.charity_staff)
    assert client.get(url).status_code == 403


def test_the_create_page_starts_the_inspection_once(client, world):
    client.force_login(world.supervisor)
    assert client.get(f"{INSPECTIONS}new/").status_code == 200
    data = {**CAMPAIGN, "organiser": world.city.pk, "offices": [world.chaoyang.pk], **TOKEN}
    started = client.post(f"{INSPECTIONS}new/", data)
    campaign = InspectionCampaign.objects.get()
    assert started.status_code == 302 and started["Location"] == f"{INSPECTIONS}{campaign.pk}/"
    again = client.post(f"{INSPECTIONS}new/", data, follow=True)
    assert again.redirect_chain[-1][0] == INSPECTIONS
    assert InspectionCampaign.objects.count() == 1


def test_a_caseworker_has_no_inspection_form_and_cannot_post_one(client, world):
    client.force_login(world.caseworker)
    page = client.get(f"{INSPECTIONS}new/")
    assert page.status_code == 200 and 'name="title"' not in page.content.decode()
    data = {**CAMPAIGN, "organiser": world.city.pk, "offices": [world.chaoyang.pk], **TOKEN}
    client.post(f"{INSPECTIONS}new/", data)
    assert not InspectionCampaign.objects.exists()


def test_bad_inspection_input_names_the_field_in_chinese_and_writes_nothing(client, world):
    client.force_login(world.supervisor)
    events = AuditEvent.objects.count()
    data = {**CAMPAIGN, "organiser": world.city.pk, "offices": [], **TOKEN}
    refused = client.post(f"{INSPECTIONS}new/", data)
    html = refused.content.decode()
    assert refused.status_code == 400 and "被检查单位" in html and "此项为必填项" in html
    assert not InspectionCampaign.objects.exists() and AuditEvent.objects.count() == events
