"""Special inspection (专项治理, issue 20 item 6; seed 004): a campaign over offices and a
period, each office's self-inspection against the seed's checklist, spot checks of a seeded
random sample of cases with findings, rectification tasks tracked to done, the closing
report."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from rest_framework.test import APIClient

from core.models import AuditEvent, Notification
from needs.factories import household_input, id_number
from needs.models import Case
from needs.worklist import worklist_for
from supervision import selectors_upward as sel
from supervision import services_inspections as si
from supervision.checklist import DEFAULT_CHECKLIST
from supervision.models import (
    InspectionCampaign,
    RectificationTask,
    SelfInspection,
    SpotCheck,
    SpotCheckCase,
)

ZONE = timezone.get_default_timezone()
START, END = dt.date(2026, 3, 1), dt.date(2026, 3, 31)
TODAY = dt.date(2026, 4, 1)


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def chaoyang_cases(world) -> list[int]:
    """Five Chaoyang cases reported in March (and one in April, outside the period)."""
    ids = []
    for n in range(6):
        case = world.report(
            household=household_input(
                head=f"测试{n}", head_id=id_number(f"220104198001{n + 10:02d}123")
            )
        )
        day = dt.datetime(2026, 3, 5 + n, 9, 0) if n < 5 else dt.datetime(2026, 4, 5, 9, 0)
        Case.objects.filter(pk=case.pk).update(reported_at=timezone.make_aware(day, ZONE))
        ids.append(case.pk)
    return ids[:5]


def _campaign(world, **overrides):
    kwargs = {
        "by": world.supervisor,
        "organiser": world.city,
        "title": "2026年社会救助专项治理",
        "offices": [world.chaoyang, world.nanguan],
        "period_start": START,
        "period_end": END,
        "self_inspection_due_on": dt.date(2099, 4, 28),
    }
    kwargs.update(overrides)
    return si.inspection_campaign_create(**kwargs)


def _answer_all(world, self_inspection, by):
    answers = [
        {"number": item.number, "result": "compliant", "note": ""}
        for item in self_inspection.items.all()
    ]
    si.self_inspection_answer(by=by, self_inspection=self_inspection, answers=answers)


# ---- the campaign ----


def test_a_campaign_gives_each_office_the_seeds_checklist_and_tells_it(world):
    campaign = _campaign(world)
    assert campaign.self_inspections.count() == 2
    chaoyang = campaign.self_inspections.get(office=world.chaoyang)
    assert chaoyang.items.count() == len(DEFAULT_CHECKLIST) == 19
    assert Notification.objects.filter(
        recipient=world.caseworker, key=f"self-inspection:{chaoyang.pk}"
    ).exists()
    assert AuditEvent.objects.filter(action="inspection.create", object_id=str(campaign.pk))


def test_a_campaign_may_bring_its_own_checklist(world):
    campaign = _campaign(world, checklist=["台账是否完整", "  ", "公示是否到位"])
    assert list(campaign.self_inspections.first().items.values_list("text", flat=True)) == [
        "台账是否完整",
        "公示是否到位",
    ]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title": "  "}, "title"),
        ({"period_end": dt.date(2026, 2, 1)}, "period_end"),
        ({"self_inspection_due_on": dt.date(2020, 1, 1)}, "self_inspection_due_on"),
        ({"offices": []}, "offices"),
    ],
)
def test_bad_campaign_input_names_the_field_and_writes_nothing(world, overrides, field):
    with pytest.raises(ValidationError) as refused:
        _campaign(world, **overrides)
    assert field in refused.value.error_dict
    assert not InspectionCampaign.objects.exists()
    assert not SelfInspection.objects.exists()


def test_offices_outside_the_organisers_jurisdiction_are_refused(world):
    with pytest.raises(ValidationError) as refused:
        _campaign(world, offices=[world.chaoyang, world.donghu])
    assert refused.value.error_dict["offices"][0].code == "out_of_jurisdiction"
    assert not InspectionCampaign.objects.exists()


def test_only_the_organisers_supervisors_start_a_campaign(world):
    for who in (world.caseworker, world.auditor, world.charity_staff):
        with pytest.raises(PermissionDenied):
            _campaign(world, by=who)


# ---- self-inspection ----


def test_the_office_answers_and_submits_its_self_inspection(world):
    campaign = _campaign(world)
    mine = campaign.self_inspections.get(office=world.chaoyang)
    with pytest.raises(ValidationError) as unanswered:
        si.self_inspection_submit(by=world.caseworker, self_inspection=mine, summary="已自查")
    assert unanswered.value.error_dict["answers"][0].code == "unanswered"
    _answer_all(world, mine, world.caseworker)
    si.self_inspection_answer(
        by=world.colleague,
        self_inspection=mine,
        answers=[{"number": 6, "result": "problem", "note": "两户临时救助未公示"}],
    )
    si.self_inspection_submit(by=world.caseworker, self_inspection=mine, summary="发现问题一项")
    mine.refresh_from_db()
    assert mine.status == SelfInspection.Status.SUBMITTED
    assert Notification.objects.filter(
        recipient=world.supervisor, key=f"self-inspection-submitted:{mine.pk}"
    ).exists()
    with pytest.raises(ValidationError) as again:
        si.self_inspection_submit(by=world.caseworker, self_inspection=mine, summary="再次")
    assert again.value.error_list[0].code == "already_submitted"
    assert si.inspection_summary(campaign)["self_inspection_problems"] == 1


def test_a_problem_needs_a_note_and_an_unknown_item_is_refused(world):
    mine = _campaign(world).self_inspections.get(office=world.chaoyang)
    for answer, code in (
        ({"number": 1, "result": "problem", "note": ""}, "note_required"),
        ({"number": 99, "result": "compliant"}, "unknown_item"),
        ({"number": 1, "result": "maybe"}, "result"),
    ):
        with pytest.raises(ValidationError) as refused:
            si.self_inspection_answer(by=world.caseworker, self_inspection=mine, answers=[answer])
        assert refused.value.error_dict["answers"][0].code == code
    assert not mine.items.exclude(result="").exists()


def test_another_office_cannot_answer(world):
    mine = _campaign(world).self_inspections.get(office=world.chaoyang)
    for who in (world.nanguan_caseworker, world.supervisor, world.donghu_caseworker):
        with pytest.raises(PermissionDenied):
            _answer_all(world, mine, who)


# ---- spot checks ----


def test_a_spot_check_draws_a_reproducible_sample_and_records_the_seed(world, chaoyang_cases):
    campaign = _campaign(world)
    check = si.spot_check_draw(
        by=world.supervisor, campaign=campaign, office=world.chaoyang, sample_size=3, seed=42
    )
    drawn = list(check.cases.values_list("case_id", flat=True))
    assert drawn == random.Random(42).sample(sorted(chaoyang_cases), 3)  # noqa: S311
    assert (check.seed, check.population, check.sample_size) == (42, 5, 3)
    event = AuditEvent.objects.get(action="spot_check.draw")
    assert event.changes["seed"] == 42 and event.changes["population"] == 5


def test_without_a_seed_a_fresh_one_is_recorded_and_redraws_the_same(world, chaoyang_cases):
    campaign = _campaign(world)
    check = si.spot_check_draw(
        by=world.supervisor, campaign=campaign, office=world.chaoyang, sample_size=2
    )
    again = si.draw_sample(chaoyang_cases, 2, check.seed)
    assert list(check.cases.values_list("case_id", flat=True)) == again


def test_a_sample_larger_than_the_population_is_refused(world, chaoyang_cases):
    campaign = _campaign(world)
    with pytest.raises(ValidationError) as refused:
        si.spot_check_draw(
            by=world.supervisor, campaign=campaign, office=world.chaoyang, sample_size=6
        )
    assert refused.value.error_dict["sample_size"][0].code == "sample_too_large"
    assert not SpotCheck.objects.exists() and not SpotCheckCase.objects.exists()
    assert not AuditEvent.objects.filter(action="spot_check.draw").exists()


def test_only_inspectors_draw_and_only_offices_of_the_campaign(world, chaoyang_cases):
    campaign = _campaign(world)
    with pytest.raises(PermissionDenied):
        si.spot_check_draw(
            by=world.caseworker, campaign=campaign, office=world.chaoyang, sample_size=1
        )
    with pytest.raises(ValidationError) as refused:
        si.spot_check_draw(
            by=world.supervisor, campaign=campaign, office=world.donghu, sample_size=1
        )
    assert "office" in refused.value.error_dict


def test_findings_per_case_once_with_a_note_for_a_problem(world, chaoyang_cases):
    campaign = _campaign(world)
    check = si.spot_check_draw(
        by=world.supervisor, campaign=campaign, office=world.chaoyang, sample_size=2, seed=7
    )
    first, second = check.cases.all()
    with pytest.raises(ValidationError) as refused:
        si.spot_check_finding_record(by=world.supervisor, sampled=first, finding="problem")
    assert "note" in refused.value.error_dict
    si.spot_check_finding_record(
        by=world.supervisor, sampled=first, finding="problem", note="救助金额无审批记录"
    )
    si.spot_check_finding_record(by=world.supervisor, sampled=second, finding="in_order")
    with pytest.raises(ValidationError):
        si.spot_check_finding_record(by=world.supervisor, sampled=first, finding="in_order")
    with pytest.raises(PermissionDenied):
        si.spot_check_finding_record(by=world.caseworker, sampled=second, finding="in_order")
    summary = si.inspection_summary(campaign)
    assert (summary["cases_checked"], summary["case_problems"]) == (2, 1)


# ---- rectification and closing ----


def test_rectification_owned_by_office_staff_tracked_to_done_then_closing(world, chaoyang_cases):
    campaign = _campaign(world)
    check = si.spot_check_draw(
        by=world.supervisor, campaign=campaign, office=world.chaoyang, sample_size=1, seed=1
    )
    sampled = check.cases.get()
    si.spot_check_finding_record(
        by=world.supervisor, sampled=sampled, finding="problem", note="缺少公示记录"
    )
    with pytest.raises(ValidationError) as refused:
        si.rectification_create(
            by=world.supervisor,
            campaign=campaign,
            office=world.chaoyang,
            description="补做公示",
            owner=world.donghu_caseworker,
            due_on=dt.date(2099, 5, 1),
        )
    assert "owner" in refused.value.error_dict
    with pytest.raises(ValidationError) as past:
        si.rectification_create(
            by=world.supervisor,
            campaign=campaign,
            office=world.chaoyang,
            description="补做公示",
            owner=world.caseworker,
            due_on=dt.date(2020, 5, 1),
        )
    assert "due_on" in past.value.error_dict
    assert not RectificationTask.objects.exists()
    task = si.rectification_create(
        by=world.supervisor,
        campaign=campaign,
        office=world.chaoyang,
        description="补做公示",
        owner=world.caseworker,
        due_on=dt.date(2099, 5, 1),
        finding=sampled,
    )
    assert Notification.objects.filter(recipient=world.caseworker, key=f"rectification:{task.pk}")
    assert {w.kind: w for w in worklist_for(world.caseworker)}["rectifications"].count == 1

    with pytest.raises(ValidationError) as not_yet:
        si.inspection_close(by=world.supervisor, campaign=campaign, closing_report="总结")
    assert not_yet.value.error_list[0].code == "self_inspections_pending"
    for office, who in (
        (world.chaoyang, world.caseworker),
        (world.nanguan, world.nanguan_caseworker),
    ):
        mine = campaign.self_inspections.get(office=office)
        _answer_all(world, mine, who)
        si.self_inspection_submit(by=who, self_inspection=mine, summary="已自查")
    with pytest.raises(ValidationError) as open_task:
        si.inspection_close(by=world.supervisor, campaign=campaign, closing_report="总结")
    assert open_task.value.error_list[0].code == "rectifications_open"

    with pytest.raises(PermissionDenied):
        si.rectification_done(by=world.nanguan_caseworker, task=task, note="已补做")
    with pytest.raises(ValidationError):
        si.rectification_done(by=world.caseworker, task=task, note=" ")
    si.rectification_done(by=world.caseworker, task=task, note="已补做公示并存档")
    with pytest.raises(ValidationError) as twice:
        si.rectification_done(by=world.caseworker, task=task, note="again")
    assert twice.value.error_list[0].code == "already_done"

    with pytest.raises(ValidationError) as empty:
        si.inspection_close(by=world.supervisor, campaign=campaign, closing_report="")
    assert "closing_report" in empty.value.error_dict
    si.inspection_close(by=world.supervisor, campaign=campaign, closing_report="专项治理总结")
    campaign.refresh_from_db()
    assert campaign.status == InspectionCampaign.Status.CLOSED
    summary = si.inspection_summary(campaign)
    assert summary["rectifications_done"] == summary["rectifications"] == 1
    with pytest.raises(ValidationError):
        si.spot_check_draw(
            by=world.supervisor, campaign=campaign, office=world.chaoyang, sample_size=1
        )


# ---- jurisdiction, 待办 ----


def test_each_reader_sees_the_campaigns_and_answers_of_their_jurisdiction(world):
    campaign = _campaign(world)
    assert list(sel.campaigns_visible_to(world.supervisor)) == [campaign]
    assert list(sel.campaigns_visible_to(world.caseworker)) == [campaign]
    assert list(sel.campaigns_visible_to(world.auditor)) == [campaign]
    assert not sel.campaigns_visible_to(world.donghu_caseworker).exists()
    assert not sel.campaigns_visible_to(world.charity_staff).exists()
    offices = set(
        sel.self_inspections_visible_to(world.caseworker).values_list("office", flat=True)
    )
    assert offices == {world.chaoyang.pk}  # not Nanguan's answers
    assert sel.self_inspections_visible_to(world.supervisor).count() == 2


def test_the_self_inspection_is_on_the_offices_worklist(world):
    _campaign(world)
    work = {w.kind: w for w in worklist_for(world.caseworker)}
    assert work["self_inspections"].count == 1
    assert work["self_inspections"].items[0].title == "2026年社会救助专项治理"


# ---- screens ----


def test_the_screens_start_answer_and_draw(client, world, chaoyang_cases):
    client.force_login(world.supervisor)
    en = {"HTTP_ACCEPT_LANGUAGE": "en"}
    assert (
        "Start an inspection"
        in client.get("/admin/supervision/inspections/", **en).content.decode()
    )
    assert (
        'href="/admin/supervision/inspections/new/"'
        in client.get("/admin/supervision/inspections/").content.decode()
    )
    started = client.post(
        "/admin/supervision/inspections/new/",
        {
            "title": "专项治理",
            "organiser": world.city.pk,
            "offices": [world.chaoyang.pk],
            "period_start": "2026-03-01",
            "period_end": "2026-03-31",
            "self_inspection_due_on": "2099-04-28",
        },
    )
    assert started.status_code == 302
    campaign = InspectionCampaign.objects.get()
    too_many = client.post(
        f"/admin/supervision/inspections/{campaign.pk}/",
        {"step": "draw", "draw-office": world.chaoyang.pk, "draw-sample_size": 9},
        **en,
    )
    assert too_many.status_code == 400 and "larger than the cases" in too_many.content.decode()
    assert not SpotCheck.objects.exists()
    drawn = client.post(
        f"/admin/supervision/inspections/{campaign.pk}/",
        {"step": "draw", "draw-office": world.chaoyang.pk, "draw-sample_size": 2, "draw-seed": 5},
    )
    assert drawn.status_code == 302 and SpotCheck.objects.get().seed == 5
    page = client.get(f"/admin/supervision/inspections/{campaign.pk}/").content.decode()
    sampled_number = Case.objects.get(pk=SpotCheckCase.objects.first().case_id).number
    assert sampled_number in page

    mine = campaign.self_inspections.get()
    client.force_login(world.caseworker)
    answered = client.post(
        f"/admin/supervision/self-inspections/{mine.pk}/",
        {"step": "answer", "answer-result_1": "compliant", "answer-note_1": ""},
    )
    assert answered.status_code == 302
    assert mine.items.get(number=1).result == "compliant"
    client.force_login(world.nanguan_caseworker)
    assert client.get(f"/admin/supervision/self-inspections/{mine.pk}/").status_code == 404


# ---- API ----


def test_the_api_starts_a_campaign_once_per_idempotency_key(world):
    api = client_for(world.supervisor)
    body = {
        "title": "专项治理",
        "organiser": world.city.pk,
        "offices": [world.chaoyang.pk, world.nanguan.pk],
        "period_start": "2026-03-01",
        "period_end": "2026-03-31",
        "self_inspection_due_on": "2099-04-28",
    }
    headers = {"HTTP_IDEMPOTENCY_KEY": "inspection-2026-01"}
    first = api.post("/api/v1/inspections/", body, format="json", **headers)
    second = api.post("/api/v1/inspections/", body, format="json", **headers)
    assert first.status_code == second.status_code == 201
    assert InspectionCampaign.objects.count() == 1
    assert first.json()["summary"]["offices"] == 2
    assert (
        client_for(world.caseworker).post("/api/v1/inspections/", body, format="json").status_code
        == 403
    )


def test_the_api_refuses_a_sample_larger_than_the_population(world, chaoyang_cases):
    campaign = _campaign(world)
    response = client_for(world.supervisor).post(
        f"/api/v1/inspections/{campaign.pk}/spot-checks/",
        {"office": world.chaoyang.pk, "sample_size": 50},
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert error["field"] == "sample_size" and "larger than the cases" in error["message"]
    assert not SpotCheck.objects.exists()


def test_the_api_answers_draws_finds_rectifies_with_filters(world, chaoyang_cases):
    campaign = _campaign(world)
    mine = campaign.self_inspections.get(office=world.chaoyang)
    answered = client_for(world.caseworker).post(
        f"/api/v1/self-inspections/{mine.pk}/answer/",
        {"answers": [{"number": 1, "result": "compliant"}]},
        format="json",
    )
    assert answered.status_code == 200 and answered.json()["items"][0]["result"] == "compliant"
    listed = client_for(world.caseworker).get(
        "/api/v1/self-inspections/", {"campaign": campaign.pk}
    )
    assert [r["office"] for r in listed.json()["results"]] == [world.chaoyang.pk]
    inspector = client_for(world.supervisor)
    drawn = inspector.post(
        f"/api/v1/inspections/{campaign.pk}/spot-checks/",
        {"office": world.chaoyang.pk, "sample_size": 2, "seed": 3},
        format="json",
        HTTP_IDEMPOTENCY_KEY="draw-2026-000001",
    ).json()
    assert drawn["seed"] == 3 and len(drawn["cases"]) == 2
    sampled = drawn["cases"][0]["id"]
    found = inspector.post(
        f"/api/v1/spot-checks/{drawn['id']}/cases/{sampled}/finding/",
        {"finding": "problem", "note": "无审批"},
        format="json",
    )
    assert found.status_code == 200 and found.json()["finding"] == "problem"
    task = inspector.post(
        f"/api/v1/inspections/{campaign.pk}/rectifications/",
        {
            "office": world.chaoyang.pk,
            "description": "补审批",
            "owner": world.caseworker.pk,
            "due_on": "2099-05-01",
            "finding": sampled,
        },
        format="json",
    )
    assert task.status_code == 201
    open_tasks = client_for(world.caseworker).get("/api/v1/rectifications/", {"status": "open"})
    assert [t["id"] for t in open_tasks.json()["results"]] == [task.json()["id"]]
    done = client_for(world.caseworker).post(
        f"/api/v1/rectifications/{task.json()['id']}/done/", {"note": "已补"}, format="json"
    )
    assert done.status_code == 200 and done.json()["status"] == "done"
    assert client_for(world.donghu_caseworker).get("/api/v1/spot-checks/").json()["results"] == []
