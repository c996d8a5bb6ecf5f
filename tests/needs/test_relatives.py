"""Relatives' filing (近亲属备案; issue 20 item 4)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.models import AuditEvent
from needs import services
from needs.crypto import id_number_hash
from needs.factories import household_input, id_number
from needs.models import RelativeBenefit, RelativeFiling, ReliefGrant
from needs.services import relatives

pytestmark = pytest.mark.django_db
# The head of the default test household (needs.factories.household_input).
HEAD_ID = id_number("22010419790315123")
OTHER_ID = id_number("22010419800101234")


def _file(world, by=None, **overrides):
    kwargs = {
        "by": by or world.colleague,
        "official_kind": "staff",
        "relative_name": "张建国",
        "relation": "sibling",
        "id_number": HEAD_ID,
    }
    kwargs.update(overrides)
    return relatives.relative_file(**kwargs)


def _assessed(world, **overrides):
    case = world.accepted(**overrides)
    services.case_assess(
        by=world.caseworker, case=case, assessed_need_fen=3_000_000, assessed_gap_fen=3_000_000
    )
    return case


def test_staff_file_a_relative_with_the_id_number_hashed_like_a_household_members(world):
    filing = _file(world, id_number=" " + HEAD_ID.lower() + " ")
    assert (filing.official_user, filing.official_name, filing.office) == (
        world.colleague,
        world.colleague.get_full_name() or world.colleague.username,
        world.chaoyang,
    )
    assert filing.id_number_hash == id_number_hash(HEAD_ID)
    assert HEAD_ID not in filing.id_number_encrypted
    assert AuditEvent.objects.filter(action="relative.file", object_id=str(filing.pk)).exists()


def test_a_village_cadres_relative_is_filed_by_the_office_with_the_cadres_name(world):
    filing = _file(world, official_kind="village_cadre", official_name="刘村长")
    assert (filing.official_user, filing.official_name) == (None, "刘村长")
    with pytest.raises(ValidationError) as error:
        _file(world, official_kind="village_cadre", official_name=" ", id_number=OTHER_ID)
    assert "official_name" in error.value.error_dict


def test_a_relative_filed_twice_is_refused_naming_the_field_and_nothing_is_written(world):
    _file(world)
    with pytest.raises(ValidationError) as error:
        _file(world, relation="spouse")
    assert error.value.error_dict["id_number"][0].code == "already_filed"
    assert RelativeFiling.objects.count() == 1
    assert AuditEvent.objects.filter(action="relative.file").count() == 1
    # Another official may file the same person (two officials, one relative).
    _file(world, by=world.caseworker)
    assert RelativeFiling.objects.count() == 2


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("id_number", "220104197903151230"),  # wrong check character
        ("id_number", "12345"),
        ("relation", "friend"),
        ("relative_name", ""),
        ("official_kind", "mayor"),
    ],
)
def test_bad_input_names_its_field_and_writes_nothing(world, field, value):
    with pytest.raises(ValidationError) as error:
        _file(world, **{field: value})
    assert field in error.value.error_dict
    assert not RelativeFiling.objects.exists()


def test_only_civil_affairs_staff_file(world):
    for outsider in (world.charity_staff, world.auditor):
        with pytest.raises(PermissionDenied):
            _file(world, by=outsider)
    assert not RelativeFiling.objects.exists()


def test_filed_relatives_in_finds_the_household_with_the_relative(world):
    filing = _file(world)
    case = world.accepted()
    other = world.accepted(household=household_input(head="王秀英", head_id=OTHER_ID, phone=""))
    assert list(relatives.filed_relatives_in(case.household)) == [filing]
    assert not relatives.filed_relatives_in(other.household).exists()
    relatives.relative_filing_withdraw(by=world.colleague, filing=filing, reason="离职")
    assert not relatives.filed_relatives_in(case.household).exists()


def test_relief_for_a_filed_relatives_household_is_registered_and_waits_for_review(world):
    filing = _file(world)
    case = _assessed(world)
    grant = services.relief_grant(
        by=world.caseworker, case=case, kind="temporary", amount_fen=100_000
    )
    assert grant.status == ReliefGrant.Status.PENDING_APPROVAL
    entry = RelativeBenefit.objects.get()
    assert (entry.filing, entry.relief_grant, entry.amount_fen, entry.review) == (
        filing,
        grant,
        100_000,
        "pending",
    )
    assert AuditEvent.objects.filter(action="relative.benefit_record").count() == 1
    case.refresh_from_db()
    assert case.remaining_gap_fen == 3_000_000  # nothing took effect yet
    assert world.supervisor.notifications.filter(key=f"relative-benefit-review:{grant.pk}")
    # The supervisor reviews it like 一事一议, with the reason on the record.
    with pytest.raises(ValidationError):
        services.relief_decide(by=world.supervisor, grant=grant, approve=True, reason="")
    services.relief_decide(by=world.supervisor, grant=grant, approve=True, reason="核实无误")
    entry.refresh_from_db()
    grant.refresh_from_db()
    assert (entry.review, entry.reviewed_by, grant.status) == (
        "approved",
        world.supervisor,
        ReliefGrant.Status.APPROVED,
    )
    case.refresh_from_db()
    assert case.remaining_gap_fen == 2_900_000


def test_a_refused_review_is_recorded_and_the_relief_never_takes_effect(world):
    _file(world)
    case = _assessed(world)
    grant = services.relief_grant(by=world.caseworker, case=case, kind="temporary", amount_fen=1)
    services.relief_decide(by=world.supervisor, grant=grant, approve=False, reason="不符合条件")
    assert RelativeBenefit.objects.get().review == "refused"
    grant.refresh_from_db()
    assert not grant.is_effective


def test_the_official_whose_relative_it_is_does_not_review(world):
    _file(world, by=world.supervisor)
    case = _assessed(world)
    grant = services.relief_grant(
        by=world.caseworker, case=case, kind="temporary", amount_fen=100_000
    )
    # Nobody else to tell: the only supervisor is the official.
    assert not world.supervisor.notifications.filter(key=f"relative-benefit-review:{grant.pk}")
    with pytest.raises(PermissionDenied):
        services.relief_decide(by=world.supervisor, grant=grant, approve=True, reason="同意")
    assert RelativeBenefit.objects.get().review == "pending"


def test_relief_for_other_households_is_not_flagged(world):
    _file(world, id_number=OTHER_ID)
    case = _assessed(world)
    grant = services.relief_grant(
        by=world.caseworker, case=case, kind="temporary", amount_fen=100_000
    )
    assert grant.status == ReliefGrant.Status.GRANTED
    assert not RelativeBenefit.objects.exists()


def test_filings_and_the_register_are_read_within_the_jurisdiction(world):
    filing = _file(world)
    assert relatives.filings_visible_to(world.caseworker).filter(pk=filing.pk).exists()
    assert relatives.filings_visible_to(world.supervisor).filter(pk=filing.pk).exists()
    assert relatives.filings_visible_to(world.auditor).filter(pk=filing.pk).exists()
    assert not relatives.filings_visible_to(world.donghu_caseworker).exists()
    assert not relatives.filings_visible_to(world.charity_staff).exists()


def test_a_filing_is_withdrawn_once_by_who_filed_it_or_a_supervisor(world):
    filing = _file(world)
    with pytest.raises(PermissionDenied):
        relatives.relative_filing_withdraw(by=world.caseworker, filing=filing, reason="x")
    with pytest.raises(ValidationError) as error:
        relatives.relative_filing_withdraw(by=world.supervisor, filing=filing, reason="")
    assert "reason" in error.value.error_dict
    relatives.relative_filing_withdraw(by=world.supervisor, filing=filing, reason="关系解除")
    with pytest.raises(ValidationError):
        relatives.relative_filing_withdraw(by=world.supervisor, filing=filing, reason="again")
    # Withdrawn, the same relative may be filed again.
    _file(world)


# ---- the API and the screens ----


def _api(user):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(user)
    return client


def test_api_files_a_relative_and_refuses_the_same_one_twice_naming_the_field(world):
    api = _api(world.colleague)
    body = {
        "official_kind": "staff",
        "relative_name": "张建国",
        "relation": "sibling",
        "id_number": HEAD_ID,
    }
    first = api.post("/api/v1/relative-filings/", body, format="json")
    assert first.status_code == 201
    assert first.json()["id_number_masked"] == HEAD_ID[:6] + "********" + HEAD_ID[-4:]
    assert "id_number" not in first.json()
    again = api.post("/api/v1/relative-filings/", body, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert again.status_code == 400
    assert again.json()["errors"][0]["field"] == "id_number"
    assert "already filed" in again.json()["errors"][0]["message"]
    assert RelativeFiling.objects.count() == 1
    assert _api(world.donghu_caseworker).get("/api/v1/relative-filings/").json()["count"] == 0


def test_the_register_lists_relief_to_filed_relatives(world, client):
    _file(world)
    case = _assessed(world)
    services.relief_grant(by=world.caseworker, case=case, kind="temporary", amount_fen=100_000)
    response = _api(world.supervisor).get("/api/v1/relative-benefits/?review=pending")
    assert response.json()["count"] == 1
    client.force_login(world.supervisor)
    page = client.get("/admin/relatives/register/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    text = page.content.decode()
    assert case.number in text and "¥1,000.00" in text
    assert (
        "awaiting the supervisor&#x27;s review" in text
        or "awaiting the supervisor's review" in text
    )
    # Filtered by the state of the review, as the API is.
    pending = client.get("/admin/relatives/register/?review=pending", HTTP_ACCEPT_LANGUAGE="en")
    assert case.number in pending.content.decode()
    approved = client.get("/admin/relatives/register/?review=approved", HTTP_ACCEPT_LANGUAGE="en")
    assert case.number not in approved.content.decode()
    # The register is read within the jurisdiction: a caseworker of another city sees nothing.
    client.force_login(world.donghu_caseworker)
    other = client.get("/admin/relatives/register/", HTTP_ACCEPT_LANGUAGE="en")
    assert other.status_code == 200 and case.number not in other.content.decode()
    from needs.worklist import worklist_for

    kinds = {work.kind: work.count for work in worklist_for(world.supervisor)}
    assert kinds["relative_reviews"] == 1 and kinds["relief_approvals"] == 0


def test_the_filing_form_refuses_a_bad_id_number_and_writes_nothing(world, client):
    client.force_login(world.caseworker)
    page = client.post(
        "/admin/relatives/new/",
        {
            "official_kind": "staff",
            "relative_name": "张建国",
            "relation": "sibling",
            "id_number": "220104197903151230",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert page.status_code == 200
    assert "last character" in page.content.decode()
    assert not RelativeFiling.objects.exists()
    page = client.get("/admin/relatives/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200


# Screen -> the roles that may open it (everyone else 403), as tests/needs/
# test_back_office_screen_matrix.py checks the other back-office screens.
DECIDERS = {"caseworker", "supervisor"}
SCREENS = {
    "/admin/economic-checks/": DECIDERS,
    "/admin/economic-checks/import/": DECIDERS,
    "/admin/relatives/": {"caseworker", "supervisor", "auditor"},
    "/admin/relatives/new/": DECIDERS,
    "/admin/relatives/register/": {"caseworker", "supervisor", "auditor"},
}


@pytest.mark.parametrize("url", sorted(SCREENS))
def test_each_role_opens_only_the_check_and_filing_screens_it_may(world, url):
    from django.test import Client

    people = {
        "caseworker": world.caseworker,
        "supervisor": world.supervisor,
        "auditor": world.auditor,
        "charity": world.charity_staff,
    }
    answers = {}
    for name, user in people.items():
        client = Client()
        client.force_login(user)
        answers[name] = client.get(url).status_code
    assert answers == {name: 200 if name in SCREENS[url] else 403 for name in people}
    signed_out = Client().get(url)
    assert signed_out.status_code == 302 and "/admin/login/" in signed_out["Location"]


def test_assistance_for_a_filed_relatives_household_is_approved_by_a_supervisor_only(
    in_english, world
):
    """近亲属备案 for applications too: a caseworker who could approve an ordinary application
    may not approve this one; a supervisor over the office does, unless they filed the
    relative."""
    from core import services as core_services
    from core.factories import UserFactory
    from core.models import Membership
    from needs.models import AssistanceApplication
    from needs.services import assistance as a
    from tests.needs.test_assistance_procedure import notice_over, noticed

    third = UserFactory(username="sunli")
    core_services.membership_grant(
        by=None, user=third, organisation=world.chaoyang, role=Membership.Role.CASEWORKER
    )
    _file(world, by=world.supervisor)  # the supervisor's own relative
    application = noticed(world)
    notice_over(application)
    with pytest.raises(PermissionDenied, match="supervisor over the office decides"):
        a.assistance_approve(by=third, application=application)
    with pytest.raises(PermissionDenied, match="A relative you filed"):
        a.assistance_approve(by=world.supervisor, application=application)
    assert AssistanceApplication.objects.get(pk=application.pk).stage == "in_notice"

    other_supervisor = UserFactory(username="qianjun")
    core_services.membership_grant(
        by=None, user=other_supervisor, organisation=world.city, role=Membership.Role.SUPERVISOR
    )
    approved = a.assistance_approve(by=other_supervisor, application=application)
    assert approved.stage == "granted"


def test_opening_a_filing_logs_the_read_and_the_read_log_shows_it(client, world):
    """A filing holds a relative's name and ID number (masked on screen): opening it, on the
    screen or in the API, writes a read-log row, which the supervisor's read log lists."""
    from core.models import PersonalDataRead

    filing = _file(world)
    assert not PersonalDataRead.objects.exists()
    client.force_login(world.caseworker)
    page = client.get(f"/admin/relatives/{filing.pk}/")
    assert page.status_code == 200 and "张建国" in page.content.decode()
    [read] = PersonalDataRead.objects.all()
    assert read.actor == world.caseworker and read.object_id == str(filing.pk)
    assert read.fields == ["id_number_masked", "relative_name"]
    # A reader outside the jurisdiction is refused and nothing is logged for it.
    client.force_login(world.donghu_caseworker)
    assert client.get(f"/admin/relatives/{filing.pk}/").status_code == 404
    assert PersonalDataRead.objects.count() == 1
    assert _api(world.caseworker).get(f"/api/v1/relative-filings/{filing.pk}/").status_code == 200
    assert _api(world.caseworker).get("/api/v1/relative-filings/").json()["count"] == 1
    assert PersonalDataRead.objects.filter(object_id=str(filing.pk)).count() == 3

    client.force_login(world.supervisor)
    log = client.get("/admin/supervision/read-log/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    html = log.content.decode()
    assert f"近亲属备案 {filing.pk}</td>" in html and "近亲属姓名" in html
    assert "张建国" not in html and HEAD_ID not in html
    rows = _api(world.supervisor).get("/api/v1/read-log/", HTTP_ACCEPT_LANGUAGE="en").json()
    filed = [r for r in rows["results"] if r["record"] == "relative's filing"]
    assert len(filed) == 3 and filed[0]["purpose"] == f"relative's filing {filing.pk}"
    assert "relative's name" in filed[0]["fields"]
