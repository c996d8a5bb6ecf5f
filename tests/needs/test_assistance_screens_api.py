"""Assistance applications on the back-office screens, in the API and on the 待办: the list
and page scoped to the jurisdiction, each step a form calling one service once, the API's
steps behind an Idempotency-Key, the public notice list with the minimum the rules allow, and
the work waiting for the handler's office and for the approver."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from rest_framework.test import APIClient

from core.models import AuditEvent
from needs import worklist as w
from needs.models import AssistanceApplication, AssistanceOfficeRule, AssistanceType
from needs.services import assistance as a
from tests.needs.economic_check_helpers import current_check
from tests.needs.test_assistance_procedure import apply, notice_over, noticed, reviewed

pytestmark = pytest.mark.django_db
Stage = AssistanceApplication.Stage
LIST = "/admin/assistance/"
API = "/api/v1/assistance-applications/"


def detail(application) -> str:
    return f"{LIST}{application.pk}/"


def token_of(page: str, action: str) -> str:
    form = page.split(f'action="{action}"')[1]
    return form.split('name="submission" value="')[1].split('"')[0]


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


# ---- screens ----


def test_the_list_shows_the_jurisdictions_applications_only(client, world):
    application = apply(world)
    client.force_login(world.caseworker)
    page = client.get(LIST, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert detail(application) in page
    assert "minimum-living allowance" in page
    assert ">dibao<" not in page and ">applied<" not in page  # no raw codes
    client.force_login(world.donghu_caseworker)
    assert detail(application) not in client.get(LIST).content.decode()
    assert client.get(detail(application)).status_code == 404
    client.force_login(world.charity_staff)
    assert client.get(LIST).status_code == 403


def test_the_list_filters_by_type_and_stage(client, world):
    application = apply(world)
    client.force_login(world.caseworker)
    assert detail(application) in client.get(LIST + "?type=dibao&stage=applied").content.decode()
    assert detail(application) not in client.get(LIST + "?type=medical").content.decode()
    assert detail(application) not in client.get(LIST + "?stage=granted").content.decode()


def test_accept_from_the_page_acts_once(client, world):
    application = apply(world)
    client.force_login(world.caseworker)
    page = client.get(detail(application)).content.decode()
    url = f"{detail(application)}accept/"
    token = token_of(page, url)
    response = client.post(url, {"submission": token})
    assert response.status_code == 302
    again = client.post(url, {"submission": token})
    assert again.status_code == 302
    assert AuditEvent.objects.filter(action="assistance.accept").count() == 1
    application.refresh_from_db()
    assert application.stage == Stage.ACCEPTED and application.handler == world.caseworker


def test_a_notice_too_short_on_the_page_names_the_field_and_changes_nothing(client, world):
    application = reviewed(world)
    client.force_login(world.caseworker)
    page = client.get(detail(application)).content.decode()
    url = f"{detail(application)}notice/"
    response = client.post(
        url, {"days": "3", "submission": token_of(page, url)}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    assert "The public notice lasts at least 7 days." in response.content.decode()
    application.refresh_from_db()
    assert application.stage == Stage.REVIEWED


def test_the_reviewer_is_refused_approval_on_the_page(client, world):
    application = noticed(world)
    notice_over(application)
    client.force_login(world.colleague)  # the reviewer
    page = client.get(detail(application)).content.decode()
    url = f"{detail(application)}approve/"
    response = client.post(url, {"submission": token_of(page, url)}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 403
    assert "You reviewed this application" in response.content.decode()
    assert AssistanceApplication.objects.get(pk=application.pk).stage == Stage.IN_NOTICE


def test_apply_from_a_case(client, world):
    case = world.accepted()
    client.force_login(world.caseworker)
    url = f"{LIST}apply/{case.pk}/"
    page = client.get(url).content.decode()
    token = page.split('name="submission" value="')[1].split('"')[0]
    response = client.post(
        url,
        {
            "type": AssistanceType.MEDICAL,
            "office": world.chaoyang.pk,
            "village": "幸福社区",
            "submission": token,
        },
    )
    assert response.status_code == 302
    application = AssistanceApplication.objects.get()
    assert application.case == case and application.type == AssistanceType.MEDICAL
    case_page = client.get(f"/admin/cases/{case.pk}/").content.decode()
    assert detail(application) in case_page and url in case_page
    client.force_login(world.donghu_caseworker)
    assert client.get(url).status_code == 404


# ---- API ----


def test_the_api_takes_the_procedure_step_by_step(world):
    case = world.accepted()
    current_check(world, case.household)
    response = api(world.caseworker).post(
        API,
        {"case": case.pk, "type": "medical", "office": world.chaoyang.pk, "village": "幸福社区"},
        format="json",
        HTTP_IDEMPOTENCY_KEY="apply-0001",
    )
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    repeat = api(world.caseworker).post(
        API,
        {"case": case.pk, "type": "medical", "office": world.chaoyang.pk, "village": "幸福社区"},
        format="json",
        HTTP_IDEMPOTENCY_KEY="apply-0001",
    )
    assert repeat.status_code == 201 and repeat.json()["id"] == pk
    assert AssistanceApplication.objects.count() == 1

    caseworker, colleague = api(world.caseworker), api(world.colleague)
    assert caseworker.post(f"{API}{pk}/accept/").status_code == 200
    assert caseworker.post(f"{API}{pk}/check/", {"note": "ok"}, format="json").status_code == 200
    review = colleague.post(
        f"{API}{pk}/review/", {"recommendation": "grant", "amount_fen": 80_000}, format="json"
    )
    assert review.status_code == 200 and review.json()["stage"] == "reviewed"
    short = caseworker.post(
        f"{API}{pk}/notice/", {"days": 2}, format="json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert short.status_code == 400
    assert short.json()["errors"][0]["field"] == "days"
    assert short.json()["errors"][0]["message"] == "The public notice lasts at least 7 days."
    assert caseworker.post(f"{API}{pk}/notice/", {}, format="json").status_code == 200
    objection = caseworker.post(f"{API}{pk}/objections/", {"summary": "异议"}, format="json")
    assert objection.status_code == 201
    notice_over(AssistanceApplication.objects.get(pk=pk))
    blocked = api(world.supervisor).post(f"{API}{pk}/approve/", {}, format="json")
    assert blocked.status_code == 400
    resolved = caseworker.post(
        f"{API}{pk}/resolve-objection/",
        {"objection": objection.json()["id"], "resolution": "dismissed", "note": "不实"},
        format="json",
    )
    assert resolved.status_code == 200
    by_reviewer = colleague.post(f"{API}{pk}/approve/", {}, format="json")
    assert by_reviewer.status_code == 403
    approved = api(world.supervisor).post(f"{API}{pk}/approve/", {}, format="json")
    assert approved.status_code == 200 and approved.json()["stage"] == "granted"


def test_the_api_lists_by_jurisdiction_and_filters(world):
    application = apply(world)
    ids = [row["id"] for row in api(world.caseworker).get(API).json()["results"]]
    assert ids == [application.pk]
    assert api(world.donghu_caseworker).get(API).json()["results"] == []
    assert api(world.caseworker).get(API + "?type=medical").json()["results"] == []
    assert len(api(world.caseworker).get(API + "?is_open=true").json()["results"]) == 1
    assert api(world.charity_staff).get(API).status_code == 403
    refused = api(world.donghu_caseworker).post(f"{API}{application.pk}/accept/")
    assert refused.status_code == 404


def test_the_public_notice_list_shows_the_minimum(world):
    noticed(world)
    response = APIClient().get("/api/v1/public/assistance-notices/")
    assert response.status_code == 200
    [row] = response.json()["results"]
    assert row["notice_name"] == "张某"
    assert row["village"] == "幸福社区"
    assert row["amount_fen"] == 60_000
    assert set(row) == {
        "id",
        "notice_name",
        "county",
        "village",
        "type",
        "amount_fen",
        "notice_starts_on",
        "notice_ends_on",
    }
    assert "张建国" not in response.content.decode()


def test_the_public_notice_page_lists_the_minimum(client, world):
    noticed(world)
    page = client.get("/notice/assistance/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "张某" in page and "幸福社区" in page and "¥600.00" in page
    assert "张建国" not in page and "李秀兰" not in page
    assert "minimum-living allowance" in page
    assert "张某" not in client.get("/notice/assistance/?type=medical").content.decode()


# ---- 待办 ----


def test_the_office_sees_its_next_steps_and_the_approver_what_waits_for_approval(world):
    application = apply(world)
    steps = w.assistance_steps(world.caseworker)
    assert [item.title for item in steps.items] == [str(application)]
    assert w.assistance_steps(world.donghu_caseworker).items == []
    assert w.assistance_approvals(world.caseworker) is None

    application = a.assistance_accept(by=world.caseworker, application=application)
    a.assistance_check_record(by=world.caseworker, application=application)
    from tests.needs.test_assistance_procedure import community_review

    community_review(world, application)
    a.assistance_review(
        by=world.supervisor, application=application, recommendation="grant", amount_fen=100
    )
    a.assistance_notice_start(by=world.caseworker, application=application)
    assert w.assistance_approvals(world.supervisor).items == []  # the notice still runs
    notice_over(application)
    # The supervisor reviewed it: not theirs to approve.
    assert w.assistance_approvals(world.supervisor).items == []
    AssistanceApplication.objects.filter(pk=application.pk).update(reviewer=world.colleague)
    assert [i.title for i in w.assistance_approvals(world.supervisor).items] == [str(application)]


def test_an_overdue_stage_is_counted(world):
    application = apply(world)
    AssistanceApplication.objects.filter(pk=application.pk).update(
        stage_due_at=timezone.now() - dt.timedelta(days=1)
    )
    assert w.assistance_steps(world.caseworker).overdue == 1


# ---- an office's rules for the procedure ----


def test_a_supervisor_sets_an_offices_rules_on_screen(client, world):
    client.force_login(world.supervisor)
    listing = client.get("/admin/assistance/rules/")
    assert listing.status_code == 200
    assert world.chaoyang.name in listing.content.decode()
    url = f"/admin/assistance/rules/{world.chaoyang.pk}/"
    page = client.get(url)
    assert page.status_code == 200
    # The platform's defaults as the form's start, the limit in exact yuan.
    assert str(page.context["form"]["handler_approval_limit"].value()) == "0.00"
    token = page.context["form"]["submission"].value()
    response = client.post(
        url,
        {
            "submission": token,
            "notice_days": 10,
            "notice_min_days": 8,
            "handler_approval_limit": "500",
            "community_review_types": ["dibao", "medical"],
        },
    )
    assert response.status_code == 302
    rule = AssistanceOfficeRule.objects.get(office=world.chaoyang)
    assert (rule.notice_days, rule.notice_min_days, rule.handler_approval_limit_fen) == (
        10,
        8,
        50_000,
    )
    assert sorted(rule.community_review_types) == ["dibao", "medical"]
    assert AuditEvent.objects.filter(action="assistance.rule_save").count() == 1


@pytest.mark.parametrize(
    ("field", "values"),
    [
        ("notice_min_days", {"notice_days": 10, "notice_min_days": 3}),  # below the floor
        ("notice_days", {"notice_days": 8, "notice_min_days": 9}),  # shorter than the minimum
    ],
)
def test_a_notice_below_the_floor_is_refused_naming_the_field(client, world, field, values):
    client.force_login(world.supervisor)
    url = f"/admin/assistance/rules/{world.chaoyang.pk}/"
    token = client.get(url).context["form"]["submission"].value()
    response = client.post(
        url,
        {"submission": token, "handler_approval_limit": "0", **values},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200  # the form again, with the error on its field
    assert response.context["form"].errors[field]
    assert not AssistanceOfficeRule.objects.exists()


def test_only_a_supervisor_over_the_office_sets_its_rules(client, world):
    client.force_login(world.caseworker)
    assert client.get("/admin/assistance/rules/").status_code == 403
    with pytest.raises(PermissionDenied):
        a.assistance_office_rule_save(
            by=world.donghu_caseworker,
            office=world.chaoyang,
            notice_days=7,
            notice_min_days=7,
            handler_approval_limit_fen=0,
            community_review_types=[],
        )
    client.force_login(world.supervisor)  # 长春 supervises 朝阳, not 南昌's 东湖区
    assert client.get(f"/admin/assistance/rules/{world.donghu.pk}/").status_code == 404
    assert not AssistanceOfficeRule.objects.exists()
