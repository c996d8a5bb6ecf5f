"""Pages of the money app outside the API and the Wagtail site."""

from django.urls import path

from donors.receipts import donation_receipt

urlpatterns = [
    path(
        "donations/receipt/<uuid:public_id>/",
        donation_receipt,
        name="donation-receipt",
    ),
]
