"""A village assistant (协理员) records and sees the visits of their own village only (issue 19):
households placed in a grid of the village, or kept by their committee; never another
village's. The county's caseworkers keep seeing them; every read of a visit is logged."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from rest_framework.test import APIClient

from core.models import AuditEvent, PersonalDataRead
from discovery import services as discovery_services
from discovery.models import GridHousehold, Visit, VisitSchedule
from discovery.selectors_registers import households_to_visit, visits_visible_to
from discovery.services.grids import grid_household_assign
from needs.factories import household_input, id_number
from needs.models import Household
from needs.worklist import worklist_for

pytestmark = pytest.mark.django_db

OBSERVATIONS = "老人独居，腿脚不便，冬季取暖困难。"


def placed(grids, grid, **kwargs) -> Household:
    household = grids.household(**kwargs)
    grid_household_assign(by=grids.caseworker, household=household, grid=grid)
    return household


def record(grids, by=None, office=None, **overrides) -> Visit:
    kwargs = {
        "by": by or grids.assistant,
        "office": office or grids.village_committee,
        "visited_on": timezone.localdate(),
        "observations": OBSERVATIONS,
        "visitor_kind": "assistant",
        "visitor_name": "协理员赵丽",
        "key_groups": ["kg_elderly_disabled_ill"],
    }
    kwargs.update(overrides)
    return discovery_services.visit_record(**kwargs)


def writes() -> tuple[int, ...]:
    return (
        Visit.objects.count(),
        Household.objects.count(),
        GridHousehold.objects.count(),
        VisitSchedule.objects.count(),
        AuditEvent.objects.filter(action="visit.record").count(),
    )


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


# ---- the service ----


def test_the_assistant_records_a_visit_to_a_household_of_their_grid(grids):
    household = placed(grids, grids.grid)
    visit = record(grids, household=household)

    assert visit.office == grids.village_committee and visit.region == grids.county
    schedule = VisitSchedule.objects.get(household=household)
    # The routine visits (必到必访) start and move on as for a caseworker's visit.
    assert schedule.last_visited_on == timezone.localdate()
    assert schedule.next_due_on == timezone.localdate() + dt.timedelta(days=30)
    later = record(grids, household=household, visited_on=timezone.localdate())
    assert VisitSchedule.objects.get(pk=schedule.pk).next_due_on == schedule.next_due_on
    assert AuditEvent.objects.filter(action="visit.record", object_id=str(later.pk)).exists()


def test_the_routine_schedule_advances_on_the_assistants_visit(grids):
    household = placed(grids, grids.grid)
    record(
        grids,
        by=grids.caseworker,
        office=grids.county_office,
        household=household,
        visited_on=timezone.localdate() - dt.timedelta(days=40),
    )
    schedule = VisitSchedule.objects.get(household=household)
    assert schedule.next_due_on < timezone.localdate()  # overdue
    record(grids, household=household)
    schedule.refresh_from_db()
    assert schedule.last_visited_on == timezone.localdate()
    assert schedule.next_due_on == timezone.localdate() + dt.timedelta(days=30)
    assert schedule.office == grids.county_office  # the county keeps its schedule


def test_a_new_household_met_in_the_village_is_recorded_in_the_county_and_placed_in_its_grid(
    grids,
):
    visit = record(grids, household_input=household_input(), grid=grids.second_grid)

    household = visit.household
    assert household.region == grids.county
    assert household.grid_assignment.grid == grids.second_grid
    assert households_to_visit(grids.assistant).filter(pk=household.pk).exists()
    event = AuditEvent.objects.get(action="visit.record")
    assert event.changes["new_household"] is True
    assert event.changes["grid"] == grids.second_grid.pk
    assert AuditEvent.objects.filter(action="grid.household_assign").count() == 1


def test_a_household_of_another_village_or_of_no_grid_is_refused_and_nothing_written(
    in_english, grids
):
    elsewhere = placed(grids, grids.other_grid)
    nowhere = grids.household(head="王大山", head_id=id_number("22010419600101001"))
    before = writes()
    for household in (elsewhere, nowhere):
        with pytest.raises(ValidationError) as error:
            record(grids, household=household)
        assert error.value.message_dict["household"] == [
            "This household is not in a grid of 幸福社区."
        ]
    assert writes() == before


def test_a_grid_outside_the_village_or_none_for_a_new_household_is_refused(in_english, grids):
    before = writes()
    with pytest.raises(ValidationError) as error:
        record(grids, household_input=household_input(), grid=grids.other_grid)
    assert error.value.message_dict["grid"] == ["The grid 红旗村第一网格 is not in 幸福社区."]
    with pytest.raises(ValidationError) as error:
        record(grids, household_input=household_input())
    assert "Choose the grid of 幸福社区" in error.value.message_dict["grid"][0]
    with pytest.raises(ValidationError) as error:
        record(grids, household_input=household_input("220102"), grid=grids.grid)
    assert error.value.message_dict["household.region"] == ["Choose the county of 幸福社区."]
    assert writes() == before


def test_a_household_already_on_record_outside_the_village_is_not_pulled_into_it(in_english, grids):
    grids.household()  # the same people, on record with the county, in no grid
    before = writes()
    with pytest.raises(ValidationError) as error:
        record(grids, household_input=household_input(), grid=grids.grid)
    assert "already on record and is not in a grid of 幸福社区" in error.value.messages[0]
    assert writes() == before


def test_only_government_and_village_roles_record_visits(in_english, grids):
    with pytest.raises(ValidationError) as error:
        record(
            grids,
            by=grids.auditor,
            office=grids.auditor.memberships.get().organisation,
            household_input=household_input(),
        )
    assert "office" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        record(grids, by=grids.other_assistant, household_input=household_input(), grid=grids.grid)
    assert not Visit.objects.exists()


# ---- who sees what ----


def test_the_assistant_sees_their_villages_visits_only_and_the_county_sees_all(grids):
    mine = record(grids, household=placed(grids, grids.grid))
    theirs = record(
        grids,
        by=grids.other_assistant,
        office=grids.other_assistant.memberships.get().organisation,
        household=placed(
            grids,
            grids.other_grid,
            head="王大山",
            head_id=id_number("22010419600101001"),
            phone="13900000001",
        ),
    )
    assert list(visits_visible_to(grids.assistant)) == [mine]
    assert list(visits_visible_to(grids.other_assistant)) == [theirs]
    for reader in (grids.caseworker, grids.supervisor, grids.auditor):
        assert set(visits_visible_to(reader)) == {mine, theirs}
    assert not visits_visible_to(grids.nanguan_caseworker).exists()


def test_the_screens_show_the_assistant_their_village_and_404_for_another(client, grids):
    mine = record(grids, household=placed(grids, grids.grid))
    other_household = placed(
        grids,
        grids.other_grid,
        head="王大山",
        head_id=id_number("22010419600101001"),
        phone="13900000001",
    )
    theirs = record(
        grids, by=grids.caseworker, office=grids.county_office, household=other_household
    )
    client.force_login(grids.assistant)

    listing = client.get("/admin/visits/")
    assert listing.status_code == 200
    assert f"/admin/visits/{mine.pk}/" in listing.content.decode()
    assert f"/admin/visits/{theirs.pk}/" not in listing.content.decode()
    assert client.get(f"/admin/visits/{theirs.pk}/").status_code == 404
    assert client.get(f"/admin/visits/new/?household={other_household.pk}").status_code == 404
    detail = client.get(f"/admin/visits/{mine.pk}/")
    assert detail.status_code == 200 and OBSERVATIONS in detail.content.decode()
    # The assistant makes no case of it: that stays with the county's caseworkers.
    assert f"/admin/visits/{mine.pk}/to-case/" not in detail.content.decode()
    assert not PersonalDataRead.objects.filter(object_id=str(theirs.pk)).exists()


def test_every_read_of_a_visit_by_the_assistant_is_logged(client, grids):
    visit = record(grids, household=placed(grids, grids.grid))
    client.force_login(grids.assistant)
    client.get(f"/admin/visits/{visit.pk}/")
    api(grids.assistant).get(f"/api/v1/visits/{visit.pk}/")
    reads = PersonalDataRead.objects.filter(
        actor=grids.assistant,
        object_type=ContentType.objects.get_for_model(Visit),
        object_id=str(visit.pk),
    )
    assert reads.count() == 2
    assert reads.first().fields == ["observations", "visitor_name"]


def test_the_county_caseworker_opens_the_assistants_visit(client, grids):
    visit = record(grids, household=placed(grids, grids.grid))
    client.force_login(grids.caseworker)
    page = client.get(f"/admin/visits/{visit.pk}/")
    assert page.status_code == 200 and OBSERVATIONS in page.content.decode()
    assert f"/admin/visits/{visit.pk}/to-case/" in page.content.decode()


def test_the_worklist_and_menu_show_the_assistant_their_villages_routine_visits(client, grids):
    household = placed(grids, grids.grid)
    record(
        grids,
        by=grids.caseworker,
        office=grids.county_office,
        household=household,
        visited_on=timezone.localdate() - dt.timedelta(days=40),
    )
    lists = {w.kind: w for w in worklist_for(grids.assistant)}
    assert lists["visits_due"].count == 1 and lists["visits_due"].overdue == 1
    assert lists["visits_due"].items[0].overdue
    others = {w.kind: w for w in worklist_for(grids.other_assistant)}
    assert others["visits_due"].count == 0
    client.force_login(grids.assistant)
    due = client.get("/admin/visits/due/")
    assert due.status_code == 200
    assert f"/admin/visits/new/?household={household.pk}" in due.content.decode()
    assert "/admin/visits/" in client.get("/admin/").content.decode()


# ---- the screen ----


def form_data(grids, **overrides) -> dict:
    data = {
        "submission": "a1b2c3d4e5",
        "office": grids.village_committee.pk,
        "visited_on": timezone.localdate().isoformat(),
        "visitor_kind": "assistant",
        "visitor_name": "协理员赵丽",
        "observations": OBSERVATIONS,
        "needs_help": "on",
        "county": grids.county.pk,
        "township": "南湖街道",
        "address_detail": "幸福小区3栋2单元501室",
        "phone": "13912345678",
        "head_name": "张建国",
        "head_age": "70",
        "key_groups": ["kg_elderly_disabled_ill"],
        "grid": grids.grid.pk,
    }
    data.update(overrides)
    return data


def test_the_assistant_records_a_visit_on_the_screen_once_for_a_repeated_post(client, grids):
    client.force_login(grids.assistant)
    page = client.get("/admin/visits/new/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="grid"' in html and "幸福社区第二网格" in html and "红旗村" not in html
    assert "幸福社区居委会" in html

    response = client.post("/admin/visits/new/", form_data(grids))
    assert response.status_code == 302
    visit = Visit.objects.get()
    assert visit.office == grids.village_committee
    assert visit.household.grid_assignment.grid == grids.grid
    again = client.post("/admin/visits/new/", form_data(grids), HTTP_ACCEPT_LANGUAGE="en")
    assert again.status_code == 200
    assert "already submitted" in again.content.decode()
    assert Visit.objects.count() == 1
    assert client.get(response["Location"]).status_code == 200


def test_a_grid_of_another_village_posted_on_the_screen_is_refused(client, grids):
    client.force_login(grids.assistant)
    before = writes()
    response = client.post(
        "/admin/visits/new/",
        form_data(grids, grid=grids.other_grid.pk),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert "grid" in response.context["form"].errors
    assert writes() == before


def test_a_charity_cannot_open_the_visit_form(client, world):
    client.force_login(world.charity_staff)
    assert client.get("/admin/visits/new/").status_code == 403
    assert client.get("/admin/visits/").status_code == 403


# ---- the API ----


def test_the_api_records_the_assistants_visit_once_and_hides_other_villages(grids):
    household = placed(grids, grids.grid)
    other = placed(
        grids,
        grids.other_grid,
        head="王大山",
        head_id=id_number("22010419600101001"),
        phone="13900000001",
    )
    theirs = record(grids, by=grids.caseworker, office=grids.county_office, household=other)
    client = api(grids.assistant)
    body = {
        "visited_on": timezone.localdate().isoformat(),
        "visitor_kind": "assistant",
        "observations": OBSERVATIONS,
        "household": household.pk,
    }
    headers = {"HTTP_IDEMPOTENCY_KEY": "assistant-visit-001"}
    first = client.post("/api/v1/visits/", body, format="json", **headers)
    second = client.post("/api/v1/visits/", body, format="json", **headers)
    assert first.status_code == second.status_code == 201, first.content
    assert first.json()["office"] == grids.village_committee.pk
    assert Visit.objects.filter(recorded_by=grids.assistant).count() == 1

    refused = client.post(
        "/api/v1/visits/",
        {**body, "household": other.pk},
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["field"] == "household"
    assert Visit.objects.filter(recorded_by=grids.assistant).count() == 1

    ids = [row["id"] for row in client.get("/api/v1/visits/").json()["results"]]
    assert ids == [first.json()["id"]]
    assert client.get(f"/api/v1/visits/{theirs.pk}/").status_code == 404
    assert (
        client.post(
            f"/api/v1/visits/{first.json()['id']}/to-case/", {"category": "illness"}, format="json"
        ).status_code
        == 403
    )
