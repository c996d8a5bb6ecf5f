"""The public pages editors word and order (issue 18, item 6): the needs and projects indexes,
transparency, the public notice, donate, report and apply are Wagtail pages whose heading,
introduction and help text (in Chinese and, optionally, English) are edited in the admin.

Each is a routable page whose routes call the same view as the site's fixed URL (/needs/,
/apply/, ...), which keeps every URL, URL name and form of the site: the fixed URL finds the
live page of its type for its text (``editor_text``), and a page an editor moves elsewhere
still serves the same view at its new place (and in the admin's preview). Without a page, the
views fall back to the wording in the catalogue, so nothing breaks before an editor creates it.
"""

from __future__ import annotations

import uuid

from django.core.cache import cache
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

HELP_BLOCKS = [
    ("heading", blocks.CharBlock(label=_("heading"))),
    ("paragraph", blocks.RichTextBlock(label=_("paragraph"))),
]
# The key under which the public page cache finds the editors' latest publication: a change
# of it starts a new generation of cached pages (cms.listings.cached_page).
STAMP_KEY = "public-editor-stamp"


def editor_stamp() -> str:
    return cache.get(STAMP_KEY) or "0"


def editor_stamp_renew() -> None:
    """An editor published, unpublished, moved or deleted a public page: cached public pages
    are built again. With a shared cache (CACHE_URL) at once in every process; with the
    default local-memory cache in this process at once, elsewhere within CACHE_SECONDS."""
    cache.set(STAMP_KEY, uuid.uuid4().hex, None)


class EditorTextPage(models.Model):
    """Heading, introduction and help text of a public page, in both languages. Blank fields
    show the default wording of the catalogue; the Chinese heading is the page's title."""

    title_en = models.CharField(_("title in English"), max_length=255, blank=True)
    intro = models.TextField(_("introduction"), blank=True)
    intro_en = models.TextField(_("introduction in English"), blank=True)
    body = StreamField(HELP_BLOCKS, verbose_name=_("help text"), blank=True)
    body_en = StreamField(HELP_BLOCKS, verbose_name=_("help text in English"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("title_en"), FieldPanel("intro_en"), FieldPanel("body_en")],
            heading=_("English"),
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    # The catalogue's wording, shown where the editor left a field blank.
    default_heading = ""
    default_intro = ""

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.title

    def text(self) -> dict:
        return page_text(type(self), self)


def page_text(page_class, page=None) -> dict:
    """The heading, introduction and help blocks of a public page in the request's language:
    the editor's where written, else the catalogue's."""
    english = not (get_language() or "zh-hans").startswith("zh")
    text = {
        "heading": str(page_class.default_heading),
        "intro": str(page_class.default_intro),
        "body": None,
        "page": page,
    }
    if page is None:
        return text
    heading, intro, body = (
        (page.title_en, page.intro_en, page.body_en)
        if english
        else (page.title, page.intro, page.body)
    )
    text.update(heading=heading or text["heading"], intro=intro or text["intro"], body=body)
    return text


def editor_text(page_class, page=None) -> dict:
    """``page_text`` of the given page, or of the live page of that type when a fixed URL
    serves it (one small query; the public pages are cached whole around it)."""
    if page is None:
        page = page_class.objects.live().first()
    return page_text(page_class, page)


class NeedsIndexPage(RoutablePageMixin, EditorTextPage, Page):
    """The list of published needs (/needs/) and each need's page below it."""

    default_heading = _("Needs")
    default_intro = _(
        "Households in hardship whose case was published with their consent. No name, address "
        "or identity number is ever shown: only the county, the kind of hardship and what is "
        "still missing."
    )

    class Meta:
        verbose_name = _("needs index page")

    @path("")
    def listing(self, request):
        from cms.public_views import needs_list

        return needs_list(request, editor_page=self)

    @path("<uuid:public_id>/")
    def need(self, request, public_id):
        from cms.public_views import need_detail

        return need_detail(request, public_id)


class ProjectsIndexPage(RoutablePageMixin, EditorTextPage, Page):
    """The list of open charity projects (/projects/) and each project's page below it."""

    default_heading = _("Charity projects")
    default_intro = _(
        "Projects of charities that take referrals of households in hardship. The money each "
        "holds is read from the platform's ledger."
    )

    class Meta:
        verbose_name = _("projects index page")

    @path("")
    def listing(self, request):
        from cms.public_views import projects_list

        return projects_list(request, editor_page=self)

    @path("<int:pk>/")
    def project(self, request, pk):
        from cms.public_views import project_detail

        return project_detail(request, pk)


class TransparencyPage(RoutablePageMixin, EditorTextPage, Page):
    """Where the money goes (/transparency/) and each fund's statement below it."""

    default_heading = _("Where the money goes")
    default_intro = _(
        "Every figure on this page is computed from the platform's double-entry ledger, where "
        "every yuan is recorded from the donor to the household it reached."
    )

    class Meta:
        verbose_name = _("transparency page")

    @path("")
    def figures(self, request):
        from cms.transparency import transparency

        return transparency(request, editor_page=self)

    @path("funds/<int:pk>/")
    def fund(self, request, pk):
        from cms.transparency import fund_statement

        return fund_statement(request, pk)


class NoticePage(RoutablePageMixin, EditorTextPage, Page):
    """The public notice of relief granted (公示, /notice/)."""

    default_heading = _("Public notice of relief granted")
    default_intro = _(
        "Temporary relief granted by the civil affairs offices, published as the social "
        "assistance rules require (公示). Only the surname is shown, followed by 某, with the "
        "county, the kind of hardship, the amount and the date: never a full name, identity "
        "number, phone or address."
    )

    class Meta:
        verbose_name = _("public notice page")

    @path("")
    def notice(self, request):
        from cms.notice import relief_notice

        return relief_notice(request, editor_page=self)


class DonatePage(RoutablePageMixin, EditorTextPage, Page):
    """Donate (/donate/) and the thanks after paying."""

    default_heading = _("Donate")
    default_intro = _(
        "Choose what to give to. Every yuan is recorded in the platform's ledger and can be "
        "followed to the household it reached."
    )

    class Meta:
        verbose_name = _("donate page")

    @path("")
    def form(self, request):
        from cms.donate import donate

        return donate(request, editor_page=self)

    @path("thanks/")
    def thanks(self, request):
        from cms.donate import donate_thanks

        return donate_thanks(request)


class ReportPage(RoutablePageMixin, EditorTextPage, Page):
    """Report someone in distress (/report/) and a report's status by its code."""

    default_heading = _("Report someone in distress")
    default_intro = _(
        "Tell the civil-affairs office where the person is and what happened. You will get a "
        "tracking code to follow the report. In an emergency, call 110 or 120 first."
    )

    class Meta:
        verbose_name = _("report page")

    @path("")
    def form(self, request):
        from cms.views import report_someone

        return report_someone(request, editor_page=self)

    @path("<str:code>/")
    def status(self, request, code):
        from cms.views import report_status

        return report_status(request, code)


class ApplyPage(RoutablePageMixin, EditorTextPage, Page):
    """我要求助 (/apply/): the online application, with how to apply in other ways as its help
    text, and the page after applying."""

    default_heading = _("Apply for help online")
    default_intro = _(
        "Tell the civil-affairs office what happened and how to reach you. The office of your "
        "county receives it at once and calls you back; you get a tracking code to follow it. "
        "You can also apply for someone who cannot do it themselves."
    )

    class Meta:
        verbose_name = _("apply page")

    @path("")
    def form(self, request):
        from cms.apply import apply_for_help

        return apply_for_help(request, editor_page=self)

    @path("<str:code>/")
    def sent(self, request, code):
        from cms.apply import apply_sent

        return apply_sent(request, code)


EDITOR_PAGE_TYPES = (
    NeedsIndexPage,
    ProjectsIndexPage,
    TransparencyPage,
    NoticePage,
    DonatePage,
    ReportPage,
    ApplyPage,
)


def _renew_on_change(sender, instance=None, **kwargs) -> None:
    if isinstance(instance, EDITOR_PAGE_TYPES):
        editor_stamp_renew()


def connect_signals() -> None:
    """Cached public pages are rebuilt when an editor publishes, unpublishes, moves or deletes
    one of these pages (called from CmsConfig.ready)."""
    from django.db.models.signals import post_delete
    from wagtail.signals import page_published, page_unpublished, post_page_move

    for signal in (page_published, page_unpublished, post_delete):
        signal.connect(_renew_on_change, dispatch_uid=f"cms-editor-stamp-{id(signal)}")
    post_page_move.connect(_renew_on_change, dispatch_uid="cms-editor-stamp-move")
