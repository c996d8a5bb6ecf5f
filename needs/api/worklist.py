"""``GET /api/v1/me/worklist/``: the signed-in user's 待办, the same lists as the dashboard
(needs.worklist), for a mobile client or another system."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from needs.worklist import due_words, worklist_for


class WorkItemSerializer(serializers.Serializer):
    title = serializers.CharField(help_text="What: a case number, or the record's name.")
    detail = serializers.CharField()
    link = serializers.CharField(help_text="The back-office screen where it is done.")
    due_at = serializers.DateTimeField(allow_null=True)
    due_on = serializers.DateField(allow_null=True)
    due_text = serializers.CharField(help_text="When it is due, in words and local time.")
    overdue = serializers.BooleanField()

    def to_representation(self, instance):
        data = super().to_representation(
            {**instance.__dict__, "due_text": due_words(instance, self.context.get("now"))}
        )
        return data


class WorkListSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text="Which kind of work, e.g. cases_to_accept.")
    label = serializers.CharField()
    count = serializers.IntegerField(help_text="How many wait (the items are the first few).")
    overdue = serializers.IntegerField(help_text="How many of them are overdue.")
    list_link = serializers.CharField(allow_blank=True)
    items = WorkItemSerializer(many=True)


class WorklistSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    overdue = serializers.IntegerField()
    lists = WorkListSerializer(many=True)


class WorklistView(APIView):
    """What waits for the signed-in user or their office: one list per kind of work that is
    theirs (an empty one means nothing waits), each counted, with its most urgent items."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=WorklistSerializer)
    def get(self, request):
        now = timezone.now()
        lists = worklist_for(request.user, now=now)
        data = {
            "count": sum(work.count for work in lists),
            "overdue": sum(work.overdue for work in lists),
            "lists": lists,
        }
        return Response(WorklistSerializer(data, context={"now": now}).data)
