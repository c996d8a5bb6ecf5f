"""The front door: health check, schema, docs, admin behind login, language, security."""

import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
import yaml
from django.db import DatabaseError

from core.factories import UserFactory

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def test_healthz_reports_a_working_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_answers_head_requests_for_load_balancers(client):
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405


def test_healthz_reports_503_when_the_database_fails(client):
    with mock.patch("core.views.connection.cursor", side_effect=DatabaseError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


def test_schema_endpoint_describes_the_api(client):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/regions/" in schema["paths"]
    assert "/api/v1/me/" in schema["paths"]
    assert not any(path.startswith("/admin/") for path in schema["paths"])


def test_api_docs_are_served_from_our_own_static_files(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in html
    assert "cdn" not in html.lower()


def test_admin_requires_a_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_staff_with_a_role_reach_the_admin(client):
    from core import services
    from core.factories import OrganisationFactory
    from core.models import Membership

    user = UserFactory()
    services.membership_grant(
        by=None, user=user, organisation=OrganisationFactory(), role=Membership.Role.CASEWORKER
    )
    client.force_login(user)
    assert client.get("/admin/").status_code == 200

    client.force_login(UserFactory())  # no role, no back office
    assert client.get("/admin/").status_code == 302


def test_responses_carry_a_content_security_policy(client):
    policy = client.get("/healthz")["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "object-src 'none'" in policy


def test_login_is_rate_limited_after_repeated_failures(client, settings):
    user = UserFactory(username="target")
    user.set_password("the-right-password-1")
    user.save()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/admin/login/", {"username": "target", "password": "wrong"})

    locked = client.post(
        "/admin/login/", {"username": "target", "password": "the-right-password-1"}
    )

    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_token_login_is_rate_limited_too(api_client, settings):
    user = UserFactory(username="apiuser")
    user.set_password("the-right-password-1")
    user.save()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        api_client.post("/api/v1/auth/token/", {"username": "apiuser", "password": "wrong"})

    response = api_client.post(
        "/api/v1/auth/token/", {"username": "apiuser", "password": "the-right-password-1"}
    )

    assert response.status_code == 429
    assert response.json()["code"] == "locked_out"
    assert "token" not in response.json()


def test_site_speaks_chinese_by_default_and_english_on_request(client):
    from cms.demo import seed_site

    seed_site()
    chinese = client.get("/").content.decode()
    assert 'lang="zh-hans"' in chinese
    assert "跳到主要内容" in chinese

    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = client.get("/").content.decode()
    assert 'lang="en"' in english
    assert "Skip to main content" in english


def test_production_settings_pass_the_deploy_check():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "core.settings.production",
        "SECRET_KEY": "x" * 64 + "-production-secret-for-the-check",
        "ALLOWED_HOSTS": "relief.example.org",
        "FIELD_ENCRYPTION_KEY": "a-production-field-encryption-key",
        "DATABASE_URL": "sqlite:////tmp/deploy-check.sqlite3",
        "CACHE_URL": "redis://127.0.0.1:6379/0",
    }
    result = deploy_check(env)
    assert result.returncode == 0, result.stdout + result.stderr


def deploy_check(env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "core.settings.production",
    "SECRET_KEY": "x" * 64 + "-production-secret-for-the-check",
    "ALLOWED_HOSTS": "relief.example.org",
    "FIELD_ENCRYPTION_KEY": "a-production-field-encryption-key",
    "DATABASE_URL": "sqlite:////tmp/deploy-check.sqlite3",
    "CACHE_URL": "redis://127.0.0.1:6379/0",
}


@pytest.mark.parametrize(
    "change, check_id",
    [
        ({"FIELD_ENCRYPTION_KEY": "dev-only-field-encryption-key"}, "core.E001"),
        ({"FIELD_ENCRYPTION_KEY": "short"}, "core.E001"),
        ({"CACHE_URL": "locmemcache://"}, "core.E002"),
        ({"CACHE_URL": "dbcache://cache_table"}, "core.E002"),
    ],
)
def test_the_deploy_check_fails_on_laptop_settings(change, check_id):
    result = deploy_check({**os.environ, **PRODUCTION, **change})
    assert result.returncode != 0
    assert check_id in result.stdout + result.stderr


def test_without_a_proxy_x_forwarded_proto_is_not_trusted():
    probe = (
        "from django.conf import settings; "
        "print(repr(getattr(settings, 'SECURE_PROXY_SSL_HEADER', None)))"
    )
    for proxies, expected in (("0", "None"), ("1", "('HTTP_X_FORWARDED_PROTO', 'https')")):
        result = subprocess.run(  # noqa: S603  (our own interpreter and script)
            [sys.executable, "manage.py", "shell", "-c", probe],
            cwd=ROOT,
            env={**os.environ, **PRODUCTION, "PROXY_COUNT": proxies},
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.stdout.strip().splitlines()[-1] == expected, result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "core.settings.production",
            "ALLOWED_HOSTS": "x.org",
            "FIELD_ENCRYPTION_KEY": "k",
        }
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@pytest.mark.parametrize("address, api", [("/needs/", False), ("/api/v1/public/needs/", True)])
def test_a_database_outage_is_a_503_with_retry_after(client, address, api):
    from django.db import OperationalError

    target = "cms.public_views.listing_generation" if not api else "needs.selectors.published_needs"
    with mock.patch(target, side_effect=OperationalError("connection refused")):
        response = client.get(address, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    if api:
        assert response.json()["code"] == "service_unavailable"
    else:
        assert "服务暂时不可用" in response.content.decode()


def test_a_query_error_is_not_dressed_as_an_outage(client):
    with mock.patch("cms.public_views.listing_generation", side_effect=DatabaseError("bad query")):
        client.raise_request_exception = False
        response = client.get("/needs/")
    assert response.status_code == 500


def test_the_care_mode_cookie_is_secure_where_sessions_are(client, settings):
    settings.SESSION_COOKIE_SECURE = True
    response = client.post("/care-mode/", {"care": "on", "next": "/"})
    assert response.cookies["care_mode"]["secure"]


def test_production_makes_the_language_cookie_secure():
    probe = "from django.conf import settings; print(settings.LANGUAGE_COOKIE_SECURE)"
    result = subprocess.run(  # noqa: S603  (our own interpreter and script)
        [sys.executable, "manage.py", "shell", "-c", probe],
        cwd=ROOT,
        env={**os.environ, **PRODUCTION},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout.strip().splitlines()[-1] == "True", result.stderr
