import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Site

from core.models import AuditEvent, Membership, Organisation, User

pytestmark = pytest.mark.django_db


def run_seed(**options) -> str:
    from io import StringIO

    out = StringIO()
    call_command("seed_demo", stdout=out, allow_production=True, **options)
    return out.getvalue()


def counts():
    return (
        Organisation.objects.count(),
        User.objects.count(),
        Membership.objects.count(),
        AuditEvent.objects.count(),
    )


def test_seed_prints_one_login_per_role():
    output = run_seed()
    for role in Membership.Role.values:
        if role == Membership.Role.PLATFORM_ADMIN:
            continue
        assert Membership.objects.filter(role=role, user__username__in=output.split()).exists(), (
            role
        )
    assert "admin" in output.split()
    assert Organisation.objects.filter(kind="charity").count() == 3
    assert Organisation.objects.filter(kind="charity", is_verified=False).count() == 1
    assert Organisation.objects.filter(kind="enterprise").count() == 1
    provinces = {
        o.region.path.split("/")[0] for o in Organisation.objects.filter(kind="government_office")
    }
    assert provinces == {"220000", "360000"}


def test_seed_twice_changes_nothing():
    run_seed()
    first = counts()
    run_seed()
    assert counts() == first


def test_seed_makes_the_home_page_the_site_root(client):
    run_seed()
    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific_class.__name__ == "HomePage"
    assert client.get("/").status_code == 200


def test_demo_logins_can_sign_in(client):
    output = run_seed()
    password = output.split("caseworker.chaoyang", 1)[1].split()[0]
    response = client.post(
        "/admin/login/", {"username": "caseworker.chaoyang", "password": password}
    )
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_seed_with_a_size_adds_that_many_offices_and_stays_idempotent():
    run_seed(size=25)
    assert User.objects.filter(username__startswith="bench.caseworker.").count() == 25
    assert not User.objects.get(username="bench.caseworker.0").has_usable_password()
    before = counts()
    run_seed(size=25)
    assert counts() == before


def test_negative_size_is_refused():
    with pytest.raises(CommandError, match="--size"):
        run_seed(size=-1)


def test_seed_refuses_to_run_with_debug_off_unless_asked(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")
    assert not User.objects.filter(username="admin").exists()
