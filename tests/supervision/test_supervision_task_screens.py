"""The supervision-task screens (督办) of the data cross-check: the list scoped to the
jurisdiction with its open / overdue filter, the task's page with the person's name (the
read recorded), and "done" through the same service as the API, acting once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from core import services as core_services
from core.factories import OrganisationFactory, UserFactory
from core.models import AuditEvent, Membership, Organisation, PersonalDataRead, Region
from discovery import services as discovery_services
from discovery.models import RiskWarning
from supervision.models import SupervisionTask
from tests.discovery.crosscheck_helpers import csv_bytes, rows, run_import

pytestmark = pytest.mark.django_db
Role = Membership.Role
LIST = "/admin/crosscheck/supervision-tasks/"


@pytest.fixture
def task(world):
    world.accepted()
    run_import(world, csv_bytes(rows()))
    warning = RiskWarning.objects.get(type=RiskWarning.Type.NEW_HARDSHIP)
    return discovery_services.warning_supervise(
        by=world.caseworker,
        warning=warning,
        assigned_to=world.colleague,
        due_on=timezone.localdate() + dt.timedelta(days=3),
        note="督办",
    )


def fund_manager():
    enterprise = OrganisationFactory(
        name="吉安集团", kind=Organisation.Kind.ENTERPRISE, region=Region.objects.get(code="220100")
    )
    user = UserFactory(username="fund.manager")
    core_services.membership_grant(
        by=None, user=user, organisation=enterprise, role=Role.FUND_MANAGER
    )
    return user


def detail(task) -> str:
    return f"{LIST}{task.pk}/"


def done_url(task) -> str:
    return f"{LIST}{task.pk}/done/"


def make_overdue(task) -> None:
    SupervisionTask.objects.filter(pk=task.pk).update(
        due_on=timezone.localdate() - dt.timedelta(days=1)
    )


def test_list_and_page_show_the_task_and_record_the_read(client, world, task):
    client.force_login(world.caseworker)
    page = client.get(LIST).content.decode()
    assert detail(task) in page
    assert "张建国" not in page  # no names in the list
    assert not PersonalDataRead.objects.filter(actor=world.caseworker).exists()

    page = client.get(detail(task)).content.decode()
    assert "张建国" in page and world.colleague.username in page
    assert done_url(task) in page and 'name="submission"' in page
    read = PersonalDataRead.objects.get(actor=world.caseworker)
    assert read.purpose == f"supervision task {task.pk}"


def test_open_and_overdue_filters(client, world, task):
    client.force_login(world.supervisor)
    assert detail(task) in client.get(LIST).content.decode()
    assert detail(task) not in client.get(LIST + "?show=overdue").content.decode()
    make_overdue(task)
    assert detail(task) in client.get(LIST + "?show=overdue").content.decode()
    assert detail(task) not in client.get(LIST + "?show=done").content.decode()
    office = client.get(LIST + f"?office={world.nanguan.pk}").content.decode()
    assert detail(task) not in office


def test_done_calls_the_service_once_even_if_posted_twice(client, world, task):
    client.force_login(world.colleague)
    page = client.get(detail(task)).content.decode()
    token = page.split('name="submission" value="')[1].split('"')[0]

    response = client.post(done_url(task), {"note": "已落实", "submission": token})
    assert response.status_code == 302
    assert response["Location"] == detail(task)
    task.refresh_from_db()
    assert task.status == SupervisionTask.Status.DONE and "已落实" in task.note

    again = client.post(done_url(task), {"note": "再次", "submission": token})
    assert again.status_code == 302  # told it was already submitted; nothing repeated
    task.refresh_from_db()
    assert "再次" not in task.note
    assert AuditEvent.objects.filter(action="supervision_task.done").count() == 1
    assert detail(task) in client.get(LIST + "?show=done").content.decode()
    assert done_url(task) not in client.get(detail(task)).content.decode()  # no action now

    fresh = client.post(done_url(task), {"note": "x", "submission": "another"})
    assert fresh.status_code == 200  # a new form: refused by the service, shown again
    assert AuditEvent.objects.filter(action="supervision_task.done").count() == 1


@pytest.mark.parametrize("who", ["charity", "fund_manager"])
def test_charities_and_fund_managers_get_403(client, world, task, who):
    user = world.charity_staff if who == "charity" else fund_manager()
    client.force_login(user)
    assert client.get("/admin/").status_code == 200  # in the back office, but not here
    assert client.get(LIST).status_code == 403
    assert client.get(detail(task)).status_code == 403
    assert client.post(done_url(task), {"note": ""}).status_code == 403
    task.refresh_from_db()
    assert task.status == SupervisionTask.Status.OPEN


def test_another_jurisdiction_sees_nothing_and_cannot_act(client, world, task):
    for user in (world.nanguan_caseworker, world.donghu_caseworker):
        client.force_login(user)
        assert detail(task) not in client.get(LIST + "?show=all").content.decode()
        assert client.get(detail(task)).status_code == 404
        assert client.post(done_url(task), {"note": ""}).status_code == 404
    task.refresh_from_db()
    assert task.status == SupervisionTask.Status.OPEN


def test_auditors_read_but_do_not_act(client, world, task):
    client.force_login(world.auditor)
    page = client.get(detail(task))
    assert page.status_code == 200 and done_url(task) not in page.content.decode()
    assert client.post(done_url(task), {"note": ""}).status_code == 403
    task.refresh_from_db()
    assert task.status == SupervisionTask.Status.OPEN


def test_the_results_view_is_filtered_scoped_and_refused_as_the_list(client, world, task):
    client.force_login(world.supervisor)
    assert detail(task) in client.get(LIST + "results/").content.decode()
    assert detail(task) not in client.get(LIST + "results/?show=done").content.decode()
    page = client.get(LIST, {"show": "nonsense"}, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200 and "Select a valid choice" in page.content.decode()
    client.force_login(world.charity_staff)
    assert client.get(LIST + "results/").status_code == 403


def test_an_overdue_task_is_marked_in_chinese(client, world, task):
    make_overdue(task)
    client.force_login(world.caseworker)
    page = client.get(LIST, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    table = page.split('<table class="listing')[-1]
    assert "已逾期" in table and "open" not in table
