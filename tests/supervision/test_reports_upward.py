"""The monthly progress report upward (issue 20 item 5): generated from the live tables for a
month that has ended, reviewed by a second person, submitted to the office above,
acknowledged there; reminded before the 28th; Excel and PDF with the Chinese font embedded."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import zlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import override
from openpyxl import load_workbook
from rest_framework.test import APIClient

from core import services as core_services
from core.factories import UserFactory
from core.models import AuditEvent, Membership, Notification, Organisation
from needs.factories import household_input, id_number
from needs.models import Case, CaseDeadline, Referral, ReliefGrant
from needs.worklist import worklist_for
from supervision import monthly_report as mr
from supervision import selectors_upward as sel
from supervision import services_reports as sr
from supervision.models import MonthlyReport

Role = Membership.Role
ZONE = timezone.get_default_timezone()
MARCH = dt.date(2026, 3, 1)
IN_MARCH = timezone.make_aware(dt.datetime(2026, 3, 10, 9, 0), ZONE)
IN_APRIL = timezone.make_aware(dt.datetime(2026, 4, 2, 9, 0), ZONE)


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _move(case: Case, when: dt.datetime) -> None:
    """Test set-up only: the services stamp "now"; the report counts by the record's times."""
    Case.objects.filter(pk=case.pk).update(reported_at=when)
    ReliefGrant.objects.filter(case=case).update(granted_at=when)
    Referral.objects.filter(case=case).update(requested_at=when)


@pytest.fixture
def upward(world):
    """Chaoyang reports to the city; the city to the province, whose supervisor sees all."""
    province = Organisation.objects.get(name="吉林省民政厅")
    world.city.parent = province
    world.city.save()
    world.chaoyang.parent = world.city
    world.chaoyang.save()
    world.province_supervisor = UserFactory(username="jilin.sup")
    core_services.membership_grant(
        by=None, user=world.province_supervisor, organisation=province, role=Role.SUPERVISOR
    )
    return world


@pytest.fixture
def march_cases(upward):
    """In March: one Chaoyang case relieved (¥4,000) and referred, one Nanguan case; one
    Chaoyang case in April that March's report does not count."""
    world = upward
    case, _referral = world.referred()
    _move(case, IN_MARCH)
    nanguan = world.report(
        by=world.nanguan_caseworker,
        office=world.nanguan,
        household=household_input(
            "220102", head="刘大海", head_id=id_number("22010219800101123"), phone="13800001111"
        ),
    )
    _move(nanguan, IN_MARCH)
    april = world.report(
        household=household_input(head="王小明", head_id=id_number("22010419900101123"))
    )
    _move(april, IN_APRIL)
    # The acceptance step of the Nanguan case was due in March and is still not done.
    CaseDeadline.objects.filter(case=nanguan, met_at__isnull=True).update(
        due_at=IN_MARCH + dt.timedelta(days=1)
    )
    return case


def _generate(world, office=None, by=None):
    return sr.monthly_report_generate(
        by=by or world.caseworker, office=office or world.chaoyang, month=MARCH
    )


# ---- the figures ----


def test_the_report_counts_the_month_of_the_offices_jurisdiction(march_cases, upward):
    report = _generate(upward)
    figures = report.figures
    assert figures["month"] == "2026-03"
    assert figures["cases"]["reported"] == 1  # not Nanguan's, not April's
    assert figures["cases"]["by_channel_status"] == [["walk_in", "referred", 1]]
    given = [row for row in figures["relief"]["rows"] if row[2] == "granted"]
    assert given == [["temporary", "cash", "granted", 1, 400_000]]
    assert figures["referrals"]["made"] == [["charity", "requested", 1]]
    assert figures["typical_cases"] == []
    assert figures["assistance"] == {"filed": [], "decided": []}


def test_the_report_counts_assistance_applications_and_lists_typical_cases(march_cases, upward):
    from needs.models import AssistanceApplication, TypicalCase
    from needs.services.assistance import assistance_apply
    from needs.services.typical_cases import typical_case_mark

    world = upward
    typical_case_mark(
        by=world.caseworker, case=march_cases, summary="一户家庭因病致困，经转介获得帮助。"
    )
    TypicalCase.objects.update(marked_at=IN_MARCH)
    application = assistance_apply(
        by=world.caseworker,
        household=march_cases.household,
        assistance_type="medical",
        office=world.chaoyang,
        village="幸福社区",
        reason="住院费用高",
    )
    AssistanceApplication.objects.filter(pk=application.pk).update(applied_at=IN_MARCH)
    figures = _generate(world).figures
    assert figures["assistance"]["filed"] == [["medical", 1]]
    assert figures["typical_cases"] == [[march_cases.number, "一户家庭因病致困，经转介获得帮助。"]]
    sections = mr.report_sections(figures)
    assistance, typical = sections[-2], sections[-1]
    assert assistance.rows == [["医疗救助", "已申请", 1, 0]]
    assert typical.rows == [[march_cases.number, "一户家庭因病致困，经转介获得帮助。"]]


def test_a_city_report_counts_its_counties_and_overdue_work(march_cases, upward):
    report = _generate(upward, office=upward.city, by=upward.supervisor)
    assert report.figures["cases"]["reported"] == 2
    assert report.figures["overdue"]["open_at_end"] == [["accept", 1]]


def test_the_sections_show_labels_and_yuan_not_codes_or_fen(march_cases, upward):
    report = _generate(upward)
    sections = mr.report_sections(report.figures)
    relief = next(s for s in sections if s.money_columns)
    texts = [mr.money_text(relief, row) for row in relief.rows]
    assert ["临时救助", "现金", "已发放", 1, "¥4,000.00"] in texts
    typical = sections[-1]
    assert typical.rows == [] and "典型" in typical.note
    # A report stored before these sections existed says they were not reported.
    old = {**report.figures, "typical_cases": None}
    old.pop("assistance")
    assert mr.report_sections(old)[-1].note and mr.report_sections(old)[-2].rows == []


# ---- the steps ----


def test_generate_review_submit_acknowledge_each_with_its_audit_event(march_cases, upward):
    world = upward
    report = _generate(world)
    assert Notification.objects.filter(recipient=world.colleague, kind="approval").exists()
    report = sr.monthly_report_review(by=world.colleague, report=report, note="数字已核对")
    report = sr.monthly_report_submit(by=world.caseworker, report=report)
    assert report.submitted_to == world.city
    assert Notification.objects.filter(
        recipient=world.supervisor, key=f"monthly-report-submitted:{report.pk}"
    ).exists()
    report = sr.monthly_report_acknowledge(by=world.supervisor, report=report, note="已收到")
    assert report.status == MonthlyReport.Status.ACKNOWLEDGED
    actions = list(
        AuditEvent.objects.filter(object_id=str(report.pk), action__startswith="monthly_report")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "monthly_report.generate",
        "monthly_report.review",
        "monthly_report.submit",
        "monthly_report.acknowledge",
    ]
    assert Notification.objects.filter(
        recipient=world.caseworker, key=f"monthly-report-acknowledged:{report.pk}"
    ).exists()


def test_a_month_not_yet_ended_is_refused_and_nothing_is_written(upward):
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as refused:
        sr.monthly_report_generate(
            by=upward.caseworker, office=upward.chaoyang, month=MARCH, today=dt.date(2026, 3, 31)
        )
    assert refused.value.error_dict["month"][0].code == "period_not_ended"
    assert not MonthlyReport.objects.exists()
    assert AuditEvent.objects.count() == before
    # The day after the month ends it may be reported on.
    sr.monthly_report_generate(
        by=upward.caseworker, office=upward.chaoyang, month=MARCH, today=dt.date(2026, 4, 1)
    )


def test_a_month_long_past_is_refused_as_a_typing_error(upward):
    with pytest.raises(ValidationError) as refused:
        sr.monthly_report_generate(
            by=upward.caseworker, office=upward.chaoyang, month=dt.date(1, 1, 1)
        )
    assert refused.value.error_dict["month"][0].code == "too_early"
    assert not MonthlyReport.objects.exists()


def test_whoever_generated_a_report_may_not_review_it(upward):
    report = _generate(upward)
    with pytest.raises(PermissionDenied):
        sr.monthly_report_review(by=upward.caseworker, report=report)
    report.refresh_from_db()
    assert report.status == MonthlyReport.Status.GENERATED


def test_a_repeated_step_is_refused_and_a_reviewed_report_is_not_regenerated(upward):
    report = _generate(upward)
    sr.monthly_report_review(by=upward.colleague, report=report)
    with pytest.raises(ValidationError) as refused:
        sr.monthly_report_review(by=upward.supervisor, report=report)
    assert refused.value.error_list[0].code == "wrong_status"
    with pytest.raises(ValidationError) as again:
        _generate(upward)
    assert again.value.error_dict["month"][0].code == "already_reviewed"


def test_generating_again_before_review_replaces_the_figures(upward):
    first = _generate(upward)
    upward.report()  # a case recorded now is not in March: the figures stay the same
    second = _generate(upward, by=upward.colleague)
    assert second.pk == first.pk and MonthlyReport.objects.count() == 1
    assert second.generated_by == upward.colleague
    assert AuditEvent.objects.filter(action="monthly_report.regenerate").count() == 1


def test_an_office_without_an_office_above_cannot_submit(world):
    report = sr.monthly_report_generate(
        by=world.nanguan_caseworker, office=world.nanguan, month=MARCH
    )
    sr.monthly_report_review(by=world.supervisor, report=report)  # the city is above Nanguan
    with pytest.raises(ValidationError) as refused:
        sr.monthly_report_submit(by=world.nanguan_caseworker, report=report)
    assert refused.value.error_list[0].code == "no_office_above"
    report.refresh_from_db()
    assert report.status == MonthlyReport.Status.REVIEWED


def test_only_the_office_above_acknowledges(upward):
    report = _generate(upward)
    sr.monthly_report_review(by=upward.colleague, report=report)
    sr.monthly_report_submit(by=upward.caseworker, report=report)
    for outsider in (upward.caseworker, upward.province_supervisor, upward.donghu_caseworker):
        with pytest.raises(PermissionDenied):
            sr.monthly_report_acknowledge(by=outsider, report=report)


def test_jurisdiction_on_generating_and_reading(upward):
    with pytest.raises(PermissionDenied):
        sr.monthly_report_generate(by=upward.donghu_caseworker, office=upward.chaoyang, month=MARCH)
    with pytest.raises(PermissionDenied):
        sr.monthly_report_generate(by=upward.charity_staff, office=upward.chaoyang, month=MARCH)
    report = _generate(upward)
    assert list(sel.reports_visible_to(upward.province_supervisor)) == [report]
    assert list(sel.reports_visible_to(upward.supervisor)) == [report]
    assert list(sel.reports_visible_to(upward.auditor)) == [report]
    assert not sel.reports_visible_to(upward.donghu_caseworker).exists()
    assert not sel.reports_visible_to(upward.nanguan_caseworker).exists()
    assert not sel.reports_visible_to(upward.charity_staff).exists()


# ---- reminders and 待办 ----


def test_the_reminder_goes_out_in_the_week_before_the_28th_once(upward):
    assert sr.monthly_report_reminders_send(today=dt.date(2026, 4, 10)) == 0
    sent = sr.monthly_report_reminders_send(today=dt.date(2026, 4, 22))
    # Chaoyang's two caseworkers and the city's supervisor (the city reports to the province).
    assert sent == 3
    reminder = Notification.objects.get(recipient=upward.caseworker)
    assert "2026-03" in reminder.message and "28" in reminder.message
    assert sr.monthly_report_reminders_send(today=dt.date(2026, 4, 23)) == 0  # once a month
    assert sr.monthly_report_reminders_send(today=dt.date(2026, 4, 29)) == 0


def test_no_reminder_once_the_report_is_submitted(upward):
    report = _generate(upward)
    sr.monthly_report_review(by=upward.colleague, report=report)
    sr.monthly_report_submit(by=upward.caseworker, report=report)
    sr.monthly_report_reminders_send(today=dt.date(2026, 4, 22))
    assert not Notification.objects.filter(
        recipient=upward.caseworker, key__startswith="monthly-report-due"
    ).exists()


def test_the_periodic_run_sends_the_reminder(upward):
    from supervision.tasks import run_all

    assert "monthly_report_reminders" in run_all()


def test_the_worklist_shows_a_report_to_review_and_one_to_acknowledge(upward):
    report = _generate(upward)
    kinds = {w.kind: w for w in worklist_for(upward.colleague)}
    assert any("2026-03" in item.title for item in kinds["monthly_reports"].items)
    mine = {w.kind: w for w in worklist_for(upward.caseworker)}
    assert not any(
        "2026-03" in item.title and item.detail == report.get_status_display()
        for item in mine["monthly_reports"].items
    )
    sr.monthly_report_review(by=upward.colleague, report=report)
    sr.monthly_report_submit(by=upward.caseworker, report=report)
    city = {w.kind: w for w in worklist_for(upward.supervisor)}
    assert city["reports_to_acknowledge"].count == 1


# ---- files ----


def test_the_excel_file_holds_the_sections_with_amounts_in_yuan(march_cases, upward):
    report = _generate(upward)
    with override("en"):
        sheet = load_workbook(mr.report_xlsx(report)).active
    values = [c for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert "朝阳区民政局: monthly progress report for 2026-03" in values
    assert "Relief and money by scheme" in values
    assert 4000 in values  # ¥4,000.00 as a number of yuan, in the money format


def _pdf_streams(body: bytes) -> list[bytes]:
    out = []
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", body, re.S):
        try:
            out.append(zlib.decompress(match.group(1)))
        except zlib.error:
            out.append(match.group(1))
    return out


def test_the_pdf_embeds_a_chinese_font_with_the_text(march_cases, upward):
    try:
        mr.chinese_font()
    except mr.NoChineseFont:
        if os.environ.get("CI"):
            raise
        pytest.skip("no Chinese font installed (fonts-noto-cjk)")
    report = _generate(upward)
    body = mr.report_pdf(report)
    assert body.startswith(b"%PDF")
    # The font file itself is in the PDF (not a reference to a system font) ...
    assert re.search(rb"/FontFile[23]? ", body) or b"/FontFile" in body
    assert b"NotoSansCJK" in body or b"Noto" in body
    # ... and its character map maps glyphs back to the Chinese text: 朝 (U+671D), 阳 (U+9633).
    cmaps = b"".join(s for s in _pdf_streams(body) if b"beginbfchar" in s or b"beginbfrange" in s)
    assert b"671D" in cmaps.upper() and b"9633" in cmaps.upper()


def test_without_a_chinese_font_the_pdf_is_refused_clearly(upward, settings, monkeypatch):
    monkeypatch.setattr(mr, "FONT_CANDIDATES", ())
    settings.REPORT_PDF_FONT = "/nonexistent/font.ttc"
    monkeypatch.delenv("REPORT_PDF_FONT", raising=False)
    report = _generate(upward)
    with pytest.raises(mr.NoChineseFont):
        mr.report_pdf(report)


# ---- screens ----


def test_the_screens_generate_review_and_download(client, march_cases, upward):
    client.force_login(upward.caseworker)
    en = {"HTTP_ACCEPT_LANGUAGE": "en"}
    page = client.get("/admin/supervision/reports/", **en)
    assert page.status_code == 200 and "Generate a monthly report" in page.content.decode()
    assert 'href="/admin/supervision/reports/new/"' in page.content.decode()
    refused = client.post(
        "/admin/supervision/reports/new/", {"office": upward.chaoyang.pk, "month": "2099-01"}, **en
    )
    assert refused.status_code == 400 and "has not ended yet" in refused.content.decode()
    assert not MonthlyReport.objects.exists()
    made = client.post(
        "/admin/supervision/reports/new/", {"office": upward.chaoyang.pk, "month": "2026-03"}
    )
    report = MonthlyReport.objects.get()
    assert made.status_code == 302
    detail = client.get(f"/admin/supervision/reports/{report.pk}/").content.decode()
    assert "¥4,000.00" in detail and "临时救助" in detail and "walk_in" not in detail
    xlsx = client.get(f"/admin/supervision/reports/{report.pk}/report.xlsx")
    assert xlsx.status_code == 200
    assert load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active is not None
    client.force_login(upward.colleague)
    reviewed = client.post(f"/admin/supervision/reports/{report.pk}/", {"step": "review"})
    assert reviewed.status_code == 302
    report.refresh_from_db()
    assert report.status == MonthlyReport.Status.REVIEWED


def test_other_jurisdictions_and_charities_cannot_open_the_report(client, upward):
    report = _generate(upward)
    client.force_login(upward.donghu_caseworker)
    assert client.get(f"/admin/supervision/reports/{report.pk}/").status_code == 404
    client.force_login(upward.charity_staff)
    assert client.get("/admin/supervision/reports/").status_code == 403


# ---- API ----


def test_the_api_generates_once_per_idempotency_key(march_cases, upward):
    api = client_for(upward.caseworker)
    body = {"office": upward.chaoyang.pk, "month": "2026-03"}
    headers = {"HTTP_IDEMPOTENCY_KEY": "report-2026-03-a"}
    first = api.post("/api/v1/monthly-reports/", body, format="json", **headers)
    second = api.post("/api/v1/monthly-reports/", body, format="json", **headers)
    assert first.status_code == second.status_code == 201
    assert second["Idempotent-Replayed"] == "true"
    assert AuditEvent.objects.filter(action__startswith="monthly_report").count() == 1
    assert first.json()["figures"]["cases"]["reported"] == 1


def test_the_api_refuses_a_month_not_ended_naming_the_field(upward):
    api = client_for(upward.caseworker)
    response = api.post(
        "/api/v1/monthly-reports/",
        {"office": upward.chaoyang.pk, "month": "2099-01"},
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert error["field"] == "month" and "has not ended" in error["message"]
    assert not MonthlyReport.objects.exists()


def test_the_api_steps_filters_and_roles(upward):
    report = _generate(upward)
    assert (
        client_for(upward.caseworker)
        .post(f"/api/v1/monthly-reports/{report.pk}/review/", {}, format="json")
        .status_code
        == 403
    )
    assert (
        client_for(upward.colleague)
        .post(f"/api/v1/monthly-reports/{report.pk}/review/", {"note": "ok"}, format="json")
        .status_code
        == 200
    )
    listed = client_for(upward.province_supervisor).get(
        "/api/v1/monthly-reports/", {"status": "reviewed"}
    )
    assert [r["id"] for r in listed.json()["results"]] == [report.pk]
    none = client_for(upward.province_supervisor).get(
        "/api/v1/monthly-reports/", {"status": "submitted"}
    )
    assert none.json()["results"] == []
    assert client_for(upward.charity_staff).get("/api/v1/monthly-reports/").status_code == 403
    assert (
        client_for(upward.donghu_caseworker)
        .get(f"/api/v1/monthly-reports/{report.pk}/")
        .status_code
        == 404
    )
    xlsx = client_for(upward.supervisor).get(f"/api/v1/monthly-reports/{report.pk}/xlsx/")
    assert xlsx.status_code == 200
