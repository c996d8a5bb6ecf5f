"""Joint meetings in the API: the same selectors (jurisdiction; a department reads the cases
without household data) and services (one per step) as the back-office screens; every POST
takes an Idempotency-Key."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api.idempotency import idempotent
from core.api.permissions import role_required
from core.jurisdiction import DEPARTMENT_ROLES, GOVERNMENT_ROLES, has_role
from core.models import Organisation, User
from needs.models import Case
from supervision import selectors_meetings as sel
from supervision import services_meetings as sm
from supervision.filtersets_meetings import JointMeetingFilterSet, JointMeetingTaskFilterSet
from supervision.models import (
    JointMeeting,
    JointMeetingDecision,
    JointMeetingInvitation,
    JointMeetingMechanism,
    JointMeetingMember,
    JointMeetingTask,
)

READERS = (*sel.OFFICE_READERS, *DEPARTMENT_ROLES)


def _valid(serializer_class, request, **context) -> dict:
    serializer = serializer_class(data=request.data, context={"request": request, **context})
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _reader_text(serializer, meeting_id: int):
    """The selector's rule for what the convener typed (a member department reads it
    anonymized), once per meeting and request."""
    context = serializer.context
    texts = context.setdefault("meeting_texts", {})
    if meeting_id not in texts:
        meeting = JointMeeting.objects.get(pk=meeting_id)
        texts[meeting_id] = sel.meeting_text_for(context["request"].user, meeting)
    return texts[meeting_id]


# ---- mechanisms ----


class MeetingMemberSerializer(serializers.ModelSerializer):
    department_name = serializers.CharField(source="department.name", read_only=True)

    class Meta:
        model = JointMeetingMember
        fields = ["id", "department", "department_name", "contact", "added_at"]
        read_only_fields = fields


class MeetingMechanismSerializer(serializers.ModelSerializer):
    office_name = serializers.CharField(source="office.name", read_only=True)
    members = MeetingMemberSerializer(many=True, read_only=True)

    class Meta:
        model = JointMeetingMechanism
        fields = ["id", "office", "office_name", "name", "members", "created_at"]
        read_only_fields = fields


class MeetingMechanismCreateSerializer(serializers.Serializer):
    office = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    name = serializers.CharField(max_length=200)


class MeetingMemberAddSerializer(serializers.Serializer):
    department = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.none())
    contact = serializers.PrimaryKeyRelatedField(queryset=User.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Departments of the convening office's jurisdiction and their staff: any other pk
        # is an invalid pk, so the answer names no department outside it.
        mechanism = self.context.get("mechanism")
        if mechanism is not None:
            joinable = sm.departments_joinable(mechanism)
            self.fields["department"].queryset = joinable
            self.fields["contact"].queryset = User.objects.filter(
                is_active=True, memberships__organisation__in=joinable
            ).distinct()


class MechanismViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Joint-meeting mechanisms (联席会议制度) and their member units."""

    serializer_class = MeetingMechanismSerializer
    permission_classes = [role_required(*READERS)]
    filterset_fields = ["office"]

    def get_queryset(self):
        return sel.mechanisms_visible_to(self.request.user).prefetch_related("members__department")

    @extend_schema(request=MeetingMechanismCreateSerializer, responses=MeetingMechanismSerializer)
    @idempotent
    def create(self, request, *args, **kwargs):
        mechanism = sm.mechanism_create(
            by=request.user, **_valid(MeetingMechanismCreateSerializer, request)
        )
        return Response(MeetingMechanismSerializer(mechanism).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=MeetingMemberAddSerializer, responses=MeetingMemberSerializer)
    @action(detail=True, methods=["post"])
    @idempotent
    def members(self, request, pk=None):
        """Add a member unit with its contact person."""
        mechanism = self.get_object()
        member = sm.member_add(
            by=request.user,
            mechanism=mechanism,
            **_valid(MeetingMemberAddSerializer, request, mechanism=mechanism),
        )
        return Response(MeetingMemberSerializer(member).data, status=status.HTTP_201_CREATED)


# ---- meetings ----


class MeetingCaseSerializer(serializers.Serializer):
    """A case as the reader may read it: a department reads what a referral shows."""

    id = serializers.IntegerField(source="pk")
    number = serializers.CharField()
    category = serializers.CharField()
    urgency = serializers.CharField()
    county = serializers.CharField()
    situation = serializers.CharField()


class MeetingInvitationSerializer(serializers.ModelSerializer):
    department_name = serializers.CharField(source="department.name", read_only=True)
    answer_label = serializers.CharField(source="get_answer_display", read_only=True)
    attendance_label = serializers.CharField(source="get_attendance_display", read_only=True)

    class Meta:
        model = JointMeetingInvitation
        fields = [
            "id",
            "department",
            "department_name",
            "answer",
            "answer_label",
            "answer_note",
            "answered_at",
            "attendance",
            "attendance_label",
        ]
        read_only_fields = fields


class MeetingTaskSerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = JointMeetingTask
        fields = [
            "id",
            "meeting",
            "decision",
            "unit",
            "unit_name",
            "description",
            "due_on",
            "status",
            "status_label",
            "done_note",
            "done_at",
            "assigned_at",
        ]
        read_only_fields = fields

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["description"] = _reader_text(self, instance.meeting_id)(instance.description)
        return data


class MeetingDecisionSerializer(serializers.ModelSerializer):
    case_number = serializers.CharField(source="case.number", read_only=True, default=None)

    class Meta:
        model = JointMeetingDecision
        fields = ["id", "case", "case_number", "text", "recorded_at"]
        read_only_fields = fields

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["text"] = _reader_text(self, instance.meeting_id)(instance.text)
        return data


class MeetingSerializer(serializers.ModelSerializer):
    office = serializers.IntegerField(source="mechanism.office_id", read_only=True)
    office_name = serializers.CharField(source="mechanism.office.name", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = JointMeeting
        fields = [
            "id",
            "mechanism",
            "office",
            "office_name",
            "title",
            "held_at",
            "place",
            "agenda",
            "status",
            "status_label",
            "convened_at",
            "closing_summary",
            "closed_at",
        ]
        read_only_fields = fields

    def to_representation(self, instance):
        data = super().to_representation(instance)
        text = _reader_text(self, instance.pk)
        data["agenda"] = text(instance.agenda)
        data["closing_summary"] = text(instance.closing_summary)
        return data


class MeetingDetailSerializer(MeetingSerializer):
    cases = serializers.SerializerMethodField()
    invitations = MeetingInvitationSerializer(many=True, read_only=True)
    decisions = MeetingDecisionSerializer(many=True, read_only=True)
    tasks = MeetingTaskSerializer(many=True, read_only=True)

    class Meta(MeetingSerializer.Meta):
        fields = [*MeetingSerializer.Meta.fields, "cases", "invitations", "decisions", "tasks"]
        read_only_fields = fields

    @extend_schema(responses=MeetingCaseSerializer(many=True))
    def get_cases(self, meeting) -> list[dict]:
        rows = sel.meeting_cases_for(self.context["request"].user, meeting)
        return MeetingCaseSerializer(rows, many=True).data


class MeetingConveneSerializer(serializers.Serializer):
    mechanism = serializers.PrimaryKeyRelatedField(queryset=JointMeetingMechanism.objects.all())
    title = serializers.CharField(max_length=200)
    held_at = serializers.DateTimeField()
    place = serializers.CharField(max_length=200)
    agenda = serializers.CharField()
    cases = serializers.PrimaryKeyRelatedField(
        queryset=Case.objects.none(), many=True, required=False
    )
    departments = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(),
        many=True,
        required=False,
        help_text=gettext_lazy("Member units to invite; all of them when left out."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the cases the caller may put on an agenda: any other pk is an invalid pk, so
        # the answer never turns a pk into a case number.
        request = self.context.get("request")
        if request is not None:
            self.fields["cases"].child_relation.queryset = sel.cases_to_discuss(request.user)


class MeetingAnswerSerializer(serializers.Serializer):
    attending = serializers.BooleanField()
    note = serializers.CharField(max_length=200, required=False, allow_blank=True)


class MeetingAttendanceSerializer(serializers.Serializer):
    present = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all(), many=True)


class MeetingDecisionRecordSerializer(serializers.Serializer):
    text = serializers.CharField()
    case = serializers.PrimaryKeyRelatedField(
        queryset=Case.objects.all(), required=False, allow_null=True
    )


class MeetingTaskAssignSerializer(serializers.Serializer):
    decision = serializers.IntegerField()
    unit = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    description = serializers.CharField()
    due_on = serializers.DateField()


class MeetingCloseSerializer(serializers.Serializer):
    summary = serializers.CharField(required=False, allow_blank=True)


class MeetingTaskDoneSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=5000)


class MeetingViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Joint meetings (联席会议) the reader's office convened or the reader's unit is invited
    to; a department reads the cases without household data."""

    permission_classes = [role_required(*READERS)]
    filterset_class = JointMeetingFilterSet

    def get_serializer_class(self):
        return MeetingDetailSerializer if self.action != "list" else MeetingSerializer

    def get_queryset(self):
        return sel.meetings_visible_to(self.request.user).order_by("-held_at", "-pk")

    def _detail(self, meeting, code=status.HTTP_200_OK) -> Response:
        meeting = self.get_queryset().get(pk=meeting.pk)
        return Response(
            MeetingDetailSerializer(meeting, context={"request": self.request}).data, code
        )

    @extend_schema(request=MeetingConveneSerializer, responses=MeetingDetailSerializer)
    @idempotent
    def create(self, request, *args, **kwargs):
        """Convene a meeting and invite the member units."""
        # Government staff only, as on the convening screen: a department is refused before
        # its input is read (the service checks the convening office itself).
        if not has_role(request.user, *GOVERNMENT_ROLES):
            raise PermissionDenied(_("Only the staff of the convening office do this."))
        data = _valid(MeetingConveneSerializer, request)
        departments = data.pop("departments", None)
        meeting = sm.meeting_convene(
            by=request.user, departments=departments, cases=data.pop("cases", []), **data
        )
        return self._detail(meeting, status.HTTP_201_CREATED)

    @extend_schema(request=MeetingAnswerSerializer, responses=MeetingDetailSerializer)
    @action(detail=True, methods=["post"], url_path=r"invitations/(?P<invitation_id>\d+)/answer")
    @idempotent
    def answer(self, request, pk=None, invitation_id=None):
        """The invited unit answers whether it will attend."""
        meeting = self.get_object()
        invitation = get_object_or_404(meeting.invitations.all(), pk=invitation_id)
        sm.invitation_answer(
            by=request.user, invitation=invitation, **_valid(MeetingAnswerSerializer, request)
        )
        return self._detail(meeting)

    @extend_schema(request=MeetingAttendanceSerializer, responses=MeetingDetailSerializer)
    @action(detail=True, methods=["post"])
    @idempotent
    def attendance(self, request, pk=None):
        meeting = sm.attendance_record(
            by=request.user,
            meeting=self.get_object(),
            **_valid(MeetingAttendanceSerializer, request),
        )
        return self._detail(meeting)

    @extend_schema(request=MeetingDecisionRecordSerializer, responses=MeetingDetailSerializer)
    @action(detail=True, methods=["post"])
    @idempotent
    def decisions(self, request, pk=None):
        meeting = self.get_object()
        sm.decision_record(
            by=request.user, meeting=meeting, **_valid(MeetingDecisionRecordSerializer, request)
        )
        return self._detail(meeting, status.HTTP_201_CREATED)

    @extend_schema(request=MeetingTaskAssignSerializer, responses=MeetingTaskSerializer)
    @action(detail=True, methods=["post"])
    @idempotent
    def tasks(self, request, pk=None):
        """Assign a follow-up task of one of the meeting's decisions to an invited unit."""
        meeting = self.get_object()
        data = _valid(MeetingTaskAssignSerializer, request)
        decision = get_object_or_404(meeting.decisions.all(), pk=data.pop("decision"))
        task = sm.task_assign(by=request.user, decision=decision, **data)
        return Response(
            MeetingTaskSerializer(task, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(request=MeetingCloseSerializer, responses=MeetingDetailSerializer)
    @action(detail=True, methods=["post"])
    @idempotent
    def close(self, request, pk=None):
        """Close the meeting; refused while a follow-up task is open."""
        meeting = sm.meeting_close(
            by=request.user, meeting=self.get_object(), **_valid(MeetingCloseSerializer, request)
        )
        return self._detail(meeting)


class TaskViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Follow-up tasks of joint meetings, tracked to done by their units."""

    serializer_class = MeetingTaskSerializer
    permission_classes = [role_required(*READERS)]
    filterset_class = JointMeetingTaskFilterSet

    def get_queryset(self):
        return sel.tasks_visible_to(self.request.user).order_by("due_on", "pk")

    @extend_schema(request=MeetingTaskDoneSerializer, responses=MeetingTaskSerializer)
    @action(detail=True, methods=["post"])
    @idempotent
    def done(self, request, pk=None):
        """The unit the task is assigned to marks it done with a note."""
        task = sm.task_done(
            by=request.user, task=self.get_object(), **_valid(MeetingTaskDoneSerializer, request)
        )
        return Response(MeetingTaskSerializer(task, context={"request": request}).data)


__all__ = ["MechanismViewSet", "MeetingViewSet", "TaskViewSet"]
