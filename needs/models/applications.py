"""Applications for help filed online by the person in hardship or by someone helping them
(我要求助 / 代理申请 on the public site, as 赣服通's 在线申请 and 代理他人申请 in the seeds).

The application becomes a case at once (channel ``online``), waiting in the office's 待办 to
be accepted like any other. What the person wrote lives where every case's data lives: the
household (region, township, the person's name and phone) and the case (category, what
happened). The helper of a proxy application is recorded as a contact outside the household,
so their name and phone are encrypted at rest (needs/crypto.py) and shown to staff only on the
case page, whose reads are logged. This row keeps what is the application's own: the tracking
code the applicant follows it by, who applied, and when they agreed to be contacted.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from needs.models.assistance import AssistanceType
from needs.models.cases import Case
from needs.models.households import HouseholdContact


class OnlineApplication(models.Model):
    """One application from the public site: its tracking code and its consents."""

    class AppliedBy(models.TextChoices):
        SELF = "self", _("the person themselves")
        PROXY = "proxy", _("someone on their behalf")

    tracking_code = models.CharField(_("tracking code"), max_length=16, unique=True)
    applied_by = models.CharField(_("applied by"), max_length=8, choices=AppliedBy.choices)
    case = models.OneToOneField(
        Case, on_delete=models.PROTECT, related_name="online_application", verbose_name=_("case")
    )
    # A proxy application's helper (their name, phone and relation, encrypted on the contact).
    helper = models.OneToOneField(
        HouseholdContact,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="online_application",
        verbose_name=_("helper"),
    )
    # Nothing is kept without these: the form refuses an application without them.
    contact_consent_at = models.DateTimeField(_("agreed to be contacted at"))
    person_agreed = models.BooleanField(
        _("the person knows of the application and agrees"),
        default=True,
        help_text=_(
            "A helper confirms it on a proxy application; a person applying for themselves "
            "agrees by applying."
        ),
    )
    # The assistance the person asks for, if they know it (issue 20 item 7): staff applying for
    # assistance from the case start with this type.
    assistance_type = models.CharField(
        _("assistance asked for"), max_length=24, choices=AssistanceType.choices, blank=True
    )
    applied_at = models.DateTimeField(_("applied at"), auto_now_add=True)

    class Meta:
        ordering = ["-applied_at", "-id"]
        verbose_name = _("online application")
        verbose_name_plural = _("online applications")

    def __str__(self) -> str:
        return self.tracking_code
