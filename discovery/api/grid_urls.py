from django.urls import path
from rest_framework.routers import DefaultRouter

from discovery.api import grids

router = DefaultRouter()
router.register("grids", grids.GridViewSet, basename="grid")
router.register("grid-households", grids.GridHouseholdViewSet, basename="gridhousehold")
router.register("pairings", grids.PairingViewSet, basename="pairing")
router.register("pairing-visits", grids.PairingVisitViewSet, basename="pairingvisit")
router.register("zero-reports", grids.ZeroReportViewSet, basename="zeroreport")

urlpatterns = [
    path("local-regions/", grids.LocalRegionView.as_view(), name="local-region-create"),
    *router.urls,
]
