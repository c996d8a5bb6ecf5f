from django.urls import path
from rest_framework.routers import DefaultRouter

from core.api import views

router = DefaultRouter()
router.register("regions", views.RegionViewSet, basename="region")
router.register("organisations", views.OrganisationViewSet, basename="organisation")
router.register("memberships", views.MembershipViewSet, basename="membership")
router.register("audit-events", views.AuditEventViewSet, basename="auditevent")

urlpatterns = [
    path("me/", views.MeView.as_view(), name="me"),
    path("auth/token/", views.TokenLoginView.as_view(), name="auth-token"),
    *router.urls,
]
