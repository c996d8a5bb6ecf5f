"""The offices' rules for the assistance procedure in the API, and the platform-wide floor on
the notice minimum (issue 20, item 3): read by government staff within their jurisdiction,
written by a supervisor over the office through assistance_office_rule_save behind an
Idempotency-Key; no office sets its minimum below the floor."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.test import override_settings
from rest_framework.test import APIClient

from core.factories import OrganisationFactory
from core.models import AuditEvent, Region
from core.regions import region_create_below_county
from needs.models import AssistanceOfficeRule
from needs.services import assistance as a
from tests.needs.test_assistance_procedure import reviewed

pytestmark = pytest.mark.django_db
API = "/api/v1/assistance-office-rules/"


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def body(world, **overrides) -> dict:
    return {
        "office": world.chaoyang.pk,
        "notice_days": 10,
        "notice_min_days": 7,
        "handler_approval_limit_fen": 50_000,
        "community_review_types": ["dibao", "tekun"],
        **overrides,
    }


def save(world, office, **overrides):
    values = {
        "notice_days": 7,
        "notice_min_days": 7,
        "handler_approval_limit_fen": 0,
        "community_review_types": [],
        **overrides,
    }
    return a.assistance_office_rule_save(by=world.supervisor, office=office, **values)


def test_the_default_floor_is_the_seven_days_the_default_rules_use():
    assert settings.ASSISTANCE_NOTICE_FLOOR_DAYS == 7
    assert a.DEFAULT_NOTICE_MIN_DAYS >= settings.ASSISTANCE_NOTICE_FLOOR_DAYS


def test_a_floor_above_the_default_is_refused_at_start_up():
    env = {**os.environ, "ASSISTANCE_NOTICE_FLOOR_DAYS": "8"}
    result = subprocess.run(
        [sys.executable, "-c", "import core.settings.base"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        cwd=settings.BASE_DIR,
    )
    assert result.returncode != 0
    assert "ASSISTANCE_NOTICE_FLOOR_DAYS" in result.stderr


def test_a_supervisor_sets_the_rules_once_per_key(world):
    supervisor = api(world.supervisor)
    created = supervisor.post(API, body(world), format="json", HTTP_IDEMPOTENCY_KEY="rules-0001")
    assert created.status_code == 201, created.content
    assert created.json()["notice_days"] == 10
    assert created.json()["notice_floor_days"] == 7
    repeat = supervisor.post(API, body(world), format="json", HTTP_IDEMPOTENCY_KEY="rules-0001")
    assert repeat.status_code == 201 and repeat.json()["id"] == created.json()["id"]
    assert AuditEvent.objects.filter(action="assistance.rule_save").count() == 1
    changed = supervisor.post(
        API, body(world, notice_days=12), format="json", HTTP_IDEMPOTENCY_KEY="rules-0002"
    )
    assert changed.status_code == 200 and changed.json()["notice_days"] == 12
    assert AssistanceOfficeRule.objects.get().notice_days == 12


def test_a_minimum_below_the_floor_is_refused_naming_the_field(world):
    response = api(world.supervisor).post(
        API, body(world, notice_min_days=3), format="json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["field"] == "notice_min_days"
    assert error["message"] == "The shortest notice may not be below 7 days."
    assert not AssistanceOfficeRule.objects.exists()


def test_the_error_reads_in_chinese_by_default(world):
    response = api(world.supervisor).post(
        API, body(world, notice_min_days=3), format="json", HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    assert response.status_code == 400
    assert "7" in response.json()["errors"][0]["message"]
    assert "notice" not in response.json()["errors"][0]["message"]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("notice_days", 0),
        ("handler_approval_limit_fen", -1),
        ("handler_approval_limit_fen", 1.5),
        ("community_review_types", ["pension"]),
        ("office", 999_999),
    ],
)
def test_bad_input_is_refused_naming_the_field(world, field, value):
    response = api(world.supervisor).post(
        API, body(world, **{field: value}), format="json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    assert field in response.content.decode()
    assert not AssistanceOfficeRule.objects.exists()


def test_a_township_office_or_a_department_sets_no_rules(in_english, world):
    township = region_create_below_county(
        by=world.caseworker,
        parent=Region.objects.get(code="220104"),
        code="220104001000",
        name="南湖街道",
    )
    street = OrganisationFactory(name="南湖街道办事处", region=township)
    with pytest.raises(ValidationError) as error:
        save(world, street)
    assert error.value.message_dict["office"] == [
        "Only an active civil-affairs office at county level or above sets these rules."
    ]
    department = api(world.supervisor).post(
        API, body(world, office=world.department.pk), format="json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert department.status_code == 400 and "office" in department.content.decode()
    assert not AssistanceOfficeRule.objects.exists()


def test_caseworkers_and_outside_supervisors_may_not_write(world):
    for user in (world.caseworker, world.donghu_caseworker):
        response = api(user).post(API, body(world), format="json")
        assert response.status_code == 403
    assert api(world.charity_staff).post(API, body(world), format="json").status_code == 403
    assert not AssistanceOfficeRule.objects.exists()


def test_government_staff_read_the_rules_of_their_jurisdiction_only(world):
    save(world, world.chaoyang, notice_days=9)
    save(world, world.nanguan)
    rows = api(world.caseworker).get(API).json()["results"]
    assert [row["office"] for row in rows] == [world.chaoyang.pk]
    assert rows[0]["office_name"] == "朝阳区民政局" and rows[0]["notice_days"] == 9
    assert len(api(world.supervisor).get(API).json()["results"]) == 2
    assert api(world.donghu_caseworker).get(API).json()["results"] == []
    assert api(world.charity_staff).get(API).status_code == 403
    assert api(world.auditor).get(API).status_code == 403
    filtered = api(world.supervisor).get(API + "?within=220102").json()["results"]
    assert [row["office"] for row in filtered] == [world.nanguan.pk]
    by_office = api(world.supervisor).get(f"{API}?office={world.chaoyang.pk}").json()["results"]
    assert [row["office"] for row in by_office] == [world.chaoyang.pk]


@override_settings(ASSISTANCE_NOTICE_FLOOR_DAYS=5)
def test_a_lower_floor_lets_an_office_shorten_its_notice_but_not_below_it(world):
    rule = save(world, world.chaoyang, notice_days=5, notice_min_days=5)
    assert rule.notice_min_days == 5
    with pytest.raises(ValidationError) as error:
        save(world, world.chaoyang, notice_days=5, notice_min_days=4)
    assert "notice_min_days" in error.value.message_dict
    assert AssistanceOfficeRule.objects.get().notice_min_days == 5
    # The defaults stay valid under any floor the settings accept.
    default = a.office_rule(world.nanguan)
    assert default.notice_min_days == 7 and default.notice_days >= default.notice_min_days


def test_a_rule_saved_under_a_lower_floor_gives_no_shorter_notice_once_it_is_raised(
    in_english, world
):
    with override_settings(ASSISTANCE_NOTICE_FLOOR_DAYS=5):
        save(world, world.chaoyang, notice_days=5, notice_min_days=5)
    application = reviewed(world)
    with pytest.raises(ValidationError, match="at least 7 days"):
        a.assistance_notice_start(by=world.caseworker, application=application, days=5)
    application.refresh_from_db()
    assert application.stage == "reviewed"
