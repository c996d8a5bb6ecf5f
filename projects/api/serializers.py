"""What the projects API reads and writes. Amounts are integer fen; regions are six-digit
GB/T 2260 codes. Serializers only check the shape of the input: the rules live in
projects.services."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api.serializers import RegionCodeField
from core.models import Organisation
from projects import eligibility
from projects.conditions import Condition, Sex
from projects.models import Project


class FenAmountField(serializers.IntegerField):
    """An amount in fen: a whole number greater than zero, never a float or a decimal string."""

    default_error_messages = {
        "invalid": _("An amount is an integer number of fen."),
        "min_value": _("The amount must be greater than zero."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if isinstance(data, bool | float) or (
            isinstance(data, str) and not data.strip().lstrip("-").isdigit()
        ):
            self.fail("invalid")
        return super().to_internal_value(data)


# A project covers case categories: the very choice set of a case's "category", so the schema
# points at that enum instead of declaring the same one again under another name.
@extend_schema_field({"$ref": "#/components/schemas/CategoryEnum"})
class CategoryField(serializers.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(choices=eligibility.category_choices(), **kwargs)


class ProjectSerializer(serializers.ModelSerializer):
    """A project as everyone reads it (the public reads open projects only)."""

    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    regions = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    region_names = serializers.SlugRelatedField(
        source="regions", slug_field="name", many=True, read_only=True
    )
    categories = serializers.ListField(child=CategoryField(), read_only=True)
    eligible_statuses = serializers.ListField(
        child=serializers.ChoiceField(choices=eligibility.household_status_choices()),
        read_only=True,
    )
    eligible_key_groups = serializers.ListField(
        child=serializers.ChoiceField(choices=eligibility.key_group_choices()), read_only=True
    )
    conditions = serializers.ListField(
        child=serializers.ChoiceField(choices=Condition.choices), read_only=True
    )
    # Empty when the project takes either sex: the schema says so (a read-only model choice
    # field would document the two values only).
    sex = serializers.ChoiceField(choices=Sex.choices, allow_blank=True, read_only=True)

    # What the project can still allocate, from its ledger account (never stored on the
    # project): annotated by the view's queryset (donors.selectors.with_available_fen).
    available_fen = serializers.IntegerField(read_only=True)
    # What 慈善中国 shows of the charity (core.charity_law): public registration facts.
    organisation_credit_code = serializers.CharField(
        source="organisation.credit_code", read_only=True
    )
    organisation_fundraising_certificate_number = serializers.CharField(
        source="organisation.fundraising_certificate_number", read_only=True
    )
    skills = serializers.ListField(child=serializers.CharField(), read_only=True)
    service_type = serializers.ChoiceField(
        choices=Project.ServiceType.choices, allow_blank=True, read_only=True
    )
    free_places = serializers.SerializerMethodField(
        help_text=_(
            "A service project's or volunteer team's places still free in the current period "
            "(projects.capacity); null for a funds project."
        )
    )

    class Meta:
        model = Project
        fields = [
            "id",
            "organisation",
            "organisation_name",
            "title",
            "description",
            "status",
            "categories",
            "regions",
            "region_names",
            "eligible_statuses",
            "eligible_key_groups",
            "eligibility_note",
            "age_min",
            "age_max",
            "sex",
            "conditions",
            "disability_grade_max",
            "requires_local_hukou",
            "per_case_cap_fen",
            "budget_target_fen",
            "accepts_partial_funding",
            "filing_number",
            "filing_starts_on",
            "filing_ends_on",
            "organisation_credit_code",
            "organisation_fundraising_certificate_number",
            "available_fen",
            "kind",
            "service_type",
            "skills",
            "places_per_period",
            "capacity_period",
            "free_places",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_free_places(self, project: Project) -> int | None:
        from projects.capacity import places_free

        return places_free(project)


class ProjectUpdateSerializer(serializers.Serializer):
    """The fields a charity may change on its project (PATCH): any subset of them."""

    title = serializers.CharField(max_length=200, required=False)
    description = serializers.CharField(allow_blank=True, required=False)
    categories = serializers.ListField(child=CategoryField(), required=False)
    regions = serializers.ListField(child=RegionCodeField(), required=False)
    eligible_statuses = serializers.ListField(
        child=serializers.ChoiceField(choices=eligibility.household_status_choices()),
        required=False,
    )
    eligible_key_groups = serializers.ListField(
        child=serializers.ChoiceField(choices=eligibility.key_group_choices()), required=False
    )
    eligibility_note = serializers.CharField(allow_blank=True, required=False)
    age_min = serializers.IntegerField(min_value=0, max_value=150, allow_null=True, required=False)
    age_max = serializers.IntegerField(min_value=0, max_value=150, allow_null=True, required=False)
    sex = serializers.ChoiceField(choices=Sex.choices, allow_blank=True, required=False)
    conditions = serializers.ListField(
        child=serializers.ChoiceField(choices=Condition.choices), required=False
    )
    disability_grade_max = serializers.IntegerField(
        min_value=1, max_value=4, allow_null=True, required=False
    )
    requires_local_hukou = serializers.BooleanField(required=False)
    per_case_cap_fen = FenAmountField(allow_null=True, required=False)
    budget_target_fen = FenAmountField(allow_null=True, required=False)
    accepts_partial_funding = serializers.BooleanField(required=False)
    filing_number = serializers.CharField(max_length=64, allow_blank=True, required=False)
    filing_starts_on = serializers.DateField(allow_null=True, required=False)
    filing_ends_on = serializers.DateField(allow_null=True, required=False)
    service_type = serializers.ChoiceField(
        choices=Project.ServiceType.choices, allow_blank=True, required=False
    )
    skills = serializers.ListField(
        child=serializers.CharField(max_length=50), required=False, max_length=30
    )
    places_per_period = serializers.IntegerField(min_value=1, allow_null=True, required=False)
    capacity_period = serializers.ChoiceField(choices=Project.Period.choices, required=False)

    def validate(self, attrs):
        # DRF would drop unknown keys silently; a client sending "status" or "organisation"
        # here must learn that nothing changed.
        unknown = sorted(set(getattr(self, "initial_data", {})) - set(self.fields))
        if unknown:
            raise serializers.ValidationError(
                {
                    name: serializers.ErrorDetail(
                        str(_("This field cannot be changed here.")), code="read_only"
                    )
                    for name in unknown
                }
            )
        return attrs


class ProjectCreateSerializer(ProjectUpdateSerializer):
    """A new project. Staff of a single charity may leave ``organisation`` out."""

    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.filter(kind=Organisation.Kind.CHARITY), required=False
    )
    title = serializers.CharField(max_length=200)
    kind = serializers.ChoiceField(
        choices=Project.Kind.choices,
        required=False,
        help_text=_("A funds project gives money; a service project or volunteer team, places."),
    )


class ProjectStatusChangeSerializer(serializers.Serializer):
    """Open, pause, resume or close: the status the project should move to (never back to
    draft)."""

    status = serializers.ChoiceField(
        choices=[(value, label) for value, label in Project.Status.choices if value != "draft"]
    )
