"""Demo content for the public site: the home page as the site's root."""

from __future__ import annotations

from django.db import transaction
from wagtail.models import Page, Site

from cms.models import HomePage


@transaction.atomic
def seed_site() -> HomePage:
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        # Wagtail's own placeholder page ("Welcome to your new Wagtail site!") gives way.
        for placeholder in root.get_children().filter(content_type__model="page", slug="home"):
            placeholder.delete()
        home = root.add_child(
            instance=HomePage(
                title="救急难 · 救助资源与救助需求对接平台",
                slug="home",
                intro="遭遇急难、生活陷入困境的家庭，可以在这里找到救助政策、求助渠道和慈善项目。",
            )
        )
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="救急难平台",
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save(update_fields=["root_page"])
    return home
