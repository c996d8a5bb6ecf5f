"""Staff notifications: only the recipient sees and marks theirs; reminders before a deadline
once per deadline; escalations to the supervisors above the case; the disclosure reminder
once per charity and quarter; email when configured; the commands and the periodic task."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from core.models import AuditEvent, Notification
from core.notifications import notify, unread_count
from needs.models import Case, CaseDeadline
from supervision import services
from supervision.tasks import supervision_periodic
from tests.supervision.conftest import hours, make_overdue

pytestmark = pytest.mark.django_db
Kind = Notification.Kind


def due_soon(case: Case, in_hours: float = 3) -> CaseDeadline:
    deadline = CaseDeadline.objects.filter(case=case, met_at__isnull=True).first()
    deadline.due_at = timezone.now() + hours(in_hours)
    deadline.save(update_fields=["due_at"])
    return deadline


# ---- who sees what ----


def test_only_the_recipient_sees_and_marks_a_notification(client, world):
    mine = notify(world.caseworker, Kind.OTHER, "个案 X 的提醒", "/admin/cases/")
    client.force_login(world.colleague)
    assert "个案 X 的提醒" not in client.get("/admin/notifications/").content.decode()
    response = client.post(f"/admin/notifications/{mine.pk}/read/")
    assert response.status_code == 404
    mine.refresh_from_db()
    assert mine.read_at is None

    client.force_login(world.caseworker)
    page = client.get("/admin/notifications/").content.decode()
    assert "个案 X 的提醒" in page
    menu = client.get("/admin/").content.decode()  # the sidebar is JSON, non-ASCII escaped
    assert json.dumps("通知（1 条未读）")[1:-1] in menu
    response = client.post(f"/admin/notifications/{mine.pk}/read/", {"next": mine.link})
    assert response.status_code == 302 and response["Location"] == "/admin/cases/"
    mine.refresh_from_db()
    assert mine.read_at is not None and unread_count(world.caseworker) == 0
    assert AuditEvent.objects.filter(action="notification.read", actor=world.caseworker).exists()


def test_mark_all_read_touches_only_ones_own(client, world):
    notify(world.caseworker, Kind.OTHER, "a")
    notify(world.caseworker, Kind.OTHER, "b")
    other = notify(world.colleague, Kind.OTHER, "c")
    client.force_login(world.caseworker)
    client.post("/admin/notifications/read-all/")
    assert unread_count(world.caseworker) == 0
    other.refresh_from_db()
    assert other.read_at is None


def test_a_notification_with_a_key_is_sent_once(world):
    assert notify(world.caseworker, Kind.OTHER, "x", key="k:1") is not None
    assert notify(world.caseworker, Kind.OTHER, "x", key="k:1") is None
    assert Notification.objects.filter(recipient=world.caseworker).count() == 1


@override_settings(NOTIFICATION_EMAILS=True)
def test_email_goes_out_when_configured(world, django_capture_on_commit_callbacks):
    world.caseworker.email = "wangfang@example.cn"
    world.caseworker.save()
    with django_capture_on_commit_callbacks(execute=True):
        notification = notify(world.caseworker, Kind.OTHER, "个案 220104-2026-000001 提醒")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["wangfang@example.cn"]
    notification.refresh_from_db()
    assert notification.emailed_at is not None


def test_no_email_when_not_configured(world, django_capture_on_commit_callbacks):
    world.caseworker.email = "wangfang@example.cn"
    world.caseworker.save()
    with django_capture_on_commit_callbacks(execute=True):
        notify(world.caseworker, Kind.OTHER, "x")
    assert mail.outbox == []


# ---- reminders ----


def test_owner_is_reminded_once_before_a_deadline(world):
    case = world.accepted()
    deadline = CaseDeadline.objects.create(
        case=case, step=CaseDeadline.Step.ADVANCE_RELIEF, due_at=timezone.now() + hours(3)
    )
    far = CaseDeadline.objects.create(
        case=case, step=CaseDeadline.Step.ADVANCE_RELIEF, due_at=timezone.now() + hours(72)
    )
    assert services.deadline_reminders_send().notifications == 1
    assert services.deadline_reminders_send().notifications == 0  # never twice
    reminder = Notification.objects.get(recipient=world.caseworker, kind=Kind.DEADLINE_REMINDER)
    assert reminder.key == f"deadline-reminder:{deadline.pk}"
    assert case.number in reminder.message and "张建国" not in reminder.message
    assert reminder.link == f"/admin/cases/{case.pk}/"
    assert not Notification.objects.filter(key=f"deadline-reminder:{far.pk}").exists()


def test_unaccepted_case_reminds_the_offices_caseworkers(world):
    case = world.report()
    due_soon(case)
    services.deadline_reminders_send()
    recipients = set(
        Notification.objects.filter(kind=Kind.DEADLINE_REMINDER).values_list(
            "recipient__username", flat=True
        )
    )
    assert recipients == {"wangfang", "zhaolei"}  # Chaoyang's caseworkers, nobody else


def test_escalation_goes_to_the_supervisors_above_the_case_once(world, donghu_supervisor):
    case = world.report()
    make_overdue(case)
    services.escalation_notifications_send()
    assert not Notification.objects.exists()  # nothing escalated yet
    call_command("sweep_overdue")
    assert services.escalation_notifications_send().notifications == 1
    assert services.escalation_notifications_send().notifications == 0
    notification = Notification.objects.get(kind=Kind.ESCALATION)
    assert notification.recipient == world.supervisor  # not the other city's supervisor
    assert case.number in notification.message


def test_disclosure_reminder_once_per_charity_and_quarter(world):
    first = services.disclosure_reminders_send(today=dt.date(2026, 4, 1))
    assert first.notifications == 2  # one staff member at each of the two charities
    again = services.disclosure_reminders_send(today=dt.date(2026, 6, 30))
    assert again.notifications == 0
    next_quarter = services.disclosure_reminders_send(today=dt.date(2026, 7, 1))
    assert next_quarter.notifications == 2
    keys = set(Notification.objects.values_list("key", flat=True))
    assert keys == {
        f"disclosure:{world.charity.pk}:2026Q2",
        f"disclosure:{world.other_charity.pk}:2026Q2",
        f"disclosure:{world.charity.pk}:2026Q3",
        f"disclosure:{world.other_charity.pk}:2026Q3",
    }
    assert set(Notification.objects.values_list("recipient__username", flat=True)) == {
        "zhaomin",
        "zhoujie",
    }


# ---- commands and the periodic task ----


def test_command_runs_everything_once_and_each_job_alone(world, capsys):
    due_soon(world.report())
    call_command("supervision_notify", "--only", "reminders")
    assert "reminders: 2" in capsys.readouterr().out  # the office's two caseworkers
    call_command("supervision_notify")
    out = capsys.readouterr().out
    assert "deadline_reminders: 0" in out and "disclosure_reminders: 2" in out


def test_periodic_task_sweeps_then_notifies(world):
    make_overdue(world.report())
    result = supervision_periodic.enqueue()
    assert result.return_value["escalated"] == 1
    assert result.return_value["escalation_notices"] == 1


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_every_queues_one_self_repeating_task_however_often_it_is_run(world, capsys):
    from django_tasks_db.models import DBTaskResult

    call_command("supervision_notify", "--every", "900")
    call_command("supervision_notify", "--every", "900")
    assert "already queued" in capsys.readouterr().out
    queued = DBTaskResult.objects.filter(task_path="supervision.tasks.supervision_periodic")
    assert queued.count() == 1 and queued.get().args_kwargs["kwargs"] == {"every_seconds": 900}


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_the_periodic_chain_stays_one_and_survives_a_failed_run(world, capsys, monkeypatch):
    """The command while a run is running adds nothing; a run that fails still queues the
    next; a run that finds a later one already waiting does not queue another."""
    from django_tasks_db.models import DBTaskResult

    from supervision import tasks

    call_command("supervision_notify", "--every", "900")
    queued = DBTaskResult.objects.filter(task_path="supervision.tasks.supervision_periodic")
    queued.update(status="RUNNING")
    call_command("supervision_notify", "--every", "900")
    assert "already queued" in capsys.readouterr().out and queued.count() == 1

    def broken():
        raise RuntimeError("the mail server is down")

    monkeypatch.setattr(tasks, "run_all", broken)
    queued.update(status="SUCCEEDED")
    with pytest.raises(RuntimeError):
        tasks.supervision_periodic.call(every_seconds=900)
    assert queued.filter(status="READY").count() == 1  # the chain goes on
    monkeypatch.setattr(tasks, "run_all", dict)
    tasks.supervision_periodic.call(every_seconds=900)
    assert queued.filter(status="READY").count() == 1  # and never doubles


def test_extreme_dates_are_left_out_with_a_note_never_an_error(client, world):
    client.force_login(world.supervisor)
    for query in ("end=9999-12-31", "start=0001-01-01"):
        response = client.get(f"/admin/supervision/?{query}")
        assert response.status_code == 200
        assert response.context["notes"]
        assert client.get(f"/admin/supervision/export/cases.csv?{query}").status_code == 200
    assert client.get("/admin/cases/?reported_to=9999-12-31").status_code == 200
