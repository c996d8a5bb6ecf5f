"""待办 (my work): each kind of work finds its person, and nobody else's (needs.worklist)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import timezone

from core import services as core_services
from core.factories import OrganisationFactory, UserFactory
from core.models import Membership, Region
from discovery import services as discovery_services
from discovery.models import HotlineCall
from needs import services
from needs import worklist as w
from needs.factories import household_input, id_number
from needs.models import CaseDeadline

Role = Membership.Role
pytestmark = pytest.mark.django_db


def titles(work) -> list[str]:
    return [item.title for item in work.items] if work is not None else []


def test_a_new_case_waits_for_its_offices_caseworkers_only(world):
    case = world.report()
    work = w.cases_to_accept(world.caseworker)
    assert titles(work) == [case.number] and work.count == 1
    assert work.items[0].link == f"/admin/cases/{case.pk}/"
    assert work.items[0].due_at is not None and not work.items[0].overdue
    assert titles(w.cases_to_accept(world.colleague)) == [case.number]
    assert titles(w.cases_to_accept(world.nanguan_caseworker)) == []
    assert titles(w.cases_to_accept(world.donghu_caseworker)) == []
    # Not a caseworker's work at all: no section.
    assert w.cases_to_accept(world.charity_staff) is None
    assert w.cases_to_accept(world.auditor) is None
    services.case_accept(by=world.caseworker, case=case)
    assert titles(w.cases_to_accept(world.caseworker)) == []


def test_an_acceptance_past_its_deadline_is_overdue(world):
    case = world.report()
    CaseDeadline.objects.filter(case=case).update(due_at=timezone.now() - dt.timedelta(days=2))
    work = w.cases_to_accept(world.caseworker)
    assert work.overdue == 1 and work.items[0].overdue
    assert "overdue" in w.due_words(work.items[0]).lower() or "逾期" in w.due_words(work.items[0])


def test_assessment_and_relief_wait_for_the_owner(world):
    accepted = world.accepted()
    assessed = world.accepted()
    services.case_assess(
        by=world.caseworker, case=assessed, assessed_need_fen=100_000, assessed_gap_fen=100_000
    )
    assert titles(w.assessments_due(world.caseworker)) == [accepted.number]
    assert titles(w.relief_due(world.caseworker)) == [assessed.number]
    assert w.assessments_due(world.caseworker).items[0].due_at is not None
    # Someone else's cases are not the colleague's own work.
    assert titles(w.assessments_due(world.colleague)) == []
    assert titles(w.relief_due(world.colleague)) == []
    assert w.relief_due(world.supervisor) is None


def test_relief_above_the_ceiling_waits_for_the_supervisor_above(world):
    case = world.accepted()
    services.case_assess(
        by=world.caseworker, case=case, assessed_need_fen=2_000_000, assessed_gap_fen=2_000_000
    )
    services.relief_grant(
        by=world.caseworker, case=case, kind="temporary", amount_fen=800_000, reason="特别困难"
    )
    work = w.relief_approvals(world.supervisor)
    assert titles(work) == [case.number]
    # Asked for: it waits for the supervisor, no longer for the caseworker.
    assert titles(w.relief_due(world.caseworker)) == []
    assert "8,000.00" in work.items[0].detail
    assert work.items[0].link.endswith("#case-relief")
    assert w.relief_approvals(world.caseworker) is None
    nanchang = OrganisationFactory(name="南昌市民政局", region=Region.objects.get(code="360100"))
    elsewhere = UserFactory(username="chenjing")
    core_services.membership_grant(
        by=None, user=elsewhere, organisation=nanchang, role=Role.SUPERVISOR
    )
    assert titles(w.relief_approvals(elsewhere)) == []


def test_a_referral_waits_for_the_receiving_charity_only(world):
    case, referral = world.referred()
    work = w.referrals_to_answer(world.charity_staff)
    assert titles(work) == [case.number]
    assert work.items[0].link == f"/admin/referrals/{referral.pk}/"
    assert work.items[0].due_at == referral.answer_due_at
    assert titles(w.referrals_to_answer(world.other_charity_staff)) == []
    # The referring caseworker follows it on the case, but does not answer it.
    assert w.referrals_to_answer(world.caseworker) is None
    services.referral_accept(by=world.charity_staff, referral=referral)
    assert titles(w.referrals_to_answer(world.charity_staff)) == []


def test_a_referral_to_a_department_waits_for_its_staff(world):
    case = world.relieved()
    services.referral_create(by=world.caseworker, case=case, department=world.department)
    assert titles(w.referrals_to_answer(world.department_staff)) == [case.number]
    assert titles(w.referrals_to_answer(world.charity_staff)) == []


def test_a_hand_over_waits_for_the_receiving_office_until_it_accepts(world):
    case = world.accepted()
    services.case_handover(
        by=world.caseworker, case=case, to_office=world.nanguan, reason="户籍在南关区"
    )
    work = w.handovers_to_accept(world.nanguan_caseworker)
    assert titles(work) == [case.number]
    assert world.chaoyang.name in work.items[0].detail
    assert titles(w.handovers_to_accept(world.caseworker)) == []
    # Listed with the hand-overs, not again with the new cases.
    assert titles(w.cases_to_accept(world.nanguan_caseworker)) == []
    assert w.handovers_to_accept(world.charity_staff) is None


def _call(world, **overrides):
    kwargs = {
        "by": world.caseworker,
        "office": world.chaoyang,
        "caller_name": "来电人",
        "caller_phone": "13900001111",
        "region": Region.objects.get(code="220104"),
        "township": "南湖街道",
        "topic": "illness",
        "need": "邻居独居生病无人照料。",
    }
    kwargs.update(overrides)
    return discovery_services.hotline_call_record(**kwargs)


def test_hotline_call_backs_wait_for_the_calls_office(world):
    call = _call(world)
    work = w.hotline_callbacks(world.caseworker)
    assert [i.link for i in work.items] == [f"/admin/hotline/{call.pk}/"]
    assert work.items[0].due_at == call.callback_due_at
    assert w.hotline_callbacks(world.nanguan_caseworker).count == 0
    discovery_services.hotline_call_close(by=world.caseworker, call=call, outcome="已解答。")
    assert HotlineCall.objects.get().status == HotlineCall.Status.CLOSED
    assert w.hotline_callbacks(world.caseworker).count == 0


def test_routine_visits_due_within_a_week_wait_for_the_office(world):
    discovery_services.visit_record(
        by=world.caseworker,
        office=world.chaoyang,
        visited_on=timezone.localdate() - dt.timedelta(days=45),
        observations="老人独居。",
        visitor_kind="grid_worker",
        household_input=household_input(),
        key_groups=["kg_elderly_disabled_ill"],
    )
    work = w.visits_due(world.caseworker)
    assert work.count == 1 and work.items[0].overdue and work.overdue == 1
    assert work.items[0].link == "/admin/visits/due/"
    assert "张建国" not in work.items[0].title + work.items[0].detail
    assert w.visits_due(world.nanguan_caseworker).count == 0


def _warning(world):
    from tests.discovery.crosscheck_helpers import csv_bytes, run_import

    new_id = id_number("22010419850101123")
    run_import(world, csv_bytes([[new_id, "王小明", "朝阳区", "12000", "2024-03-05", ""]]))
    from discovery.models import RiskWarning

    return RiskWarning.objects.get()


def test_risk_warnings_and_supervision_tasks_wait_for_their_people(world):
    warning = _warning(world)
    work = w.warnings_to_dispose(world.caseworker)
    assert [i.link for i in work.items] == [f"/admin/crosscheck/warnings/{warning.pk}/"]
    assert "王小明" not in work.items[0].title + work.items[0].detail
    assert w.warnings_to_dispose(world.nanguan_caseworker).count == 0
    assert w.supervision_tasks(world.caseworker).count == 0
    assert w.supervision_tasks(world.charity_staff) is None


def test_the_supervisor_sees_the_overdue_steps_of_the_offices_below(world):
    case = world.report()
    elsewhere = world.report(
        by=world.donghu_caseworker,
        office=world.donghu,
        household=household_input(
            "360102", head="刘洋", phone="13800000000", head_id=id_number("36010219800101123")
        ),
    )
    CaseDeadline.objects.update(due_at=timezone.now() - dt.timedelta(hours=3))
    work = w.overdue_below(world.supervisor)
    assert titles(work) == [case.number] and work.overdue == 1
    assert elsewhere.number not in titles(work)
    assert w.overdue_below(world.caseworker) is None


def test_the_worklist_holds_only_the_readers_kinds_of_work(world):
    kinds = {work.kind for work in w.worklist_for(world.caseworker)}
    assert {"cases_to_accept", "hotline_callbacks", "visits_due"} <= kinds
    assert "relief_approvals" not in kinds and "referrals_to_answer" not in kinds
    charity = {work.kind for work in w.worklist_for(world.charity_staff)}
    assert charity == {"payment_approvals", "referrals_to_answer"}
    supervisor = {work.kind for work in w.worklist_for(world.supervisor)}
    assert {"relief_approvals", "overdue_below", "supervision_tasks"} <= supervisor
    assert "cases_to_accept" not in supervisor
    assert w.worklist_for(world.auditor) == []


def test_names_read_family_name_first():
    user = UserFactory.build(first_name="芳", last_name="王", username="x")
    assert w.person_name(user) == "王芳"
    assert w.person_name(UserFactory.build(first_name="Ann", last_name="Lee")) == "Ann Lee"


def test_due_words_are_local_time_in_words():
    now = timezone.make_aware(dt.datetime(2026, 12, 7, 10, 0))
    soon = w.WorkItem("x", "", "", due_at=now + dt.timedelta(hours=3))
    late = w.WorkItem("x", "", "", due_at=now - dt.timedelta(days=2))
    from django.utils import translation

    with translation.override("en"):
        assert w.due_words(soon, now) == "due today by 13:00"
        assert w.due_words(late, now).startswith("overdue by 2 days")
        assert w.due_words(w.WorkItem("x", "", ""), now) == ""
    _ = io
