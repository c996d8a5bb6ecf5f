from rest_framework.routers import DefaultRouter

from discovery.api import crosscheck, petitions, registers

router = DefaultRouter()
router.register("petitions", petitions.PetitionViewSet, basename="petition")
router.register("surveys", petitions.SurveyViewSet, basename="survey")
router.register(
    "survey-assignments", petitions.SurveyAssignmentViewSet, basename="surveyassignment"
)

router.register("hotline-calls", registers.HotlineCallViewSet, basename="hotlinecall")
router.register("visits", registers.VisitViewSet, basename="visit")
router.register("visit-schedules", registers.VisitScheduleViewSet, basename="visitschedule")
router.register(
    "proxy-applications", registers.ProxyApplicationViewSet, basename="proxyapplication"
)
router.register(
    "crosscheck/imports", crosscheck.CrossCheckImportViewSet, basename="crosscheck-import"
)
router.register("crosscheck/warnings", crosscheck.RiskWarningViewSet, basename="risk-warning")

urlpatterns = router.urls
