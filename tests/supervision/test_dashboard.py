"""The supervision dashboard: figures checked against hand-computed expectations, scoped to
the reader's jurisdiction, refused to the wrong roles, and each figure a link to its cases."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from discovery import services as discovery_services
from needs import services
from needs.factories import household_input, id_number
from needs.models import Case, CaseDeadline, Referral
from supervision import selectors
from supervision.selectors import Filters
from tests.supervision.conftest import BASE, hours, make_overdue, set_relief_time, set_times

pytestmark = pytest.mark.django_db

EVERYTHING = Filters()


def nanguan_case(world) -> Case:
    return world.report(
        by=world.nanguan_caseworker,
        office=world.nanguan,
        household=household_input(
            "220102", head="刘大海", head_id=id_number("22010219800101123"), phone="13800001111"
        ),
    )


# ---- figures ----


def test_median_times_are_computed_from_the_case_records(world):
    # accepted after 1 h, 3 h and 5 h: the median is 3 h.
    cases = [world.accepted() for _ in range(3)]
    for case, after in zip(cases, (1, 3, 5), strict=True):
        set_times(case, accepted=hours(after))
    # relieved after 2 h and 6 h (an even count: the mean of the middle two, 4 h).
    relieved = [world.relieved() for _ in range(2)]
    for case, after in zip(relieved, (2, 6), strict=True):
        set_times(case, accepted=hours(1))
        set_relief_time(case, hours(after))
    # one referral after 30 h; one case closed after 50 h.
    referred, _referral = world.referred()
    set_times(referred, accepted=hours(1))
    Referral.objects.filter(case=referred).update(requested_at=BASE + hours(30))
    set_relief_time(referred, hours(8))
    closed = world.accepted()
    services.case_close(by=world.caseworker, case=closed, outcome="resolved_without")
    set_times(closed, accepted=hours(1), closed=hours(50))

    medians = selectors.median_times(world.supervisor, EVERYTHING)

    # to accept: 1,3,5 (first three), 1,1 (relieved), 1 (referred), 1 (closed) -> sorted
    # 1,1,1,1,1,3,5: median 1 h.
    assert medians.to_accept == hours(1)
    # to relieve: 2, 6, 8 -> 6 h.
    assert medians.to_relieve == hours(6)
    assert medians.to_refer == hours(30)
    assert medians.to_close == hours(50)


def test_median_of_an_even_count_is_the_mean_of_the_middle_two(world):
    for after in (1, 2, 4, 10):
        set_times(world.accepted(), accepted=hours(after))
    assert selectors.median_times(world.supervisor, EVERYTHING).to_accept == hours(3)


def test_no_cases_give_no_median(world):
    medians = selectors.median_times(world.supervisor, EVERYTHING)
    assert medians == selectors.Medians(None, None, None, None)


def test_open_work_by_stage_and_office_and_overdue_counts(world):
    world.report()
    world.accepted()
    overdue = world.report()
    make_overdue(overdue)
    closed = world.accepted()
    services.case_close(by=world.caseworker, case=closed, outcome="withdrawn")
    nanguan_case(world)

    by_status = selectors.open_cases_by_status(world.supervisor, EVERYTHING)
    assert by_status["reported"] == 3 and by_status["accepted"] == 1
    assert "closed" not in by_status

    offices = {row.office: row for row in selectors.cases_by_office(world.supervisor, EVERYTHING)}
    assert offices["朝阳区民政局"].open_cases == 3
    assert offices["朝阳区民政局"].overdue_cases == 1
    assert offices["朝阳区民政局"].closed_cases == 1
    assert offices["南关区民政局"].open_cases == 1

    figures = selectors.overdue_figures(world.supervisor, EVERYTHING)
    assert figures.overdue_cases == 1
    assert figures.overdue_steps[CaseDeadline.Step.ACCEPT] == 1
    assert figures.escalated_open == 0

    services.deadlines_sweep()
    figures = selectors.overdue_figures(world.supervisor, EVERYTHING)
    assert figures.escalated_open == 1 and figures.escalated_in_period == 1


def test_referral_answers_in_time_late_and_unanswered_by_charity(world):
    now = timezone.now()
    _case, in_time = world.referred()
    services.referral_accept(by=world.charity_staff, referral=in_time)

    _case, late = world.referred()
    services.referral_accept(by=world.charity_staff, referral=late)
    Referral.objects.filter(pk=late.pk).update(answer_due_at=now - hours(1))

    _case, unanswered = world.referred()
    Referral.objects.filter(pk=unanswered.pk).update(answer_due_at=now - hours(1))

    case = world.relieved()
    services.referral_create(by=world.caseworker, case=case, project=world.other_project)

    rows = {
        row.organisation: row
        for row in selectors.referral_answers_by_charity(world.supervisor, EVERYTHING)
    }
    big = rows["吉林省慈善总会"]
    assert (big.sent, big.in_time, big.late, big.unanswered_overdue, big.waiting) == (3, 1, 1, 1, 0)
    assert big.in_time_share == 33
    small = rows["春晖互助社"]
    assert (small.sent, small.waiting, small.in_time_share) == (1, 1, None)


def test_period_and_office_filters(world):
    early = world.report()
    set_times(early, reported=BASE - dt.timedelta(days=40))
    inside = world.report()
    set_times(inside, reported=BASE)
    nanguan = nanguan_case(world)
    set_times(nanguan, reported=BASE)

    period = Filters(start=BASE.date(), end=BASE.date())
    assert selectors.open_cases_by_status(world.supervisor, period)["reported"] == 2
    chaoyang_only = Filters(start=BASE.date(), end=BASE.date(), office_id=world.chaoyang.pk)
    assert selectors.open_cases_by_status(world.supervisor, chaoyang_only)["reported"] == 1


# ---- jurisdiction ----


def test_each_reader_sees_only_their_jurisdiction(world, donghu_supervisor):
    world.report()
    make_overdue(world.report())
    nanguan_case(world)

    def open_total(user):
        return sum(selectors.open_cases_by_status(user, EVERYTHING).values())

    assert open_total(world.supervisor) == 3  # the city: both districts
    assert open_total(world.auditor) == 3
    assert open_total(world.nanguan_caseworker) == 1  # own district only
    assert open_total(donghu_supervisor) == 0  # another city sees nothing of Chaoyang
    assert selectors.overdue_figures(donghu_supervisor, EVERYTHING).overdue_cases == 0
    assert selectors.cases_by_office(donghu_supervisor, EVERYTHING) == []
    assert selectors.median_times(donghu_supervisor, EVERYTHING).to_accept is None
    offices = [o.name for o in selectors.offices_visible_to(world.nanguan_caseworker)]
    assert offices == ["南关区民政局"]


def test_another_citys_supervisor_gets_no_referrals_and_cannot_filter_into_chaoyang(
    world, donghu_supervisor
):
    world.referred()
    assert selectors.referral_answers_by_charity(donghu_supervisor, EVERYTHING) == []
    forced = Filters(office_id=world.chaoyang.pk)
    assert sum(selectors.open_cases_by_status(donghu_supervisor, forced).values()) == 0


# ---- the screen ----


def test_dashboard_shows_figures_with_links_to_the_case_list(client, world):
    make_overdue(world.report())
    client.force_login(world.supervisor)
    response = client.get("/admin/supervision/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "/admin/cases/?status=reported" in page
    assert "/admin/cases/?overdue=yes" in page
    assert f"office={world.chaoyang.pk}" in page
    assert "张建国" not in page and "13912345678" not in page


def test_drill_down_link_lists_the_cases_counted(client, world):
    inside = world.report()
    set_times(inside, reported=BASE)
    outside = world.report()
    set_times(outside, reported=BASE - dt.timedelta(days=40))
    client.force_login(world.supervisor)
    day = BASE.date().isoformat()
    page = client.get(
        f"/admin/cases/?status=reported&reported_from={day}&reported_to={day}"
        f"&office={world.chaoyang.pk}"
    ).content.decode()
    inside.refresh_from_db()
    outside.refresh_from_db()
    assert inside.number in page and outside.number not in page


def test_dashboard_filters_that_cannot_be_read_are_left_out_with_a_note(client, world):
    world.report()
    client.force_login(world.supervisor)
    response = client.get(
        "/admin/supervision/", {"start": "yesterday", "end": "2026-01-01", "office": "99999"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("That filter was left out") + page.count("该筛选条件未采用") >= 2


def test_caseworker_sees_own_jurisdiction_only_and_may_not_export(client, world):
    nanguan_case(world)
    world.report()
    client.force_login(world.nanguan_caseworker)
    response = client.get("/admin/supervision/")
    assert response.status_code == 200
    assert "朝阳区民政局" not in response.content.decode()
    assert client.get("/admin/supervision/export/cases.csv").status_code == 403


@pytest.mark.parametrize("who", ["charity_staff", "other_charity_staff"])
def test_charity_staff_are_refused(client, world, who):
    client.force_login(getattr(world, who))
    assert client.get("/admin/supervision/").status_code == 403
    assert client.get("/admin/supervision/export/cases.csv").status_code == 403
    assert "/admin/supervision/" not in client.get("/admin/").content.decode()


def test_the_public_is_sent_to_sign_in(client, world):
    response = client.get("/admin/supervision/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    response = client.get("/admin/supervision/export/cases.csv")
    assert response.status_code == 302


def test_risk_warnings_by_disposition_with_drill_down(client, world):
    from discovery.models import RiskWarning
    from tests.discovery.crosscheck_helpers import KNOWN_ID, NEW_IDS, csv_bytes, run_import

    world.accepted()
    run_import(
        world,
        csv_bytes(
            [
                [KNOWN_ID, "张建国", "朝阳区", "35000", "2099-01-01", "住院"],
                [NEW_IDS[0], "王小明", "朝阳区", "12000", "", ""],
            ]
        ),
    )
    unknown = RiskWarning.objects.get(type=RiskWarning.Type.NOT_COVERED)
    discovery_services.warning_start_procedure(by=world.caseworker, warning=unknown)
    rows = selectors.risk_warnings_by_disposition(world.supervisor, Filters())
    counts = {row["query"].get("disposition", "open"): row["count"] for row in rows}
    assert counts == {
        "open": 1,
        "start_procedure": 1,
        "supervise": 0,
        "refer": 0,
        "end_assistance": 0,
    }
    # Another city's supervisor sees none of them; the office filter narrows too.
    other = selectors.risk_warnings_by_disposition(world.donghu_caseworker, Filters())
    assert sum(row["count"] for row in other) == 0
    elsewhere = Filters(office_id=world.nanguan.pk)
    assert (
        sum(r["count"] for r in selectors.risk_warnings_by_disposition(world.supervisor, elsewhere))
        == 0
    )
    client.force_login(world.supervisor)
    page = client.get("/admin/supervision/").content.decode()
    assert "/admin/crosscheck/warnings/?show=all&amp;disposition=start_procedure" in page
    listed = client.get("/admin/crosscheck/warnings/?show=all&disposition=start_procedure")
    assert listed.status_code == 200
    assert listed.context["page_obj"].paginator.count == 1


def test_a_charitys_referral_figures_open_its_referrals(client, world):
    world.referred()
    case = world.relieved()
    services.referral_create(by=world.caseworker, case=case, project=world.other_project)
    client.force_login(world.supervisor)
    page = client.get("/admin/supervision/").content.decode()
    link = f"/admin/referrals/?to={world.charity.pk}"
    assert link in page
    listed = client.get(link)
    assert listed.context["paginator"].count == 1
    assert {r.to_organisation_id for r in listed.context["object_list"]} == {world.charity.pk}
    # A charity's own staff still see only their organisation's referrals, whatever they ask.
    client.force_login(world.other_charity_staff)
    mine = client.get(link)
    assert all(r.to_organisation_id != world.charity.pk for r in mine.context["object_list"])


def test_relief_above_the_ceiling_counts_from_its_approval(world):
    """一事一议: relief asked for at +2 h and approved at +72 h took effect at +72 h."""
    from needs.models import ReliefGrant

    case = world.accepted()
    services.case_assess(
        by=world.caseworker, case=case, assessed_need_fen=3_000_000, assessed_gap_fen=3_000_000
    )
    grant = services.relief_grant(
        by=world.caseworker, case=case, kind="temporary", amount_fen=800_000, reason="医疗费用高"
    )
    services.relief_decide(by=world.supervisor, grant=grant, approve=True, reason="一事一议通过")
    set_times(case, accepted=hours(1))
    ReliefGrant.objects.filter(pk=grant.pk).update(
        granted_at=BASE + hours(2), decided_at=BASE + hours(72)
    )
    assert selectors.median_times(world.supervisor, Filters()).to_relieve == hours(72)
