"""Version stamps that tell every server process when its in-memory index is out of date."""

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
