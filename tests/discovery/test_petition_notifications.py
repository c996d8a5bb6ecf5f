"""Notifications of the petition register and the concentrated surveys (issue 19): a petition
registered for an office tells its caseworkers; a time limit drawing near reminds them, once
per petition and deadline; a survey assignment tells the visitor. Each once only, also when
the sending runs again; no message names the petitioner."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from core.models import Notification, Region
from discovery import notify_petitions, services
from discovery.models import Petition
from supervision.tasks import run_all

pytestmark = pytest.mark.django_db


def register(world, **overrides) -> Petition:
    kwargs = {
        "by": world.caseworker,
        "office": world.chaoyang,
        "form": Petition.Form.LETTER,
        "petitioner_name": "王秀英",
        "petitioner_phone": "139 1234 5678",
        "region": Region.objects.get(code="220104"),
        "demand": "丈夫车祸后瘫痪在床，医药费无力承担，请求救助。",
    }
    kwargs.update(overrides)
    return services.petition_register(**kwargs)


def reads_english(*users) -> None:
    from wagtail.users.models import UserProfile

    for user in users:
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "en"
        profile.save()


def notes(user, prefix: str):
    return Notification.objects.filter(recipient=user, key__startswith=prefix)


def test_a_registered_petition_tells_the_offices_other_caseworkers(world):
    reads_english(world.colleague)
    petition = register(world)
    [note] = notes(world.colleague, "petition-registered:")
    assert note.message.startswith(f"Petition {petition.pk} was registered for 朝阳区民政局")
    assert "王秀英" not in note.message and "1234" not in note.message
    assert note.link == f"/admin/discovery/petitions/{petition.pk}/"
    # Who registered it knows; another district's caseworker is not told.
    assert not notes(world.caseworker, "petition-registered:").exists()
    assert not notes(world.nanguan_caseworker, "petition-registered:").exists()
    # Sent again (a retry), nobody is told twice.
    assert notify_petitions.petition_registered(petition, by=world.caseworker) == 0
    assert notes(world.colleague, "petition-registered:").count() == 1


def test_a_refused_registration_tells_nobody(world):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        register(world, demand="")
    assert not Notification.objects.filter(key__startswith="petition-registered:").exists()


def test_a_reply_deadline_near_reminds_the_caseworkers_once(world):
    reads_english(world.colleague)
    petition = register(world)
    petition = services.petition_decide(by=world.caseworker, petition=petition, accept=True)
    # Not near yet: nothing.
    assert notify_petitions.petition_reminders_send() == 0
    soon = timezone.now() + dt.timedelta(days=2)
    Petition.objects.filter(pk=petition.pk).update(handle_due_at=soon)
    assert notify_petitions.petition_reminders_send() == 2  # both Chaoyang caseworkers
    [note] = notes(world.colleague, "petition-due:")
    assert note.message.startswith(f"Petition {petition.pk}: reply to the petitioner by")
    assert note.kind == Notification.Kind.DEADLINE_REMINDER
    # The periodic runner runs again: nobody is reminded twice of the same deadline.
    assert run_all()["petition_reminders"] == 0
    assert notes(world.colleague, "petition-due:").count() == 1
    # A new (extended) deadline is a new reminder.
    Petition.objects.filter(pk=petition.pk).update(handle_due_at=soon + dt.timedelta(days=1))
    assert notify_petitions.petition_reminders_send() == 2


def test_a_replied_petition_is_not_reminded(world):
    petition = register(world)
    services.petition_decide(by=world.caseworker, petition=petition, accept=True)
    Petition.objects.filter(pk=petition.pk).update(
        status=Petition.Status.REPLIED, handle_due_at=timezone.now()
    )
    assert notify_petitions.petition_reminders_send() == 0


def test_the_reminder_is_in_the_recipients_language(world):
    # No language chosen: the platform's, zh-hans.
    register(world)
    [note] = notes(world.colleague, "petition-registered:")
    assert "信访" in note.message


def test_a_survey_assignment_tells_the_visitor_once(world):
    reads_english(world.colleague)
    survey = services.survey_create(
        by=world.caseworker,
        office=world.chaoyang,
        name="2026年汛期集中排查",
        reason="flood",
        region=Region.objects.get(code="220104"),
        starts_on=timezone.localdate(),
        ends_on=timezone.localdate() + dt.timedelta(days=10),
    )
    rows = services.survey_assign(
        by=world.caseworker, survey=survey, visitor=world.colleague, villages=["红旗村", "新民村"]
    )
    [note] = notes(world.colleague, "survey-assigned:")
    assert "2026年汛期集中排查" in note.message and "2 visits" in note.message
    assert not notes(world.caseworker, "survey-assigned:").exists()
    assert notify_petitions.survey_assigned(survey, visitor=world.colleague, assignments=rows) == 0
    # Assigning the same village again is refused and tells nobody anything new.
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.survey_assign(
            by=world.caseworker, survey=survey, visitor=world.colleague, villages=["红旗村"]
        )
    assert notes(world.colleague, "survey-assigned:").count() == 1
