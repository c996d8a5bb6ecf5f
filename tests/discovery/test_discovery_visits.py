"""Survey visits (摸底排查), routine-visit schedules of key-group households (必到必访), and
applications filed on someone's behalf (代办帮办)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings
from django.utils import timezone

from core.models import AuditEvent
from discovery import services as discovery_services
from discovery.models import ProxyApplication, Visit, VisitSchedule
from discovery.selectors_registers import visit_schedules_overdue, visits_visible_to
from needs.factories import household_input, id_number
from needs.models import Case, Household

pytestmark = pytest.mark.django_db


def visit(world, **overrides) -> Visit:
    kwargs = {
        "by": world.caseworker,
        "office": world.chaoyang,
        "visited_on": timezone.localdate(),
        "observations": "老两口独居，老伴卧床，屋内无取暖，药费每月八百元。",
        "visitor_kind": "grid_worker",
        "visitor_name": "网格员刘敏",
        "household_input": household_input(),
        "key_groups": ["kg_elderly_disabled_ill"],
        "needs_help": True,
    }
    kwargs.update(overrides)
    return discovery_services.visit_record(**kwargs)


def test_a_visit_to_a_new_household_records_it_and_starts_routine_visits(world):
    today = timezone.localdate()
    recorded = visit(world)

    household = recorded.household
    assert household.kg_elderly_disabled_ill
    assert recorded.key_groups == ["kg_elderly_disabled_ill"] and recorded.needs_help
    schedule = VisitSchedule.objects.get(household=household)
    assert schedule.interval_days == 30  # settings: elderly, disabled or ill
    assert schedule.last_visited_on == today
    assert schedule.next_due_on == today + dt.timedelta(days=30)
    event = AuditEvent.objects.get(action="visit.record")
    assert event.changes["new_household"] is True
    assert "张建国" not in str(event.changes)


def test_a_second_visit_finds_the_household_again_and_moves_the_schedule(world):
    first = visit(world, visited_on=timezone.localdate() - dt.timedelta(days=40))
    second = visit(world, key_groups=["kg_disaster_hit"])
    assert second.household == first.household
    assert Household.objects.count() == 1
    schedule = VisitSchedule.objects.get()
    assert schedule.last_visited_on == timezone.localdate()
    assert schedule.next_due_on == timezone.localdate() + dt.timedelta(days=30)
    household = Household.objects.get()
    assert household.kg_disaster_hit and household.kg_elderly_disabled_ill


def test_a_visit_to_a_household_on_record(world):
    case = world.report()
    recorded = visit(world, household_input=None, household=case.household, key_groups=[])
    assert recorded.household == case.household
    assert not VisitSchedule.objects.exists()  # not in a key group: no routine visits


def test_bad_visit_input_names_the_fields_and_writes_nothing(world):
    with pytest.raises(ValidationError) as error:
        visit(
            world,
            visited_on=timezone.localdate() + dt.timedelta(days=1),
            observations="",
            visitor_kind="neighbour",
            key_groups=["kg_bogus"],
            household_input=household_input(phone="123"),
        )
    assert set(error.value.message_dict) == {
        "visited_on",
        "observations",
        "visitor_kind",
        "key_groups",
        "household.phone",
    }
    with pytest.raises(ValidationError) as error:
        visit(world, household=None, household_input=None)
    assert "household" in error.value.message_dict
    assert not Visit.objects.exists() and not Household.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="visit").exists()


def test_visits_follow_jurisdiction_and_roles(world):
    with pytest.raises(ValidationError) as error:
        visit(world, household_input=household_input("220102"))
    assert "household.region" in error.value.message_dict
    for outsider in (world.charity_staff, world.auditor):
        with pytest.raises(PermissionDenied):
            visit(world, by=outsider)
    recorded = visit(world)
    assert list(visits_visible_to(world.supervisor)) == [recorded]
    assert not visits_visible_to(world.nanguan_caseworker).exists()
    assert not visits_visible_to(world.charity_staff).exists()
    with pytest.raises(PermissionDenied):
        discovery_services.visit_to_case(
            by=world.nanguan_caseworker, visit=recorded, category="illness"
        )


def test_make_a_case_of_a_visit_once(world):
    recorded = visit(world)
    result = discovery_services.visit_to_case(
        by=world.caseworker, visit=recorded, category="illness"
    )
    case = result.case
    recorded.refresh_from_db()
    assert recorded.case == case
    assert case.channel == Case.Channel.GRID_WORKER
    assert case.household == recorded.household  # no second household
    assert case.narrative == recorded.observations
    assert result.warnings == []
    assert Household.objects.count() == 1

    with pytest.raises(ValidationError) as error:
        discovery_services.visit_to_case(by=world.caseworker, visit=recorded, category="illness")
    assert error.value.code == "already_converted"
    assert Case.objects.count() == 1


def test_a_visit_to_case_with_a_bad_category_writes_nothing(world):
    recorded = visit(world)
    with pytest.raises(ValidationError) as error:
        discovery_services.visit_to_case(by=world.caseworker, visit=recorded, category="nonsense")
    assert "category" in error.value.message_dict
    assert not Case.objects.exists()


def test_overdue_routine_visits(world):
    long_ago = timezone.localdate() - dt.timedelta(days=45)
    late = visit(world, visited_on=long_ago)
    recent = visit(
        world,
        household_input=household_input(
            head="赵德福", head_id=id_number("22010419600101123"), phone="13700001111"
        ),
    )
    assert {s.household for s in visit_schedules_overdue(world.caseworker)} == {late.household}
    assert set(visit_schedules_overdue(world.supervisor)) == set(
        visit_schedules_overdue(world.caseworker)
    )
    assert not visit_schedules_overdue(world.nanguan_caseworker).exists()
    in_two_months = timezone.localdate() + dt.timedelta(days=60)
    assert {
        s.household for s in visit_schedules_overdue(world.caseworker, today=in_two_months)
    } == {
        late.household,
        recent.household,
    }
    # A visit moves it off the list.
    visit(world, household_input=None, household=late.household, key_groups=[])
    assert not visit_schedules_overdue(world.caseworker).exists()


@override_settings(ROUTINE_VISIT_INTERVAL_DAYS={"kg_elderly_disabled_ill": 7})
def test_intervals_come_from_settings(world):
    recorded = visit(world)
    assert recorded.household.visit_schedule.interval_days == 7


def test_a_schedule_can_be_set_changed_and_stopped(world):
    case = world.report(household=household_input(flags={"kg_no_work_capacity": True}))
    household = case.household
    schedule = discovery_services.visit_schedule_set(
        by=world.caseworker, household=household, office=world.chaoyang
    )
    assert schedule.interval_days == 30
    assert schedule.next_due_on == timezone.localdate() + dt.timedelta(days=30)
    schedule = discovery_services.visit_schedule_set(
        by=world.caseworker, household=household, office=world.chaoyang, interval_days=10
    )
    assert schedule.next_due_on == timezone.localdate() + dt.timedelta(days=10)
    with pytest.raises(ValidationError) as error:
        discovery_services.visit_schedule_set(
            by=world.caseworker, household=household, office=world.chaoyang, interval_days=0
        )
    assert "interval_days" in error.value.message_dict
    discovery_services.visit_schedule_set(
        by=world.caseworker, household=household, office=world.chaoyang, is_active=False
    )
    later = timezone.localdate() + dt.timedelta(days=100)
    assert not visit_schedules_overdue(world.caseworker, today=later).exists()
    assert AuditEvent.objects.filter(action="visit_schedule.set").count() == 3


def test_routine_visits_are_for_key_group_households(world):
    household = world.report().household
    with pytest.raises(ValidationError) as error:
        discovery_services.visit_schedule_set(
            by=world.caseworker, household=household, office=world.chaoyang
        )
    assert error.value.message_dict["household"]
    with pytest.raises(PermissionDenied):
        discovery_services.visit_schedule_set(
            by=world.nanguan_caseworker, household=household, office=world.chaoyang
        )
    assert not VisitSchedule.objects.exists()


# ---- proxy application (代办帮办) ----


def proxy(world, **overrides):
    kwargs = {
        "by": world.caseworker,
        "office": world.chaoyang,
        "category": "illness",
        "narrative": "独居老人患阿尔茨海默病，无法自行申请，由社区代为申请。",
        "household": household_input(),
        "filed_for_name": "张建国",
        "reason": "elderly",
        "proxy_name": "社区协理员李娟",
    }
    kwargs.update(overrides)
    return discovery_services.proxy_application_file(**kwargs)


def test_a_proxy_application_files_a_case_on_someones_behalf(world):
    case = proxy(world).case
    assert case.channel == Case.Channel.PROXY
    application = case.proxy_application
    assert application.filed_for_name == "张建国"
    assert application.reason == "elderly" and application.proxy_name == "社区协理员李娟"
    assert application.filed_by == world.caseworker
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"case.report", "proxy_application.file"} <= actions


def test_the_proxy_name_defaults_to_the_caseworker(world):
    application = proxy(world, proxy_name="").case.proxy_application
    assert application.proxy_name == world.caseworker.username


def test_bad_proxy_input_writes_nothing(world):
    with pytest.raises(ValidationError) as error:
        proxy(world, filed_for_name="", reason="other", reason_note="", category="x")
    assert set(error.value.message_dict) == {"filed_for_name", "reason_note", "category"}
    with pytest.raises(ValidationError) as error:
        proxy(world, household=household_input(phone="1"))
    assert "household.phone" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        proxy(world, by=world.charity_staff)
    assert not Case.objects.exists() and not ProxyApplication.objects.exists()


def test_a_visit_cannot_change_a_household_another_office_keeps(world):
    """Nanguan describes someone (same ID number) Chaoyang has on record: refused, and
    Chaoyang's household is left as it was."""
    chaoyang = world.report().household
    with pytest.raises(ValidationError) as refused:
        visit(
            world,
            by=world.nanguan_caseworker,
            office=world.nanguan,
            household_input=household_input("220102"),
            key_groups=["kg_disaster_hit"],
        )
    assert [e.code for e in refused.value.error_dict["household"]] == ["on_record_elsewhere"]
    chaoyang.refresh_from_db()
    assert not chaoyang.kg_disaster_hit
    assert not Visit.objects.exists() and not VisitSchedule.objects.exists()
