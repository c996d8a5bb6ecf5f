"""The periodic reminders beyond a case's deadlines: hotline calls' time limits to the taker,
overdue supervision tasks to the assignee and the supervisors above, and a daily digest of
routine visits past due to the office's caseworkers. Each once, in the right jurisdiction."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from core.models import Membership, Notification, Region
from discovery import services as discovery_services
from discovery.models import RiskWarning
from needs.factories import household_input, id_number
from supervision import services
from supervision.models import SupervisionTask
from supervision.services_tasks import supervision_task_done
from supervision.tasks import run_all
from tests.discovery.crosscheck_helpers import csv_bytes, rows, run_import

pytestmark = pytest.mark.django_db
Kind = Notification.Kind

# Monday 2026-03-02, 10:00 Beijing time: call back by Tuesday, a result by next Monday.
MONDAY = timezone.make_aware(dt.datetime(2026, 3, 2, 10, 0))
TUESDAY_NOON = timezone.make_aware(dt.datetime(2026, 3, 3, 12, 0))
NEXT_TUESDAY = timezone.make_aware(dt.datetime(2026, 3, 10, 9, 0))


def recipients(**filters) -> list[str]:
    return sorted(
        Notification.objects.filter(**filters).values_list("recipient__username", flat=True)
    )


# ---- hotline calls ----


def call(world, **overrides):
    kwargs = {
        "by": world.caseworker,
        "office": world.chaoyang,
        "caller_name": "王秀英",
        "caller_phone": "139 1234 5678",
        "region": Region.objects.get(code="220104"),
        "topic": "illness",
        "need": "邻居张大爷独居，中风后无人照料。",
        "received_at": MONDAY,
    }
    kwargs.update(overrides)
    return discovery_services.hotline_call_record(**kwargs)


def test_hotline_taker_is_reminded_of_each_limit_once(world):
    taken = call(world)
    closed = call(world, caller_phone="13800002222")
    discovery_services.hotline_call_close(by=world.caseworker, call=closed, outcome="已解答")

    assert services.hotline_reminders_send(now=MONDAY, within_hours=24).notifications == 0

    assert services.hotline_reminders_send(now=TUESDAY_NOON, within_hours=24).notifications == 1
    assert services.hotline_reminders_send(now=TUESDAY_NOON, within_hours=24).notifications == 0
    reminder = Notification.objects.get()
    assert reminder.key == f"hotline-callback:{taken.pk}"
    assert reminder.recipient == world.caseworker and reminder.kind == Kind.DEADLINE_REMINDER
    assert reminder.link == f"/admin/hotline/{taken.pk}/"
    assert str(taken.pk) in reminder.message and "王秀英" not in reminder.message

    # A week on: the result is overdue too; the call-back is not repeated.
    assert services.hotline_reminders_send(now=NEXT_TUESDAY).notifications == 1
    assert services.hotline_reminders_send(now=NEXT_TUESDAY).notifications == 0
    assert set(Notification.objects.values_list("key", flat=True)) == {
        f"hotline-callback:{taken.pk}",
        f"hotline-result:{taken.pk}",
    }
    assert recipients() == ["wangfang", "wangfang"]  # the taker only, never another county


def test_a_called_back_call_is_reminded_of_its_result_only(world):
    called_back = call(world)
    discovery_services.hotline_call_back(by=world.caseworker, call=called_back, note="已回电")
    assert services.hotline_reminders_send(now=TUESDAY_NOON, within_hours=24).notifications == 0
    assert services.hotline_reminders_send(now=NEXT_TUESDAY).notifications == 1
    assert Notification.objects.get().key == f"hotline-result:{called_back.pk}"


def test_a_taker_who_left_the_office_is_replaced_by_its_caseworkers(world):
    taken = call(world)
    Membership.objects.filter(user=world.caseworker).update(is_active=False)
    assert services.hotline_reminders_send(now=NEXT_TUESDAY).notifications == 2
    assert recipients() == ["zhaolei", "zhaolei"]  # call-back and result, both past
    assert set(Notification.objects.values_list("key", flat=True)) == {
        f"hotline-callback:{taken.pk}",
        f"hotline-result:{taken.pk}",
    }


# ---- supervision tasks ----


@pytest.fixture
def task(world):
    world.accepted()
    run_import(world, csv_bytes(rows()))
    return discovery_services.warning_supervise(
        by=world.caseworker,
        warning=RiskWarning.objects.get(type=RiskWarning.Type.NEW_HARDSHIP),
        assigned_to=world.colleague,
        due_on=timezone.localdate() + dt.timedelta(days=3),
    )


def test_overdue_supervision_task_goes_to_the_assignee_and_the_supervisors_above(
    world, task, donghu_supervisor
):
    assert services.supervision_task_reminders_send(today=task.due_on).notifications == 0

    late = task.due_on + dt.timedelta(days=1)
    assert services.supervision_task_reminders_send(today=late).notifications == 2
    assert services.supervision_task_reminders_send(today=late).notifications == 0
    assert recipients(kind=Kind.DEADLINE_REMINDER) == ["zhaolei"]
    assert recipients(kind=Kind.ESCALATION) == ["zhangwei"]  # not the other city's supervisor
    notice = Notification.objects.get(recipient=world.supervisor)
    assert notice.key == f"supervision-task-overdue:{task.pk}"
    assert notice.link == f"/admin/crosscheck/supervision-tasks/{task.pk}/"
    assert "张建国" not in notice.message


def test_a_done_supervision_task_is_not_reminded(world, task):
    supervision_task_done(by=world.colleague, task=task)
    later = task.due_on + dt.timedelta(days=10)
    assert services.supervision_task_reminders_send(today=later).notifications == 0
    assert SupervisionTask.objects.get().status == SupervisionTask.Status.DONE


# ---- routine visits ----


def visit(world, **overrides):
    kwargs = {
        "by": world.caseworker,
        "office": world.chaoyang,
        "visited_on": timezone.localdate(),
        "observations": "老两口独居，老伴卧床。",
        "visitor_kind": "grid_worker",
        "visitor_name": "网格员刘敏",
        "household_input": household_input(),
        "key_groups": ["kg_elderly_disabled_ill"],
        "needs_help": True,
    }
    kwargs.update(overrides)
    return discovery_services.visit_record(**kwargs)


def test_one_digest_a_day_to_the_offices_caseworkers(world):
    today = timezone.localdate()
    visit(world, visited_on=today - dt.timedelta(days=45))
    visit(
        world,
        visited_on=today - dt.timedelta(days=40),
        household_input=household_input(
            head="赵德福", head_id=id_number("22010419600101123"), phone="13700001111"
        ),
    )

    assert services.visit_digests_send(today=today).notifications == 2
    assert services.visit_digests_send(today=today).notifications == 0
    # Chaoyang's caseworkers, nobody else (the visits' calls for help notify separately)
    assert recipients(key__startswith="visits-due:") == ["wangfang", "zhaolei"]
    digest = Notification.objects.filter(recipient=world.caseworker).get()
    assert digest.key == f"visits-due:{world.chaoyang.pk}:{today.isoformat()}"
    assert "2" in digest.message and "赵德福" not in digest.message
    assert digest.link == "/admin/visits/due/"

    tomorrow = today + dt.timedelta(days=1)
    assert services.visit_digests_send(today=tomorrow).notifications == 2


def test_no_digest_when_no_visit_is_past_due(world):
    visit(world)
    assert services.visit_digests_send().notifications == 0


def test_run_all_includes_the_new_reminders(world):
    call(world)
    result = run_all()
    assert result["hotline_reminders"] == 2  # call-back and result, both long past
    assert result["supervision_task_reminders"] == 0 and result["visit_digests"] == 0
