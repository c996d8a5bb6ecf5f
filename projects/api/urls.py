from rest_framework.routers import DefaultRouter

from projects.api import supermarkets, views

router = DefaultRouter()
router.register("projects", views.ProjectViewSet, basename="project")
router.register("supermarkets", supermarkets.SupermarketViewSet, basename="supermarket")
router.register("stock-movements", supermarkets.StockMovementViewSet, basename="stockmovement")

urlpatterns = router.urls
