"""Each event that hands work to someone tells them once, in their language, by case number
only (needs.notify_events)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from wagtail.users.models import UserProfile

from core.models import Notification
from needs import services
from needs.models import CaseDeadline

pytestmark = pytest.mark.django_db
HOUSEHOLD = ("张建国", "李秀兰", "13912345678", "幸福小区")


def sent(key_prefix: str):
    return Notification.objects.filter(key__startswith=key_prefix)


def assert_no_household(notification: Notification) -> None:
    for text in HOUSEHOLD:
        assert text not in notification.message


def speaks_english(user) -> None:
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()


def test_a_referral_tells_the_receiving_charity_once_in_its_language(world):
    speaks_english(world.charity_staff)
    case, referral = world.referred()
    [notification] = sent("referral-received:")
    assert notification.recipient == world.charity_staff
    assert notification.key == f"referral-received:{referral.pk}"
    assert notification.kind == Notification.Kind.REFERRAL
    assert notification.message.startswith(f"Case {case.number} was referred to")
    assert notification.link == f"/admin/referrals/{referral.pk}/"
    assert_no_household(notification)
    assert not sent("referral-received:").filter(recipient=world.other_charity_staff).exists()


def test_answers_tell_the_case_owner(world):
    case, referral = world.referred()
    services.referral_accept(by=world.charity_staff, referral=referral)
    [accepted] = sent("referral-accepted:")
    assert accepted.recipient == world.caseworker and case.number in accepted.message
    assert accepted.link == f"/admin/cases/{case.pk}/"
    services.referral_complete(by=world.charity_staff, referral=referral, outcome="resolved")
    [completed] = sent("referral-completed:")
    assert completed.recipient == world.caseworker
    assert_no_household(completed)


def test_a_declined_referral_tells_the_owner_with_the_reason(world):
    speaks_english(world.caseworker)
    _case, referral = world.referred()
    services.referral_reject(by=world.charity_staff, referral=referral, reason="no_capacity")
    [declined] = sent("referral-declined:")
    assert declined.recipient == world.caseworker
    assert "no capacity" in declined.message


def test_an_expired_referral_tells_the_owner(world):
    _case, referral = world.referred()
    CaseDeadline.objects.filter(referral=referral).update(
        due_at=timezone.now() - dt.timedelta(hours=1)
    )
    services.deadlines_sweep()
    services.deadlines_sweep()
    [expired] = sent("referral-expired:")
    assert expired.recipient == world.caseworker


def test_the_same_event_again_sends_nothing_more(world):
    from needs import notify_events

    _case, referral = world.referred()
    assert notify_events.referral_received(referral) == 0
    assert sent("referral-received:").count() == 1


def test_relief_above_the_ceiling_asks_the_supervisor_and_tells_the_requester(world):
    case = world.accepted()
    services.case_assess(
        by=world.caseworker, case=case, assessed_need_fen=2_000_000, assessed_gap_fen=2_000_000
    )
    grant = services.relief_grant(
        by=world.caseworker, case=case, kind="temporary", amount_fen=800_000, reason="特别困难"
    )
    [asked] = sent("relief-approval-requested:")
    assert asked.recipient == world.supervisor and "¥8,000.00" in asked.message
    assert asked.kind == Notification.Kind.APPROVAL
    speaks_english(world.caseworker)
    services.relief_decide(by=world.supervisor, grant=grant, approve=True, reason="情况属实")
    [decided] = sent("relief-decided:")
    assert decided.recipient == world.caseworker
    assert decided.message == f"Case {case.number}: the relief of ¥8,000.00 was approved."


def test_relief_within_the_ceiling_asks_nobody(world):
    world.relieved()
    assert not sent("relief-approval-requested:").exists()


def test_a_hand_over_tells_the_receiving_office(world):
    case = world.accepted()
    services.case_handover(
        by=world.caseworker, case=case, to_office=world.nanguan, reason="户籍在南关区"
    )
    [handed] = sent("handover-sent:")
    assert handed.recipient == world.nanguan_caseworker
    assert case.number in handed.message and world.chaoyang.name in handed.message
    assert_no_household(handed)


def test_the_email_says_it_in_the_recipients_language_too(
    world, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.NOTIFICATION_EMAILS = True
    world.charity_staff.email = "zhaomin@example.com"
    world.charity_staff.save()
    speaks_english(world.charity_staff)
    with django_capture_on_commit_callbacks(execute=True):
        case, _referral = world.referred()
    [mail] = mailoutbox
    assert mail.to == ["zhaomin@example.com"]
    assert mail.subject == "Emergency relief platform: referral"
    assert case.number in mail.body and "张建国" not in mail.body


def test_an_accepted_hand_over_tells_the_sender_once(world):
    case = world.accepted()
    handover = services.case_handover(
        by=world.caseworker, case=case, to_office=world.nanguan, reason="户籍在南关区"
    )
    services.case_handover_accept(by=world.nanguan_caseworker, handover=handover)
    [accepted] = sent("handover-accepted:")
    assert accepted.recipient == world.caseworker
    assert case.number in accepted.message and world.nanguan.name in accepted.message
    assert_no_household(accepted)
