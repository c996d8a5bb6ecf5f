"""Staff money API: special funds, donations, allocations and payments to households."""

from rest_framework.routers import SimpleRouter

from donors.api import views

router = SimpleRouter()
router.register("funds", views.FundViewSet, basename="fund")
router.register("donations", views.DonationViewSet, basename="donation")
router.register("allocations", views.AllocationViewSet, basename="allocation")
router.register("disbursements", views.DisbursementViewSet, basename="disbursement")

urlpatterns = router.urls
