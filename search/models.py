"""What tells every server process that its in-memory index is out of date, and what changed."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class IndexStamp(models.Model):
    """The epoch of one side of matching (``projects`` or ``needs``): a random token set when
    the side is rebuilt, or when a reader finds none (a new or emptied database); a process
    holding another token reads the side in full. The row ``pruned`` holds the highest
    position removed from the change log (search.stamps)."""

    name = models.CharField(_("name"), max_length=16, primary_key=True)
    version = models.CharField(_("version"), max_length=32)

    class Meta:
        verbose_name = _("search index stamp")
        verbose_name_plural = _("search index stamps")

    def __str__(self) -> str:
        return f"{self.name}@{self.version}"


class IndexChange(models.Model):
    """One project or case that a transaction changed. ``position`` orders the rows by the
    transaction that wrote them (PostgreSQL: its transaction id; SQLite leaves it empty and
    orders by ``id``): search.stamps explains how readers use it."""

    side = models.CharField(_("side"), max_length=16)
    object_id = models.BigIntegerField(_("object id"))
    position = models.BigIntegerField(_("position"), null=True, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("search index change")
        verbose_name_plural = _("search index changes")
        indexes = [models.Index(fields=["position"], name="search_change_position")]

    def __str__(self) -> str:
        return f"{self.side}:{self.object_id}"
