"""Joint meetings through the back-office screens and the API (issue 19 item 8): the same
services behind both; one-time form tokens and Idempotency-Keys make a repeated post act once;
roles and jurisdiction hold on every endpoint."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from supervision.models import JointMeeting, JointMeetingTask
from tests.supervision.meetings_world import held, make_meetings

pytestmark = pytest.mark.django_db


@pytest.fixture
def meetings(world):
    return make_meetings(world)


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _token(page: str) -> str:
    return re.search(r'name="submission" value="([0-9a-f]+)"', page).group(1)


def _convene_body(meetings, case) -> dict:
    return {
        "mechanism": meetings.mechanism.pk,
        "title": "第4次会商",
        "held_at": (timezone.now() + dt.timedelta(days=2)).isoformat(),
        "place": "区民政局会议室",
        "agenda": "会商个案",
        "cases": [case.pk],
    }


def test_the_api_convenes_once_per_idempotency_key(meetings):
    case = meetings.world.accepted()
    client = api(meetings.world.caseworker)
    body = _convene_body(meetings, case)
    first = client.post(
        "/api/v1/joint-meetings/", body, format="json", HTTP_IDEMPOTENCY_KEY="convene-0001"
    )
    again = client.post(
        "/api/v1/joint-meetings/", body, format="json", HTTP_IDEMPOTENCY_KEY="convene-0001"
    )
    assert first.status_code == 201, first.content
    assert again.status_code == 201 and again.json()["id"] == first.json()["id"]
    assert JointMeeting.objects.count() == 1
    assert len(first.json()["invitations"]) == 2


def test_the_api_refuses_a_past_date_naming_the_field(meetings):
    case = meetings.world.accepted()
    body = {**_convene_body(meetings, case), "held_at": "2020-01-01T09:00:00+08:00"}
    response = api(meetings.world.caseworker).post(
        "/api/v1/joint-meetings/", body, format="json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    assert {e["field"] for e in response.json()["errors"]} == {"held_at"}
    assert "The date is in the past." in response.content.decode()
    assert not JointMeeting.objects.exists()


def test_the_api_keeps_to_roles_and_jurisdiction(meetings):
    world = meetings.world
    case = world.accepted()
    body = _convene_body(meetings, case)
    assert api(world.charity_staff).get("/api/v1/joint-meetings/").status_code == 403
    assert (
        api(meetings.hrss_staff).post("/api/v1/joint-meetings/", body, format="json").status_code
        == 403
    )
    # Another district's caseworker: the 朝阳 case is an invalid pk to them (nothing about it
    # is told); without it, the service refuses the 朝阳 mechanism.
    assert (
        api(world.nanguan_caseworker)
        .post("/api/v1/joint-meetings/", body, format="json")
        .status_code
        == 400
    )
    assert (
        api(world.nanguan_caseworker)
        .post("/api/v1/joint-meetings/", {**body, "cases": []}, format="json")
        .status_code
        == 403
    )
    assert not JointMeeting.objects.exists()
    meeting = meetings.convene(cases=[case])
    assert api(meetings.far_staff).get(f"/api/v1/joint-meetings/{meeting.pk}/").status_code == 404
    assert api(world.nanguan_caseworker).get("/api/v1/joint-meetings/").json()["count"] == 0
    assert (
        api(meetings.hrss_staff).get("/api/v1/joint-meetings/?status=convened").json()["count"] == 1
    )


def test_the_api_runs_tasks_to_done_and_refuses_another_unit(meetings):
    world = meetings.world
    case = world.accepted()
    meeting = held(meetings.convene(cases=[case]))
    office = api(world.caseworker)
    decision = office.post(
        f"/api/v1/joint-meetings/{meeting.pk}/decisions/",
        {"text": "人社局落实公益性岗位", "case": case.pk},
        format="json",
        HTTP_IDEMPOTENCY_KEY="decision-0001",
    )
    assert decision.status_code == 201, decision.content
    decision_id = decision.json()["decisions"][0]["id"]
    task = office.post(
        f"/api/v1/joint-meetings/{meeting.pk}/tasks/",
        {
            "decision": decision_id,
            "unit": meetings.hrss.pk,
            "description": "安排岗位",
            "due_on": (timezone.localdate() + dt.timedelta(days=5)).isoformat(),
        },
        format="json",
        HTTP_IDEMPOTENCY_KEY="task-0001",
    )
    assert task.status_code == 201, task.content
    task_id = task.json()["id"]
    listed = api(meetings.hrss_staff).get("/api/v1/joint-meeting-tasks/?status=open&overdue=false")
    assert [t["id"] for t in listed.json()["results"]] == [task_id]
    close = office.post(f"/api/v1/joint-meetings/{meeting.pk}/close/", {}, format="json")
    assert close.status_code == 400
    wrong = api(meetings.health_staff).post(
        f"/api/v1/joint-meeting-tasks/{task_id}/done/", {"note": "已办"}, format="json"
    )
    assert wrong.status_code == 403
    done = api(meetings.hrss_staff).post(
        f"/api/v1/joint-meeting-tasks/{task_id}/done/",
        {"note": "已办"},
        format="json",
        HTTP_IDEMPOTENCY_KEY="task-done-0001",
    )
    assert done.status_code == 200 and done.json()["status"] == "done"
    again = api(meetings.hrss_staff).post(
        f"/api/v1/joint-meeting-tasks/{task_id}/done/",
        {"note": "已办"},
        format="json",
        HTTP_IDEMPOTENCY_KEY="task-done-0001",
    )
    assert again.status_code == 200  # replayed, not redone
    assert (
        office.post(f"/api/v1/joint-meetings/{meeting.pk}/close/", {}, format="json").status_code
        == 200
    )


def test_the_schema_documents_the_joint_meetings(meetings, client):
    from drf_spectacular.generators import SchemaGenerator

    paths = SchemaGenerator().get_schema(request=None, public=True)["paths"]
    assert "/api/v1/joint-meetings/" in paths
    assert "/api/v1/joint-meeting-tasks/{id}/done/" in paths
    params = {p["name"] for p in paths["/api/v1/joint-meetings/"]["get"]["parameters"]}
    assert {"status", "office", "held_after", "case"} <= params


def test_the_convene_form_acts_once_on_a_double_post(meetings, client):
    world = meetings.world
    case = world.accepted()
    client.force_login(world.caseworker)
    page = client.get("/admin/supervision/meetings/convene/").content.decode()
    assert case.number in page and "张建国" not in page
    when = timezone.localtime(timezone.now() + dt.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    data = {
        "submission": _token(page),
        "mechanism": meetings.mechanism.pk,
        "title": "第5次会商",
        "held_at": when,
        "place": "会议室",
        "agenda": "议题",
        "cases": [case.pk],
    }
    first = client.post("/admin/supervision/meetings/convene/", data)
    assert first.status_code == 302
    second = client.post("/admin/supervision/meetings/convene/", data, HTTP_ACCEPT_LANGUAGE="en")
    assert second.status_code == 400
    assert "already submitted" in second.content.decode()
    assert JointMeeting.objects.count() == 1


def test_the_meeting_page_marks_a_task_done_only_for_its_unit(meetings, client):
    from supervision import services_meetings as sm

    world = meetings.world
    meeting = held(meetings.convene(cases=[world.accepted()]))
    decision = sm.decision_record(by=world.caseworker, meeting=meeting, text="落实")
    task = sm.task_assign(
        by=world.caseworker,
        decision=decision,
        unit=meetings.hrss,
        description="安排岗位",
        due_on=timezone.localdate() + dt.timedelta(days=3),
    )
    url = f"/admin/supervision/meetings/{meeting.pk}/"
    client.force_login(meetings.health_staff)
    page = client.get(url).content.decode()
    assert 'value="done"' not in page  # no form for another unit's task
    forged = client.post(url, {"step": "done", "task": task.pk, f"done-{task.pk}-note": "x"})
    assert forged.status_code == 403
    client.force_login(meetings.hrss_staff)
    page = client.get(url).content.decode()
    token = re.search(rf'name="done-{task.pk}-submission" value="([0-9a-f]+)"', page).group(1)
    ok = client.post(
        url,
        {
            "step": "done",
            "task": task.pk,
            f"done-{task.pk}-note": "已安排",
            f"done-{task.pk}-submission": token,
        },
    )
    assert ok.status_code == 302
    task.refresh_from_db()
    assert task.status == JointMeetingTask.Status.DONE
    # The convener closes it; the page in zh-hans says so in Chinese.
    client.force_login(world.caseworker)
    page = client.get(url).content.decode()
    assert "办结会议" in page and "落实事项" in page
    # A department not a member cannot open the page at all.
    client.force_login(meetings.far_staff)
    assert client.get(url).status_code == 404


def test_the_list_is_jurisdiction_scoped(meetings, client):
    meeting = meetings.convene(cases=[meetings.world.accepted()])
    client.force_login(meetings.hrss_staff)
    page = client.get("/admin/supervision/joint-meetings/").content.decode()
    assert meeting.title in page
    client.force_login(meetings.world.nanguan_caseworker)
    page = client.get("/admin/supervision/joint-meetings/").content.decode()
    assert meeting.title not in page


def test_the_generic_create_form_convenes_nothing_the_convene_page_does(meetings, client):
    """A meeting is convened only through the convening page's service (with its audit
    event): Wagtail's generic create URL of the viewset answers no one, also by POST."""
    from core.models import AuditEvent

    world = meetings.world
    case = world.accepted()
    client.force_login(world.caseworker)
    index = client.get("/admin/supervision/joint-meetings/").content.decode()
    assert "/admin/supervision/meetings/convene/" in index  # the add button stays
    assert "/admin/supervision/joint-meetings/new/" not in index
    generic = client.get("/admin/supervision/joint-meetings/new/")
    assert generic.status_code in (302, 403, 404)
    posted = client.post("/admin/supervision/joint-meetings/new/", {"title": "绕过服务的会议"})
    assert posted.status_code in (302, 403, 404)
    if posted.status_code == 302:
        assert "/new/" not in posted["Location"]
    assert not JointMeeting.objects.exists()
    page = client.get("/admin/supervision/meetings/convene/").content.decode()
    when = timezone.localtime(timezone.now() + dt.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    done = client.post(
        "/admin/supervision/meetings/convene/",
        {
            "submission": _token(page),
            "mechanism": meetings.mechanism.pk,
            "title": "第6次会商",
            "held_at": when,
            "place": "会议室",
            "agenda": "议题",
            "cases": [case.pk],
        },
    )
    assert done.status_code == 302
    meeting = JointMeeting.objects.get()
    assert AuditEvent.objects.filter(object_id=str(meeting.pk)).exists()


def test_a_member_department_reads_the_conveners_text_anonymized(meetings, client):
    """Agenda, decisions, tasks and closing summary name the household as typed for the
    convener; a member department (which may not open the case) reads them anonymized, on the
    page, in the API and on its worklist."""
    from needs.factories import id_number
    from needs.worklist import worklist_for
    from supervision import services_meetings as sm

    world = meetings.world
    case = world.accepted()
    number = id_number("22010419790315123")
    meeting = held(meetings.convene(cases=[case], agenda="会商张建国家庭（幸福小区3栋）的救助"))
    decision = sm.decision_record(
        by=world.caseworker,
        meeting=meeting,
        text=f"为张建国（身份证{number}）落实公益性岗位",
        case=case,
    )
    sm.task_assign(
        by=world.caseworker,
        decision=decision,
        unit=meetings.hrss,
        description="联系李秀兰，电话13912345678",
        due_on=timezone.localdate() + dt.timedelta(days=3),
    )
    url = f"/admin/supervision/meetings/{meeting.pk}/"
    client.force_login(world.caseworker)
    raw = client.get(url).content.decode()
    assert "张建国" in raw and number in raw and "13912345678" in raw
    convener = api(world.caseworker).get(f"/api/v1/joint-meetings/{meeting.pk}/").json()
    assert convener["decisions"][0]["text"] == f"为张建国（身份证{number}）落实公益性岗位"

    client.force_login(meetings.hrss_staff)
    page = client.get(url).content.decode()
    for secret in ("张建国", "李秀兰", number, "13912345678", "幸福小区"):
        assert secret not in page
    assert "公益性岗位" in page  # the decision itself is still there
    seen = api(meetings.hrss_staff).get(f"/api/v1/joint-meetings/{meeting.pk}/").content.decode()
    tasks = api(meetings.hrss_staff).get("/api/v1/joint-meeting-tasks/").content.decode()
    listed = api(meetings.hrss_staff).get("/api/v1/joint-meetings/").content.decode()
    work = str([(i.title, i.detail) for w in worklist_for(meetings.hrss_staff) for i in w.items])
    for text in (seen, tasks, listed, work):
        for secret in ("张建国", "李秀兰", number, "13912345678", "幸福小区"):
            assert secret not in text, (secret, text)
    assert "公益性岗位" in seen


def test_the_member_form_offers_only_the_offices_departments_and_their_staff(meetings, client):
    """The 朝阳 supervisor's member form lists the district's departments and their staff,
    not a far district's department nor its staff's names; the API refuses a far pk as an
    invalid pk, naming nothing."""
    from core.models import Organisation

    meetings.far_staff.first_name, meetings.far_staff.last_name = "教育", "南关"
    meetings.far_staff.save()
    Organisation.objects.create(
        name="朝阳区退役军人事务局",
        kind=Organisation.Kind.DEPARTMENT,
        region=meetings.world.chaoyang.region,
    )
    client.force_login(meetings.office_supervisor)
    page = client.get("/admin/supervision/meetings/mechanisms/").content.decode()
    assert "朝阳区退役军人事务局" in page
    assert meetings.far_department.name not in page
    assert "南关教育" not in page and meetings.far_staff.username not in page
    assert meetings.hrss_colleague.username in page
    response = api(meetings.office_supervisor).post(
        f"/api/v1/joint-meeting-mechanisms/{meetings.mechanism.pk}/members/",
        {"department": meetings.far_department.pk, "contact": meetings.far_staff.pk},
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert meetings.far_department.name not in response.content.decode()
    assert {e["field"] for e in response.json()["errors"]} == {"department", "contact"}


def _far_case(world):
    """A case of 南关区, outside 朝阳's reach."""
    from needs import services
    from needs.factories import household_input, id_number

    household = household_input(
        "220102", head="王德明", head_id=id_number("22010219800101123"), phone="13800001111"
    )
    case = world.report(by=world.nanguan_caseworker, office=world.nanguan, household=household)
    return services.case_accept(by=world.nanguan_caseworker, case=case)


def test_the_api_refuses_a_case_outside_reach_as_an_invalid_pk_naming_no_number(meetings):
    """Any case pk outside the convener's reach is an invalid pk, as if it did not exist: the
    answer never turns a pk into a case number."""
    world = meetings.world
    own = world.accepted()
    far = _far_case(world)
    client = api(world.caseworker)
    body = {**_convene_body(meetings, own), "cases": [own.pk, far.pk]}
    refused = client.post("/api/v1/joint-meetings/", body, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 400
    assert {e["field"] for e in refused.json()["errors"]} == {"cases"}
    assert far.number not in refused.content.decode()
    assert "Invalid pk" in refused.content.decode()
    missing = {**body, "cases": [own.pk, 999999]}
    again = client.post(
        "/api/v1/joint-meetings/", missing, format="json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert (
        again.json()["errors"][0]["message"].replace("999999", str(far.pk))
        == (refused.json()["errors"][0]["message"])
    )
    assert not JointMeeting.objects.exists()
    ok = client.post("/api/v1/joint-meetings/", {**body, "cases": [own.pk]}, format="json")
    assert ok.status_code == 201, ok.content


def test_the_service_names_no_case_outside_reach(meetings, in_english):
    from django.core.exceptions import ValidationError

    world = meetings.world
    far = _far_case(world)
    with pytest.raises(ValidationError) as refused:
        meetings.convene(cases=[far])
    assert far.number not in str(refused.value)
    assert "Cases outside your jurisdiction" in str(refused.value)


def test_the_api_help_texts_are_translated():
    """Help texts of the API's fields go through translation (the schema in Chinese)."""
    from django.utils import translation

    from discovery.api.registers import VisitInputSerializer
    from supervision.api.meetings import MeetingConveneSerializer

    with translation.override("zh-hans"):
        departments = str(MeetingConveneSerializer().fields["departments"].help_text)
        grid = str(VisitInputSerializer().fields["grid"].help_text)
    assert departments == "要邀请的成员单位；不填则邀请全部成员单位。"
    assert grid.startswith("新登记家庭所属的网格")


def test_the_list_counts_open_tasks_without_a_query_per_row(meetings, client):
    """The open-tasks column reads counts annotated on the list's query: the page costs the
    same number of queries for one meeting as for three."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from supervision import services_meetings as sm

    world = meetings.world

    def meeting_with_tasks(title: str, done: int):
        meeting = held(meetings.convene(cases=[world.accepted()], title=title))
        decision = sm.decision_record(by=world.caseworker, meeting=meeting, text="落实")
        for n in range(2):
            task = sm.task_assign(
                by=world.caseworker,
                decision=decision,
                unit=meetings.hrss,
                description=f"事项{n}",
                due_on=timezone.localdate() + dt.timedelta(days=3),
            )
            if n < done:
                sm.task_done(by=meetings.hrss_staff, task=task, note="已办")
        return meeting

    meeting_with_tasks("第一次会商", done=1)
    client.force_login(world.caseworker)
    url = "/admin/supervision/joint-meetings/"
    client.get(url)  # warm caches (content types, permissions)
    with CaptureQueriesContext(connection) as one:
        page = client.get(url).content.decode()
    assert "1 / 2" in page
    meeting_with_tasks("第二次会商", done=0)
    meeting_with_tasks("第三次会商", done=2)
    with CaptureQueriesContext(connection) as three:
        page = client.get(url).content.decode()
    assert "2 / 2" in page and "0 / 2" in page and "1 / 2" in page
    assert len(three) == len(one)
    # Searching the annotated list still works.
    found = client.get(url, {"q": "第二次"}).content.decode()
    assert "第二次会商" in found and "第三次会商" not in found
