"""What crawlers and sharing read (issue 18, item 8): robots.txt, the sitemap (public pages
only, never a need that is not published), a title with the site name and Open Graph tags on
every public page, with no personal data."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.test import Client

from cms.demo import seed_policies, seed_site
from needs import services as needs_services
from projects.models import Project
from tests.cms.test_privacy_crawl import leaks

pytestmark = pytest.mark.django_db
SITE_NAME_EN = "Emergency and hardship relief platform"
LOC = re.compile(r"<loc>([^<]+)</loc>")


@pytest.fixture
def client():
    cache.clear()
    return Client()


def sitemap_locations(client) -> list[str]:
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    assert "xml" in index["Content-Type"]
    locations = []
    for section in LOC.findall(index.content.decode()):
        response = client.get(urlsplit(section).path)
        assert response.status_code == 200, section
        locations += LOC.findall(response.content.decode())
    # Wagtail pages carry their Site's host (localhost here), the others the request's.
    return [urlsplit(location).path for location in locations]


def test_robots_txt_opens_the_site_closes_admin_and_api_and_names_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Allow: /" in lines
    assert "Disallow: /admin/" in lines and "Disallow: /api/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_sitemap_lists_public_pages_and_published_needs_only(client, money):
    seed_policies(seed_site())
    published = money.published_need()
    withdrawn = money.published_need()
    needs_services.need_unpublish(by=money.world.caseworker, need=withdrawn)
    closed_project = money.world.other_project
    Project.objects.filter(pk=closed_project.pk).update(status=Project.Status.CLOSED)
    locations = sitemap_locations(client)
    assert "/" in locations
    assert "/policies/" in locations
    assert any(
        location.startswith("/policies/") and location != "/policies/" for location in locations
    )
    for path in ("/needs/", "/projects/", "/transparency/", "/notice/", "/donate/", "/report/"):
        assert path in locations
    assert f"/needs/{published.public_id}/" in locations
    assert f"/needs/{withdrawn.public_id}/" not in locations
    assert f"/projects/{money.world.project.pk}/" in locations
    assert f"/projects/{closed_project.pk}/" not in locations
    assert f"/transparency/funds/{money.fund.pk}/" in locations
    assert not any(location.startswith(("/admin", "/api")) for location in locations)
    assert len(locations) == len(set(locations))  # each page once


def test_a_draft_need_never_reaches_the_sitemap(client, money):
    case = money.world.relieved()
    needs_services.consent_record(
        by=money.world.caseworker,
        case=case,
        scope="publish_need",
        method="written",
        given_by_name="张建国",
    )
    draft = needs_services.need_preview(by=money.world.caseworker, case=case)
    assert f"/needs/{draft.public_id}/" not in sitemap_locations(client)


def og(page: str) -> dict[str, str]:
    return dict(re.findall(r'<meta property="(og:[a-z_]+)" content="([^"]*)"', page))


def test_every_public_page_has_a_title_with_the_site_name_and_og_tags(client, money):
    seed_policies(seed_site())
    need = money.published_need()
    project = money.world.project
    pages = [
        "/",
        "/needs/",
        f"/needs/{need.public_id}/",
        "/projects/",
        f"/projects/{project.pk}/",
        "/transparency/",
        "/notice/",
        "/donate/",
        "/report/",
        "/apply/",
        "/track/",
        "/policies/",
    ]
    for url in pages:
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 200, url
        page = response.content.decode()
        title = re.search(r"<title>([^<]*)</title>", page).group(1)
        assert SITE_NAME_EN in title, (url, title)
        tags = og(page)
        assert {"og:title", "og:description", "og:type", "og:url"} <= tags.keys(), url
        assert tags["og:url"] == f"http://testserver{url}"
        assert not leaks(page)
    need_tags = og(client.get(f"/needs/{need.public_id}/").content.decode())
    assert need_tags["og:title"] == need.title and need_tags["og:type"] == "article"
    project_tags = og(client.get(f"/projects/{project.pk}/").content.decode())
    assert project_tags["og:title"] == project.title
