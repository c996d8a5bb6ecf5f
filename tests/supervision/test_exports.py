"""Inspection exports: CSV (with BOM) and xlsx with headings in the active language, scoped
to the reader's jurisdiction, safe against formula injection, and each one audited."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from core.models import AuditEvent
from donors import services as money_services
from needs.factories import household_input, id_number
from needs.models import Case, ReliefGrant
from tests.donors.conftest import money  # noqa: F401  (the fixture is used by name)

pytestmark = pytest.mark.django_db


def read_csv(response) -> list[list[str]]:
    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff")
    return list(csv.reader(io.StringIO(content[1:])))


def read_xlsx(response) -> list[list]:
    content = b"".join(response.streaming_content)
    sheet = load_workbook(io.BytesIO(content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def nanguan_case(world) -> Case:
    return world.report(
        by=world.nanguan_caseworker,
        office=world.nanguan,
        household=household_input(
            "220102", head="刘大海", head_id=id_number("22010219800101123"), phone="13800001111"
        ),
    )


def test_case_export_as_csv_in_chinese_without_personal_data(client, world):
    world.relieved()
    nanguan_case(world)
    client.force_login(world.supervisor)
    response = client.get("/admin/supervision/export/cases.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = read_csv(response)
    assert rows[0][0] == "个案编号"
    assert len(rows) == 3
    text = "\n".join(",".join(row) for row in rows)
    for identifier in ("张建国", "李秀兰", "刘大海", "13912345678", "幸福小区", "南湖街道"):
        assert identifier not in text
    chaoyang = next(row for row in rows if row[6] == "朝阳区民政局")
    assert chaoyang[1] == "已救助"  # labels in Chinese too, though made while streaming
    assert chaoyang[11] == "30000.00"  # assessed need, yuan from fen


def test_headings_follow_the_active_language(client, world):
    from wagtail.users.models import UserProfile

    world.report()
    profile = UserProfile.get_for_user(world.supervisor)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(world.supervisor)
    rows = read_csv(client.get("/admin/supervision/export/cases.csv"))
    assert rows[0][:2] == ["Case number", "Status"]
    assert rows[1][1] == "reported"


def test_case_export_as_xlsx_parses_back(client, world):
    world.relieved()
    client.force_login(world.auditor)
    response = client.get("/admin/supervision/export/cases.xlsx")
    assert response.status_code == 200
    rows = read_xlsx(response)
    assert rows[0][0] == "个案编号" and len(rows) == 2
    assert float(rows[1][11]) == 30000.0


def test_relief_and_referral_exports(client, world):
    world.referred()
    client.force_login(world.supervisor)
    relief = read_csv(client.get("/admin/supervision/export/relief.csv"))
    assert len(relief) == 2 and relief[1][5] == "4000.00"
    referrals = read_xlsx(client.get("/admin/supervision/export/referrals.xlsx"))
    assert len(referrals) == 2 and referrals[1][2] == "吉林省慈善总会"


def test_fund_use_by_office(client, money):  # noqa: F811
    world = money.world
    referral = money.accepted_referral()
    money.give(500_000)
    money_services.allocation_create(
        by=money.fund_manager, referral=referral, fund=money.fund, amount_fen=100_000
    )
    client.force_login(world.supervisor)
    rows = read_csv(client.get("/admin/supervision/export/fund_use.csv"))
    assert rows[1][:3] == ["朝阳区民政局", "1", "1000.00"]


def test_a_supervisor_of_another_city_exports_nothing_of_chaoyang(client, world, donghu_supervisor):
    world.relieved()
    client.force_login(donghu_supervisor)
    for kind in ("cases", "relief", "referrals", "fund_use"):
        rows = read_csv(client.get(f"/admin/supervision/export/{kind}.csv"))
        assert len(rows) == 1, kind  # the headings only


def test_office_filter_narrows_the_export(client, world):
    world.report()
    nanguan_case(world)
    client.force_login(world.supervisor)
    rows = read_csv(client.get("/admin/supervision/export/cases.csv", {"office": world.nanguan.pk}))
    assert [row[6] for row in rows[1:]] == ["南关区民政局"]


def test_text_that_looks_like_a_formula_is_neutralised(client, world):
    case = world.relieved()
    ReliefGrant.objects.filter(case=case).update(in_kind='=HYPERLINK("http://x","y")')
    client.force_login(world.supervisor)
    rows = read_csv(client.get("/admin/supervision/export/relief.csv"))
    assert rows[1][6].startswith("'=")
    cells = read_xlsx(client.get("/admin/supervision/export/relief.xlsx"))
    assert cells[1][6].startswith("'=")


def test_every_export_is_audited(client, world):
    world.report()
    client.force_login(world.supervisor)
    read_csv(client.get("/admin/supervision/export/cases.csv", {"start": "2026-01-01"}))
    event = AuditEvent.objects.get(action="export.cases")
    assert event.actor == world.supervisor
    assert event.changes["format"] == "csv" and event.changes["from"] == "2026-01-01"


def test_audit_trail_of_one_case(client, world, donghu_supervisor):
    case = world.relieved()
    client.force_login(world.auditor)
    rows = read_csv(client.get(f"/admin/supervision/cases/{case.pk}/audit.csv"))
    actions = [row[2] for row in rows[1:]]
    assert "case.report" in actions and "relief.grant" in actions
    assert AuditEvent.objects.filter(action="export.case_audit", object_id=str(case.pk)).exists()
    xlsx = read_xlsx(client.get(f"/admin/supervision/cases/{case.pk}/audit.xlsx"))
    assert len(xlsx) == len(rows) + 1  # the first export is now part of the trail
    assert xlsx[-1][2] == "export.case_audit"

    client.force_login(donghu_supervisor)
    assert client.get(f"/admin/supervision/cases/{case.pk}/audit.csv").status_code == 404


def test_unknown_export_is_not_found(client, world):
    client.force_login(world.supervisor)
    assert client.get("/admin/supervision/export/households.csv").status_code == 404
    assert client.get("/admin/supervision/export/cases.pdf").status_code == 404


def test_the_case_page_links_its_audit_trail_for_supervisors_and_auditors_only(client, world):
    case = world.relieved()
    link = f"/admin/supervision/cases/{case.pk}/audit.csv"
    for reader, shown in ((world.supervisor, True), (world.auditor, True)):
        client.force_login(reader)
        assert (link in client.get(f"/admin/cases/{case.pk}/").content.decode()) is shown
    client.force_login(world.caseworker)
    assert link not in client.get(f"/admin/cases/{case.pk}/").content.decode()
