"""What the matching API returns: every result with the rules it passed and what each signal
contributed. A charity's view of needs carries no name, number, address or story of its own:
only the category, county, amounts and the published anonymized need, if any."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers


class LimitSerializer(serializers.Serializer):
    limit = serializers.IntegerField(
        min_value=1,
        max_value=100,
        required=False,
        help_text=_("How many results, 1 to 100."),
    )


class RuleSerializer(serializers.Serializer):
    code = serializers.CharField()
    passed = serializers.BooleanField()
    text = serializers.CharField()


class SignalSerializer(serializers.Serializer):
    code = serializers.CharField()
    value = serializers.FloatField(help_text=_("From 0 to 1."))
    weight = serializers.IntegerField()
    points = serializers.FloatField(help_text=_("value × weight: what it added to the score."))
    text = serializers.CharField()


class MatchedProjectSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    organisation = serializers.IntegerField(source="organisation_id")
    organisation_name = serializers.CharField()
    per_case_cap_fen = serializers.IntegerField(source="cap_fen", allow_null=True)
    accepts_partial_funding = serializers.BooleanField(source="accepts_partial")


class MatchedNeedSerializer(serializers.Serializer):
    """An anonymized need: enough to judge the fit, nothing to identify the household."""

    case = serializers.IntegerField(
        source="case_id",
        help_text=_("The case's id, to offer help for it (POST /api/v1/offers/)."),
    )
    category = serializers.CharField()
    county = serializers.CharField(source="county_name")
    region = serializers.SerializerMethodField()
    gap_fen = serializers.IntegerField()
    urgency = serializers.IntegerField()
    waiting_days = serializers.FloatField()
    need_public_id = serializers.CharField(allow_null=True)
    need_title = serializers.CharField()

    def get_region(self, need) -> str:
        return need.region_path[-1]


class MatchedFundSerializer(serializers.Serializer):
    """The special fund whose money passes the money rule, when the project's own does not."""

    kind = serializers.SerializerMethodField(help_text=_("Always special_fund."))
    id = serializers.IntegerField()
    name = serializers.CharField()
    owner = serializers.IntegerField(source="owner_id")
    owner_name = serializers.CharField()
    enterprise = serializers.BooleanField(
        help_text=_("An enterprise's fund: its own fund managers commit it, not the charity.")
    )
    available_fen = serializers.IntegerField()

    def get_kind(self, fund) -> str:
        return "special_fund"


class ProjectMatchSerializer(serializers.Serializer):
    score = serializers.FloatField(help_text=_("Sum of the signals' points, 0 to 100."))
    project = MatchedProjectSerializer()
    fund = MatchedFundSerializer(allow_null=True)
    rules = RuleSerializer(many=True)
    signals = SignalSerializer(many=True)


class FundMatchSerializer(serializers.Serializer):
    """A special fund that may pay for the case, listed beside the projects."""

    fund = MatchedFundSerializer()
    rules = RuleSerializer(many=True)


class NeedMatchSerializer(serializers.Serializer):
    score = serializers.FloatField(help_text=_("Sum of the signals' points, 0 to 100."))
    need = MatchedNeedSerializer()
    fund = MatchedFundSerializer(allow_null=True)
    rules = RuleSerializer(many=True)
    signals = SignalSerializer(many=True)


class ProposalSourceSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=["project", "fund"],
        help_text=_(
            "The project's own money, or a special fund (of its charity, or an enterprise's)."
        ),
    )
    id = serializers.IntegerField()
    name = serializers.CharField()
    amount_fen = serializers.IntegerField()


class ProposalShareSerializer(serializers.Serializer):
    project = serializers.IntegerField()
    title = serializers.CharField()
    amount_fen = serializers.IntegerField()
    sources = ProposalSourceSerializer(many=True)


class ProposedReferralSerializer(serializers.Serializer):
    case = serializers.IntegerField()
    number = serializers.CharField()
    urgency = serializers.IntegerField()
    gap_fen = serializers.IntegerField()
    shares = ProposalShareSerializer(many=True)


class UncoveredSerializer(serializers.Serializer):
    case = serializers.IntegerField()
    number = serializers.CharField()
    urgency = serializers.IntegerField()
    uncovered_fen = serializers.IntegerField()


class ProposedServiceSerializer(serializers.Serializer):
    case = serializers.IntegerField()
    number = serializers.CharField()
    urgency = serializers.IntegerField()
    project = serializers.IntegerField(
        help_text=_("The service project or volunteer team proposed: one of its free places.")
    )
    title = serializers.CharField()


class ProposalSerializer(serializers.Serializer):
    cases = serializers.IntegerField(help_text=_("Cases ready for referral considered."))
    covered_fen = serializers.IntegerField()
    uncovered_fen = serializers.IntegerField()
    weighted_covered = serializers.IntegerField(
        help_text=_("Fen covered times the urgency weight (normal 1, urgent 2, critical 4).")
    )
    referrals = ProposedReferralSerializer(many=True)
    services = ProposedServiceSerializer(many=True)
    uncovered = UncoveredSerializer(many=True)
