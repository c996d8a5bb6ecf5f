"""Money API under /api/v1/: staff screens' endpoints, public checkout and Stripe's webhook,
reports and exports. Each part keeps its own routes."""

from django.urls import include, path

urlpatterns = [
    path("", include("donors.api.staff_urls")),
    path("", include("donors.api.checkout_urls")),
    path("", include("donors.api.report_urls")),
]
