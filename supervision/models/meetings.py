"""Joint meetings (救急难工作联席会议, 会商; seeds 000 and 001): a government office convenes the
member units of its joint-meeting mechanism (the departments: finance, education, human
resources, health, housing...) to decide complex 急难 cases together; decisions become
follow-up tasks assigned to member units with deadlines, tracked to done.

Departments read a meeting's cases only as a referral shows them (no household data);
every change goes through supervision.services_meetings.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class JointMeetingMechanism(models.Model):
    """An office's joint-meeting mechanism (联席会议制度): one per convening office; the
    office (民政牵头) keeps the secretariat and convenes."""

    office = models.OneToOneField(
        "core.Organisation",
        on_delete=models.PROTECT,
        related_name="joint_meeting_mechanism",
        verbose_name=_("convening office"),
    )
    name = models.CharField(_("name"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["office__name"]
        verbose_name = _("joint-meeting mechanism")
        verbose_name_plural = _("joint-meeting mechanisms")

    def __str__(self) -> str:
        return self.name


class JointMeetingMember(models.Model):
    """A member unit (成员单位): a department of the platform, with its contact person."""

    mechanism = models.ForeignKey(
        JointMeetingMechanism, on_delete=models.CASCADE, related_name="members"
    )
    department = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        related_name="joint_meeting_memberships",
        verbose_name=_("member unit"),
    )
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("contact person"),
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        ordering = ["mechanism", "department__name"]
        verbose_name = _("member unit")
        verbose_name_plural = _("member units")
        constraints = [
            models.UniqueConstraint(
                fields=["mechanism", "department"], name="joint_meeting_member_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.mechanism} · {self.department}"


class JointMeeting(models.Model):
    """One meeting convened by the office: when, where, the agenda and the cases it decides.
    It closes only when every follow-up task is done."""

    class Status(models.TextChoices):
        CONVENED = "convened", _("convened")
        CLOSED = "closed", _("closed")

    mechanism = models.ForeignKey(
        JointMeetingMechanism,
        on_delete=models.PROTECT,
        related_name="meetings",
        verbose_name=_("joint-meeting mechanism"),
    )
    title = models.CharField(_("title"), max_length=200)
    held_at = models.DateTimeField(_("held at"), db_index=True)
    place = models.CharField(_("place"), max_length=200)
    agenda = models.TextField(_("agenda"))
    cases = models.ManyToManyField(
        "needs.Case", related_name="joint_meetings", blank=True, verbose_name=_("cases")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.CONVENED
    )
    convened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    convened_at = models.DateTimeField(_("convened at"), auto_now_add=True)
    closing_summary = models.TextField(_("closing summary"), blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        ordering = ["-held_at", "-id"]
        verbose_name = _("joint meeting")
        verbose_name_plural = _("joint meetings")

    def __str__(self) -> str:
        return self.title


class JointMeetingInvitation(models.Model):
    """A member unit invited to a meeting: its answer, then its attendance as recorded."""

    class Answer(models.TextChoices):
        PENDING = "", pgettext_lazy("invitation", "not answered")
        ATTENDING = "attending", _("will attend")
        DECLINED = "declined", _("cannot attend")

    class Attendance(models.TextChoices):
        UNRECORDED = "", _("not recorded")
        PRESENT = "present", _("present")
        ABSENT = "absent", _("absent")

    meeting = models.ForeignKey(JointMeeting, on_delete=models.CASCADE, related_name="invitations")
    department = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("member unit"),
    )
    answer = models.CharField(
        _("answer"), max_length=12, choices=Answer.choices, blank=True, default=""
    )
    answer_note = models.CharField(_("note"), max_length=200, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    attendance = models.CharField(
        _("attendance"), max_length=12, choices=Attendance.choices, blank=True, default=""
    )

    class Meta:
        ordering = ["meeting", "department__name"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "department"], name="joint_meeting_invitation_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.meeting} · {self.department}"


class JointMeetingDecision(models.Model):
    """What the meeting decided (会商意见), optionally about one of its cases."""

    meeting = models.ForeignKey(JointMeeting, on_delete=models.CASCADE, related_name="decisions")
    case = models.ForeignKey(
        "needs.Case",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("case"),
    )
    text = models.TextField(_("decision"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["meeting", "recorded_at", "id"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return f"{self.meeting} · {self.pk}"


class JointMeetingTask(models.Model):
    """A follow-up task (落实事项) of a decision, assigned to a member unit with a deadline;
    marked done by that unit with a note."""

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("follow-up task", "open")
        DONE = "done", pgettext_lazy("follow-up task", "done")

    decision = models.ForeignKey(
        JointMeetingDecision, on_delete=models.CASCADE, related_name="tasks"
    )
    # Denormalised from the decision so that 待办 and the dashboard filter without a join.
    meeting = models.ForeignKey(JointMeeting, on_delete=models.CASCADE, related_name="tasks")
    unit = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        related_name="joint_meeting_tasks",
        verbose_name=_("member unit"),
    )
    description = models.TextField(_("what to do"))
    due_on = models.DateField(_("due on"), db_index=True)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.OPEN
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    assigned_at = models.DateTimeField(_("assigned at"), auto_now_add=True)
    done_note = models.TextField(_("what was done"), blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("follow-up task")
        verbose_name_plural = _("follow-up tasks")
        indexes = [models.Index(fields=["status", "due_on"])]

    def __str__(self) -> str:
        return f"{self.unit} · {self.due_on:%Y-%m-%d}"
