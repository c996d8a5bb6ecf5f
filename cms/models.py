"""Public site pages: the home page and policy publicity (issue 6 grows the rest)."""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from needs.models.assistance import AssistanceType


class HomeSectionBlock(blocks.StructBlock):
    """One section of the home page; its heading replaces the default one where written."""

    heading = blocks.CharBlock(label=_("heading"), required=False)
    heading_en = blocks.CharBlock(label=_("heading in English"), required=False)


class HomeTextBlock(HomeSectionBlock):
    text = blocks.RichTextBlock(label=_("text"), required=False)
    text_en = blocks.RichTextBlock(label=_("text in English"), required=False)


# The kinds of home page section, in their default order: (block name, label, block class).
HOME_SECTIONS = [
    ("services", _("service entries"), HomeSectionBlock),
    ("track", _("tracking-code look-up"), HomeSectionBlock),
    ("totals", _("money raised and delivered"), HomeSectionBlock),
    ("urgent_needs", _("urgent needs"), HomeSectionBlock),
    ("open_projects", _("open charity projects"), HomeSectionBlock),
    ("how_to_ask", _("how to ask for help"), HomeTextBlock),
]


class HomePage(Page):
    """The public front page: what the platform is and how to ask for help. Editors word its
    heading and introduction (in both languages) and choose and order its sections."""

    intro = models.CharField(_("intro"), max_length=255, blank=True)
    body = RichTextField(_("body"), blank=True)
    title_en = models.CharField(_("title in English"), max_length=255, blank=True)
    intro_en = models.CharField(_("intro in English"), max_length=255, blank=True)
    sections = StreamField(
        [(name, block(label=label)) for name, label, block in HOME_SECTIONS]
        + [("text", HomeTextBlock(label=_("text")))],
        verbose_name=_("sections"),
        help_text=_("The sections below the introduction, in this order; empty shows them all."),
        blank=True,
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("title_en"),
        FieldPanel("intro_en"),
        FieldPanel("sections"),
    ]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")

    def section_list(self) -> list[dict]:
        """The sections to show, in order, with the editor's heading and text in the
        request's language (None where the default wording shows)."""
        english = not (get_language() or "zh-hans").startswith("zh")
        chosen = [(block.block_type, block.value) for block in self.sections] or [
            (name, {}) for name, _label, _block in HOME_SECTIONS
        ]
        suffix = "_en" if english else ""
        return [
            {
                "template": f"cms/includes/home/{kind}.html",
                "heading": value.get(f"heading{suffix}") or None,
                "text": value.get(f"text{suffix}") or None,
            }
            for kind, value in chosen
        ]

    def get_context(self, request, *args, **kwargs):
        from cms.public_views import front_page_figures

        context = super().get_context(request, *args, **kwargs)
        context.update(front_page_figures())
        english = not (get_language() or "zh-hans").startswith("zh")
        context.update(
            heading=(self.title_en if english else "") or self.title,
            intro=(self.intro_en if english else "") or self.intro,
            sections=self.section_list(),
            # The body is written in Chinese only.
            show_body=not english,
        )
        return context


def _english() -> bool:
    return not (get_language() or "zh-hans").startswith("zh")


class EnglishHeadingMixin(models.Model):
    """A page's heading and introduction in English, shown to English readers where written
    (the Chinese ones otherwise)."""

    title_en = models.CharField(_("title in English"), max_length=255, blank=True)
    intro_en = models.CharField(_("intro in English"), max_length=255, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.title

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        english = _english()
        context["heading"] = (self.title_en if english else "") or self.title
        context["intro"] = (self.intro_en if english else "") or self.intro
        return context


STANDARD_BLOCKS = [
    ("heading", blocks.CharBlock(label=_("heading"))),
    ("paragraph", blocks.RichTextBlock(label=_("paragraph"))),
    ("attachment", DocumentChooserBlock(label=_("attachment"))),
]


class StandardPage(EnglishHeadingMixin, Page):
    """A plain content page: how to apply for help, contact, about the platform."""

    intro = models.CharField(_("intro"), max_length=255, blank=True)
    body = StreamField(STANDARD_BLOCKS, verbose_name=_("body"), blank=True)
    body_en = StreamField(STANDARD_BLOCKS, verbose_name=_("body in English"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("title_en"),
        FieldPanel("intro_en"),
        FieldPanel("body_en"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = _("standard page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["blocks"] = (self.body_en if _english() else None) or self.body
        return context


class PolicyIndexPage(EnglishHeadingMixin, Page):
    """Policy publicity (政策宣传): the policy documents below it, searchable and filtered by
    issuer, year, topic and whether they are still in force."""

    intro = models.CharField(_("intro"), max_length=255, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("title_en"),
        FieldPanel("intro_en"),
    ]
    subpage_types = ["cms.PolicyPage"]
    max_count = 1

    class Meta:
        verbose_name = _("policy index page")

    def get_context(self, request, *args, **kwargs):
        from cms.policies import policy_listing

        context = super().get_context(request, *args, **kwargs)
        context.update(policy_listing(self, request.GET))
        return context


class PolicyPageForm(WagtailAdminPageForm):
    """The policy page's admin form: topics are ticked from the list, not typed as JSON."""

    topics = forms.MultipleChoiceField(
        label=_("topics"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=lambda: PolicyPage.Topic.choices,
    )
    assistance_types = forms.MultipleChoiceField(
        label=_("assistance types it governs"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=lambda: AssistanceType.choices,
        help_text=_("The public page links each type to the 我要求助 form with that type chosen."),
    )


class PolicyPage(Page):
    """One policy document with its real metadata: number, issuer, date, status, topics."""

    class Status(models.TextChoices):
        IN_FORCE = "in_force", _("in force")
        REPEALED = "repealed", _("no longer in force")

    class Topic(models.TextChoices):
        TEMPORARY_RELIEF = "temporary_relief", _("temporary relief")
        ACTIVE_DISCOVERY = "active_discovery", _("active discovery")
        REFERRAL = "referral", _("referral and charity")
        SUPERVISION = "supervision", _("supervision and governance")
        ASSISTANCE_SYSTEM = "assistance_system", _("social assistance system")

    document_number = models.CharField(_("document number"), max_length=64, blank=True)
    issuer = models.CharField(_("issuing authority"), max_length=120)
    issued_on = models.DateField(_("issue date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.IN_FORCE
    )
    topics = models.JSONField(_("topics"), default=list, blank=True)
    # The assistance types (needs.AssistanceType codes) the policy governs (issue 20, item 7).
    assistance_types = models.JSONField(_("assistance types it governs"), default=list, blank=True)
    body = StreamField(
        [
            ("heading", blocks.CharBlock(label=_("heading"))),
            ("paragraph", blocks.TextBlock(label=_("paragraph"))),
            ("attachment", DocumentChooserBlock(label=_("attachment"))),
        ],
        verbose_name=_("body"),
        blank=True,
    )
    # The body as plain text, for the public search's Chinese bigram match (search.public):
    # the stored StreamField is JSON with escaped characters.
    search_text = models.TextField(editable=False, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("document_number"),
        FieldPanel("issuer"),
        FieldPanel("issued_on"),
        FieldPanel("status"),
        FieldPanel("topics"),
        FieldPanel("assistance_types"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("document_number"),
        index.SearchField("issuer"),
        index.SearchField("body"),
        index.FilterField("status"),
        index.FilterField("issued_on"),
        index.FilterField("issuer"),
    ]
    parent_page_types = ["cms.PolicyIndexPage"]
    subpage_types: list[str] = []
    base_form_class = PolicyPageForm

    class Meta:
        verbose_name = _("policy page")

    def save(self, *args, **kwargs):
        self.search_text = "\n".join(
            str(block.value) for block in self.body if block.block_type in ("heading", "paragraph")
        )
        return super().save(*args, **kwargs)

    def topic_labels(self) -> list[str]:
        names = dict(self.Topic.choices)
        return [str(names.get(code, code)) for code in self.topics]

    def assistance_links(self) -> list[tuple[str, str]]:
        """Each assistance type the policy governs, in the order of the types, with the
        我要求助 form chosen for it (cms.apply reads ``?type=``). A code no longer known is
        left out rather than shown raw."""
        url = reverse("apply-for-help")
        chosen = set(self.assistance_types or ())
        return [
            (str(label), f"{url}?{urlencode({'type': code})}")
            for code, label in AssistanceType.choices
            if code in chosen
        ]


# The editor-worded public pages live in their own module; imported here so Django finds them.
from cms.editor_pages import (  # noqa: E402, F401
    ApplyPage,
    DonatePage,
    NeedsIndexPage,
    NoticePage,
    ProjectsIndexPage,
    ReportPage,
    TransparencyPage,
)
