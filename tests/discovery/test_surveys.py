"""Concentrated surveys (集中排查): a campaign over a region and period, households or villages
assigned to visitors, coverage, findings that become cases in one step."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from core.models import AuditEvent, Region
from discovery import services
from discovery.models import Survey, SurveyAssignment
from discovery.selectors_petitions import (
    survey_assignments_visible_to,
    survey_coverage,
    surveys_visible_to,
)
from needs.factories import household_input
from needs.models import Case

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def open_survey(world, **overrides) -> Survey:
    kwargs = {
        "by": world.caseworker,
        "office": world.chaoyang,
        "name": "2026年汛期集中排查",
        "reason": Survey.Reason.FLOOD,
        "region": Region.objects.get(code="220104"),
        "starts_on": TODAY - dt.timedelta(days=5),
        "ends_on": TODAY + dt.timedelta(days=10),
    }
    kwargs.update(overrides)
    return services.survey_create(**kwargs)


def household(world, region_code="220104", head="张建国", phone="13912345678"):
    from needs.factories import id_number

    first17 = f"{region_code}19790315{sum(map(ord, head)) % 900 + 100}"
    case = world.report(
        household=household_input(region_code, head=head, phone=phone, head_id=id_number(first17)),
        by=world.caseworker if region_code == "220104" else world.nanguan_caseworker,
        office=world.chaoyang if region_code == "220104" else world.nanguan,
    )
    return case.household


def test_a_survey_is_opened_in_the_office_jurisdiction(world):
    survey = open_survey(world)
    assert survey.status == Survey.Status.OPEN
    assert AuditEvent.objects.filter(action="survey.create", object_id=str(survey.pk)).exists()
    assert surveys_visible_to(world.supervisor).filter(pk=survey.pk).exists()
    assert not surveys_visible_to(world.nanguan_caseworker).exists()
    assert not surveys_visible_to(world.charity_staff).exists()


def test_bad_survey_input_names_every_field_and_writes_nothing(world):
    with pytest.raises(ValidationError) as error:
        open_survey(
            world,
            name="",
            reason="war",
            region=Region.objects.get(code="220102"),
            ends_on=TODAY - dt.timedelta(days=30),
        )
    assert set(error.value.message_dict) == {"name", "reason", "region", "ends_on"}
    assert not Survey.objects.exists()
    with pytest.raises(PermissionDenied):
        open_survey(world, by=world.nanguan_caseworker)


def test_assignments_show_coverage_and_a_finding_becomes_a_case(world, in_english):
    survey = open_survey(world)
    home = household(world)
    other = household(world, head="刘德华", phone="13812345678")
    rows = services.survey_assign(
        by=world.caseworker,
        survey=survey,
        visitor=world.colleague,
        households=[home, other],
        villages=["红旗村"],
    )
    assert len(rows) == 3
    assert survey_coverage(survey)["assigned"] == 3
    assert survey_coverage(survey)["percent"] == 0

    # The visitor records the visit.
    first = rows[0]
    services.survey_visit_record(
        by=world.colleague,
        assignment=first,
        visited_on=TODAY,
        finding="房屋进水，老人行动不便，急需转移安置。",
        needs_help=True,
    )
    coverage = survey_coverage(survey)
    assert coverage["visited"] == 1 and coverage["in_need"] == 1 and coverage["percent"] == 33
    assert coverage["visitors"][0]["visitor"] == world.colleague.pk

    result = services.survey_finding_to_case(
        by=world.caseworker, assignment=first, category=Case.Category.DISASTER
    )
    first.refresh_from_db()
    assert first.case == result.case
    assert result.case.channel == Case.Channel.SURVEY
    assert result.case.household_id == home.pk
    assert result.case.narrative == "房屋进水，老人行动不便，急需转移安置。"
    assert survey_coverage(survey)["cases"] == 1
    with pytest.raises(ValidationError) as error:
        services.survey_finding_to_case(
            by=world.caseworker, assignment=first, category=Case.Category.DISASTER
        )
    assert error.value.messages == ["This finding has already become a case."]


def test_a_village_finding_needs_the_household_described(world):
    survey = open_survey(world)
    (village,) = services.survey_assign(
        by=world.caseworker, survey=survey, visitor=world.caseworker, villages=["红旗村"]
    )
    services.survey_visit_record(
        by=world.caseworker, assignment=village, visited_on=TODAY, finding="一户房屋倒塌。"
    )
    with pytest.raises(ValidationError) as error:
        services.survey_finding_to_case(
            by=world.caseworker, assignment=village, category=Case.Category.DISASTER
        )
    assert set(error.value.message_dict) == {"household"}
    with pytest.raises(ValidationError) as error:
        services.survey_finding_to_case(
            by=world.caseworker,
            assignment=village,
            category=Case.Category.DISASTER,
            household=household_input("220102"),
        )
    assert set(error.value.message_dict) == {"household.region"}
    assert not Case.objects.exists()
    result = services.survey_finding_to_case(
        by=world.caseworker,
        assignment=village,
        category=Case.Category.DISASTER,
        household=household_input(),
    )
    assert result.case.household.kg_disaster_hit


def test_bad_assignments_are_refused_whole(world):
    survey = open_survey(world)
    home = household(world)
    elsewhere = household(world, "220102", head="李强", phone="13712345678")
    services.survey_assign(
        by=world.caseworker, survey=survey, visitor=world.colleague, households=[home]
    )
    with pytest.raises(ValidationError) as error:
        services.survey_assign(
            by=world.caseworker,
            survey=survey,
            visitor=world.nanguan_caseworker,
            households=[home, elsewhere],
        )
    assert set(error.value.message_dict) == {"visitor", "households"}
    assert SurveyAssignment.objects.count() == 1
    with pytest.raises(ValidationError) as error:
        services.survey_assign(by=world.caseworker, survey=survey, visitor=world.colleague)
    assert set(error.value.message_dict) == {"households"}
    with pytest.raises(PermissionDenied):
        services.survey_assign(
            by=world.nanguan_caseworker, survey=survey, visitor=world.colleague, villages=["村"]
        )


def test_a_visit_is_recorded_once_within_the_period(world, in_english):
    survey = open_survey(world)
    (row,) = services.survey_assign(
        by=world.caseworker, survey=survey, visitor=world.colleague, villages=["红旗村"]
    )
    with pytest.raises(ValidationError) as error:
        services.survey_visit_record(
            by=world.colleague,
            assignment=row,
            visited_on=TODAY - dt.timedelta(days=10),
            finding="",
        )
    assert set(error.value.message_dict) == {"visited_on", "finding"}
    with pytest.raises(ValidationError):
        services.survey_finding_to_case(
            by=world.caseworker, assignment=row, category=Case.Category.DISASTER
        )
    with pytest.raises(PermissionDenied):
        services.survey_visit_record(
            by=world.nanguan_caseworker, assignment=row, visited_on=TODAY, finding="无"
        )
    services.survey_visit_record(by=world.colleague, assignment=row, visited_on=TODAY, finding="无")
    with pytest.raises(ValidationError) as error:
        services.survey_visit_record(
            by=world.colleague, assignment=row, visited_on=TODAY, finding="无"
        )
    assert error.value.messages == ["This visit has already been recorded."]
    assert AuditEvent.objects.filter(action="survey.visit").count() == 1


def test_a_closed_survey_takes_no_more_work(world):
    survey = open_survey(world)
    services.survey_close(by=world.caseworker, survey=survey)
    with pytest.raises(ValidationError):
        services.survey_assign(
            by=world.caseworker, survey=survey, visitor=world.colleague, villages=["红旗村"]
        )
    with pytest.raises(ValidationError):
        services.survey_close(by=world.caseworker, survey=survey)


def test_assignments_are_visible_in_the_jurisdiction_only(world):
    survey = open_survey(world)
    services.survey_assign(
        by=world.caseworker, survey=survey, visitor=world.colleague, villages=["红旗村"]
    )
    assert survey_assignments_visible_to(world.colleague).count() == 1
    assert not survey_assignments_visible_to(world.nanguan_caseworker).exists()
    assert not survey_assignments_visible_to(world.charity_staff).exists()


def _api(user):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(user)
    return api


def test_the_api_runs_a_survey_from_opening_to_a_case(world):
    api = _api(world.caseworker)
    body = {
        "name": "疫情期间集中排查",
        "reason": "epidemic",
        "region": "220104",
        "starts_on": (TODAY - dt.timedelta(days=1)).isoformat(),
        "ends_on": (TODAY + dt.timedelta(days=20)).isoformat(),
    }
    created = api.post(
        "/api/v1/surveys/", body, format="json", HTTP_IDEMPOTENCY_KEY="survey-key-0001"
    )
    assert created.status_code == 201, created.json()
    again = api.post(
        "/api/v1/surveys/", body, format="json", HTTP_IDEMPOTENCY_KEY="survey-key-0001"
    )
    assert again.json()["id"] == created.json()["id"] and Survey.objects.count() == 1
    survey_id = created.json()["id"]

    assigned = api.post(
        f"/api/v1/surveys/{survey_id}/assign/",
        {"visitor": world.colleague.pk, "villages": ["红旗村", "胜利社区"]},
        format="json",
    )
    assert assigned.status_code == 201, assigned.json()
    row_id = assigned.json()[0]["id"]
    repeated = api.post(
        f"/api/v1/surveys/{survey_id}/assign/",
        {"visitor": world.colleague.pk, "villages": ["红旗村"]},
        format="json",
    )
    assert repeated.status_code == 400
    assert repeated.json()["errors"][0]["code"] == "already_assigned"

    visitor = _api(world.colleague)
    assert visitor.get("/api/v1/survey-assignments/").json()["count"] == 2
    visited = visitor.post(
        f"/api/v1/survey-assignments/{row_id}/visit/",
        {"visited_on": TODAY.isoformat(), "finding": "独居老人家中断粮。", "needs_help": True},
        format="json",
    )
    assert visited.status_code == 200, visited.json()
    coverage = api.get(f"/api/v1/surveys/{survey_id}/").json()["coverage"]
    assert (coverage["assigned"], coverage["visited"], coverage["percent"]) == (2, 1, 50)

    made = api.post(
        f"/api/v1/survey-assignments/{row_id}/to-case/",
        {
            "category": "other",
            "household": {
                "region": "220104",
                "phone": "13800138000",
                "members": [{"name": "张大山", "relation": "head", "age": 78}],
            },
        },
        format="json",
    )
    assert made.status_code == 201, made.json()
    assert Case.objects.get().channel == "survey"
    assert _api(world.nanguan_caseworker).get("/api/v1/surveys/").json()["count"] == 0
    assert _api(world.charity_staff).get("/api/v1/surveys/").status_code == 403


def test_the_survey_screens_open_assign_visit_and_show_coverage(client, world):
    import re

    def token(page):
        return re.search(r'name="submission" value="([^"]+)"', page.content.decode()).group(1)

    client.force_login(world.caseworker)
    page = client.get("/admin/discovery/surveys/new/")
    assert page.status_code == 200
    response = client.post(
        "/admin/discovery/surveys/new/",
        {
            "submission": token(page),
            "office": world.chaoyang.pk,
            "name": "汛期集中排查",
            "reason": "flood",
            "region": "220104",
            "starts_on": (TODAY - dt.timedelta(days=2)).isoformat(),
            "ends_on": (TODAY + dt.timedelta(days=2)).isoformat(),
        },
    )
    survey = Survey.objects.get()
    assert response.status_code == 302 and response.url.endswith(f"/surveys/{survey.pk}/")

    detail = client.get(f"/admin/discovery/surveys/{survey.pk}/")
    response = client.post(
        f"/admin/discovery/surveys/{survey.pk}/assign/",
        {
            "submission": token(detail),
            "visitor": world.colleague.pk,
            "villages": "红旗村\n胜利社区",
        },
    )
    assert response.status_code == 302
    assert SurveyAssignment.objects.count() == 2

    # A bad household number is refused on the form, nothing assigned.
    detail = client.get(f"/admin/discovery/surveys/{survey.pk}/")
    response = client.post(
        f"/admin/discovery/surveys/{survey.pk}/assign/",
        {"submission": token(detail), "visitor": world.colleague.pk, "households": "abc"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert "Enter household numbers separated by commas." in response.content.decode()
    assert SurveyAssignment.objects.count() == 2

    row = SurveyAssignment.objects.order_by("pk").first()
    client.force_login(world.colleague)
    detail = client.get(f"/admin/discovery/surveys/{survey.pk}/")
    response = client.post(
        f"/admin/discovery/surveys/assignments/{row.pk}/visit/",
        {"submission": token(detail), "visited_on": TODAY.isoformat(), "finding": "房屋受损。"},
    )
    assert response.status_code == 302
    listing = client.get("/admin/discovery/surveys/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "1 of 2 visited (50%)" in listing and "flood" in listing

    client.force_login(world.nanguan_caseworker)
    assert client.get(f"/admin/discovery/surveys/{survey.pk}/").status_code == 404
    client.force_login(world.charity_staff)
    assert client.get("/admin/discovery/surveys/").status_code == 403


def test_assigned_visits_are_on_the_visitor_worklist(world):
    from needs.worklist import worklist_for

    survey = open_survey(world)
    services.survey_assign(
        by=world.caseworker, survey=survey, visitor=world.colleague, villages=["红旗村"]
    )
    (work,) = [w for w in worklist_for(world.colleague) if w.kind == "survey_visits_due"]
    assert work.count == 1 and work.items[0].title == survey.name
    assert work.items[0].detail == "红旗村" and not work.items[0].overdue
    mine = [w for w in worklist_for(world.caseworker) if w.kind == "survey_visits_due"]
    assert mine[0].count == 0
    assert not [w for w in worklist_for(world.charity_staff) if w.kind == "survey_visits_due"]
