"""What search engines may read: ``robots.txt`` and the sitemap of the public site (issue 18).

The sitemap lists public pages only: the Wagtail pages that are live and public (home, policy
pages, the plain content pages), the public lists and pages served by views, the published
needs (never a draft, an unpublished need or a need whose case closed: those keep a page for
links already shared, but are not offered to crawlers), the open projects and the statements
of public funds. It is an index of sections, so a province's hundred thousand needs fit in
pages of 50,000 (the sitemaps protocol's limit); each section is cached until a record or the
ledger changes, like the lists (cms.listings.cached_page).
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.contrib.sitemaps import Sitemap
from django.http import HttpResponse
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.contrib.sitemaps import views as wagtail_sitemap_views
from wagtail.models import Page, Site

from cms.listings import cached_page
from donors.models import Fund
from needs.selectors import published_needs
from projects.selectors import projects_visible_to

# The public pages served by views rather than Wagtail pages, by URL name. One that a live
# Wagtail page serves at the same path (an editor's page replacing a view) is listed once,
# as that page.
VIEW_PAGES = (
    "public-needs",
    "public-projects",
    "transparency",
    "relief-notice",
    "donate",
    "report-someone",
    "apply-for-help",
)


class ViewPagesSitemap(Sitemap):
    changefreq = "daily"

    def __init__(self, request=None):
        self.request = request

    def items(self) -> list[str]:
        paths = []
        for name in VIEW_PAGES:
            try:
                paths.append(reverse(name))
            except NoReverseMatch:
                continue
        site = Site.find_for_request(self.request) if self.request else None
        if site is None:
            return paths
        root = site.root_page.url_path.rstrip("/")
        served = set(
            Page.objects.live()
            .public()
            .filter(url_path__in=[root + path for path in paths])
            .values_list("url_path", flat=True)
        )
        return [path for path in paths if root + path not in served]

    def location(self, item: str) -> str:
        return item


class NeedsSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return (
            published_needs()
            .select_related(None)
            .only("public_id", "published_at")
            .order_by("-published_at", "-id")
        )

    def location(self, need) -> str:
        return reverse("public-need", args=[need.public_id])

    def lastmod(self, need):
        return need.published_at


class ProjectsSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        open_projects = projects_visible_to(AnonymousUser())
        return open_projects.only("pk", "updated_at").order_by("pk")

    def location(self, project) -> str:
        return reverse("public-project", args=[project.pk])

    def lastmod(self, project):
        return project.updated_at


class FundStatementsSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Fund.objects.filter(is_public=True).only("pk").order_by("pk")

    def location(self, fund) -> str:
        return reverse("public-fund-statement", args=[fund.pk])


SITEMAPS = {
    "pages": WagtailSitemap,
    "site": ViewPagesSitemap,
    "needs": NeedsSitemap,
    "projects": ProjectsSitemap,
    "funds": FundStatementsSitemap,
}


def _sections(request) -> dict:
    return {
        name: section(request) if section is ViewPagesSitemap else section
        for name, section in SITEMAPS.items()
    }


@require_GET
@cached_page
def sitemap_index(request):
    return wagtail_sitemap_views.index(request, _sections(request), sitemap_url_name="sitemap")


@require_GET
@cached_page
def sitemap_section(request, section: str):
    return wagtail_sitemap_views.sitemap(request, _sections(request), section=section)


ROBOTS = """User-agent: *
Allow: /
Disallow: /admin/
Disallow: /api/
Disallow: /i18n/
Disallow: /care-mode/

Sitemap: {sitemap}
"""


@require_GET
def robots_txt(request):
    """The public site is open to crawlers; the back office and the API are not."""
    sitemap = request.build_absolute_uri(reverse("sitemap-index"))
    return HttpResponse(ROBOTS.format(sitemap=sitemap), content_type="text/plain; charset=utf-8")
