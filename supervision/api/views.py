"""The read log in the API: the same readers, filters and rows as the back-office screen
(supervision.read_log), paginated like every list."""

from __future__ import annotations

from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets

from core.api.permissions import role_required
from supervision.read_log import (
    READ_LOG_READERS,
    PersonalDataReadFilterSet,
    personal_data_reads_visible_to,
    read_rows,
)


class ReadRowSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    reader = serializers.CharField(help_text=gettext_lazy("The reader's name, family name first."))
    username = serializers.CharField()
    record = serializers.CharField(help_text=gettext_lazy("The kind of record read."))
    fields = serializers.CharField(
        help_text=gettext_lazy("Which kinds of data were read (never their values).")
    )
    household_id = serializers.IntegerField(allow_null=True)
    case_number = serializers.CharField()
    purpose = serializers.CharField()


class PersonalDataReadViewSet(viewsets.GenericViewSet):
    """Who read which household's personal data, when and why: auditors and platform
    administrators all of it, supervisors the reads of records in their jurisdiction."""

    permission_classes = [role_required(*READ_LOG_READERS)]
    filterset_class = PersonalDataReadFilterSet
    serializer_class = ReadRowSerializer

    def get_queryset(self):
        return personal_data_reads_visible_to(self.request.user).order_by("-created_at", "-pk")

    @extend_schema(responses=ReadRowSerializer(many=True))
    def list(self, request):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        rows = ReadRowSerializer(list(read_rows(page)), many=True).data
        return self.get_paginated_response(rows)
