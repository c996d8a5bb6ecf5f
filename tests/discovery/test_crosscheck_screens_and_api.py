"""The data cross-check's API endpoints and admin screens: each role against each, reads
scoped to the jurisdiction, personal-data reads logged, refusals writing nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from rest_framework.test import APIClient

from core.factories import staff
from core.models import AuditEvent, Membership, PersonalDataRead
from discovery.models import CrossCheckImport, RiskWarning
from tests.discovery.crosscheck_helpers import KNOWN_ID, NEW_IDS, csv_bytes, rows, run_import

pytestmark = pytest.mark.django_db
Role = Membership.Role

ROLES = [
    "caseworker",
    "other_county",
    "supervisor",
    "charity",
    "fund_manager",
    "auditor",
    "anonymous",
]


def users(world):
    return {
        "caseworker": world.caseworker,
        "other_county": world.nanguan_caseworker,
        "supervisor": world.supervisor,
        "charity": world.charity_staff,
        "fund_manager": staff(Role.FUND_MANAGER, "220100"),
        "auditor": world.auditor,
        "anonymous": None,
    }


def api(user):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def imported(world):
    world.accepted()
    record = run_import(world, csv_bytes(rows())).crosscheck_import
    return {
        "import": record,
        "covered": RiskWarning.objects.get(type=RiskWarning.Type.NEW_HARDSHIP),
        "unknown": RiskWarning.objects.filter(type=RiskWarning.Type.NOT_COVERED).first(),
    }


MATRIX = {
    ("get", "/api/v1/crosscheck/warnings/"): {
        "caseworker": 200,
        "other_county": 200,
        "supervisor": 200,
        "auditor": 200,
        "anonymous": 401,
        "default": 403,
    },
    ("get", "/api/v1/crosscheck/warnings/{covered}/"): {
        "caseworker": 200,
        "supervisor": 200,
        "auditor": 200,
        "other_county": 404,
        "anonymous": 401,
        "default": 403,
    },
    ("get", "/api/v1/crosscheck/imports/{import}/"): {
        "caseworker": 200,
        "supervisor": 200,
        "auditor": 200,
        "other_county": 404,
        "anonymous": 401,
        "default": 403,
    },
    ("post", "/api/v1/crosscheck/warnings/{covered}/refer/"): {
        "caseworker": 200,
        "supervisor": 200,
        "auditor": 403,
        "other_county": 404,
        "anonymous": 401,
        "default": 403,
    },
    ("post", "/api/v1/crosscheck/warnings/{unknown}/start-procedure/"): {
        "caseworker": 201,
        "supervisor": 201,
        "auditor": 403,
        "other_county": 404,
        "anonymous": 401,
        "default": 403,
    },
    ("post", "/api/v1/crosscheck/warnings/{covered}/end-assistance/"): {
        "caseworker": 200,
        "supervisor": 200,
        "auditor": 403,
        "other_county": 404,
        "anonymous": 401,
        "default": 403,
    },
    ("post", "/api/v1/crosscheck/warnings/{covered}/supervise/"): {
        "caseworker": 201,
        "supervisor": 201,
        "auditor": 403,
        "other_county": 404,
        "anonymous": 401,
        "default": 403,
    },
    ("get", "/api/v1/crosscheck/supervision-tasks/"): {
        "caseworker": 200,
        "other_county": 200,
        "supervisor": 200,
        "auditor": 200,
        "anonymous": 401,
        "default": 403,
    },
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("method", "path"), list(MATRIX))
def test_permission_matrix(world, imported, role, method, path):
    url = path.format(
        covered=imported["covered"].pk,
        unknown=imported["unknown"].pk,
        **{"import": imported["import"].pk},
    )
    body = {}
    if url.endswith("/end-assistance/"):
        body = {"reason": "家庭收入已超过低保标准"}
    if url.endswith("/supervise/"):
        body = {
            "assigned_to": world.colleague.pk,
            "due_on": str(timezone.localdate() + dt.timedelta(days=3)),
        }
    events_before = AuditEvent.objects.count()

    response = getattr(api(users(world)[role]), method)(url, body, format="json")

    expected = MATRIX[(method, path)].get(role, MATRIX[(method, path)]["default"])
    assert response.status_code == expected, response.content[:300]
    if method == "post" and expected >= 400:
        assert AuditEvent.objects.count() == events_before


def test_the_warning_list_is_scoped_and_shows_no_names(world, imported):
    response = api(world.caseworker).get("/api/v1/crosscheck/warnings/?is_open=true")
    assert response.data["count"] == 3
    first = response.data["results"][0]
    assert "name" not in first
    assert "id_number_masked" not in first
    assert api(world.nanguan_caseworker).get("/api/v1/crosscheck/warnings/").data["count"] == 0
    assert api(world.auditor).get("/api/v1/crosscheck/warnings/").data["count"] == 3


def test_reading_a_warning_with_its_name_is_logged(world, imported):
    response = api(world.caseworker).get(f"/api/v1/crosscheck/warnings/{imported['covered'].pk}/")
    assert response.data["name"] == "张建国"
    assert response.data["id_number_masked"] == KNOWN_ID[:6] + "********" + KNOWN_ID[-4:]
    assert PersonalDataRead.objects.filter(actor=world.caseworker).count() == 1


def test_disposing_twice_through_the_api_is_a_clear_400(world, imported):
    url = f"/api/v1/crosscheck/warnings/{imported['covered'].pk}/"
    assert api(world.caseworker).post(url + "refer/", {}, format="json").status_code == 200
    response = api(world.caseworker).post(url + "end-assistance/", {"reason": "x"}, format="json")
    assert response.status_code == 400
    assert response.data["errors"][0]["code"] == "already_disposed"


# ---- admin screens ----


def upload(client, world, data: bytes, name="名单.csv", **extra):
    return client.post(
        "/admin/crosscheck/new/",
        {
            "office": world.chaoyang.pk,
            "kind": "medical_bills",
            "source_department": "朝阳区医疗保障局",
            "file": SimpleUploadedFile(name, data),
            **extra,
        },
    )


def test_screens_by_role(client, world, imported):
    warning = imported["covered"]
    pages = [
        "/admin/crosscheck/",
        f"/admin/crosscheck/{imported['import'].pk}/",
        "/admin/crosscheck/warnings/",
        f"/admin/crosscheck/warnings/{warning.pk}/",
    ]
    for user in (world.caseworker, world.supervisor, world.auditor):
        client.force_login(user)
        assert [client.get(page).status_code for page in pages] == [200] * 4
    client.force_login(world.auditor)
    assert client.get("/admin/crosscheck/new/").status_code == 403
    assert "refer/" not in client.get(pages[3]).content.decode()  # no actions for auditors
    response = client.post(f"/admin/crosscheck/warnings/{warning.pk}/refer/", {})
    assert response.status_code == 403
    for user in (world.charity_staff, world.other_charity_staff):
        client.force_login(user)
        assert [client.get(page).status_code for page in pages] == [403] * 4
        assert "/admin/crosscheck/" not in client.get("/admin/").content.decode()
    client.force_login(world.nanguan_caseworker)
    assert client.get(pages[1]).status_code == 404
    assert client.get(pages[3]).status_code == 404
    assert world.chaoyang.name not in client.get(pages[0]).content.decode()
    client.logout()
    assert client.get(pages[0]).status_code == 302  # to the login page


def test_upload_screen_imports_and_shows_the_report(client, world):
    client.force_login(world.caseworker)
    assert "身份证号" in client.get("/admin/crosscheck/new/").content.decode()

    response = upload(
        client,
        world,
        csv_bytes(rows([NEW_IDS[0][:-1] + "Z", "错号", "", "", "", ""]), encoding="gbk"),
    )

    record = CrossCheckImport.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"/admin/crosscheck/{record.pk}/")
    page = client.get(response["Location"]).content.decode()
    assert "王小明" not in page  # lists show masked numbers, no names
    assert NEW_IDS[0] not in page and NEW_IDS[0][-4:] not in page
    assert "invalid_format" not in page and "18" in page  # the refused row's reason, in Chinese

    again = upload(
        client,
        world,
        csv_bytes(rows([NEW_IDS[0][:-1] + "Z", "错号", "", "", "", ""]), encoding="gbk"),
    )
    assert again.status_code == 302
    assert CrossCheckImport.objects.count() == 1


def test_upload_screen_shows_a_mapping_error_and_imports_nothing(client, world):
    client.force_login(world.caseworker)
    response = upload(client, world, csv_bytes([["x"]], header=["编号"]))
    assert response.status_code == 200
    assert "编号" in response.content.decode()
    assert not CrossCheckImport.objects.exists()

    response = upload(
        client, world, csv_bytes([[NEW_IDS[0]]], header=["编号"]), map_id_number="编号"
    )
    assert response.status_code == 302
    assert RiskWarning.objects.count() == 1


def test_an_upload_far_above_the_limit_is_refused_before_it_is_read(client, world, settings):
    settings.CROSSCHECK_MAX_UPLOAD_BYTES = 10
    client.force_login(world.caseworker)

    response = upload(client, world, b"x" * (2 * 1024 * 1024))

    assert response.status_code == 413
    assert not CrossCheckImport.objects.exists()


def test_dispose_screen_refers_the_warning(client, world, imported):
    warning = imported["covered"]
    client.force_login(world.caseworker)
    page = client.get(f"/admin/crosscheck/warnings/{warning.pk}/").content.decode()
    assert "张建国" in page and KNOWN_ID not in page
    assert PersonalDataRead.objects.filter(actor=world.caseworker).exists()

    response = client.post(f"/admin/crosscheck/warnings/{warning.pk}/refer/", {"note": "新增需求"})

    assert response.status_code == 302
    warning.refresh_from_db()
    assert warning.disposition == RiskWarning.Disposition.REFER
    again = client.post(f"/admin/crosscheck/warnings/{warning.pk}/refer/", {"note": "x"})
    assert again.status_code == 200  # shown again with the refusal
    assert AuditEvent.objects.filter(action="crosscheck.refer").count() == 1


def test_dispose_screens_start_a_procedure_and_open_a_supervision_task(client, world, imported):
    client.force_login(world.caseworker)
    unknown = imported["unknown"]
    response = client.post(
        f"/admin/crosscheck/warnings/{unknown.pk}/start_procedure/",
        {"category": "illness", "name": "", "region": "220104", "narrative": ""},
    )
    assert response.status_code == 302
    unknown.refresh_from_db()
    assert unknown.case.channel == "data_cross_check"

    covered = imported["covered"]
    page = client.get(f"/admin/crosscheck/warnings/{covered.pk}/").content.decode()
    assert world.colleague.username in page  # a caseworker of the county may be assigned
    assert world.nanguan_caseworker.username not in page
    assert "朝阳区" in page and "北京市东城区" not in page  # counties of the user's offices only
    due = timezone.localdate() + dt.timedelta(days=3)
    response = client.post(
        f"/admin/crosscheck/warnings/{covered.pk}/supervise/",
        {"assigned_to": world.colleague.pk, "due_on": due.isoformat(), "note": "督办"},
    )
    assert response.status_code == 302
    covered.refresh_from_db()
    assert covered.supervision_task.assigned_to == world.colleague


def test_a_supervision_task_is_marked_done_through_the_api(world, imported):
    due = str(timezone.localdate() + dt.timedelta(days=3))
    url = f"/api/v1/crosscheck/warnings/{imported['covered'].pk}/supervise/"
    task = (
        api(world.caseworker)
        .post(url, {"assigned_to": world.colleague.pk, "due_on": due}, format="json")
        .data
    )
    done_url = f"/api/v1/crosscheck/supervision-tasks/{task['id']}/done/"
    assert api(world.auditor).post(done_url, {}, format="json").status_code == 403
    assert api(world.nanguan_caseworker).post(done_url, {}, format="json").status_code == 404
    response = api(world.colleague).post(done_url, {"note": "已落实"}, format="json")
    assert response.status_code == 200
    assert response.data["status"] == "done"


def test_upload_screen_reads_an_xlsx_workbook(client, world):
    from tests.discovery.crosscheck_helpers import xlsx_bytes

    client.force_login(world.caseworker)
    response = upload(client, world, xlsx_bytes(rows()), name="名单.xlsx")

    assert response.status_code == 302
    assert CrossCheckImport.objects.get().rows_imported == 3


def test_a_retried_disposal_with_the_same_key_acts_once(world, imported):
    from supervision.models import SupervisionTask

    url = f"/api/v1/crosscheck/warnings/{imported['covered'].pk}/supervise/"
    body = {"assigned_to": world.colleague.pk, "due_on": str(timezone.localdate())}
    headers = {"HTTP_IDEMPOTENCY_KEY": "supervise-0001"}
    first = api(world.caseworker).post(url, body, format="json", **headers)
    second = api(world.caseworker).post(url, body, format="json", **headers)
    assert first.status_code == second.status_code == 201
    assert first.json() == second.json()  # the first answer again, not "already disposed of"
    assert SupervisionTask.objects.count() == 1
    without_key = api(world.caseworker).post(url, body, format="json")
    assert without_key.status_code == 400  # a fresh request is refused: disposed of once
    assert SupervisionTask.objects.count() == 1
