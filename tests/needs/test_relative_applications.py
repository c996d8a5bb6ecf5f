"""近亲属备案 for assistance applications (issue 20, item 4): an application for a household
where a filed relative of an official lives is flagged, filed in the register automatically
as relief grants are, and decided by a supervisor over the office; the official whose
relative it is and whoever filed the relative never decide it."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from rest_framework.test import APIClient

from core.models import AuditEvent, Membership, Notification
from needs.models import AssistanceApplication, AssistanceType, RelativeBenefit
from needs.services import assistance as a
from tests.needs.conftest import _member
from tests.needs.economic_check_helpers import current_check
from tests.needs.test_assistance_procedure import apply, notice_over, noticed
from tests.needs.test_relatives import OTHER_ID, _file

pytestmark = pytest.mark.django_db
Review = RelativeBenefit.Review


def _other_supervisor(world):
    return _member(Membership.Role.SUPERVISOR, world.city, "qianjun")


def test_an_application_for_a_filed_relatives_household_is_flagged_and_registered(world):
    filing = _file(world, by=world.colleague)  # 赵磊's brother is the household's head
    application = apply(world)
    [entry] = RelativeBenefit.objects.all()
    assert entry.filing == filing and entry.assistance_application == application
    assert entry.household == application.household
    assert entry.review == Review.PENDING and entry.amount_fen is None
    assert entry.relief_grant is None
    assert AuditEvent.objects.filter(action="relative.benefit_record").count() == 1
    # The supervisors who decide it are told; the official whose relative it is is not.
    key = f"relative-application:{application.pk}"
    assert Notification.objects.filter(recipient=world.supervisor, key=key).exists()
    assert not Notification.objects.filter(recipient=world.colleague, key=key).exists()


def test_an_application_for_another_household_is_not_flagged(world):
    _file(world, id_number=OTHER_ID)
    apply(world)
    assert not RelativeBenefit.objects.exists()


def test_the_approval_is_the_supervisors_and_the_register_records_it(in_english, world):
    _file(world, by=world.supervisor)  # the supervisor's own relative
    application = noticed(world)
    notice_over(application)
    third = _member(
        Membership.Role.CASEWORKER, world.chaoyang, "sunli"
    )  # neither handler nor reviewer
    with pytest.raises(PermissionDenied, match="supervisor over the office decides"):
        a.assistance_approve(by=third, application=application)
    with pytest.raises(PermissionDenied, match="A relative you filed"):
        a.assistance_approve(by=world.supervisor, application=application)
    assert RelativeBenefit.objects.get().review == Review.PENDING
    assert AssistanceApplication.objects.get(pk=application.pk).stage == "in_notice"

    a.assistance_approve(by=_other_supervisor(world), application=application, note="核实无误")

    entry = RelativeBenefit.objects.get()
    assert entry.review == Review.APPROVED and entry.amount_fen == 60_000
    assert entry.review_reason == "核实无误"
    assert AuditEvent.objects.filter(action="relative.benefit_review").count() == 1


def test_the_officials_concerned_may_not_refuse_it_either(in_english, world):
    staff_official = world.colleague
    _file(world, by=staff_official)
    application = apply(world)
    for official in (staff_official, world.caseworker):
        with pytest.raises(PermissionDenied):
            a.assistance_refuse(by=official, application=application, reasons="不符合条件")
    assert AssistanceApplication.objects.get(pk=application.pk).stage == "applied"
    assert RelativeBenefit.objects.get().review == Review.PENDING

    a.assistance_refuse(by=world.supervisor, application=application, reasons="收入超标")

    entry = RelativeBenefit.objects.get()
    assert entry.review == Review.REFUSED and entry.reviewed_by == world.supervisor
    assert entry.review_reason == "收入超标"


def test_a_relative_filed_after_the_application_is_registered_before_the_decision(
    in_english, world
):
    application = noticed(world)
    notice_over(application)
    assert not RelativeBenefit.objects.exists()
    _file(world, by=world.supervisor)
    with pytest.raises(PermissionDenied, match="A relative you filed"):
        a.assistance_approve(by=world.supervisor, application=application)
    # Refused, the whole step was rolled back; the entry is written again by the decision.
    assert not RelativeBenefit.objects.exists()
    a.assistance_approve(by=_other_supervisor(world), application=application)
    assert RelativeBenefit.objects.get().review == Review.APPROVED


def test_the_page_and_the_api_show_the_flag(client, world):
    _file(world, by=world.colleague)
    application = apply(world)
    client.force_login(world.caseworker)
    page = client.get(
        f"/admin/assistance/{application.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans"
    ).content.decode()
    assert "近亲属备案" in page and "待督查人员审核" in page
    assert "pending" not in page
    api = APIClient()
    api.force_authenticate(world.caseworker)
    row = api.get(f"/api/v1/assistance-applications/{application.pk}/").json()
    assert row["relative_filed"] is True
    entries = api.get("/api/v1/relative-benefits/").json()["results"]
    assert entries[0]["assistance_application"] == application.pk
    assert entries[0]["amount_fen"] is None


def test_an_unflagged_application_reads_false(world):
    application = apply(world)
    api = APIClient()
    api.force_authenticate(world.caseworker)
    row = api.get(f"/api/v1/assistance-applications/{application.pk}/").json()
    assert row["relative_filed"] is False


def test_a_department_acting_on_the_application_sees_the_flag_not_the_official(client, world):
    """The register of filed relatives is for FILING_READERS: a department the application is
    addressed to reads that a filed relative is involved, not whose relative nor how related;
    the office's caseworker, a filing reader, reads both."""
    from core.models import Organisation

    official = world.colleague
    _file(world, by=official, relation="sibling")
    health = Organisation.objects.create(
        name="朝阳区医疗保障局",
        kind=Organisation.Kind.DEPARTMENT,
        region=world.chaoyang.region,
    )
    staff = _member(Membership.Role.DEPARTMENT_STAFF, health, "yibao.chaoyang")
    case = world.accepted()
    current_check(world, case.household)
    application = a.assistance_apply(
        by=world.caseworker,
        household=case.household,
        assistance_type=AssistanceType.MEDICAL,
        office=health,
        village="幸福社区",
        reason="丈夫重病",
    )
    url = f"/admin/assistance/{application.pk}/"
    name = official.get_full_name() or official.username
    client.force_login(staff)
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert page.status_code == 200
    text = page.content.decode()
    assert "近亲属备案" in text  # the flag
    assert name not in text and "兄弟姐妹" not in text
    client.force_login(world.caseworker)
    text = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "近亲属备案" in text and name in text and "兄弟姐妹" in text
