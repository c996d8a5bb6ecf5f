"""Relief ceilings and approval (一事一议), advance relief, referrals and their states."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from needs import services
from needs.factories import household_input, id_number
from needs.models import Case, CaseDeadline, Referral, ReliefGrant, ReliefPolicy

pytestmark = pytest.mark.django_db


def assessed(world, need=3_000_000, gap=3_000_000):
    case = world.accepted()
    return services.case_assess(
        by=world.caseworker, case=case, assessed_need_fen=need, assessed_gap_fen=gap
    )


def test_relief_within_the_ceiling_is_granted_and_narrows_the_gap(world):
    case = assessed(world, need=1_000_000, gap=800_000)
    grant = services.relief_grant(
        by=world.caseworker, case=case, kind="temporary", amount_fen=300_000
    )
    case.refresh_from_db()
    assert grant.status == ReliefGrant.Status.GRANTED
    assert (case.status, case.remaining_gap_fen) == (Case.Status.RELIEVED, 500_000)


def test_relief_above_the_ceiling_waits_for_a_supervisor(world):
    case = assessed(world)
    with pytest.raises(ValidationError) as error:
        services.relief_grant(by=world.caseworker, case=case, kind="temporary", amount_fen=600_000)
    assert "reason" in error.value.error_dict
    assert not ReliefGrant.objects.exists()

    grant = services.relief_grant(
        by=world.caseworker, case=case, kind="temporary", amount_fen=600_000, reason="重病"
    )
    case.refresh_from_db()
    assert grant.status == ReliefGrant.Status.PENDING_APPROVAL
    assert case.remaining_gap_fen == 3_000_000  # nothing counts before approval

    with pytest.raises(PermissionDenied):
        services.relief_decide(by=world.caseworker, grant=grant, approve=True, reason="x")
    with pytest.raises(ValidationError):
        services.relief_decide(by=world.supervisor, grant=grant, approve=True, reason="")
    grant = services.relief_decide(
        by=world.supervisor, grant=grant, approve=True, reason="经一事一议研究同意"
    )
    case.refresh_from_db()
    assert (grant.status, grant.decided_by) == (ReliefGrant.Status.APPROVED, world.supervisor)
    assert case.remaining_gap_fen == 2_400_000

    with pytest.raises(ValidationError) as error:
        services.relief_decide(by=world.supervisor, grant=grant, approve=True, reason="again")
    assert error.value.code == "not_pending"


def test_a_supervisor_cannot_approve_their_own_request(world):
    case = assessed(world)
    grant = services.relief_grant(
        by=world.supervisor, case=case, kind="temporary", amount_fen=900_000, reason="r"
    )
    with pytest.raises(PermissionDenied):
        services.relief_decide(by=world.supervisor, grant=grant, approve=True, reason="ok")


def test_an_office_can_set_its_own_ceiling(world):
    ReliefPolicy.objects.create(
        office=world.chaoyang, ceiling_fen=100_000, advance_ceiling_fen=50_000
    )
    case = assessed(world)
    grant = services.relief_grant(
        by=world.caseworker, case=case, kind="temporary", amount_fen=200_000, reason="r"
    )
    assert grant.status == ReliefGrant.Status.PENDING_APPROVAL


@pytest.mark.parametrize("amount", [0, -100])
def test_zero_or_negative_relief_is_refused(world, amount):
    case = assessed(world)
    with pytest.raises(ValidationError) as error:
        services.relief_grant(by=world.caseworker, case=case, kind="temporary", amount_fen=amount)
    assert error.value.error_dict["amount_fen"][0].code == "min_value"


def test_temporary_relief_before_assessment_is_refused(world):
    with pytest.raises(ValidationError) as error:
        services.relief_grant(
            by=world.caseworker, case=world.accepted(), kind="temporary", amount_fen=100
        )
    assert error.value.error_dict["kind"][0].code == "not_assessed"


def test_advance_relief_in_an_emergency_before_assessment_with_a_paperwork_deadline(world):
    case = world.accepted(is_emergency=True)
    advance_due = case.deadlines.get(step=CaseDeadline.Step.ADVANCE_RELIEF).due_at
    assert advance_due - case.reported_at == pytest.approx(
        dt.timedelta(hours=24), abs=dt.timedelta(seconds=5)
    )

    grant = services.relief_grant(by=world.caseworker, case=case, kind="advance", amount_fen=80_000)
    deadlines = {d.step: d for d in case.deadlines.all()}
    assert deadlines["advance_relief"].met_at is not None
    paperwork = deadlines["advance_relief_paperwork"]
    assert paperwork.relief_grant == grant and paperwork.met_at is None

    services.relief_paperwork_complete(by=world.caseworker, grant=grant)
    paperwork.refresh_from_db()
    assert paperwork.met_at is not None


def test_advance_relief_is_for_emergencies_under_the_advance_ceiling(world):
    with pytest.raises(ValidationError) as error:
        services.relief_grant(
            by=world.caseworker, case=world.accepted(), kind="advance", amount_fen=100
        )
    assert error.value.error_dict["kind"][0].code == "not_emergency"
    emergency = world.accepted(
        is_emergency=True,
        household=household_input(
            head="王五", phone="13700000000", head_id=id_number("22010419800101002")
        ),
    )
    with pytest.raises(ValidationError) as error:
        services.relief_grant(
            by=world.caseworker, case=emergency, kind="advance", amount_fen=100_001
        )
    assert error.value.error_dict["amount_fen"][0].code == "above_advance_ceiling"


def test_referral_needs_relief_and_a_gap_or_an_emergency_reason(world):
    case = assessed(world)
    with pytest.raises(ValidationError) as error:
        services.referral_create(by=world.caseworker, case=case, project=world.project)
    assert error.value.error_dict["emergency_reason"][0].code == "relief_first"
    assert not Referral.objects.exists()

    referral = services.referral_create(
        by=world.caseworker, case=case, project=world.project, emergency_reason="手术费需当日缴纳"
    )
    assert referral.status == Referral.Status.REQUESTED


def test_referral_after_relief_has_an_answer_deadline(world):
    case, referral = world.referred()
    case.refresh_from_db()
    assert case.status == Case.Status.REFERRED
    assert referral.to_organisation == world.charity
    assert referral.answer_due_at > timezone.now()
    assert referral.deadlines.get().step == CaseDeadline.Step.REFERRAL_ANSWER


def test_no_referral_when_relief_closed_the_gap(world):
    case = world.relieved(need=400_000, gap=400_000, relief=400_000)
    with pytest.raises(ValidationError):
        services.referral_create(by=world.caseworker, case=case, project=world.project)


def test_referral_targets_must_be_an_open_project_or_a_department(world):
    case = world.relieved()
    world.project.status = "paused"
    world.project.save()
    with pytest.raises(ValidationError) as error:
        services.referral_create(by=world.caseworker, case=case, project=world.project)
    assert error.value.error_dict["project"][0].code == "project_not_open"
    with pytest.raises(ValidationError):
        services.referral_create(by=world.caseworker, case=case, department=world.charity)
    with pytest.raises(ValidationError):
        services.referral_create(by=world.caseworker, case=case)
    referral = services.referral_create(by=world.caseworker, case=case, department=world.department)
    assert referral.to_organisation == world.department


def test_a_second_open_referral_to_the_same_project_is_refused(world):
    case, _ = world.referred()
    with pytest.raises(ValidationError) as error:
        services.referral_create(by=world.caseworker, case=case, project=world.project)
    assert error.value.code == "duplicate_referral"


def test_charity_answers_follow_the_fhir_states(world):
    _case, referral = world.referred()
    services.referral_accept(by=world.charity_staff, referral=referral)
    services.referral_start(by=world.charity_staff, referral=referral)
    referral = services.referral_complete(
        by=world.charity_staff, referral=referral, outcome="resolved"
    )
    assert referral.status == Referral.Status.COMPLETED
    with pytest.raises(ValidationError) as error:
        services.referral_accept(by=world.charity_staff, referral=referral)
    assert error.value.code == "invalid_transition"


def test_a_charity_cannot_answer_another_charitys_referral(world):
    _, referral = world.referred()
    with pytest.raises(PermissionDenied):
        services.referral_accept(by=world.other_charity_staff, referral=referral)
    with pytest.raises(PermissionDenied):
        services.referral_accept(by=world.caseworker, referral=referral)
    referral.refresh_from_db()
    assert referral.status == Referral.Status.REQUESTED


def test_rejecting_needs_a_reason_code_and_flags_the_case_for_rematch(world):
    case, referral = world.referred()
    with pytest.raises(ValidationError):
        services.referral_reject(by=world.charity_staff, referral=referral, reason="because")
    with pytest.raises(ValidationError):
        services.referral_reject(by=world.charity_staff, referral=referral, reason="other", note="")
    referral = services.referral_reject(
        by=world.charity_staff, referral=referral, reason="no_capacity"
    )
    case.refresh_from_db()
    assert (referral.status, referral.reject_reason) == (Referral.Status.REJECTED, "no_capacity")
    assert case.needs_rematch
    # The project that declined is not asked again.
    with pytest.raises(ValidationError) as error:
        services.referral_create(by=world.caseworker, case=case, project=world.project)
    assert error.value.error_dict["project"][0].code == "declined_before"


def test_not_resolved_needs_a_reason_and_fails_the_referral(world):
    case, referral = world.referred()
    services.referral_accept(by=world.charity_staff, referral=referral)
    with pytest.raises(ValidationError):
        services.referral_complete(
            by=world.charity_staff, referral=referral, outcome="not_resolved"
        )
    referral = services.referral_complete(
        by=world.charity_staff, referral=referral, outcome="not_resolved", reason="联系不上家属"
    )
    case.refresh_from_db()
    assert referral.status == Referral.Status.FAILED
    assert case.needs_rematch


def test_the_referring_caseworker_can_cancel_an_open_referral(world):
    _, referral = world.referred()
    with pytest.raises(PermissionDenied):
        services.referral_cancel(by=world.nanguan_caseworker, referral=referral, reason="x")
    referral = services.referral_cancel(
        by=world.caseworker, referral=referral, reason="家属已另行解决"
    )
    assert referral.status == Referral.Status.CANCELLED


def test_the_sweep_escalates_overdue_steps_once_and_expires_unanswered_referrals(world):
    case, referral = world.referred()
    later = referral.answer_due_at + dt.timedelta(minutes=1)

    result = services.deadlines_sweep(now=later)
    referral.refresh_from_db()
    case.refresh_from_db()
    assert result.referrals_expired == 1
    assert referral.status == Referral.Status.EXPIRED
    assert case.needs_rematch
    assert referral.deadlines.get().escalated_at == later

    again = services.deadlines_sweep(now=later + dt.timedelta(hours=1))
    assert (again.escalated, again.referrals_expired) == (0, 0)


def test_an_unaccepted_case_escalates_after_its_accept_deadline(world):
    case = world.report()
    due = case.deadlines.get(step="accept").due_at
    assert services.deadlines_sweep(now=due - dt.timedelta(seconds=1)).escalated == 0
    assert services.deadlines_sweep(now=due + dt.timedelta(seconds=1)).escalated == 1


def test_the_sweep_command_and_the_task_run_the_same_sweep(world):
    from io import StringIO

    from django.core.management import call_command

    from needs.tasks import sweep_overdue_deadlines

    out = StringIO()
    call_command("sweep_overdue", stdout=out)
    assert "Escalated 0" in out.getvalue()
    result = sweep_overdue_deadlines.enqueue()
    assert result.return_value == {
        "escalated": 0,
        "referrals_expired": 0,
        "imports_resumed": 0,
        "imports_stopped": 0,
    }
