from rest_framework.routers import DefaultRouter

from supervision.api import meetings, tasks, upward, views

router = DefaultRouter()
router.register("read-log", views.PersonalDataReadViewSet, basename="read-log")
router.register("monthly-reports", upward.MonthlyReportViewSet, basename="monthly-report")
router.register("inspections", upward.InspectionCampaignViewSet, basename="inspection")
router.register("self-inspections", upward.SelfInspectionViewSet, basename="self-inspection")
router.register("spot-checks", upward.SpotCheckViewSet, basename="spot-check")
router.register("rectifications", upward.RectificationViewSet, basename="rectification")
router.register(
    "joint-meeting-mechanisms", meetings.MechanismViewSet, basename="joint-meeting-mechanism"
)
router.register("joint-meetings", meetings.MeetingViewSet, basename="joint-meeting")
router.register("joint-meeting-tasks", meetings.TaskViewSet, basename="joint-meeting-task")

router.register(
    "crosscheck/supervision-tasks", tasks.SupervisionTaskViewSet, basename="supervision-task"
)

urlpatterns = router.urls
