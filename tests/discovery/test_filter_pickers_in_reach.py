"""The filters' pickers (an office, a household, a case...) offer only what the reader may see:
no other county's office names in a dropdown, and an id outside the reader's reach is refused
as not a valid choice (the API's 400 names the field) instead of answering whether it exists.
"""

from __future__ import annotations

import django_filters
import pytest
from django.test import RequestFactory
from rest_framework.test import APIClient

from core.filtersets import ReachChoiceFilter
from core.models import Region
from core.selectors import offices_visible_to
from discovery.filtersets_petitions import PetitionFilterSet
from discovery.filtersets_registers import RiskWarningAdminFilterSet
from discovery.models import Petition
from needs.factories import household_input, id_number
from needs.selectors import households_visible_to
from supervision.filtersets_tasks import SupervisionTaskAdminFilterSet
from tests.discovery.test_discovery_visits import visit
from tests.discovery.test_petitions import register

pytestmark = pytest.mark.django_db


def _api(user) -> APIClient:
    api = APIClient()
    api.force_authenticate(user)
    return api


def _request(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def _choices(filterset, name: str) -> set[str]:
    return {label for value, label in filterset.form.fields[name].choices if value}


def test_the_office_picker_of_a_chaoyang_caseworker_holds_no_other_county(world):
    offices = set(offices_visible_to(world.caseworker).values_list("name", flat=True))
    assert offices == {"朝阳区民政局"}

    petitions = PetitionFilterSet({}, Petition.objects.all(), request=_request(world.caseworker))
    assert _choices(petitions, "office") == {"朝阳区民政局"}


def test_a_city_supervisor_picks_among_the_city_offices_and_an_auditor_among_all(world):
    supervisor = RiskWarningAdminFilterSet({}, request=_request(world.supervisor))
    offices = _choices(supervisor, "office")
    assert {"朝阳区民政局", "南关区民政局", "长春市民政局", "长春市医疗保障局"} <= offices
    assert "东湖区民政局" not in offices  # another province
    assert "吉林省慈善总会" not in offices  # a charity is no office

    auditor = SupervisionTaskAdminFilterSet({}, request=_request(world.auditor))
    assert "东湖区民政局" in _choices(auditor, "office")

    charity = SupervisionTaskAdminFilterSet({}, request=_request(world.charity_staff))
    assert _choices(charity, "office") == set()


def test_the_petition_list_picker_lists_only_the_readers_offices(client, world):
    mine = register(world)
    theirs = register(
        world,
        by=world.nanguan_caseworker,
        office=world.nanguan,
        region=Region.objects.get(code="220102"),
    )
    client.force_login(world.caseworker)

    page = client.get("/admin/discovery/petitions/").content.decode()

    assert f'<option value="{world.chaoyang.pk}">朝阳区民政局</option>' in page
    assert "南关区民政局" not in page and "东湖区民政局" not in page
    assert f"/petitions/{mine.pk}/" in page and f"/petitions/{theirs.pk}/" not in page


def test_choosing_another_countys_office_on_the_list_is_refused_and_leaks_nothing(client, world):
    register(world)
    theirs = register(
        world,
        by=world.nanguan_caseworker,
        office=world.nanguan,
        region=Region.objects.get(code="220102"),
    )
    client.force_login(world.caseworker)

    page = client.get(f"/admin/discovery/petitions/?office={world.nanguan.pk}").content.decode()

    assert "选择一个有效的选项" in page
    assert f"/petitions/{theirs.pk}/" not in page and "南关区民政局" not in page


def test_the_api_refuses_an_office_outside_reach_naming_the_field(world):
    mine = register(world)
    register(
        world,
        by=world.nanguan_caseworker,
        office=world.nanguan,
        region=Region.objects.get(code="220102"),
    )
    api = _api(world.caseworker)

    own = api.get(f"/api/v1/petitions/?office={world.chaoyang.pk}")
    assert own.status_code == 200 and [row["id"] for row in own.json()["results"]] == [mine.pk]

    outside = api.get(f"/api/v1/petitions/?office={world.nanguan.pk}")
    assert outside.status_code == 400
    error = outside.json()["errors"][0]
    assert error["field"] == "office" and "选择一个有效的选项" in error["message"]
    # An id that exists outside reach and one that exists nowhere answer alike.
    nowhere = api.get("/api/v1/petitions/?office=999999")
    assert nowhere.status_code == 400 and nowhere.json()["errors"][0]["field"] == "office"

    # The other county's caseworker filters by their own office as before.
    assert (
        _api(world.nanguan_caseworker)
        .get(f"/api/v1/petitions/?office={world.nanguan.pk}")
        .json()["count"]
        == 1
    )


def test_the_household_picker_of_the_visits_api_stays_in_the_county(world):
    mine = visit(world)
    theirs = visit(
        world,
        by=world.nanguan_caseworker,
        office=world.nanguan,
        household_input=household_input(
            "220102", head="李国强", head_id=id_number("22010219800101001"), phone="13800000000"
        ),
    )
    assert mine.household in households_visible_to(world.caseworker)
    assert theirs.household not in households_visible_to(world.caseworker)
    assert theirs.household in households_visible_to(world.auditor)
    assert not households_visible_to(world.charity_staff).exists()

    api = _api(world.caseworker)
    own = api.get(f"/api/v1/visits/?household={mine.household_id}")
    assert own.status_code == 200 and own.json()["count"] == 1
    outside = api.get(f"/api/v1/visits/?household={theirs.household_id}", HTTP_ACCEPT_LANGUAGE="en")
    assert outside.status_code == 400
    error = outside.json()["errors"][0]
    assert error["field"] == "household" and "valid choice" in error["message"]
    assert "李国强" not in outside.content.decode()


def test_a_filterset_given_no_request_offers_what_it_did_before(world):
    # A list screen that passes no request (RoleListView, for now) keeps the old picker; the
    # list itself is scoped by its view.
    filterset = PetitionFilterSet({}, Petition.objects.all())

    assert {"朝阳区民政局", "南关区民政局"} <= _choices(filterset, "office")


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def test_every_picker_of_records_in_every_filterset_is_limited_to_the_readers_reach():
    # Import the apps' filter modules so that their FilterSets exist.
    import discovery.api.urls  # noqa: F401
    import donors.api.urls  # noqa: F401
    import needs.api.urls  # noqa: F401
    import projects.api.urls  # noqa: F401
    import supervision.api.urls
    import supervision.filtersets_tasks  # noqa: F401

    unscoped = []
    for filterset in set(_subclasses(django_filters.FilterSet)):
        if filterset.__module__.split(".")[0] not in {
            "core",
            "needs",
            "discovery",
            "projects",
            "donors",
            "supervision",
            "search",
            "cms",
        }:
            continue
        for name, filter_ in filterset.base_filters.items():
            if not isinstance(
                filter_,
                django_filters.ModelChoiceFilter | django_filters.ModelMultipleChoiceFilter,
            ):
                continue
            queryset = filter_.extra.get("queryset")
            # Administrative regions are public geography, not records of anyone.
            if getattr(queryset, "model", None) is not None and queryset.model.__name__ == "Region":
                continue
            if not isinstance(filter_, ReachChoiceFilter):
                unscoped.append(f"{filterset.__module__}.{filterset.__name__}.{name}")
    assert unscoped == []
