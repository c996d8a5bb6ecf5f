"""The household economic-status check (核对, "逢进必核"; issue 20 item 2)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings
from django.utils import timezone

from core.models import AuditEvent, PersonalDataRead
from needs import services
from needs.factories import household_input, id_number
from needs.models import (
    CheckAuthorization,
    EconomicCheck,
    EconomicCheckItem,
    EconomicCheckPolicy,
    ReliefGrant,
)
from needs.services import economic_checks as checks
from needs.services.economic_checks import ResultItem

pytestmark = pytest.mark.django_db
TODAY = dt.date.today


def _authorize(world, household, by=None):
    return checks.check_authorization_record(
        by=by or world.caseworker,
        household=household,
        method="written",
        signed_by_name="张建国",
        signed_on=timezone.localdate(),
    )


def _completed(world, household, *, checked_on=None, by=None):
    _authorize(world, household)
    check = checks.economic_check_request(by=by or world.caseworker, household=household)
    return checks.economic_check_record_result(
        by=by or world.caseworker,
        check=check,
        checking_body="朝阳区居民家庭经济状况核对中心",
        checked_on=checked_on or timezone.localdate(),
        conclusion="within_limits",
        items=[
            ResultItem("income", "wages", 1_200_000),
            ResultItem("asset", "deposits", 350_000, "活期"),
        ],
    )


def test_a_check_without_authorization_is_refused_and_nothing_is_written(world):
    case = world.accepted()
    with pytest.raises(ValidationError) as error:
        checks.economic_check_request(by=world.caseworker, household=case.household)
    assert error.value.error_dict["authorization"][0].code == "not_authorized"
    assert not EconomicCheck.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="economic_check").exists()


def test_the_household_authorizes_then_the_check_is_asked_for_and_answered(world):
    case = world.accepted()
    authorization = _authorize(world, case.household)
    assert AuditEvent.objects.filter(
        action="economic_check.authorization_record", object_id=str(authorization.pk)
    ).exists()
    check = checks.economic_check_request(
        by=world.caseworker, household=case.household, purpose="临时救助"
    )
    assert (check.status, check.office, check.authorization) == (
        "requested",
        world.chaoyang,
        authorization,
    )
    assert not checks.household_has_current_check(case.household)
    checks.economic_check_record_result(
        by=world.colleague,
        check=check,
        checking_body="核对中心",
        checked_on=timezone.localdate(),
        conclusion="above_limits",
        items=[ResultItem("asset", "real_estate", 80_000_000)],
    )
    check.refresh_from_db()
    assert (check.status, check.conclusion, check.source) == (
        "completed",
        "above_limits",
        "entered",
    )
    assert checks.household_has_current_check(case.household)
    assert AuditEvent.objects.filter(
        action="economic_check.record_result", object_id=str(check.pk)
    ).exists()
    # The one who asked is told the result is in.
    assert world.caseworker.notifications.filter(key=f"economic-check-completed:{check.pk}")


def test_authorization_needs_who_signed_and_when(world):
    case = world.accepted()
    with pytest.raises(ValidationError) as error:
        checks.check_authorization_record(
            by=world.caseworker,
            household=case.household,
            method="written",
            signed_by_name=" ",
            signed_on=TODAY(),
        )
    assert "signed_by_name" in error.value.error_dict
    with pytest.raises(ValidationError) as error:
        checks.check_authorization_record(
            by=world.caseworker,
            household=case.household,
            method="written",
            signed_by_name="张建国",
            signed_on=timezone.localdate() + dt.timedelta(days=1),
        )
    assert error.value.error_dict["signed_on"][0].code == "future"
    assert not CheckAuthorization.objects.exists()


def test_a_second_authorization_in_force_is_refused(world):
    case = world.accepted()
    _authorize(world, case.household)
    with pytest.raises(ValidationError) as error:
        _authorize(world, case.household)
    assert error.value.error_dict["household"][0].code == "already_recorded"
    assert CheckAuthorization.objects.count() == 1


def test_withdrawing_the_authorization_cancels_waiting_checks_and_blocks_new_ones(world):
    case = world.accepted()
    authorization = _authorize(world, case.household)
    check = checks.economic_check_request(by=world.caseworker, household=case.household)
    checks.check_authorization_withdraw(by=world.caseworker, authorization=authorization)
    check.refresh_from_db()
    assert check.status == "cancelled"
    with pytest.raises(ValidationError):
        checks.economic_check_request(by=world.caseworker, household=case.household)


def test_a_household_outside_the_jurisdiction_is_refused(world):
    case = world.accepted()
    with pytest.raises(PermissionDenied):
        _authorize(world, case.household, by=world.donghu_caseworker)
    _authorize(world, case.household)
    for outsider in (world.donghu_caseworker, world.charity_staff, world.other_charity_staff):
        with pytest.raises(PermissionDenied):
            checks.economic_check_request(by=outsider, household=case.household)
    assert not EconomicCheck.objects.exists()


def test_a_result_is_refused_with_bad_input_and_nothing_is_written(world):
    case = world.accepted()
    _authorize(world, case.household)
    check = checks.economic_check_request(by=world.caseworker, household=case.household)
    good = {
        "by": world.caseworker,
        "check": check,
        "checking_body": "核对中心",
        "checked_on": timezone.localdate(),
        "conclusion": "within_limits",
        "items": [ResultItem("income", "wages", 100)],
    }
    for field, value, code in [
        ("checking_body", "", "required"),
        ("checked_on", None, "required"),
        ("checked_on", timezone.localdate() + dt.timedelta(days=2), "future"),
        ("conclusion", "maybe", "invalid_choice"),
        ("items", [ResultItem("income", "deposits", 100)], "kind_mismatch"),
        ("items", [ResultItem("asset", "deposits", -1)], "min_value"),
    ]:
        with pytest.raises(ValidationError) as error:
            checks.economic_check_record_result(**{**good, field: value})
        name = "items" if field == "items" else field
        assert error.value.error_dict[name][0].code == code, (field, value)
    check.refresh_from_db()
    assert check.status == "requested" and not EconomicCheckItem.objects.exists()
    checks.economic_check_record_result(**good)
    with pytest.raises(ValidationError) as error:  # a result is recorded once
        checks.economic_check_record_result(**good)
    assert error.value.error_list[0].code == "not_requested"
    assert EconomicCheckItem.objects.count() == 1


def test_a_check_older_than_the_validity_is_not_current(world):
    case = world.accepted()
    check = _completed(world, case.household)
    today = timezone.localdate()
    assert checks.household_has_current_check(case.household, on=today + dt.timedelta(days=180))
    assert not checks.household_has_current_check(case.household, on=today + dt.timedelta(days=181))
    # Nor before it was made.
    assert not checks.household_has_current_check(case.household, on=today - dt.timedelta(days=1))
    checks.economic_check_policy_set(
        by=world.supervisor, office=world.chaoyang, relief_threshold_fen=None, validity_days=30
    )
    assert not checks.household_has_current_check(
        case.household, on=today + dt.timedelta(days=31), office=world.chaoyang
    )
    assert check.items.count() == 2


def test_only_the_deciding_roles_read_a_result_and_every_read_is_logged(world):
    case = world.accepted()
    check = _completed(world, case.household)
    result = checks.economic_check_result(by=world.supervisor, check=check)
    assert (result.income_total_fen, result.asset_total_fen) == (1_200_000, 350_000)
    read = PersonalDataRead.objects.get(actor=world.supervisor)
    assert read.object_id == str(case.household.pk)
    assert read.fields == sorted(checks.RESULT_FIELDS_SHOWN)
    for outsider in (world.auditor, world.charity_staff, world.donghu_caseworker):
        with pytest.raises(PermissionDenied):
            checks.economic_check_result(by=outsider, check=check)
    assert PersonalDataRead.objects.count() == 1


@override_settings(ECONOMIC_CHECK_RELIEF_THRESHOLD_FEN=200_000)
def test_relief_above_the_threshold_needs_a_current_check(world):
    case = world.accepted()
    services.case_assess(
        by=world.caseworker, case=case, assessed_need_fen=3_000_000, assessed_gap_fen=3_000_000
    )
    services.relief_grant(by=world.caseworker, case=case, kind="temporary", amount_fen=200_000)
    with pytest.raises(ValidationError) as error:
        services.relief_grant(by=world.caseworker, case=case, kind="temporary", amount_fen=200_001)
    assert error.value.error_dict["amount_fen"][0].code == "check_required"
    assert ReliefGrant.objects.filter(case=case).count() == 1
    _completed(world, case.household)
    grant = services.relief_grant(
        by=world.caseworker, case=case, kind="temporary", amount_fen=300_000
    )
    assert grant.status == "granted"


def test_an_office_sets_its_own_threshold(world):
    case = world.accepted()
    services.case_assess(
        by=world.caseworker, case=case, assessed_need_fen=3_000_000, assessed_gap_fen=3_000_000
    )
    with pytest.raises(PermissionDenied):
        checks.economic_check_policy_set(
            by=world.caseworker, office=world.chaoyang, relief_threshold_fen=0, validity_days=90
        )
    with pytest.raises(ValidationError) as error:
        checks.economic_check_policy_set(
            by=world.supervisor, office=world.chaoyang, relief_threshold_fen=0, validity_days=0
        )
    assert "validity_days" in error.value.error_dict
    checks.economic_check_policy_set(
        by=world.supervisor, office=world.chaoyang, relief_threshold_fen=100_000, validity_days=90
    )
    with pytest.raises(ValidationError):
        services.relief_grant(by=world.caseworker, case=case, kind="temporary", amount_fen=150_000)
    assert AuditEvent.objects.filter(action="economic_check.policy_set").count() == 1


def _two_households(world):
    """Two cases of two different households (a household is found again by its head's ID)."""
    other = household_input(head="王秀英", head_id=id_number("22010419800101234"), phone="")
    return world.accepted(), world.accepted(household=other)


def _csv(rows: list[str]) -> io.BytesIO:
    header = "核对编号,核对机构,核对日期,核对结论,类别,项目,金额,备注\n"
    return io.BytesIO((header + "\n".join(rows) + "\n").encode())


def test_the_checking_platforms_export_is_imported(world):
    first, second = _two_households(world)
    for case in (first, second):
        _authorize(world, case.household)
    a = checks.economic_check_request(by=world.caseworker, household=first.household)
    b = checks.economic_check_request(by=world.caseworker, household=second.household)
    today = timezone.localdate().isoformat()
    done = checks.economic_check_import(
        by=world.caseworker,
        stream=_csv(
            [
                f"{a.pk},核对中心,{today},符合,收入,工资性收入,12000.50,",
                f"{a.pk},核对中心,{today},符合,财产,银行存款,3000,活期",
                f"{b.pk},核对中心,{today},不符合,,,,",
            ]
        ),
        file_name="export.csv",
    )
    assert [check.pk for check in done] == [a.pk, b.pk]
    a.refresh_from_db()
    assert (a.status, a.conclusion, a.source) == ("completed", "within_limits", "imported")
    assert sorted(a.items.values_list("kind", "amount_fen")) == [
        ("deposits", 300_000),
        ("wages", 1_200_050),
    ]
    b.refresh_from_db()
    assert (b.conclusion, b.items.count()) == ("above_limits", 0)


def test_an_xlsx_export_is_imported(world):
    from openpyxl import Workbook

    case = world.accepted()
    _authorize(world, case.household)
    check = checks.economic_check_request(by=world.caseworker, household=case.household)
    book = Workbook()
    book.active.append(
        ["check", "checking_body", "checked_on", "conclusion", "category", "kind", "amount"]
    )
    book.active.append(
        [check.pk, "核对中心", timezone.localdate(), "within_limits", "income", "wages", "800"]
    )
    stream = io.BytesIO()
    book.save(stream)
    stream.seek(0)
    checks.economic_check_import(by=world.caseworker, stream=stream, file_name="export.xlsx")
    check.refresh_from_db()
    assert check.status == "completed" and check.items.get().amount_fen == 80_000


@pytest.mark.parametrize(
    ("row", "column"),
    [
        ("{pk},核对中心,2020-13-01,符合,收入,工资性收入,100", "核对日期"),
        ("{pk},核对中心,{today},也许,收入,工资性收入,100", "核对结论"),
        ("{pk},核对中心,{today},符合,负债,工资性收入,100", "类别"),
        ("{pk},核对中心,{today},符合,收入,彩票,100", "项目"),
        ("{pk},核对中心,{today},符合,收入,工资性收入,12.345", "金额"),
        ("999999,核对中心,{today},符合,收入,工资性收入,100", "核对编号"),
    ],
)
def test_a_bad_row_names_its_row_and_column_and_nothing_is_written(world, row, column):
    first, second = _two_households(world)
    for case in (first, second):
        _authorize(world, case.household)
    good = checks.economic_check_request(by=world.caseworker, household=first.household)
    bad = checks.economic_check_request(by=world.caseworker, household=second.household)
    today = timezone.localdate().isoformat()
    with pytest.raises(ValidationError) as error:
        checks.economic_check_import(
            by=world.caseworker,
            stream=_csv(
                [
                    f"{good.pk},核对中心,{today},符合,收入,工资性收入,100",
                    row.format(pk=bad.pk, today=today),
                ]
            ),
            file_name="export.csv",
        )
    message = error.value.error_dict["file"][0].message
    assert "3" in message and column in message
    assert EconomicCheck.objects.filter(status="completed").count() == 0
    assert not EconomicCheckItem.objects.exists()


def test_an_import_cannot_answer_another_jurisdictions_check(world):
    case = world.accepted()
    _authorize(world, case.household)
    check = checks.economic_check_request(by=world.caseworker, household=case.household)
    today = timezone.localdate().isoformat()
    with pytest.raises(ValidationError):
        checks.economic_check_import(
            by=world.donghu_caseworker,
            stream=_csv([f"{check.pk},核对中心,{today},符合,收入,工资性收入,100"]),
            file_name="export.csv",
        )
    check.refresh_from_db()
    assert check.status == "requested"


def test_a_file_without_the_required_columns_is_refused(world):
    with pytest.raises(ValidationError) as error:
        checks.economic_check_import(
            by=world.caseworker, stream=io.BytesIO("编号,金额\n1,2\n".encode()), file_name="x.csv"
        )
    assert error.value.error_dict["file"][0].code == "missing_columns"


# ---- the API ----


def _api(user):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(user)
    return client


def test_api_refuses_a_check_without_authorization_naming_the_field_in_english(world):
    case = world.accepted()
    response = _api(world.caseworker).post(
        "/api/v1/economic-checks/",
        {"household": case.household_id},
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert error["field"] == "authorization" and "authorized" in error["message"]
    assert not EconomicCheck.objects.exists()


def test_api_authorizes_asks_records_and_reads_a_check_once_per_key(world):
    case = world.accepted()
    api = _api(world.caseworker)
    response = api.post(
        "/api/v1/check-authorizations/",
        {
            "household": case.household_id,
            "method": "written",
            "signed_by_name": "张建国",
            "signed_on": timezone.localdate().isoformat(),
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    headers = {"HTTP_IDEMPOTENCY_KEY": "check-2026-0001"}
    first = api.post(
        "/api/v1/economic-checks/", {"household": case.household_id}, format="json", **headers
    )
    second = api.post(
        "/api/v1/economic-checks/", {"household": case.household_id}, format="json", **headers
    )
    assert first.status_code == second.status_code == 201
    assert second["Idempotent-Replayed"] == "true"
    assert EconomicCheck.objects.count() == 1
    check_id = first.json()["id"]
    response = api.post(
        f"/api/v1/economic-checks/{check_id}/record-result/",
        {
            "checking_body": "核对中心",
            "checked_on": timezone.localdate().isoformat(),
            "conclusion": "within_limits",
            "items": [{"category": "income", "kind": "wages", "amount_fen": 500_000}],
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert "conclusion" not in response.json()  # the result is read at /result/ only
    response = api.get(f"/api/v1/economic-checks/{check_id}/result/")
    assert response.status_code == 200
    assert (response.json()["conclusion"], response.json()["income_total_fen"]) == (
        "within_limits",
        500_000,
    )
    assert PersonalDataRead.objects.filter(actor=world.caseworker).count() == 1
    listed = api.get("/api/v1/economic-checks/?status=completed").json()
    assert [row["id"] for row in listed["results"]] == [check_id]


def test_api_hides_checks_from_other_jurisdictions_and_roles(world):
    case = world.accepted()
    check = _completed(world, case.household)
    assert (
        _api(world.donghu_caseworker).get(f"/api/v1/economic-checks/{check.pk}/").status_code == 404
    )
    for user in (world.auditor, world.charity_staff):
        assert _api(user).get(f"/api/v1/economic-checks/{check.pk}/result/").status_code == 403
    assert not PersonalDataRead.objects.exists()


# ---- the back-office screens ----


def test_the_screens_show_the_checks_and_log_the_read_of_a_result(world, client):
    case = world.accepted()
    check = _completed(world, case.household)
    client.force_login(world.caseworker)
    page = client.get("/admin/economic-checks/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200 and str(check) in page.content.decode()
    assert "within" not in page.content.decode()  # no conclusion on the list
    page = client.get(f"/admin/households/{case.household_id}/checks/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200 and "in force" in page.content.decode()
    page = client.get(f"/admin/economic-checks/{check.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    text = page.content.decode()
    assert page.status_code == 200
    assert "income and assets within the limits" in text and "¥12,000.00" in text
    assert PersonalDataRead.objects.filter(actor=world.caseworker).count() == 1
    client.force_login(world.charity_staff)
    assert client.get(f"/admin/economic-checks/{check.pk}/").status_code == 403
    client.force_login(world.donghu_caseworker)
    assert client.get(f"/admin/economic-checks/{check.pk}/").status_code == 404


def test_the_authorization_form_names_the_missing_field_and_writes_nothing(world, client):
    case = world.accepted()
    client.force_login(world.caseworker)
    page = client.post(
        f"/admin/households/{case.household_id}/checks/authorize/",
        {"method": "written", "signed_by_name": "", "signed_on": "2026-01-01"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert page.status_code == 200
    assert "signed by" in page.content.decode()
    assert not CheckAuthorization.objects.exists()


def test_the_authorization_form_keeps_the_scan_privately(world, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    case = world.accepted()
    client.force_login(world.caseworker)
    page = client.post(
        f"/admin/households/{case.household_id}/checks/authorize/",
        {
            "method": "written",
            "signed_by_name": "张建国",
            "signed_on": timezone.localdate().isoformat(),
            "scan": SimpleUploadedFile("授权书.pdf", b"%PDF-1.4 scan", "application/pdf"),
            "submission": "tok-authorize-1",
        },
    )
    assert page.status_code == 302, page.content.decode()[:500]
    authorization = CheckAuthorization.objects.get()
    from django.core.files.storage import default_storage, storages

    # The private storage (no URL in base settings), never the media served to the web.
    assert authorization.scan.storage is storages["check_authorizations"]
    assert authorization.scan.storage is not default_storage
    assert authorization.scan.read() == b"%PDF-1.4 scan"


def test_a_supervisor_sets_the_offices_threshold_on_screen(world, client):
    client.force_login(world.caseworker)
    assert client.get("/admin/economic-checks/policy/").status_code == 403
    client.force_login(world.supervisor)
    page = client.post(
        "/admin/economic-checks/policy/",
        {"office": world.chaoyang.pk, "relief_threshold": "1,500", "validity_days": "0"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert page.status_code == 200
    assert "greater than or equal to 1" in page.content.decode()
    assert not EconomicCheckPolicy.objects.exists()
    page = client.post(
        "/admin/economic-checks/policy/",
        {"office": world.chaoyang.pk, "relief_threshold": "1,500", "validity_days": "90"},
    )
    assert page.status_code == 302
    assert checks.check_policy(world.chaoyang) == (150_000, 90)
    page = client.get("/admin/economic-checks/policy/", HTTP_ACCEPT_LANGUAGE="en")
    assert "¥1,500.00" in page.content.decode()
