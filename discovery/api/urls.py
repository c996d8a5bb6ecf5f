from rest_framework.routers import DefaultRouter

from discovery.api import petitions

router = DefaultRouter()
router.register("petitions", petitions.PetitionViewSet, basename="petition")
router.register("surveys", petitions.SurveyViewSet, basename="survey")
router.register(
    "survey-assignments", petitions.SurveyAssignmentViewSet, basename="surveyassignment"
)

urlpatterns = router.urls
