from django.urls import path
from rest_framework.routers import DefaultRouter

from needs.api import (
    assistance,
    assistance_rules,
    economic_checks,
    handovers,
    offers,
    typical,
    views,
    worklist,
)

router = DefaultRouter()
router.register("cases", views.CaseViewSet, basename="case")
router.register("relief-grants", views.ReliefGrantViewSet, basename="reliefgrant")
router.register("consents", views.ConsentViewSet, basename="consent")
router.register("referrals", views.ReferralViewSet, basename="referral")
router.register("offers", offers.OfferViewSet, basename="offer")
router.register("handovers", handovers.HandoverViewSet, basename="handover")
router.register(
    "assistance-applications",
    assistance.AssistanceApplicationViewSet,
    basename="assistance-application",
)
router.register(
    "assistance-office-rules",
    assistance_rules.AssistanceOfficeRuleViewSet,
    basename="assistance-office-rule",
)
router.register(
    "public/assistance-notices", assistance.PublicNoticeViewSet, basename="assistance-notice"
)
router.register(
    "check-authorizations",
    economic_checks.CheckAuthorizationViewSet,
    basename="check-authorization",
)
router.register("economic-checks", economic_checks.EconomicCheckViewSet, basename="economic-check")
router.register(
    "relative-filings", economic_checks.RelativeFilingViewSet, basename="relative-filing"
)
router.register(
    "relative-benefits", economic_checks.RelativeBenefitViewSet, basename="relative-benefit"
)
router.register("typical-cases", typical.TypicalCaseViewSet, basename="typicalcase")
router.register("public/needs", views.PublicNeedViewSet, basename="public-need")

urlpatterns = [
    path("me/worklist/", worklist.WorklistView.as_view(), name="me-worklist"),
    *router.urls,
]
