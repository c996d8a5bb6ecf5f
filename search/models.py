"""What tells every server process that its in-memory index is out of date, and what changed."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class IndexStamp(models.Model):
    """Set to a new random token in the same transaction as any change to what one side of
    matching reads (``projects`` or ``needs``); each process compares it with the token it
    loaded. A token, not a counter: a rolled-back or restored database returns to an earlier
    token together with the data it names, where a counter could repeat with other data."""

    name = models.CharField(_("name"), max_length=16, primary_key=True)
    version = models.CharField(_("version"), max_length=32)

    class Meta:
        verbose_name = _("search index stamp")
        verbose_name_plural = _("search index stamps")

    def __str__(self) -> str:
        return f"{self.name}@{self.version}"


class IndexChange(models.Model):
    """Which objects one stamp change was about. ``prev_token`` -> ``token`` chains the
    changes, so a process applies them one by one only when the chain starts at the token it
    holds (otherwise, after a rollback or a restore, it reloads the side in full)."""

    side = models.CharField(_("side"), max_length=16)
    object_id = models.BigIntegerField(_("object id"))
    prev_token = models.CharField(max_length=32, blank=True)
    token = models.CharField(max_length=32)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("search index change")
        verbose_name_plural = _("search index changes")
        indexes = [models.Index(fields=["side", "id"], name="search_change_side_id")]

    def __str__(self) -> str:
        return f"{self.side}:{self.object_id}"
