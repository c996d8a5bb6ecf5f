from rest_framework.routers import DefaultRouter

from supervision.api import views

router = DefaultRouter()
router.register("read-log", views.PersonalDataReadViewSet, basename="read-log")

urlpatterns = router.urls
