"""Assistance applications by type and their procedure (issue 20, items 1 and 3): each step one
service with its audit event; the reviewer never approves, the handler never approves above
the office's limit, nothing is approved during the notice or with an open objection, a notice
shorter than the minimum is refused; the household's statuses follow from granted
applications; the risk warning's first disposition starts an application."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from core import services as core_services
from core.audit_text import action_label
from core.models import AuditEvent, Notification
from core.workdays import add_working_days
from discovery import services as discovery_services
from discovery.models import RiskWarning
from needs.models import (
    AssistanceApplication,
    AssistanceObjection,
    AssistanceOfficeRule,
    AssistanceType,
    CommunityReview,
)
from needs.selectors_assistance import applications_visible_to, public_notices
from needs.services import assistance as a
from tests.discovery.crosscheck_helpers import NEW_IDS, csv_bytes, run_import
from tests.needs.economic_check_helpers import current_check

pytestmark = pytest.mark.django_db
Stage = AssistanceApplication.Stage
TODAY = timezone.localdate


def events(action: str) -> int:
    return AuditEvent.objects.filter(action=f"assistance.{action}").count()


def apply(world, kind=AssistanceType.DIBAO, *, checked=True, **kwargs):
    """An application for a household whose economic-status check is current (``checked``),
    as every type but the emergency ones needs before 核对 passes."""
    case = world.accepted()
    if checked:
        current_check(world, case.household)
    return a.assistance_apply(
        by=world.caseworker,
        household=case.household,
        assistance_type=kind,
        office=world.chaoyang,
        village="幸福社区",
        reason="丈夫重病，无劳动能力",
        **kwargs,
    )


def community_review(world, application):
    return a.community_review_record(
        by=world.caseworker,
        application=application,
        kind=CommunityReview.Kind.DEMOCRATIC,
        held_on=TODAY(),
        participants=["社区主任 刘军", "居民代表 陈红", "居民代表 孙强"],
        result=CommunityReview.Result.AGREE,
    )


def reviewed(world, *, amount_fen=60_000, kind=AssistanceType.DIBAO):
    application = apply(world, kind=kind)
    a.assistance_accept(by=world.caseworker, application=application)
    a.assistance_check_record(by=world.caseworker, application=application, note="核对通过")
    if kind in (AssistanceType.DIBAO, AssistanceType.TEKUN):
        community_review(world, application)
    return a.assistance_review(
        by=world.colleague,
        application=application,
        recommendation="grant",
        amount_fen=amount_fen,
    )


def noticed(world, **kwargs):
    application = reviewed(world, **kwargs)
    return a.assistance_notice_start(by=world.caseworker, application=application)


def notice_over(application):
    AssistanceApplication.objects.filter(pk=application.pk).update(
        notice_starts_on=TODAY() - dt.timedelta(days=8),
        notice_ends_on=TODAY() - dt.timedelta(days=1),
    )
    application.refresh_from_db()


def test_the_whole_procedure_grants_and_the_household_status_follows(world):
    application = apply(world)
    assert application.stage == Stage.APPLIED
    assert application.stage_due_at.date() == add_working_days(TODAY(), 3)
    a.assistance_accept(by=world.caseworker, application=application)
    a.assistance_check_record(by=world.caseworker, application=application)
    community_review(world, application)
    a.assistance_review(
        by=world.colleague, application=application, recommendation="grant", amount_fen=60_000
    )
    a.assistance_notice_start(by=world.caseworker, application=application)
    application.refresh_from_db()
    assert application.stage == Stage.IN_NOTICE
    assert application.notice_ends_on == TODAY() + dt.timedelta(days=6)
    assert application.notice_name == "张某"
    notice_over(application)

    a.assistance_approve(by=world.supervisor, application=application)

    application.refresh_from_db()
    assert application.stage == Stage.GRANTED
    assert application.approver == world.supervisor
    assert application.starts_on == TODAY()
    household = application.household
    household.refresh_from_db()
    assert household.is_dibao is True
    assert a.household_statuses(household) == ["dibao"]
    for action in ("apply", "accept", "check", "community_review", "review", "notice", "approve"):
        assert events(action) == 1, action
    assert Notification.objects.filter(
        recipient=world.caseworker, key=f"assistance-decided:{application.pk}"
    ).exists()
    # The audit log says it in words, never the code.
    for event in AuditEvent.objects.filter(action__startswith="assistance."):
        assert action_label(event.action) != event.action


def test_the_reviewer_cannot_approve_their_own_review(in_english, world):
    application = noticed(world)
    notice_over(application)
    with pytest.raises(PermissionDenied, match="You reviewed this application"):
        a.assistance_approve(by=world.colleague, application=application)
    application.refresh_from_db()
    assert application.stage == Stage.IN_NOTICE
    assert events("approve") == 0


def test_the_reviewer_cannot_refuse_either(world):
    application = reviewed(world)
    with pytest.raises(PermissionDenied):
        a.assistance_refuse(by=world.colleague, application=application, reasons="不符合")
    assert AssistanceApplication.objects.get(pk=application.pk).stage == Stage.REVIEWED


def test_the_handler_cannot_approve_above_the_office_limit(in_english, world):
    application = noticed(world, amount_fen=60_000)
    notice_over(application)
    with pytest.raises(PermissionDenied, match="You handle this application"):
        a.assistance_approve(by=world.caseworker, application=application)
    assert events("approve") == 0


def test_the_handler_may_approve_within_the_office_limit(world):
    AssistanceOfficeRule.objects.create(
        office=world.chaoyang, handler_approval_limit_fen=100_000, community_review_types=[]
    )
    application = noticed(world, amount_fen=60_000, kind=AssistanceType.MEDICAL)
    notice_over(application)
    a.assistance_approve(by=world.caseworker, application=application)
    assert AssistanceApplication.objects.get(pk=application.pk).stage == Stage.GRANTED


def test_no_approval_while_an_objection_is_open(in_english, world):
    application = noticed(world)
    objection = a.objection_record(
        by=world.caseworker, application=application, summary="邻居反映其有营运车辆"
    )
    notice_over(application)
    with pytest.raises(ValidationError) as error:
        a.assistance_approve(by=world.supervisor, application=application)
    assert error.value.code == "objection_open"
    assert "objection is still open" in error.value.messages[0]
    assert AssistanceApplication.objects.get(pk=application.pk).stage == Stage.IN_NOTICE

    a.objection_resolve(
        by=world.caseworker, objection=objection, resolution="dismissed", note="车辆已过户"
    )
    a.assistance_approve(by=world.supervisor, application=application)
    assert AssistanceApplication.objects.get(pk=application.pk).stage == Stage.GRANTED


def test_an_upheld_objection_leaves_only_refusal(world):
    application = noticed(world)
    objection = a.objection_record(by=world.caseworker, application=application, summary="有房产")
    a.objection_resolve(by=world.caseworker, objection=objection, resolution="upheld", note="属实")
    notice_over(application)
    with pytest.raises(ValidationError) as error:
        a.assistance_approve(by=world.supervisor, application=application)
    assert error.value.code == "objection_upheld"
    a.assistance_refuse(by=world.supervisor, application=application, reasons="公示异议属实")
    application.refresh_from_db()
    assert application.stage == Stage.REFUSED
    assert application.outcome_reasons == "公示异议属实"


def test_an_objection_is_resolved_once(world):
    application = noticed(world)
    objection = a.objection_record(by=world.caseworker, application=application, summary="异议")
    a.objection_resolve(by=world.caseworker, objection=objection, resolution="dismissed", note="x")
    with pytest.raises(ValidationError):
        a.objection_resolve(by=world.caseworker, objection=objection, resolution="upheld", note="y")
    assert AssistanceObjection.objects.get(pk=objection.pk).resolution == "dismissed"


def test_no_approval_before_the_notice_ends(world):
    application = noticed(world)
    with pytest.raises(ValidationError) as error:
        a.assistance_approve(by=world.supervisor, application=application)
    assert error.value.code == "notice_running"


def test_a_notice_shorter_than_the_minimum_is_refused_and_nothing_written(in_english, world):
    application = reviewed(world)
    with pytest.raises(ValidationError) as error:
        a.assistance_notice_start(by=world.caseworker, application=application, days=6)
    assert "days" in error.value.message_dict
    assert "at least 7 days" in error.value.message_dict["days"][0]
    application.refresh_from_db()
    assert application.stage == Stage.REVIEWED
    assert application.notice_starts_on is None
    assert events("notice") == 0


def test_an_office_sets_a_longer_notice_period_and_minimum(in_english, world):
    AssistanceOfficeRule.objects.create(
        office=world.chaoyang, notice_days=10, notice_min_days=10, community_review_types=[]
    )
    application = reviewed(world, kind=AssistanceType.HOUSING)
    with pytest.raises(ValidationError) as error:
        a.assistance_notice_start(by=world.caseworker, application=application, days=9)
    assert "at least 10 days" in error.value.message_dict["days"][0]
    application = a.assistance_notice_start(by=world.caseworker, application=application)
    assert application.notice_ends_on == TODAY() + dt.timedelta(days=9)


def test_the_review_waits_for_the_check(world, monkeypatch):
    application = apply(world, kind=AssistanceType.MEDICAL)
    a.assistance_accept(by=world.caseworker, application=application)
    a.assistance_check_record(by=world.caseworker, application=application)
    monkeypatch.setattr(a, "check_satisfied", lambda application: False)
    with pytest.raises(ValidationError) as error:
        a.assistance_review(
            by=world.colleague, application=application, recommendation="grant", amount_fen=100
        )
    assert error.value.code == "check_missing"
    assert AssistanceApplication.objects.get(pk=application.pk).stage == Stage.CHECKED


def test_the_review_waits_for_the_community_review_the_office_requires(world):
    application = apply(world)
    a.assistance_accept(by=world.caseworker, application=application)
    a.assistance_check_record(by=world.caseworker, application=application)
    with pytest.raises(ValidationError) as error:
        a.assistance_review(
            by=world.colleague, application=application, recommendation="grant", amount_fen=100
        )
    assert error.value.code == "community_review_missing"


def test_a_community_review_names_at_least_three_participants(world):
    application = apply(world)
    a.assistance_accept(by=world.caseworker, application=application)
    with pytest.raises(ValidationError) as error:
        a.community_review_record(
            by=world.caseworker,
            application=application,
            kind="democratic",
            held_on=TODAY(),
            participants=["刘军"],
            result="agree",
        )
    assert "participants" in error.value.message_dict
    assert not CommunityReview.objects.exists()


def test_a_grant_recommendation_needs_a_positive_amount(world):
    application = apply(world, kind=AssistanceType.MEDICAL)
    a.assistance_accept(by=world.caseworker, application=application)
    a.assistance_check_record(by=world.caseworker, application=application)
    with pytest.raises(ValidationError) as error:
        a.assistance_review(
            by=world.colleague, application=application, recommendation="grant", amount_fen=0
        )
    assert "amount_fen" in error.value.message_dict


def test_another_jurisdiction_cannot_act_or_see(world):
    application = apply(world)
    with pytest.raises(PermissionDenied):
        a.assistance_accept(by=world.donghu_caseworker, application=application)
    assert AssistanceApplication.objects.get(pk=application.pk).stage == Stage.APPLIED
    assert not applications_visible_to(world.donghu_caseworker).exists()
    assert applications_visible_to(world.supervisor).get() == application
    assert applications_visible_to(world.auditor).get() == application
    assert not applications_visible_to(world.charity_staff).exists()


def test_an_auditor_reads_but_cannot_act(world):
    application = apply(world)
    with pytest.raises(PermissionDenied):
        a.assistance_accept(by=world.auditor, application=application)


def test_a_step_taken_twice_is_refused(world):
    application = apply(world)
    a.assistance_accept(by=world.caseworker, application=application)
    with pytest.raises(ValidationError) as error:
        a.assistance_accept(by=world.colleague, application=application)
    assert error.value.code == "wrong_stage"
    assert events("accept") == 1


def test_one_open_application_per_household_and_type(world):
    application = apply(world)
    with pytest.raises(ValidationError) as error:
        a.assistance_apply(
            by=world.caseworker,
            household=application.household,
            assistance_type=AssistanceType.DIBAO,
            office=world.chaoyang,
        )
    assert "type" in error.value.message_dict
    assert AssistanceApplication.objects.count() == 1


def test_an_office_outside_the_county_is_refused(world):
    case = world.accepted()
    with pytest.raises(ValidationError) as error:
        a.assistance_apply(
            by=world.supervisor,
            household=case.household,
            assistance_type=AssistanceType.MEDICAL,
            office=world.nanguan,
        )
    assert "office" in error.value.message_dict


def test_office_time_limits_set_the_stage_deadlines(world):
    # Through the office time limits screen's service, as a supervisor sets them.
    core_services.time_limit_save(
        by=world.supervisor, office=world.chaoyang, step="assistance_accept", working_days=1
    )
    core_services.time_limit_save(
        by=world.supervisor, office=world.chaoyang, step="assistance_accept:medical", working_days=2
    )
    dibao = apply(world)
    assert dibao.stage_due_at.date() == add_working_days(TODAY(), 1)
    medical = a.assistance_apply(
        by=world.caseworker,
        household=dibao.household,
        assistance_type=AssistanceType.MEDICAL,
        office=world.chaoyang,
    )
    assert medical.stage_due_at.date() == add_working_days(TODAY(), 2)


def test_ending_a_grant_ends_the_household_status(world):
    application = noticed(world)
    notice_over(application)
    a.assistance_approve(
        by=world.supervisor, application=application, starts_on=TODAY() - dt.timedelta(days=30)
    )
    a.assistance_end(
        by=world.caseworker,
        application=application,
        ends_on=TODAY() - dt.timedelta(days=1),
        reason="家庭收入已超过低保标准",
    )
    household = application.household
    household.refresh_from_db()
    assert household.is_dibao is False
    assert a.household_statuses(household) == []
    assert a.household_statuses(household, on=TODAY() - dt.timedelta(days=2)) == ["dibao"]
    assert events("end") == 1


def test_a_flag_recorded_by_hand_is_kept_without_an_application(world):
    application = apply(world, kind=AssistanceType.MEDICAL)
    household = application.household
    # a 特困 flag recorded before the procedure existed
    household.is_tekun = True
    household.save()
    a.household_status_refresh(household)
    household.refresh_from_db()
    assert household.is_tekun is True


def test_the_public_notice_shows_surname_village_type_and_amount_only(world):
    application = noticed(world)
    notice = public_notices().get()
    assert notice.pk == application.pk
    assert notice.notice_name == "张某"
    assert notice.village == "幸福社区"
    notice_over(application)
    assert not public_notices().exists()


def test_the_risk_warning_starts_an_application_of_the_chosen_type(world):
    world.accepted()
    run_import(world, csv_bytes([[NEW_IDS[0], "王小明", "朝阳区", "12000", "", ""]]))
    warning = RiskWarning.objects.get(type=RiskWarning.Type.NOT_COVERED)

    warning = discovery_services.warning_start_procedure(
        by=world.caseworker, warning=warning, assistance_type=AssistanceType.MEDICAL
    )

    application = AssistanceApplication.objects.get(risk_warning=warning)
    assert application.type == AssistanceType.MEDICAL
    assert application.case == warning.case
    assert application.household == warning.case.household
    assert application.office == world.chaoyang
    assert events("apply") == 1


def test_the_risk_warning_refuses_an_unknown_assistance_type(world):
    world.accepted()
    run_import(world, csv_bytes([[NEW_IDS[0], "王小明", "朝阳区", "12000", "", ""]]))
    warning = RiskWarning.objects.get(type=RiskWarning.Type.NOT_COVERED)
    with pytest.raises(ValidationError) as error:
        discovery_services.warning_start_procedure(
            by=world.caseworker, warning=warning, assistance_type="pension"
        )
    assert "assistance_type" in error.value.message_dict
    assert not AssistanceApplication.objects.exists()
    warning.refresh_from_db()
    assert warning.disposition == ""


# ---- 核对: the household's economic-status check (needs.services.economic_checks) ----


def test_the_check_stage_needs_the_households_current_check(world):
    application = a.assistance_accept(by=world.caseworker, application=apply(world, checked=False))
    with pytest.raises(ValidationError) as refused:
        a.assistance_check_record(by=world.caseworker, application=application)
    assert refused.value.error_list[0].code == "check_missing"
    application.refresh_from_db()
    assert application.stage == Stage.ACCEPTED and application.check_recorded_at is None
    assert events("check") == 0

    current_check(world, application.household)
    application = a.assistance_check_record(by=world.caseworker, application=application)
    assert application.stage == Stage.CHECKED


def test_emergency_assistance_passes_the_check_stage_on_the_caseworkers_record(world):
    """急难型临时救助可先行救助: temporary assistance is not held up by the check."""
    application = a.assistance_accept(
        by=world.caseworker,
        application=apply(world, kind=AssistanceType.TEMPORARY, checked=False),
    )
    application = a.assistance_check_record(by=world.caseworker, application=application)
    assert application.stage == Stage.CHECKED


def test_a_status_ends_with_its_assistance_on_the_periodic_run(world):
    from supervision.tasks import run_all

    application = noticed(world)
    notice_over(application)
    a.assistance_approve(
        by=world.supervisor,
        application=application,
        starts_on=TODAY() - dt.timedelta(days=30),
        ends_on=TODAY() - dt.timedelta(days=1),
    )
    household = application.household
    # Approved for a period already over: the flag follows on approval...
    household.refresh_from_db()
    assert household.is_dibao is False
    # ...and a grant still running keeps it until its end passes.
    type(application).objects.filter(pk=application.pk).update(ends_on=TODAY())
    a.household_status_refresh(household)
    household.refresh_from_db()
    assert household.is_dibao is True
    assert a.household_statuses_expire(on=TODAY()) == 0  # not ended yet
    tomorrow = TODAY() + dt.timedelta(days=1)
    assert a.household_statuses_expire(on=tomorrow) == 1
    household.refresh_from_db()
    assert household.is_dibao is False
    assert AuditEvent.objects.filter(action="household.status_refresh").exists()
    assert "household_statuses_expired" in run_all()
