"""The four dispositions of a risk warning (seed 003 measure 11), each one service with its
audit event; the wrong role, the wrong jurisdiction and a second disposition are refused."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from core.models import AuditEvent
from discovery import services as discovery_services
from discovery.models import RiskWarning
from needs.models import Case
from supervision.models import SupervisionTask
from supervision.services_tasks import supervision_task_done
from tests.discovery.crosscheck_helpers import KNOWN_ID, NEW_IDS, csv_bytes, run_import

pytestmark = pytest.mark.django_db
Type = RiskWarning.Type


@pytest.fixture
def warnings(world):
    """A covered household with a new hardship (open, accepted case) and one unknown person."""
    case = world.accepted()
    run_import(
        world,
        csv_bytes(
            [
                [KNOWN_ID, "张建国", "朝阳区", "35000", "2099-01-01", "住院"],
                [NEW_IDS[0], "王小明", "朝阳区", "12000", "", ""],
            ]
        ),
    )
    return {
        "covered": RiskWarning.objects.get(type=Type.NEW_HARDSHIP),
        "unknown": RiskWarning.objects.get(type=Type.NOT_COVERED),
        "case": case,
    }


def events(action: str) -> int:
    return AuditEvent.objects.filter(action=action).count()


def test_start_procedure_opens_a_case_from_the_data_cross_check_channel(world, warnings):
    warning = discovery_services.warning_start_procedure(
        by=world.caseworker, warning=warnings["unknown"]
    )

    case = warning.case
    assert case.channel == Case.Channel.DATA_CROSS_CHECK
    assert case.category == Case.Category.ILLNESS  # from a list of large medical bills
    assert case.responsible_office == world.chaoyang
    assert case.household.members.get().name == "王小明"
    assert case.household.members.get().id_number_hash == warning.id_number_hash
    assert warning.disposition == RiskWarning.Disposition.START_PROCEDURE
    assert warning.disposed_by == world.caseworker
    assert events("crosscheck.start_procedure") == 1
    assert events("case.report") == 2


def test_start_procedure_is_refused_for_a_household_with_an_open_case(world, warnings):
    with pytest.raises(ValidationError) as excinfo:
        discovery_services.warning_start_procedure(by=world.caseworker, warning=warnings["covered"])
    assert excinfo.value.error_list[0].code == "already_covered"
    assert not RiskWarning.objects.exclude(disposition="").exists()


def test_supervise_opens_a_supervision_task(world, warnings):
    due = timezone.localdate() + dt.timedelta(days=5)

    task = discovery_services.warning_supervise(
        by=world.supervisor,
        warning=warnings["covered"],
        assigned_to=world.colleague,
        due_on=due,
        note="低保金未按时发放",
    )

    assert task.status == SupervisionTask.Status.OPEN
    assert (task.office, task.assigned_to, task.due_on) == (world.chaoyang, world.colleague, due)
    assert events("supervision_task.open") == 1
    assert events("crosscheck.supervise") == 1

    supervision_task_done(by=world.colleague, task=task, note="已补发")
    task.refresh_from_db()
    assert task.status == SupervisionTask.Status.DONE
    assert events("supervision_task.done") == 1
    with pytest.raises(ValidationError):
        supervision_task_done(by=world.colleague, task=task)


def test_supervise_refuses_an_assignee_outside_the_county_and_a_past_date(world, warnings):
    due = timezone.localdate() + dt.timedelta(days=5)
    with pytest.raises(ValidationError) as excinfo:
        discovery_services.warning_supervise(
            by=world.caseworker,
            warning=warnings["covered"],
            assigned_to=world.nanguan_caseworker,
            due_on=due,
        )
    assert "assigned_to" in excinfo.value.error_dict
    with pytest.raises(ValidationError) as excinfo:
        discovery_services.warning_supervise(
            by=world.caseworker,
            warning=warnings["covered"],
            assigned_to=world.colleague,
            due_on=timezone.localdate() - dt.timedelta(days=1),
        )
    assert "due_on" in excinfo.value.error_dict
    with pytest.raises(ValidationError) as excinfo:
        discovery_services.warning_supervise(
            by=world.caseworker,
            warning=warnings["unknown"],
            assigned_to=world.colleague,
            due_on=due,
        )
    assert excinfo.value.error_list[0].code == "not_covered"
    assert not SupervisionTask.objects.exists()


def test_refer_flags_the_open_case_for_a_new_match(world, warnings):
    warning = discovery_services.warning_refer(
        by=world.caseworker, warning=warnings["covered"], note="新增大额医疗费用"
    )

    case = warnings["case"]
    case.refresh_from_db()
    assert case.needs_rematch
    assert warning.case == case
    assert Case.objects.count() == 1  # one household, one assistance chain
    assert events("case.flag_rematch") == 1
    assert events("crosscheck.refer") == 1


def test_refer_without_an_open_case_is_refused(world, warnings):
    with pytest.raises(ValidationError) as excinfo:
        discovery_services.warning_refer(by=world.caseworker, warning=warnings["unknown"])
    assert excinfo.value.error_list[0].code == "no_open_case"


def test_end_assistance_closes_the_open_case_as_not_eligible(world, warnings):
    warning = discovery_services.warning_end_assistance(
        by=world.caseworker, warning=warnings["covered"], reason="家庭收入已超过低保标准"
    )

    case = warnings["case"]
    case.refresh_from_db()
    assert case.status == Case.Status.CLOSED
    assert case.outcome == Case.Outcome.NOT_ELIGIBLE
    assert warning.disposition == RiskWarning.Disposition.END_ASSISTANCE
    assert events("case.close") == 1
    assert events("crosscheck.end_assistance") == 1


def test_end_assistance_without_a_case_records_the_decision_and_needs_a_reason(world, warnings):
    with pytest.raises(ValidationError) as excinfo:
        discovery_services.warning_end_assistance(
            by=world.caseworker, warning=warnings["unknown"], reason=""
        )
    assert "reason" in excinfo.value.error_dict

    warning = discovery_services.warning_end_assistance(
        by=world.caseworker, warning=warnings["unknown"], reason="已迁出本地"
    )
    assert warning.case is None
    assert warning.disposition_note == "已迁出本地"


def test_disposing_twice_is_refused(world, warnings):
    discovery_services.warning_refer(by=world.caseworker, warning=warnings["covered"])
    before = AuditEvent.objects.count()

    with pytest.raises(ValidationError) as excinfo:
        discovery_services.warning_end_assistance(
            by=world.caseworker, warning=warnings["covered"], reason="重复处置"
        )

    assert excinfo.value.error_list[0].code == "already_disposed"
    assert AuditEvent.objects.count() == before
    assert Case.objects.get().status != Case.Status.CLOSED


@pytest.mark.parametrize(
    "who", ["auditor", "charity_staff", "nanguan_caseworker", "donghu_caseworker"]
)
def test_the_wrong_role_or_jurisdiction_is_refused(world, warnings, who):
    user = getattr(world, who)
    before = AuditEvent.objects.count()
    attempts = [
        lambda: discovery_services.warning_start_procedure(by=user, warning=warnings["unknown"]),
        lambda: discovery_services.warning_refer(by=user, warning=warnings["covered"]),
        lambda: discovery_services.warning_end_assistance(
            by=user, warning=warnings["covered"], reason="x"
        ),
        lambda: discovery_services.warning_supervise(
            by=user,
            warning=warnings["covered"],
            assigned_to=world.colleague,
            due_on=timezone.localdate(),
        ),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDenied):
            attempt()
    assert AuditEvent.objects.count() == before
    assert not RiskWarning.objects.exclude(disposition="").exists()
