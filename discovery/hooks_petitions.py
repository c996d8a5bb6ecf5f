"""Admin URLs of the petition register and the concentrated surveys (their menu items sit in
the "Active discovery" menu, needs.wagtail_hooks)."""

from __future__ import annotations

from django.urls import include, path
from wagtail import hooks

from discovery import admin_petitions, admin_surveys


@hooks.register("register_admin_urls")
def register_petition_admin_urls():
    return [
        path(
            "discovery/",
            include(
                (admin_petitions.urlpatterns + admin_surveys.urlpatterns, "discovery_admin"),
                namespace="discovery_admin",
            ),
        )
    ]
