"""A visit that finds a household needing help now (需要立即救助) reaches the caseworkers who
answer for its village: the township's office, else the county's. They are told once and
find it on their 待办 until a case is made for the household or one of them marks it dealt
with. A township office's caseworkers see the visits to their villages' households, filed
under the county; a neighbouring township's do not. The visit names people, not logins."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from rest_framework.test import APIClient

from core.factories import OrganisationFactory
from core.models import AuditEvent, Notification, Organisation, PersonalDataRead, Region, User
from core.regions import region_create_below_county
from discovery import notify_visits
from discovery import services as discovery_services
from discovery.models import Grid, Visit
from discovery.selectors_registers import visits_visible_to
from discovery.services.grids import grid_create, grid_household_assign
from needs.factories import household_input, id_number
from needs.models import Household
from needs.worklist import worklist_for
from tests.discovery.conftest import Role, member

pytestmark = pytest.mark.django_db

OBSERVATIONS = "户主突发脑梗住院，家中仅有上小学的孩子，已无生活费。"


@dataclass
class Neighbour:
    """A neighbouring township of the same county, with its office, caseworker and a grid."""

    township: Region
    office: Organisation
    caseworker: User
    grid: Grid


@pytest.fixture
def neighbour(grids) -> Neighbour:
    township = region_create_below_county(
        by=grids.caseworker, parent=grids.county, code="220104002000", name="桂林街道"
    )
    village = region_create_below_county(
        by=grids.caseworker, parent=township, code="220104002001", name="东风社区"
    )
    office = OrganisationFactory(name="桂林街道办事处", region=township)
    caseworker = member(Role.CASEWORKER, office, "gcw")
    grid = grid_create(by=grids.caseworker, region=village, name="第一网格")
    return Neighbour(township=township, office=office, caseworker=caseworker, grid=grid)


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
        "needs_help": True,
    }
    kwargs.update(overrides)
    return discovery_services.visit_record(**kwargs)


def help_work(user):
    return {w.kind: w for w in worklist_for(user)}.get("visits_needing_help")


def told(user, visit) -> int:
    return Notification.objects.filter(recipient=user, key=f"visit-needs-help:{visit.pk}").count()


def dealt_with(by, visit, note="已当场发放临时生活物资，并联系社区医院上门。") -> Visit:
    return discovery_services.visit_help_dealt_with(by=by, visit=visit, note=note)


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


# ---- who is told and whose 待办 holds it ----


def test_the_assistants_call_for_help_reaches_the_township_office_once(grids, neighbour):
    visit = record(grids, household=placed(grids, grids.grid))

    assert visit.help_office == grids.township_office
    assert told(grids.township_caseworker, visit) == 1
    message = Notification.objects.get(recipient=grids.township_caseworker).message
    assert f"走访 {visit.pk}（幸福社区）" in message
    assert "张" not in message  # the household is not named
    work = help_work(grids.township_caseworker)
    assert work.count == 1
    assert work.items[0].link == f"/admin/visits/{visit.pk}/"
    assert "幸福社区" in work.items[0].detail
    # The county office and the neighbouring township are not the ones to act on it.
    assert help_work(grids.caseworker).count == 0
    assert help_work(neighbour.caseworker).count == 0
    assert told(grids.caseworker, visit) == told(neighbour.caseworker, visit) == 0
    # The recording is audited with the office it was sent to; told once per visit.
    event = AuditEvent.objects.get(action="visit.record", object_id=str(visit.pk))
    assert event.changes["help_office"] == grids.township_office.pk
    assert notify_visits.visit_needs_help(visit, place=grids.village, by=grids.assistant) == 0
    assert told(grids.township_caseworker, visit) == 1


def test_without_a_township_office_the_county_office_answers_and_the_recorder_is_not_told(grids):
    grids.township_office.is_active = False
    grids.township_office.save()
    household = placed(grids, grids.grid)
    visit = record(grids, household=household)
    assert visit.help_office == grids.county_office
    assert told(grids.caseworker, visit) == 1
    assert help_work(grids.caseworker).count == 1

    by_caseworker = record(
        grids,
        by=grids.caseworker,
        office=grids.county_office,
        visitor_kind="caseworker",
        household=household,
    )
    assert by_caseworker.help_office == grids.county_office
    assert told(grids.caseworker, by_caseworker) == 0  # who recorded it knows already
    assert help_work(grids.caseworker).count == 2


def test_a_visit_without_need_of_help_reaches_nobody(grids):
    visit = record(grids, household=placed(grids, grids.grid), needs_help=False)
    assert visit.help_office is None
    assert not Notification.objects.filter(key__startswith="visit-needs-help:").exists()
    assert help_work(grids.township_caseworker).count == 0


def test_the_assistant_and_the_auditor_have_no_such_work(grids):
    record(grids, household=placed(grids, grids.grid))
    assert help_work(grids.assistant) is None
    assert help_work(grids.auditor) is None


# ---- acting on it ----


def test_a_township_caseworker_marks_it_dealt_with_once(in_english, grids):
    visit = record(grids, household=placed(grids, grids.grid))
    done = dealt_with(grids.township_caseworker, visit)

    assert done.help_dealt_with_by == grids.township_caseworker
    assert done.help_dealt_with_at is not None
    assert help_work(grids.township_caseworker).count == 0
    events = AuditEvent.objects.filter(action="visit.help_dealt_with", object_id=str(visit.pk))
    assert events.count() == 1 and events.get().actor == grids.township_caseworker

    with pytest.raises(ValidationError) as error:
        dealt_with(grids.caseworker, visit, note="另一条说明")
    assert error.value.messages == ["This call for help has already been dealt with."]
    assert events.count() == 1
    visit.refresh_from_db()
    assert visit.help_dealt_with_by == grids.township_caseworker


def test_the_wrong_role_or_jurisdiction_cannot_mark_it_dealt_with(grids, neighbour):
    charity = OrganisationFactory(
        name="吉林省慈善总会", kind=Organisation.Kind.CHARITY, region=grids.county
    )
    charity_staff = member(Role.CHARITY_STAFF, charity, "charity")
    visit = record(grids, household=placed(grids, grids.grid))
    for outsider in (
        grids.assistant,  # who raised it: the caseworkers answer it
        grids.auditor,  # reads everything, changes nothing
        neighbour.caseworker,  # another township of the same county
        grids.nanguan_caseworker,  # another county
        charity_staff,
    ):
        with pytest.raises(PermissionDenied):
            dealt_with(outsider, visit)
    visit.refresh_from_db()
    assert visit.help_dealt_with_at is None
    assert not AuditEvent.objects.filter(action="visit.help_dealt_with").exists()
    assert help_work(grids.township_caseworker).count == 1
    # The county above may answer it too (its jurisdiction covers the village).
    dealt_with(grids.caseworker, visit)
    assert help_work(grids.township_caseworker).count == 0


def test_an_empty_note_or_a_visit_without_a_call_is_refused_and_nothing_changes(in_english, grids):
    visit = record(grids, household=placed(grids, grids.grid))
    with pytest.raises(ValidationError) as error:
        dealt_with(grids.township_caseworker, visit, note="  ")
    assert error.value.message_dict["note"] == ["Say what was done for the household."]
    quiet = record(grids, household=visit.household, needs_help=False)
    with pytest.raises(ValidationError) as error:
        dealt_with(grids.caseworker, quiet)
    assert "did not find that the household needs help" in error.value.messages[0]
    assert not AuditEvent.objects.filter(action="visit.help_dealt_with").exists()


def test_a_case_made_for_the_household_takes_it_off_the_worklist(in_english, grids):
    visit = record(grids, household=placed(grids, grids.grid))
    result = discovery_services.visit_to_case(by=grids.caseworker, visit=visit, category="illness")
    assert help_work(grids.township_caseworker).count == 0
    with pytest.raises(ValidationError) as error:
        dealt_with(grids.township_caseworker, Visit.objects.get(pk=visit.pk))
    assert error.value.messages == ["A case has already been made for this household."]
    assert result.case.household == visit.household


def test_a_case_reported_for_the_household_by_another_way_also_answers_it(grids):
    from needs.services.cases import case_report

    household = placed(grids, grids.grid)
    record(grids, household=household)
    assert help_work(grids.township_caseworker).count == 1
    case_report(
        by=grids.caseworker,
        office=grids.county_office,
        channel="walk_in",
        category="illness",
        narrative="户主来窗口申请临时救助。",
        household=household,
    )
    assert help_work(grids.township_caseworker).count == 0


# ---- a township's caseworkers see their villages' visits ----


def test_a_township_sees_its_villages_visits_and_a_neighbouring_township_does_not(grids, neighbour):
    mine = record(grids, household=placed(grids, grids.grid), needs_help=False)
    filed_by_county = record(
        grids,
        by=grids.caseworker,
        office=grids.county_office,
        visitor_kind="caseworker",
        household=placed(
            grids,
            grids.other_grid,
            head="王大山",
            head_id=id_number("22010419600101001"),
            phone="13900000001",
        ),
        needs_help=False,
    )
    unplaced = record(
        grids,
        by=grids.caseworker,
        office=grids.county_office,
        visitor_kind="caseworker",
        household=grids.household(
            head="李秀英", head_id=id_number("22010419550101002"), phone="13900000002"
        ),
        needs_help=False,
    )
    theirs = record(
        grids,
        by=grids.caseworker,
        office=grids.county_office,
        visitor_kind="caseworker",
        household=placed(
            grids,
            neighbour.grid,
            head="周红",
            head_id=id_number("22010419700101003"),
            phone="13900000003",
        ),
        needs_help=False,
    )
    assert set(visits_visible_to(grids.township_caseworker)) == {mine, filed_by_county}
    assert set(visits_visible_to(neighbour.caseworker)) == {theirs}
    assert set(visits_visible_to(grids.caseworker)) == {mine, filed_by_county, unplaced, theirs}
    assert not visits_visible_to(grids.nanguan_caseworker).exists()


def test_the_township_opens_its_villages_visit_and_the_read_is_logged(client, grids, neighbour):
    visit = record(
        grids,
        by=grids.caseworker,
        office=grids.county_office,
        visitor_kind="caseworker",
        household=placed(grids, grids.grid),
        needs_help=False,
    )
    client.force_login(grids.township_caseworker)
    page = client.get(f"/admin/visits/{visit.pk}/")
    assert page.status_code == 200 and OBSERVATIONS in page.content.decode()
    listing = client.get("/admin/visits/")
    assert f"/admin/visits/{visit.pk}/" in listing.content.decode()
    assert api(grids.township_caseworker).get(f"/api/v1/visits/{visit.pk}/").status_code == 200
    reads = PersonalDataRead.objects.filter(
        actor=grids.township_caseworker,
        object_type=ContentType.objects.get_for_model(Visit),
        object_id=str(visit.pk),
    )
    assert reads.count() == 2

    client.force_login(neighbour.caseworker)
    assert client.get(f"/admin/visits/{visit.pk}/").status_code == 404
    assert api(neighbour.caseworker).get(f"/api/v1/visits/{visit.pk}/").status_code == 404
    assert not PersonalDataRead.objects.filter(actor=neighbour.caseworker).exists()


# ---- the screens and the API ----


def named(user: User, family: str, given: str) -> User:
    user.last_name, user.first_name = family, given
    user.save()
    return user


def test_the_visit_page_names_the_recorder_and_offers_dealt_with_to_the_township(client, grids):
    named(grids.assistant, "赵", "丽")
    named(grids.township_caseworker, "孙", "芳")
    visit = record(grids, household=placed(grids, grids.grid))

    client.force_login(grids.township_caseworker)
    html = client.get(f"/admin/visits/{visit.pk}/").content.decode()
    assert "幸福社区居委会 · 赵丽" in html
    assert "· assistant<" not in html
    assert "南湖街道办事处" in html  # who the call waits for
    url = f"/admin/visits/{visit.pk}/help-dealt-with/"
    assert url in html
    # The township cannot record a case for a household of the county (case_report's rule).
    assert f"/admin/visits/{visit.pk}/to-case/" not in html

    page = client.get(f"/admin/visits/{visit.pk}/")
    token = page.context["actions"][0]["form"]["submission"].value()
    data = {"submission": token, "note": "已当场发放临时生活物资。"}
    response = client.post(url, data)
    assert response.status_code == 302
    again = client.post(url, data, HTTP_ACCEPT_LANGUAGE="en")
    assert again.status_code == 200
    assert AuditEvent.objects.filter(action="visit.help_dealt_with").count() == 1
    html = client.get(f"/admin/visits/{visit.pk}/").content.decode()
    assert "孙芳: 已当场发放临时生活物资。" in html
    assert url not in html

    client.force_login(grids.assistant)
    html = client.get(f"/admin/visits/{visit.pk}/").content.decode()
    assert url not in html
    assert client.post(url, {"note": "x"}).status_code == 403


def test_an_empty_note_on_the_screen_is_refused_naming_the_field(client, grids):
    visit = record(grids, household=placed(grids, grids.grid))
    client.force_login(grids.township_caseworker)
    page = client.get(f"/admin/visits/{visit.pk}/")
    token = page.context["actions"][0]["form"]["submission"].value()
    response = client.post(
        f"/admin/visits/{visit.pk}/help-dealt-with/",
        {"submission": token, "note": ""},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert "note" in response.context["actions"][0]["form"].errors
    assert Visit.objects.get(pk=visit.pk).help_dealt_with_at is None


def test_the_api_marks_it_dealt_with_once_and_names_the_recorder(grids, neighbour):
    named(grids.assistant, "赵", "丽")
    visit = record(grids, household=placed(grids, grids.grid))
    url = f"/api/v1/visits/{visit.pk}/help-dealt-with/"
    body = {"note": "已转介区民政局。"}

    assert api(grids.assistant).post(url, body, format="json").status_code == 403
    assert api(neighbour.caseworker).post(url, body, format="json").status_code == 404
    done = api(grids.township_caseworker).post(url, body, format="json")
    assert done.status_code == 200, done.content
    assert done.json()["help_dealt_with_at"] is not None
    again = api(grids.township_caseworker).post(url, body, format="json")
    assert again.status_code == 400
    assert AuditEvent.objects.filter(action="visit.help_dealt_with").count() == 1

    row = api(grids.township_caseworker).get("/api/v1/visits/").json()["results"][0]
    assert row["recorded_by_name"] == "赵丽" and row["help_office"] == grids.township_office.pk


def test_a_new_household_described_by_the_assistant_is_routed_by_its_grid(grids):
    visit = record(grids, household_input=household_input(), grid=grids.second_grid)
    assert visit.help_office == grids.township_office
    assert told(grids.township_caseworker, visit) == 1
