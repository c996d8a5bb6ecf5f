from django.conf import settings
from django.urls import include, path, re_path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms import public_views
from cms.apply import apply_for_help, apply_sent, track
from cms.assistance_notice import assistance_notice
from cms.donate import donate, donate_thanks
from cms.notice import relief_notice
from cms.sitemaps import robots_txt, sitemap_index, sitemap_section
from cms.transparency import fund_statement, transparency
from cms.views import care_mode, report_someone, report_status
from core import views
from core.api.errors import not_found as api_not_found

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", robots_txt, name="robots-txt"),
    path("sitemap.xml", sitemap_index, name="sitemap-index"),
    path("sitemap-<str:section>.xml", sitemap_section, name="sitemap"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # The header's two switches carry no CSRF token, so that public pages hold nothing
    # per visitor and can be cached whole: a forged post could only change a display choice.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("care-mode/", care_mode, name="care-mode"),
    path("report/", report_someone, name="report-someone"),
    path("report/<str:code>/", report_status, name="report-status"),
    path("apply/", apply_for_help, name="apply-for-help"),
    path("apply/<str:code>/", apply_sent, name="apply-sent"),
    path("track/", track, name="track"),
    path("needs/", public_views.needs_list, name="public-needs"),
    path("needs/<uuid:public_id>/", public_views.need_detail, name="public-need"),
    path("projects/", public_views.projects_list, name="public-projects"),
    path("projects/<int:pk>/", public_views.project_detail, name="public-project"),
    path("transparency/", transparency, name="transparency"),
    path("transparency/funds/<int:pk>/", fund_statement, name="public-fund-statement"),
    path("notice/", relief_notice, name="relief-notice"),
    path("notice/assistance/", assistance_notice, name="assistance-notice"),
    path("donate/", donate, name="donate"),
    path("donate/thanks/", donate_thanks, name="donate-thanks"),
    path("api/v1/", include("core.api.urls")),
    path("api/v1/", include("search.api.urls")),
    path("api/v1/", include("needs.api.urls")),
    path("api/v1/", include("projects.api.urls")),
    path("api/v1/", include("donors.api.urls")),
    path("api/v1/", include("supervision.api.urls")),
    path("api/v1/", include("discovery.api.urls")),
    path("api/v1/", include("discovery.api.grid_urls")),
    path("", include("donors.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Under /api/, a path no route matched answers in the API's format (a trailing slash: a path
# without one still gets APPEND_SLASH's redirect first). "[\s\S]" rather than "." so that a
# percent-encoded line break in the path matches too (Django cannot reverse an inline flag).
urlpatterns.append(re_path(r"^api/(?:[\s\S]*/)?$", api_not_found))

# Wagtail serves every other path: the public site.
urlpatterns.append(path("", include(wagtail_urls)))
