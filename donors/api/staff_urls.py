"""Staff money API: special funds, donations, allocations and payments to households."""

from rest_framework.routers import SimpleRouter

from donors.api import relief, views

router = SimpleRouter()
router.register("funds", views.FundViewSet, basename="fund")
router.register("donations", views.DonationViewSet, basename="donation")
router.register("allocations", views.AllocationViewSet, basename="allocation")
router.register("disbursements", views.DisbursementViewSet, basename="disbursement")
router.register("relief-budgets", relief.ReliefBudgetViewSet, basename="relief-budget")

urlpatterns = router.urls
