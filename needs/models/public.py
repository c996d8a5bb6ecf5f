from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.money import FenField


class Need(models.Model):
    """The only public form of a case: anonymized, county-level, published with consent.

    Built by ``needs.services.public.need_preview`` from the case; never edited by hand except
    its title and story, which publishing re-checks for identifiers. ``remaining_gap_fen`` is
    the case's derived gap (needs.gap), kept equal to the case's by ``gap_refresh`` in the
    same transaction: a copy here so that the public list filters and sorts on an index.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")
        UNPUBLISHED = "unpublished", _("unpublished")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.OneToOneField("needs.Case", on_delete=models.PROTECT, related_name="need")
    title = models.CharField(_("title"), max_length=120)
    category = models.CharField(_("category"), max_length=16)
    region = models.ForeignKey("core.Region", on_delete=models.PROTECT, related_name="+")
    remaining_gap_fen = FenField(
        _("remaining gap (fen)"),
        editable=False,
        help_text=_("The case's remaining gap, the same figure as on every other screen."),
    )
    story = models.TextField(_("story"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, db_index=True)
    unpublished_at = models.DateTimeField(_("unpublished at"), null=True, blank=True)

    class Meta:
        ordering = ["-published_at"]
        # The public list: published needs, newest first, a page at a time, the amount
        # carried in the same index so that an amount filter and the count under it read
        # the index alone; and the count under the region and category filters, which would
        # otherwise read every published need (bench/public_pages.py). No index leads with
        # the amount: SQLite would take it for the page too and sort nearly every need
        # (130 ms for "at least ¥1,000").
        indexes = [
            models.Index(
                fields=["status", "-published_at", "-id", "remaining_gap_fen"],
                name="need_public_list",
            ),
            models.Index(fields=["status", "region"], name="need_status_region"),
            models.Index(fields=["status", "category"], name="need_status_category"),
        ]
        verbose_name = _("public need")
        verbose_name_plural = _("public needs")

    def __str__(self) -> str:
        return self.title
