"""Public checkout and Stripe's webhook."""

from django.urls import path

from donors import stripe_webhooks
from donors.api import checkout

urlpatterns = [
    path(
        "public/donations/",
        checkout.PublicDonationCreateView.as_view(),
        name="public-donation-create",
    ),
    path(
        "public/donations/options/",
        checkout.PublicDonationOptionsView.as_view(),
        name="public-donation-options",
    ),
    path(
        "public/donations/receivers/",
        checkout.PublicNeedReceiversView.as_view(),
        name="public-need-receivers",
    ),
    path(
        "public/donations/<uuid:public_id>/",
        checkout.PublicDonationDetailView.as_view(),
        name="public-donation-detail",
    ),
    path("stripe/webhook/", stripe_webhooks.stripe_webhook, name="stripe-webhook"),
]
