from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from core import filtersets, selectors, services
from core.api import serializers
from core.api.permissions import ReadOrPlatformAdmin, role_required
from core.models import Organisation, Region


class RegionViewSet(viewsets.ReadOnlyModelViewSet):
    """China's administrative divisions (public reference data)."""

    queryset = Region.objects.all()
    serializer_class = serializers.RegionSerializer
    filterset_class = filtersets.RegionFilterSet
    permission_classes = [AllowAny]
    lookup_field = "code"
    lookup_value_regex = "[0-9]{6}|[0-9]{12}"
    ordering_fields = ["code", "name"]

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.RegionDetailSerializer
        return super().get_serializer_class()


class OrganisationViewSet(
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Offices, departments, charities and enterprises. Staff read; platform admins register."""

    queryset = Organisation.objects.select_related("region").filter(is_active=True)
    serializer_class = serializers.OrganisationSerializer
    filterset_class = filtersets.OrganisationFilterSet
    permission_classes = [ReadOrPlatformAdmin]
    ordering_fields = ["name", "kind"]

    def perform_create(self, serializer):
        serializer.instance = services.organisation_create(
            by=self.request.user, **serializer.validated_data
        )

    @extend_schema(
        request=serializers.VerifySerializer, responses=serializers.OrganisationSerializer
    )
    @action(detail=True, methods=["post"])
    def verify(self, request, pk=None):
        """Mark a charity verified, or withdraw the mark."""
        data = serializers.VerifySerializer(data=request.data)
        data.is_valid(raise_exception=True)
        organisation = services.organisation_set_verified(
            by=request.user, organisation=self.get_object(), **data.validated_data
        )
        return Response(serializers.OrganisationSerializer(organisation).data)


class MembershipViewSet(
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Who holds which role where, limited to the reader's jurisdiction or organisations."""

    serializer_class = serializers.MembershipSerializer
    filterset_class = filtersets.MembershipFilterSet
    permission_classes = [ReadOrPlatformAdmin]

    def get_queryset(self):
        return selectors.memberships_visible_to(self.request.user)

    def perform_create(self, serializer):
        serializer.instance = services.membership_grant(
            by=self.request.user, **serializer.validated_data
        )

    @extend_schema(request=None, responses=serializers.MembershipSerializer)
    @action(detail=True, methods=["post"])
    def revoke(self, request, pk=None):
        membership = services.membership_revoke(by=request.user, membership=self.get_object())
        return Response(serializers.MembershipSerializer(membership).data)


class AuditEventViewSet(viewsets.ReadOnlyModelViewSet):
    """The audit log. Auditors and admins read all of it; supervisors the events of staff in
    their jurisdiction."""

    serializer_class = serializers.AuditEventSerializer
    filterset_class = filtersets.AuditEventFilterSet
    permission_classes = [role_required(*selectors.AUDIT_LOG_READERS)]

    def get_queryset(self):
        return selectors.audit_events_visible_to(self.request.user)


class TokenLoginView(ObtainAuthToken):
    """Exchange a username and password for an API token; rate limited like the admin login."""

    def get_serializer_context(self):
        # django-axes marks the Django request (not DRF's wrapper) when it locks a login out;
        # its middleware then answers with core.lockout.lockout_response.
        return {**super().get_serializer_context(), "request": self.request._request}


class MeView(APIView):
    """The signed-in user, their roles and what they may see."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=serializers.MeSerializer)
    def get(self, request):
        return Response(serializers.MeSerializer(request.user).data, status=status.HTTP_200_OK)
