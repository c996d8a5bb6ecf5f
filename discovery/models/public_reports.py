"""Reports of someone in distress from the public (主动发现, seed 003). The table keeps its name
from when it lived in ``cms`` (issue 19)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PublicReport(models.Model):
    """Someone in distress reported by a member of the public (主动发现, seed 003): routed to
    the civil-affairs office of the region; the reporter follows it by tracking code, which
    shows the status only."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("received")
        HANDLING = "handling", _("being handled")
        CLOSED = "closed", _("closed")

    class Channel(models.TextChoices):
        """How the report reached the office: the public site's form, or a message picked up by
        staff from one of the other intake channels seed 000 names. The values are the cases'
        channels (needs Case.Channel), so a report made into a case keeps its channel; the
        web form's reports become cases of the public-report channel."""

        WEB_FORM = "public_report", _("public site form")
        WECHAT_GROUP = "wechat_group", _("WeChat group")
        QQ_GROUP = "qq_group", _("QQ group")
        WISH_WALL = "wish_wall", _("wish wall")
        MAILBOX = "mailbox", _("public mailbox")
        SURVEY = "survey", _("concentrated survey")
        HOTLINE = "hotline", _("hotline 12349")
        WALK_IN = "walk_in", _("walk-in")

    tracking_code = models.CharField(_("tracking code"), max_length=16, unique=True)
    region = models.ForeignKey(
        "core.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("region")
    )
    office = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="public_reports",
        verbose_name=_("office"),
    )
    channel = models.CharField(
        _("channel"), max_length=16, choices=Channel.choices, default=Channel.WEB_FORM
    )
    what_happened = models.TextField(_("what happened"))
    reporter_contact = models.CharField(_("reporter's contact"), max_length=100, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.RECEIVED
    )
    created_at = models.DateTimeField(_("reported at"), auto_now_add=True)
    case = models.OneToOneField(
        "needs.Case",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="public_report",
        verbose_name=_("case"),
    )

    class Meta:
        db_table = "cms_publicreport"
        verbose_name = _("public report")
        verbose_name_plural = _("public reports")

    def __str__(self) -> str:
        return self.tracking_code

    @property
    def public_status(self) -> str:
        """What the reporter sees: the report's own status, closed once the case it became is
        closed (the case's details never show)."""
        if self.case_id and self.case.status == "closed":
            return self.Status.CLOSED.label
        return self.get_status_display()
