"""The 12349 hotline register (热线台账): first-contact owner, time limits in working days,
the caller's data encrypted and every read of it logged, one action to make a case."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from core.models import AuditEvent, OfficeTimeLimit, PersonalDataRead, Region
from discovery import services as discovery_services
from discovery.models import HotlineCall
from discovery.selectors_registers import hotline_calls_overdue, hotline_calls_visible_to
from needs.factories import household_input
from needs.models import Case

pytestmark = pytest.mark.django_db

# Monday 2026-03-02, 10:00 Beijing time: no holiday that week.
MONDAY = timezone.make_aware(dt.datetime(2026, 3, 2, 10, 0))


def record(world, **overrides) -> HotlineCall:
    kwargs = {
        "by": world.caseworker,
        "office": world.chaoyang,
        "caller_name": "王秀英",
        "caller_phone": "139 1234 5678",
        "region": Region.objects.get(code="220104"),
        "topic": "illness",
        "need": "邻居张大爷独居，中风后无人照料，家里没有钱看病。",
        "received_at": MONDAY,
    }
    kwargs.update(overrides)
    return discovery_services.hotline_call_record(**kwargs)


def test_a_call_is_recorded_with_its_owner_deadlines_and_encrypted_caller(world):
    call = record(world)

    assert call.status == HotlineCall.Status.OPEN
    assert call.taken_by == world.caseworker and call.office == world.chaoyang
    # Call back by the next working day, the result within five working days (end of day).
    assert timezone.localtime(call.callback_due_at).date() == dt.date(2026, 3, 3)
    assert timezone.localtime(call.result_due_at).date() == dt.date(2026, 3, 9)
    stored = HotlineCall.objects.filter(pk=call.pk).values().get()
    assert "13912345678" not in str(stored) and "王秀英" not in str(stored)
    event = AuditEvent.objects.get(action="hotline.record")
    assert "13912345678" not in str(event.changes) and "王秀英" not in str(event.changes)


def test_an_office_may_set_its_own_hotline_time_limits(world):
    OfficeTimeLimit.objects.create(office=world.chaoyang, step="hotline_result", working_days=2)
    call = record(world)
    assert timezone.localtime(call.result_due_at).date() == dt.date(2026, 3, 4)


def test_bad_input_names_every_field_and_writes_nothing(world):
    with pytest.raises(ValidationError) as error:
        record(
            world,
            caller_name=" ",
            caller_phone="12345",
            callback_phone="abc",
            topic="bogus",
            need="",
            region=Region.objects.get(code="220102"),  # Nanguan: not Chaoyang's
        )
    fields = error.value.message_dict
    assert set(fields) == {
        "caller_name",
        "caller_phone",
        "callback_phone",
        "topic",
        "need",
        "region",
    }
    assert not HotlineCall.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="hotline").exists()


def test_errors_are_in_chinese_by_default(world):
    from django.utils import translation

    with translation.override("zh-hans"), pytest.raises(ValidationError) as error:
        record(world, need="")
    assert error.value.message_dict["need"] == ["此项为必填项。"]


def test_only_staff_of_the_office_record_calls(world):
    for outsider in (world.charity_staff, world.auditor, world.nanguan_caseworker):
        with pytest.raises(PermissionDenied):
            record(world, by=outsider)
    assert not HotlineCall.objects.exists()


def test_call_back_then_close_without_a_case(world):
    call = record(world)
    discovery_services.hotline_call_back(
        by=world.colleague, call=call, note="已回电，告知临时救助申请流程。"
    )
    call.refresh_from_db()
    assert call.status == HotlineCall.Status.CALLED_BACK
    assert call.called_back_by == world.colleague

    with pytest.raises(ValidationError) as error:
        discovery_services.hotline_call_back(by=world.caseworker, call=call, note="再次回电")
    assert error.value.code == "already_called_back"

    with pytest.raises(ValidationError) as error:
        discovery_services.hotline_call_close(by=world.caseworker, call=call, outcome="")
    assert "outcome" in error.value.message_dict

    discovery_services.hotline_call_close(
        by=world.caseworker, call=call, outcome="已由社区上门送药。"
    )
    call.refresh_from_db()
    assert call.status == HotlineCall.Status.CLOSED and call.closed_by == world.caseworker
    with pytest.raises(ValidationError) as error:
        discovery_services.hotline_call_close(by=world.caseworker, call=call, outcome="再关一次")
    assert error.value.code == "call_closed"
    actions = list(
        AuditEvent.objects.filter(object_id=str(call.pk), action__startswith="hotline")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["hotline.record", "hotline.call_back", "hotline.close"]


def test_other_jurisdictions_may_not_act_on_a_call(world):
    call = record(world)
    for outsider in (world.nanguan_caseworker, world.donghu_caseworker, world.charity_staff):
        with pytest.raises(PermissionDenied):
            discovery_services.hotline_call_back(by=outsider, call=call, note="回电")
        with pytest.raises(PermissionDenied):
            discovery_services.hotline_call_to_case(
                by=outsider, call=call, household=household_input()
            )
    with pytest.raises(PermissionDenied):
        discovery_services.hotline_call_close(by=world.auditor, call=call, outcome="结束")
    assert HotlineCall.objects.get().status == HotlineCall.Status.OPEN
    assert not Case.objects.exists()


def test_make_a_case_of_a_call_once(world):
    call = record(world)
    result = discovery_services.hotline_call_to_case(
        by=world.caseworker, call=call, household=household_input()
    )

    case = result.case
    call.refresh_from_db()
    assert call.status == HotlineCall.Status.CASE and call.case == case
    assert case.channel == Case.Channel.HOTLINE
    assert case.category == "illness"  # the call's topic
    assert case.narrative == call.need
    assert case.household.kg_hotline_caller  # key group 5
    assert AuditEvent.objects.filter(action="hotline.to_case", object_id=str(call.pk)).exists()

    with pytest.raises(ValidationError) as error:
        discovery_services.hotline_call_to_case(
            by=world.caseworker, call=call, household=household_input()
        )
    assert error.value.code == "already_converted"
    assert Case.objects.count() == 1


def test_a_supervisor_makes_the_case_for_their_own_office(world):
    call = record(world)
    case = discovery_services.hotline_call_to_case(
        by=world.supervisor, call=call, household=household_input(), category="fire"
    ).case
    assert case.responsible_office == world.city and case.category == "fire"


def test_a_policy_question_needs_a_category_to_become_a_case(world):
    call = record(world, topic="policy")
    with pytest.raises(ValidationError) as error:
        discovery_services.hotline_call_to_case(
            by=world.caseworker, call=call, household=household_input()
        )
    assert "category" in error.value.message_dict
    assert not Case.objects.exists()
    call.refresh_from_db()
    assert call.status == HotlineCall.Status.OPEN


def test_a_bad_household_leaves_the_call_open_and_no_case(world):
    call = record(world)
    bad = household_input(phone="12")
    with pytest.raises(ValidationError) as error:
        discovery_services.hotline_call_to_case(by=world.caseworker, call=call, household=bad)
    assert "household.phone" in error.value.message_dict
    call.refresh_from_db()
    assert call.status == HotlineCall.Status.OPEN and call.case is None
    assert not Case.objects.exists()


def test_overdue_calls_callback_then_result(world):
    waiting = record(world)
    called_back = record(world, caller_phone="13800001111")
    discovery_services.hotline_call_back(by=world.caseworker, call=called_back, note="已回电")
    closed = record(world, caller_phone="13800002222")
    discovery_services.hotline_call_close(
        by=world.caseworker, call=closed, outcome="政策咨询已解答"
    )

    tuesday_night = timezone.make_aware(dt.datetime(2026, 3, 3, 23, 0))
    assert set(hotline_calls_overdue(world.caseworker, now=tuesday_night)) == set()
    wednesday = timezone.make_aware(dt.datetime(2026, 3, 4, 9, 0))
    assert set(hotline_calls_overdue(world.caseworker, now=wednesday)) == {waiting}
    next_tuesday = timezone.make_aware(dt.datetime(2026, 3, 10, 9, 0))
    assert set(hotline_calls_overdue(world.caseworker, now=next_tuesday)) == {waiting, called_back}
    # Jurisdiction applies to the overdue list too.
    assert not hotline_calls_overdue(world.nanguan_caseworker, now=next_tuesday).exists()
    assert set(hotline_calls_overdue(world.supervisor, now=next_tuesday)) == {waiting, called_back}


def test_caller_details_are_decrypted_for_staff_and_every_read_is_logged(world):
    call = record(world, callback_phone="0431-88886666")
    details = discovery_services.hotline_caller_details(by=world.caseworker, call=call)
    assert details == {
        "caller_name": "王秀英",
        "caller_phone": "13912345678",
        "callback_phone": "0431-88886666",
    }
    read = PersonalDataRead.objects.get()
    assert read.actor == world.caseworker and read.object_id == str(call.pk)
    assert read.fields == ["callback_phone", "caller_name", "caller_phone", "need"]

    discovery_services.hotline_caller_details(by=world.auditor, call=call)
    assert PersonalDataRead.objects.count() == 2
    with pytest.raises(PermissionDenied):
        discovery_services.hotline_caller_details(by=world.nanguan_caseworker, call=call)
    with pytest.raises(PermissionDenied):
        discovery_services.hotline_caller_details(by=world.charity_staff, call=call)
    assert PersonalDataRead.objects.count() == 2


def test_the_register_follows_jurisdiction(world):
    call = record(world)
    assert list(hotline_calls_visible_to(world.caseworker)) == [call]
    assert list(hotline_calls_visible_to(world.supervisor)) == [call]
    assert list(hotline_calls_visible_to(world.auditor)) == [call]
    assert not hotline_calls_visible_to(world.nanguan_caseworker).exists()
    assert not hotline_calls_visible_to(world.charity_staff).exists()


def test_time_limits_skip_weekends_and_public_holidays(world):
    from core.models import Holiday

    friday = timezone.make_aware(dt.datetime(2026, 3, 6, 16, 0))
    call = record(world, received_at=friday)
    assert timezone.localtime(call.callback_due_at).date() == dt.date(2026, 3, 9)  # Monday

    Holiday.objects.create(date=dt.date(2026, 3, 9), name="测试假日")
    call = record(world, received_at=friday)
    assert timezone.localtime(call.callback_due_at).date() == dt.date(2026, 3, 10)
