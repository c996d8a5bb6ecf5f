"""Townships and villages below the county, grids with their leaders, households in grids, the
village assistant's jurisdiction and cadre-household pairing (包片联户)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from core import services as core_services
from core.factories import OrganisationFactory, UserFactory
from core.jurisdiction import scope_for
from core.models import AuditEvent, Membership, Region
from core.regions import region_create_below_county, region_get
from discovery.models import CadrePairing, Grid, GridHousehold, PairingVisit
from discovery.selectors_grids import (
    grid_households_visible_to,
    grids_visible_to,
    pairings_visible_to,
)
from discovery.services import grids as services

pytestmark = pytest.mark.django_db


# ---- regions below the county ----


def test_a_township_and_a_village_hang_below_the_county_with_twelve_digit_codes(grids):
    assert grids.township.level == Region.Level.TOWNSHIP
    assert grids.township.path == "220000/220100/220104/220104001000"
    assert grids.village.level == Region.Level.VILLAGE
    assert grids.village.full_name == "吉林省长春市朝阳区南湖街道幸福社区"
    assert region_get("220104001001") == grids.village
    assert AuditEvent.objects.filter(action="region.create").count() == 3


@pytest.mark.parametrize(
    ("parent_code", "code", "field"),
    [
        ("220104", "220102001000", "code"),  # another county's prefix
        ("220104", "220104001", "code"),  # nine digits
        ("220104", "220104001001", "code"),  # a village code under a county
        ("220104001000", "220104002001", "code"),  # another township's prefix
        ("220104001000", "220104001001", "code"),  # already exists
        ("220100", "220100001000", "parent"),  # under a city
    ],
)
def test_a_wrong_code_or_parent_is_refused_naming_the_field(grids, parent_code, code, field):
    before = Region.objects.count()
    with pytest.raises(ValidationError) as error:
        region_create_below_county(
            by=grids.supervisor, parent=Region.objects.get(code=parent_code), code=code, name="某"
        )
    assert field in error.value.message_dict
    assert Region.objects.count() == before


def test_an_office_cannot_create_villages_in_another_county(grids):
    with pytest.raises(PermissionDenied):
        region_create_below_county(
            by=grids.nanguan_caseworker, parent=grids.township, code="220104001009", name="某村"
        )
    assert not Region.objects.filter(code="220104001009").exists()


# ---- the village assistant ----


def test_a_village_assistant_sees_only_their_own_village(grids):
    assert scope_for(grids.assistant).region_paths == (grids.village.path,)
    assert set(grids_visible_to(grids.assistant)) == {grids.grid, grids.second_grid}
    assert set(grids_visible_to(grids.other_assistant)) == {grids.other_grid}
    assert set(grids_visible_to(grids.township_caseworker)) == set(Grid.objects.all())
    assert not grids_visible_to(grids.nanguan_caseworker).exists()
    assert grids_visible_to(grids.auditor).count() == 3


def test_a_village_assistant_role_needs_an_organisation_at_village_level(grids):
    user = UserFactory(username="would_be_assistant")
    with pytest.raises(ValidationError) as error:
        core_services.membership_grant(
            by=None, user=user, organisation=grids.township_office, role="village_assistant"
        )
    assert "organisation" in error.value.message_dict
    assert not Membership.objects.filter(user=user).exists()


def test_a_village_assistant_cannot_create_grids(grids):
    with pytest.raises(PermissionDenied):
        services.grid_create(by=grids.assistant, region=grids.village, name="第三网格")


# ---- grids ----


def test_a_grid_needs_a_village_in_the_creators_jurisdiction_and_a_unique_name(in_english, grids):
    with pytest.raises(ValidationError) as error:
        services.grid_create(by=grids.caseworker, region=grids.township, name="第三网格")
    assert "region" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.grid_create(by=grids.nanguan_caseworker, region=grids.village, name="第三网格")
    assert "outside your jurisdiction" in error.value.message_dict["region"][0]
    with pytest.raises(ValidationError) as error:
        services.grid_create(by=grids.caseworker, region=grids.village, name="第一网格")
    assert "name" in error.value.message_dict
    assert Grid.objects.count() == 3


def test_a_grid_changes_its_leader_on_the_record(grids):
    new_leader = UserFactory(username="new_leader")
    services.grid_update(by=grids.caseworker, grid=grids.grid, name="第一网格", leader=new_leader)
    grids.grid.refresh_from_db()
    assert grids.grid.leader == new_leader
    event = AuditEvent.objects.filter(action="grid.update").latest("pk")
    assert event.changes["leader"] == [grids.leader.pk, new_leader.pk]


# ---- households in grids ----


def test_a_household_is_assigned_to_a_grid_and_moved_to_another(grids):
    household = grids.household()
    services.grid_household_assign(by=grids.caseworker, household=household, grid=grids.grid)
    services.grid_household_assign(by=grids.caseworker, household=household, grid=grids.second_grid)
    assignment = GridHousehold.objects.get()
    assert assignment.grid == grids.second_grid
    assert AuditEvent.objects.filter(action="grid.household_assign").count() == 2
    assert list(grid_households_visible_to(grids.assistant)) == [assignment]
    assert not grid_households_visible_to(grids.other_assistant).exists()


def test_a_household_cannot_go_to_a_grid_outside_the_offices_jurisdiction(grids):
    household = grids.household()
    with pytest.raises(ValidationError) as error:
        services.grid_household_assign(
            by=grids.nanguan_caseworker, household=household, grid=grids.grid
        )
    assert set(error.value.message_dict) == {"household", "grid"}
    assert not GridHousehold.objects.exists()


def test_a_household_cannot_go_to_a_grid_of_another_county(in_english, grids):
    nanguan_household = grids.household("220102")
    with pytest.raises(ValidationError) as error:
        services.grid_household_assign(
            by=grids.supervisor, household=nanguan_household, grid=grids.grid
        )
    assert "household" in error.value.message_dict
    # A city supervisor covers both counties: still, the grid is not in the household's county.
    city = OrganisationFactory(name="长春市民政局", region=Region.objects.get(code="220100"))
    city_supervisor = UserFactory(username="city_sup")
    core_services.membership_grant(
        by=None, user=city_supervisor, organisation=city, role="supervisor"
    )
    with pytest.raises(ValidationError) as error:
        services.grid_household_assign(
            by=city_supervisor, household=nanguan_household, grid=grids.grid
        )
    assert "county" in error.value.message_dict["grid"][0]
    assert not GridHousehold.objects.exists()


# ---- cadre-household pairing ----


def test_a_cadre_paired_with_a_grid_has_visits_due_and_a_visit_moves_the_due_date(grids):
    cadre = UserFactory(username="cadre")
    pairing = services.pairing_create(
        by=grids.caseworker, cadre=cadre, grid=grids.grid, visit_interval_days=30
    )
    today = timezone.localdate()
    assert pairing.next_visit_due_on == today + dt.timedelta(days=30)
    assert pairing.region == grids.village
    visit = services.pairing_visit_record(
        by=cadre, pairing=pairing, visited_on=today, note="走访十户，无新增困难。"
    )
    pairing.refresh_from_db()
    assert pairing.last_visited_on == today
    assert pairing.next_visit_due_on == today + dt.timedelta(days=30)
    assert visit.recorded_by == cadre
    assert list(pairings_visible_to(cadre)) == [pairing]
    assert AuditEvent.objects.filter(action="pairing.visit_record").count() == 1


def test_the_village_assistant_records_visits_of_their_village_only(grids):
    cadre = UserFactory(username="cadre")
    pairing = services.pairing_create(
        by=grids.caseworker, cadre=cadre, grid=grids.grid, visit_interval_days=14
    )
    today = timezone.localdate()
    services.pairing_visit_record(by=grids.assistant, pairing=pairing, visited_on=today, note="好")
    with pytest.raises(PermissionDenied):
        services.pairing_visit_record(
            by=grids.other_assistant, pairing=pairing, visited_on=today, note="好"
        )
    assert PairingVisit.objects.count() == 1


def test_a_pairing_with_a_household_needs_it_in_a_grid_and_a_sane_interval(grids):
    cadre = UserFactory(username="cadre")
    household = grids.household()
    with pytest.raises(ValidationError) as error:
        services.pairing_create(
            by=grids.caseworker, cadre=cadre, household=household, visit_interval_days=0
        )
    assert set(error.value.message_dict) == {"household", "visit_interval_days"}
    with pytest.raises(ValidationError) as error:
        services.pairing_create(
            by=grids.caseworker,
            cadre=cadre,
            grid=grids.grid,
            household=household,
            visit_interval_days=30,
        )
    assert "grid" in error.value.message_dict
    services.grid_household_assign(by=grids.caseworker, household=household, grid=grids.grid)
    pairing = services.pairing_create(
        by=grids.caseworker, cadre=cadre, household=household, visit_interval_days=30
    )
    assert pairing.region == grids.village
    assert CadrePairing.objects.count() == 1


def test_a_visit_in_the_future_or_without_a_note_is_refused(grids):
    cadre = UserFactory(username="cadre")
    pairing = services.pairing_create(
        by=grids.caseworker, cadre=cadre, grid=grids.grid, visit_interval_days=30
    )
    with pytest.raises(ValidationError) as error:
        services.pairing_visit_record(
            by=cadre,
            pairing=pairing,
            visited_on=timezone.localdate() + dt.timedelta(days=1),
            note="",
        )
    assert set(error.value.message_dict) == {"visited_on", "note"}
    assert not PairingVisit.objects.exists()


def test_a_cadres_pairing_visits_due_are_on_their_own_worklist(grids):
    from needs.worklist import worklist_for

    yesterday = timezone.localdate() - dt.timedelta(days=1)
    services.pairing_create(
        by=grids.caseworker,
        cadre=grids.township_caseworker,
        grid=grids.grid,
        visit_interval_days=30,
        first_visit_due_on=yesterday,
    )
    lists = {w.kind: w for w in worklist_for(grids.township_caseworker)}
    work = lists["pairing_visits_due"]
    assert (work.count, work.overdue) == (1, 1)
    assert work.items[0].link.startswith("/admin/pairing_visits/new/?pairing=")
    assert "pairing_visits_due" not in {w.kind for w in worklist_for(grids.caseworker)}


def test_a_pairing_visit_form_posted_twice_records_one_visit(grids, client):
    """The Wagtail create screens carry the one-time token like every other form."""
    import re

    cadre = grids.township_caseworker
    pairing = services.pairing_create(
        by=grids.caseworker, cadre=cadre, grid=grids.grid, visit_interval_days=30
    )
    client.force_login(cadre)
    url = f"/admin/pairing_visits/new/?pairing={pairing.pk}"
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    token = re.search(r'name="submission" value="([0-9a-f]{32})"', page).group(1)
    data = {
        "pairing": pairing.pk,
        "visited_on": timezone.localdate().isoformat(),
        "note": "入户走访，家中情况稳定。",
        "submission": token,
    }
    first = client.post(url, data, HTTP_ACCEPT_LANGUAGE="en")
    assert first.status_code == 302
    second = client.post(url, data, HTTP_ACCEPT_LANGUAGE="en", follow=True)
    assert PairingVisit.objects.filter(pairing=pairing).count() == 1
    assert "already submitted" in second.content.decode()
    # A fresh form (a new token) records the next visit.
    client.post(url, {**data, "submission": "f" * 32}, HTTP_ACCEPT_LANGUAGE="en")
    assert PairingVisit.objects.filter(pairing=pairing).count() == 2


def test_an_office_registers_a_village_with_or_without_its_english_name_on_screen(grids, client):
    import re

    client.force_login(grids.caseworker)
    url = "/admin/local_regions/new/"
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'name="name_en"' in page
    token = re.search(r'name="submission" value="([0-9a-f]{32})"', page).group(1)
    base = {"parent": grids.township.pk, "submission": token}
    response = client.post(url, {**base, "code": "220104001003", "name": "和平村", "name_en": ""})
    assert response.status_code == 302
    assert Region.objects.get(code="220104001003").name_en == "Heping Village"
    client.post(
        url,
        {
            **base,
            "submission": "e" * 32,
            "code": "220104001004",
            "name": "长乐社区",
            "name_en": "Changle Community",
        },
    )
    assert Region.objects.get(code="220104001004").name_en == "Changle Community"
