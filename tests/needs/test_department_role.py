"""Department staff (协同办理, issue 17 item 5): they see only the referrals addressed to their
department, read the case through them (anonymized, no ID number), and answer them; no case,
no other referral, no household."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from core import services as core_services
from core.factories import UserFactory
from core.models import Membership
from needs import services
from needs.models import Referral


@pytest.fixture
def department_staff(world):
    user = UserFactory(username="yibao.staff")
    core_services.membership_grant(
        by=None, user=user, organisation=world.department, role=Membership.Role.DEPARTMENT_STAFF
    )
    return user


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def to_department(world) -> Referral:
    case = world.relieved()
    return services.referral_create(
        by=world.caseworker, case=case, department=world.department, note="请协助核定医疗救助"
    )


def test_department_staff_see_only_the_referrals_to_their_department(
    client, world, department_staff
):
    mine = to_department(world)
    _case, other = world.referred()  # to a charity's project
    client.force_login(department_staff)

    inbox = client.get("/admin/referrals/")
    assert inbox.status_code == 200
    html = inbox.content.decode()
    assert f"/admin/referrals/{mine.pk}/" in html and f"/admin/referrals/{other.pk}/" not in html
    assert client.get(f"/admin/referrals/{other.pk}/").status_code == 404
    page = client.get(f"/admin/referrals/{mine.pk}/")
    assert page.status_code == 200
    text = page.content.decode()
    # The facts answering needs, not the household: no link to the case, no name or ID.
    assert f"/admin/cases/{mine.case_id}/" not in text
    assert "张建国" not in text and "13912345678" not in text
    head = mine.case.household.members.first()
    assert head.name not in text
    # No case, no case list, no other back-office register.
    for url in (f"/admin/cases/{mine.case_id}/", "/admin/cases/", "/admin/handovers/"):
        assert client.get(url).status_code in (403, 404), url


def test_department_staff_answer_their_referrals_on_screen(client, world, department_staff):
    referral = to_department(world)
    client.force_login(department_staff)
    assert client.post(f"/admin/referrals/{referral.pk}/accept/").status_code == 302
    referral.refresh_from_db()
    assert referral.status == Referral.Status.ACCEPTED
    response = client.post(
        f"/admin/referrals/{referral.pk}/complete/", {"outcome": "resolved", "reason": ""}
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == Referral.Status.COMPLETED


def test_department_staff_through_the_api(world, department_staff):
    mine = to_department(world)
    _case, other = world.referred()
    client = api(department_staff)

    listed = client.get("/api/v1/referrals/").json()
    assert [row["id"] for row in listed["results"]] == [mine.pk]
    assert client.get(f"/api/v1/referrals/{other.pk}/").status_code == 404
    assert client.post(f"/api/v1/referrals/{other.pk}/accept/").status_code == 404
    assert client.get(f"/api/v1/cases/{mine.case_id}/").status_code in (403, 404)
    assert client.get("/api/v1/cases/").status_code == 403
    detail = client.get(f"/api/v1/referrals/{mine.pk}/").json()
    assert "id_number" not in str(detail) and "张建国" not in str(detail)

    declined = client.post(
        f"/api/v1/referrals/{mine.pk}/reject/", {"reason": "not_eligible"}, format="json"
    )
    assert declined.status_code == 200, declined.json()
    assert declined.json()["status"] == "rejected"


def test_the_role_fits_only_a_department(world):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        core_services.membership_grant(
            by=None,
            user=UserFactory(username="wrong.place"),
            organisation=world.chaoyang,
            role=Membership.Role.DEPARTMENT_STAFF,
        )
