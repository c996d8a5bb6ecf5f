from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.jurisdiction import scope_for, user_roles
from core.models import AuditEvent, Membership, Organisation, Region, User
from core.regions import region_get


class RegionCodeField(serializers.Field):
    """A region given and shown by its code: six digits (GB/T 2260) to the county, twelve
    (statistical division code) for a township or village."""

    default_error_messages = {"invalid": _("A region code is six digits (GB/T 2260).")}

    def to_representation(self, value: Region) -> str:
        return value.code

    def to_internal_value(self, data) -> Region:
        if not isinstance(data, str):
            self.fail("invalid")
        try:
            return region_get(data)
        except ValidationError as error:
            raise serializers.ValidationError(error.messages[0], code=error.code) from None


extend_schema_field({"type": "string", "pattern": "^([0-9]{6}|[0-9]{12})$", "example": "220104"})(
    RegionCodeField
)


class RegionSerializer(serializers.ModelSerializer):
    parent = serializers.CharField(source="parent_id", read_only=True, allow_null=True)

    class Meta:
        model = Region
        fields = ["code", "name", "name_en", "level", "parent"]


class RegionDetailSerializer(RegionSerializer):
    ancestors = RegionSerializer(many=True, read_only=True)
    full_name = serializers.CharField(read_only=True)

    class Meta(RegionSerializer.Meta):
        fields = [*RegionSerializer.Meta.fields, "full_name", "ancestors"]


class OrganisationSerializer(serializers.ModelSerializer):
    region = RegionCodeField()
    region_name = serializers.CharField(source="region.full_name", read_only=True)

    class Meta:
        model = Organisation
        fields = [
            "id",
            "name",
            "kind",
            "sector",
            "region",
            "region_name",
            "parent",
            "is_verified",
            "is_active",
            "credit_code",
            "registration_authority",
            "fundraising_certificate_number",
            "fundraising_qualified_from",
            "fundraising_qualified_until",
        ]
        read_only_fields = ["id", "is_active"]
        # The model's checks (the credit code's check character, the qualification's period)
        # run in the service, which names the field; a uniqueness clash is its own message.
        extra_kwargs = {"credit_code": {"validators": []}}


class VerifySerializer(serializers.Serializer):
    is_verified = serializers.BooleanField()


class MembershipSerializer(serializers.ModelSerializer):
    username = serializers.CharField(source="user.username", read_only=True)
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)

    class Meta:
        model = Membership
        fields = [
            "id",
            "user",
            "username",
            "organisation",
            "organisation_name",
            "role",
            "is_active",
            "created_at",
        ]
        read_only_fields = ["id", "is_active", "created_at"]


class ScopeSerializer(serializers.Serializer):
    everything = serializers.BooleanField()
    regions = serializers.ListField(child=serializers.CharField())
    organisations = serializers.ListField(child=serializers.IntegerField())


class MeSerializer(serializers.ModelSerializer):
    roles = serializers.SerializerMethodField()
    memberships = serializers.SerializerMethodField()
    scope = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = ["id", "username", "first_name", "last_name", "roles", "memberships", "scope"]

    def get_roles(self, user: User) -> list[str]:
        return sorted(user_roles(user))

    @extend_schema_field(MembershipSerializer(many=True))
    def get_memberships(self, user: User) -> list[dict]:
        active = user.memberships.filter(is_active=True).select_related("organisation", "user")
        return MembershipSerializer(active, many=True).data

    @extend_schema_field(ScopeSerializer)
    def get_scope(self, user: User) -> dict:
        scope = scope_for(user)
        return {
            "everything": scope.everything,
            "regions": [path.rsplit("/", 1)[-1] for path in scope.region_paths],
            "organisations": sorted(scope.organisation_ids),
        }


class AuditEventSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor.username", read_only=True, allow_null=True)
    object_type = serializers.CharField(source="object_type.model", read_only=True, allow_null=True)

    class Meta:
        model = AuditEvent
        fields = [
            "id",
            "created_at",
            "actor",
            "action",
            "object_type",
            "object_id",
            "object_repr",
            "changes",
            "request_id",
            "ip_address",
        ]
