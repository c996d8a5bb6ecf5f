"""The site's own 404 and 500 pages in development mode (issue 21, item 4).

The development settings add ``SiteErrorPagesMiddleware`` when DEBUG is on; here the test
settings are switched to DEBUG with that middleware, as `make run` has them.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.test import Client, override_settings
from django.urls import include, path

from core import urls as site_urls


def broken_view(request):
    raise RuntimeError("a bug in a view")


def fine_view(request):
    return HttpResponse("fine")


urlpatterns = [
    path("broken/", broken_view),
    path("fine/", fine_view),
    path("", include(site_urls)),
]

DEV_MIDDLEWARE = [*settings.MIDDLEWARE, "core.middleware.SiteErrorPagesMiddleware"]


@pytest.fixture
def dev_client():
    with override_settings(DEBUG=True, MIDDLEWARE=DEV_MIDDLEWARE, ROOT_URLCONF=__name__):
        yield Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE="zh-hans")


@pytest.mark.django_db
def test_unknown_address_shows_the_site_404_not_the_url_list(dev_client):
    response = dev_client.get("/no-such-thing.txt")
    body = response.content.decode()
    assert response.status_code == 404
    assert "页面不存在" in body or "Page not found" in body
    # Django's debug page lists the URL patterns and names the settings.
    assert "URLconf" not in body
    assert "DEBUG = True" not in body


@pytest.mark.django_db
def test_missing_page_under_a_pattern_shows_the_site_404(dev_client):
    response = dev_client.get("/needs/999999999/")
    body = response.content.decode()
    assert response.status_code == 404
    assert "URLconf" not in body and "Http404" not in body


@pytest.mark.django_db
def test_a_bug_shows_the_site_500_and_logs_the_traceback(dev_client, caplog):
    response = dev_client.get("/broken/")
    body = response.content.decode()
    assert response.status_code == 500
    assert "出错了" in body
    assert "a bug in a view" not in body and "Traceback" not in body
    assert any("a bug in a view" in str(r.exc_info[1]) for r in caplog.records if r.exc_info)


@pytest.mark.django_db
def test_pages_that_work_are_untouched(dev_client):
    assert dev_client.get("/fine/").content == b"fine"


@pytest.mark.django_db
def test_without_the_middleware_debug_shows_django_pages():
    """DEBUG_PAGES=1 leaves the middleware out: the developer gets Django's pages back."""
    with override_settings(DEBUG=True, ROOT_URLCONF=__name__):
        response = Client().get("/no-such-thing.txt")
    assert response.status_code == 404
    assert "URLconf" in response.content.decode()


def test_dev_settings_add_the_middleware_unless_debug_pages(monkeypatch):
    import importlib

    import core.settings.dev as dev

    monkeypatch.delenv("DEBUG_PAGES", raising=False)
    monkeypatch.delenv("DEBUG", raising=False)
    assert "core.middleware.SiteErrorPagesMiddleware" in importlib.reload(dev).MIDDLEWARE
    monkeypatch.setenv("DEBUG_PAGES", "1")
    assert "core.middleware.SiteErrorPagesMiddleware" not in importlib.reload(dev).MIDDLEWARE
