"""Consent and the public need: the one anonymizing path, re-checked before publishing."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from rest_framework.test import APIClient

from needs import services
from needs.factories import household_input, id_number
from needs.models import Case, Consent, Need
from needs.services import MemberInput

pytestmark = pytest.mark.django_db

HEAD_ID = id_number("22010419790315123")
SPOUSE_ID = id_number("22010419810720234")
STORY = (
    "张建国（身份证号 {head_id}）1979年3月15日出生，妻子李秀兰身份证{spouse_id}。"
    "李秀兰突发脑出血，在市中心医院住院，住院号：ZY2026-08813。家住南湖街道幸福小区3栋2单元501室，"
    "手机 +86 139 1234 5678，座机0431-88886666，工资卡号6222021234567890128。"
    "目前已花费医疗费18万元，仍欠医院5万元。"
)


def household_full_of_identifiers():
    return household_input(
        members=[
            MemberInput(name="张建国", relation="head", age=47, id_number=HEAD_ID),
            MemberInput(
                name="李秀兰",
                relation="spouse",
                age=45,
                id_number=SPOUSE_ID,
                has_serious_illness=True,
            ),
        ],
        phone="13912345678",
    )


@pytest.fixture
def case(world):
    case = world.relieved(
        narrative=STORY.format(head_id=HEAD_ID, spouse_id=SPOUSE_ID),
        household=household_full_of_identifiers(),
    )
    services.consent_record(
        by=world.caseworker,
        case=case,
        scope="publish_need",
        method="written",
        given_by_name="张建国",
    )
    return case


IDENTIFIERS = [
    "张建国",
    "李秀兰",
    HEAD_ID,
    SPOUSE_ID,
    "13912345678",
    "139 1234 5678",
    "88886666",
    "6222021234567890128",
    "ZY2026-08813",
    "幸福小区",
    "南湖街道",
    "1979年3月15日",
]


def test_the_preview_keeps_surnames_and_drops_every_identifier(world, case):
    need = services.need_preview(by=world.caseworker, case=case)

    assert need.status == Need.Status.DRAFT
    assert "张某" in need.story and "李某" in need.story
    for identifier in IDENTIFIERS:
        assert identifier not in need.story, identifier
    assert "5万元" in need.story  # the need itself stays readable
    assert need.region_id == "220104"
    assert need.remaining_gap_fen == case.remaining_gap_fen


def test_publishing_without_consent_is_refused(world):
    case = world.relieved()
    with pytest.raises(ValidationError) as error:
        services.need_preview(by=world.caseworker, case=case)
    assert error.value.code == "no_consent"


def test_publishing_refuses_identifiers_typed_back_in_naming_them(world, case):
    need = services.need_preview(by=world.caseworker, case=case)
    services.need_update_draft(
        by=world.caseworker,
        need=need,
        title=need.title,
        story=need.story + " 联系139-1234-5678找张建国。",
    )
    with pytest.raises(ValidationError) as error:
        services.need_publish(by=world.caseworker, need=need)
    message = error.value.error_dict["story"][0]
    assert message.code == "identifier_found"
    need.refresh_from_db()
    assert need.status == Need.Status.DRAFT


def test_a_clean_draft_is_published_and_withdrawing_consent_unpublishes_it_at_once(world, case):
    need = services.need_publish(
        by=world.caseworker, need=services.need_preview(by=world.caseworker, case=case)
    )
    assert need.status == Need.Status.PUBLISHED
    public = APIClient().get("/api/v1/public/needs/").json()
    assert [n["id"] for n in public["results"]] == [str(need.public_id)]

    services.consent_withdraw(
        by=world.caseworker, consent=Consent.objects.get(case=case, scope="publish_need")
    )
    need.refresh_from_db()
    assert need.status == Need.Status.UNPUBLISHED
    assert APIClient().get("/api/v1/public/needs/").json()["count"] == 0
    with pytest.raises(ValidationError):
        services.need_publish(by=world.caseworker, need=need)


def test_closing_the_case_takes_its_need_down(world, case):
    need = services.need_publish(
        by=world.caseworker, need=services.need_preview(by=world.caseworker, case=case)
    )
    services.case_close(by=world.caseworker, case=case, outcome=Case.Outcome.RESOLVED_WITHOUT)
    need.refresh_from_db()
    assert need.status == Need.Status.UNPUBLISHED


def test_consent_is_recorded_once_per_scope_and_only_in_jurisdiction(world, case):
    with pytest.raises(ValidationError) as error:
        services.consent_record(
            by=world.caseworker,
            case=case,
            scope="publish_need",
            method="verbal",
            given_by_name="张建国",
        )
    assert error.value.error_dict["scope"][0].code == "already_recorded"
    with pytest.raises(PermissionDenied):
        services.consent_record(
            by=world.nanguan_caseworker,
            case=case,
            scope="disclose_contact",
            method="verbal",
            given_by_name="x",
        )


def test_the_public_api_never_returns_an_identifier(world, case):
    services.need_publish(
        by=world.caseworker, need=services.need_preview(by=world.caseworker, case=case)
    )
    api = APIClient()
    listing = api.get("/api/v1/public/needs/")
    detail = api.get(f"/api/v1/public/needs/{listing.json()['results'][0]['id']}/")
    for response in (listing, detail):
        text = response.content.decode()
        for identifier in [*IDENTIFIERS, case.number]:
            assert identifier not in text, identifier
        assert '"case' not in text  # no link back to the case record
    fields = set(detail.json())
    assert fields == {
        "id",
        "title",
        "category",
        "region",
        "region_name",
        "remaining_gap_fen",
        "story",
        "published_at",
    }


def test_drafts_and_unpublished_needs_are_not_public(world, case):
    need = services.need_preview(by=world.caseworker, case=case)
    api = APIClient()
    assert api.get("/api/v1/public/needs/").json()["count"] == 0
    assert api.get(f"/api/v1/public/needs/{need.public_id}/").status_code == 404
