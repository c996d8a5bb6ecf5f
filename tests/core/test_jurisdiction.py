"""The jurisdiction selector: who sees which records (DESIGN.md 7.5)."""

import pytest

from core.factories import MembershipFactory, OrganisationFactory, UserFactory, staff
from core.jurisdiction import scope_for, visible_to
from core.models import Membership, Organisation, Region

Role = Membership.Role
pytestmark = pytest.mark.django_db


@pytest.fixture
def offices():
    """One office per county in two cities of two provinces, plus a charity."""
    return {
        "chaoyang": OrganisationFactory(
            name="朝阳区民政局", region=Region.objects.get(code="220104")
        ),
        "nanguan": OrganisationFactory(
            name="南关区民政局", region=Region.objects.get(code="220102")
        ),
        "donghu": OrganisationFactory(
            name="东湖区民政局", region=Region.objects.get(code="360102")
        ),
        "jilin_city": OrganisationFactory(
            name="吉林市民政局", region=Region.objects.get(code="220200")
        ),
        "charity": OrganisationFactory(
            name="慈善会", kind=Organisation.Kind.CHARITY, region=Region.objects.get(code="220000")
        ),
        "other_charity": OrganisationFactory(
            name="另一慈善会",
            kind=Organisation.Kind.CHARITY,
            region=Region.objects.get(code="220104"),
        ),
    }


def visible_offices(user):
    return set(
        visible_to(
            Organisation.objects.all(), user, region_field="region", organisation_field="pk"
        ).values_list("name", flat=True)
    )


def test_caseworker_never_sees_another_countys_records(offices):
    caseworker = UserFactory()
    MembershipFactory(user=caseworker, organisation=offices["chaoyang"], role=Role.CASEWORKER)

    seen = visible_to(Organisation.objects.all(), caseworker, region_field="region")

    assert set(seen.values_list("name", flat=True)) == {"朝阳区民政局", "另一慈善会"}
    assert offices["nanguan"] not in seen
    assert offices["donghu"] not in seen


def test_supervisor_sees_the_whole_subtree_of_their_city(offices):
    city = OrganisationFactory(name="长春市民政局", region=Region.objects.get(code="220100"))
    supervisor = UserFactory()
    MembershipFactory(user=supervisor, organisation=city, role=Role.SUPERVISOR)

    names = set(
        visible_to(Organisation.objects.all(), supervisor, region_field="region").values_list(
            "name", flat=True
        )
    )

    assert {"朝阳区民政局", "南关区民政局", "长春市民政局"} <= names
    assert "吉林市民政局" not in names  # another city of the same province
    assert "东湖区民政局" not in names  # another province


def test_charity_staff_see_their_own_organisation_only(offices):
    worker = UserFactory()
    MembershipFactory(user=worker, organisation=offices["charity"], role=Role.CHARITY_STAFF)

    assert visible_offices(worker) == {"慈善会"}


def test_a_charity_member_gets_no_region_scope_from_their_charitys_region(offices):
    worker = UserFactory()
    MembershipFactory(user=worker, organisation=offices["charity"], role=Role.CHARITY_STAFF)

    assert scope_for(worker).region_paths == ()
    assert visible_to(Organisation.objects.all(), worker, region_field="region").count() == 0


def test_auditor_and_superuser_read_everything(offices):
    auditor = staff(Role.AUDITOR, "220000")
    admin = UserFactory(is_superuser=True)

    assert visible_to(Organisation.objects.all(), auditor, region_field="region").count() == (
        Organisation.objects.count()
    )
    assert scope_for(admin).everything


def test_anonymous_inactive_and_roleless_users_see_nothing(offices):
    from django.contrib.auth.models import AnonymousUser

    inactive = UserFactory(is_active=False)
    MembershipFactory(user=inactive, organisation=offices["chaoyang"], role=Role.SUPERVISOR)
    roleless = UserFactory()

    for user in (AnonymousUser(), inactive, roleless):
        assert visible_offices(user) == set()


def test_revoked_membership_and_inactive_organisation_give_no_access(offices):
    caseworker = UserFactory()
    MembershipFactory(
        user=caseworker, organisation=offices["chaoyang"], role=Role.CASEWORKER, is_active=False
    )
    other = UserFactory()
    offices["nanguan"].is_active = False
    offices["nanguan"].save()
    MembershipFactory(user=other, organisation=offices["nanguan"], role=Role.CASEWORKER)

    assert visible_offices(caseworker) == set()
    assert visible_offices(other) == set()


def test_roles_argument_limits_the_scope_to_those_roles(offices):
    user = UserFactory()
    MembershipFactory(user=user, organisation=offices["chaoyang"], role=Role.CASEWORKER)
    MembershipFactory(user=user, organisation=offices["charity"], role=Role.CHARITY_STAFF)

    only_charity = visible_to(
        Organisation.objects.all(),
        user,
        region_field="region",
        organisation_field="pk",
        roles=[Role.CHARITY_STAFF],
    )

    assert set(only_charity.values_list("name", flat=True)) == {"慈善会"}
    assert visible_offices(user) == {"朝阳区民政局", "另一慈善会", "慈善会"}


def test_nested_regions_collapse_into_the_wider_one(offices):
    user = UserFactory()
    province = OrganisationFactory(name="吉林省民政厅", region=Region.objects.get(code="220000"))
    MembershipFactory(user=user, organisation=offices["chaoyang"], role=Role.CASEWORKER)
    MembershipFactory(user=user, organisation=province, role=Role.SUPERVISOR)

    assert scope_for(user).region_paths == ("220000",)


def test_scope_answers_single_records_the_same_way(offices):
    caseworker = UserFactory()
    MembershipFactory(user=caseworker, organisation=offices["chaoyang"], role=Role.CASEWORKER)
    scope = scope_for(caseworker)

    assert scope.covers_region(Region.objects.get(code="220104"))
    assert not scope.covers_region(Region.objects.get(code="220102"))
    assert not scope.covers_region(
        Region.objects.get(code="220100")
    )  # the city above is not theirs


def test_selector_needs_a_field_to_filter_on():
    with pytest.raises(ValueError, match="field"):
        visible_to(Organisation.objects.all(), UserFactory())
