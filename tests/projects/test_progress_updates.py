"""Progress updates (执行反馈) of a project: its own charity's staff write them in the back office
through projects.services.progress_update_create; a text that still identifies a person is
refused with the finding named and nothing saved; nobody else may write one."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from core.models import AuditEvent
from projects import services
from projects.models import ProjectUpdate

pytestmark = pytest.mark.django_db


def form(text: str, **extra) -> dict:
    return {"date": timezone.localdate().isoformat(), "text": text, "is_published": "on", **extra}


def url(project) -> str:
    return f"/admin/projects/{project.pk}/updates/new/"


def test_charity_staff_write_an_update_from_the_project_page(client, world):
    project = world.open_project
    client.force_login(world.charity_staff)
    detail = client.get(f"/admin/projects/{project.pk}/").content.decode()
    assert url(project) in detail  # reachable from the project's admin page
    assert client.get(url(project)).status_code == 200
    response = client.post(url(project), form("本月为三户因病致困家庭发放救助金。"))
    assert response.status_code == 302
    update = ProjectUpdate.objects.get(project=project)
    assert update.author == world.charity_staff and update.is_published
    event = AuditEvent.objects.get(action="project.progress_update")
    assert event.actor == world.charity_staff
    assert "本月为三户" in client.get(f"/projects/{project.pk}/").content.decode()


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("患者王小明，男，8岁，已获救助。", "a personal name"),
        ("受助人身份证号220104197903151234。", "an ID number"),
        ("有需要请联系13912345678。", "a phone number"),
    ],
)
def test_a_text_that_identifies_a_person_is_refused_with_the_finding_named(
    client, world, text, kind
):
    client.force_login(world.charity_staff)
    response = client.post(url(world.open_project), form(text), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert kind in response.content.decode()
    assert not ProjectUpdate.objects.exists()
    assert not AuditEvent.objects.filter(action="project.progress_update").exists()


def test_another_charitys_staff_get_404_and_caseworkers_403(client, world):
    project = world.open_project
    client.force_login(world.other_charity_staff)
    assert client.get(url(project)).status_code == 404
    assert client.post(url(project), form("别家机构的更新。")).status_code == 404
    client.force_login(world.caseworker)
    assert client.post(url(project), form("经办人员的更新。")).status_code == 403
    client.force_login(world.auditor)
    assert client.post(url(project), form("审计人员的更新。")).status_code == 403
    assert not ProjectUpdate.objects.exists()


def test_platform_admins_do_not_write_for_a_charity(world):
    with pytest.raises(PermissionDenied):
        services.progress_update_create(
            by=world.admin, project=world.open_project, date=timezone.localdate(), text="代写。"
        )


def test_future_dates_empty_texts_and_drafts_are_refused(world):
    staff, project = world.charity_staff, world.open_project
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        services.progress_update_create(by=staff, project=project, date=tomorrow, text="明天的事。")
    assert "date" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.progress_update_create(
            by=staff, project=project, date=timezone.localdate(), text="  "
        )
    assert "text" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.progress_update_create(
            by=staff, project=world.draft, date=timezone.localdate(), text="筹备中。"
        )
    assert not ProjectUpdate.objects.exists()


def test_the_same_form_posted_twice_writes_once(client, world):
    client.force_login(world.charity_staff)
    data = form("第二批物资已送达。", submission="a1b2c3d4e5f6")
    client.post(url(world.open_project), data)
    client.post(url(world.open_project), data)
    assert ProjectUpdate.objects.count() == 1


def test_hiding_and_publishing_again(client, world):
    project = world.open_project
    update = services.progress_update_create(
        by=world.charity_staff, project=project, date=timezone.localdate(), text="物资已送达。"
    )
    client.force_login(world.charity_staff)
    publish = f"/admin/projects/{project.pk}/updates/{update.pk}/publish/"
    client.post(publish, {"publish": "0"})
    assert "物资已送达" not in client.get(f"/projects/{project.pk}/").content.decode()
    client.post(publish, {"publish": "1"})
    assert "物资已送达" in client.get(f"/projects/{project.pk}/").content.decode()
    client.force_login(world.other_charity_staff)
    assert client.post(publish, {"publish": "0"}).status_code == 404
