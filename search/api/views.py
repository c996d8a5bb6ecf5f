"""GET the matches of a case (caseworkers: ranked projects) and of a project (its charity:
ranked anonymized needs), each result with its explanation."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.permissions import role_required
from core.jurisdiction import GOVERNMENT_ROLES
from needs import selectors as case_selectors
from needs.filtersets import ProposalFilterSet
from needs.models import Case
from projects import selectors as project_selectors
from projects.models import Project
from search.api import serializers as s
from search.engine import funds_for, get_engine
from search.facts import need_facts
from search.proposal_report import ProposalTooLarge, proposal_for


def _limit(request, default: int) -> int:
    query = s.LimitSerializer(data=request.query_params)
    query.is_valid(raise_exception=True)
    return query.validated_data.get("limit", default)


def _refuse(field: str, message: str, code: str):
    raise serializers.ValidationError({field: [serializers.ErrorDetail(message, code=code)]})


def _ready_case(request, pk: int):
    """The matching facts of a case the reader may see (404 otherwise), refused if the case is
    not ready for referral."""
    case = get_object_or_404(case_selectors.cases_visible_to(request.user), pk=pk)
    facts = need_facts(Case.objects.filter(pk=case.pk))
    if not facts:
        _refuse(
            "case",
            _(
                "This case is not ready for referral: it needs relief given (or an "
                "emergency) and a remaining gap recorded."
            ),
            "not_ready",
        )
    return facts[0]


class CaseMatchesView(APIView):
    """Open projects that may take this case, best first, each with the rules it passed and
    the points of every signal."""

    permission_classes = [role_required(*case_selectors.CASE_READERS)]

    @extend_schema(
        operation_id="case_matches",
        parameters=[s.LimitSerializer],
        responses=s.ProjectMatchSerializer(many=True),
    )
    def get(self, request, pk: int):
        facts, limit = _ready_case(request, pk), _limit(request, default=20)
        matches = get_engine().projects_for(facts, limit=limit)
        return Response(s.ProjectMatchSerializer(matches, many=True).data)


class CaseFundMatchesView(APIView):
    """Special funds whose categories and regions admit this case and that hold money, richest
    first, each with why: listed beside the projects (an enterprise's fund is committed by its
    own fund managers once a charity accepts the referral)."""

    permission_classes = [role_required(*case_selectors.CASE_READERS)]

    @extend_schema(
        operation_id="case_fund_matches",
        parameters=[s.LimitSerializer],
        responses=s.FundMatchSerializer(many=True),
    )
    def get(self, request, pk: int):
        facts, limit = _ready_case(request, pk), _limit(request, default=20)
        return Response(s.FundMatchSerializer(funds_for(facts, limit), many=True).data)


class ProjectMatchesView(APIView):
    """Cases ready for referral that this open project may take, most fitting first, as
    anonymized needs: for the project's own charity."""

    permission_classes = [role_required(*project_selectors.PROJECT_INSIDERS)]

    @extend_schema(
        operation_id="project_matches",
        parameters=[s.LimitSerializer],
        responses=s.NeedMatchSerializer(many=True),
    )
    def get(self, request, pk: int):
        project = get_object_or_404(project_selectors.projects_managed_by(request.user), pk=pk)
        limit = _limit(request, default=50)
        facts = get_engine().open_project(project.pk)
        if facts is None or project.status != Project.Status.OPEN:
            _refuse("project", _("Only an open project has matches."), "project_not_open")
        matches = get_engine().needs_for(facts, limit=limit)
        return Response(s.NeedMatchSerializer(matches, many=True).data)


class ProposalView(APIView):
    """Which referrals would cover the most weighted urgent need, in the reader's jurisdiction,
    with the money the open projects and their charities' special funds hold now
    (search.proposal states the method and its guarantee); each share says which sources pay
    it. Nothing is referred: staff confirm each one with POST /cases/{id}/refer/."""

    permission_classes = [role_required(*GOVERNMENT_ROLES)]

    @extend_schema(
        operation_id="allocation_proposal",
        parameters=[
            OpenApiParameter(name, str, description=str(field.label))
            for name, field in ProposalFilterSet.base_filters.items()
        ],
        responses=s.ProposalSerializer,
    )
    def get(self, request):
        scope = ProposalFilterSet(
            request.query_params, queryset=case_selectors.cases_visible_to(request.user)
        )
        if not scope.is_valid():
            raise ValidationError(scope.errors)
        try:
            data = proposal_for(scope.qs)
        except ProposalTooLarge as error:
            raise ValidationError(str(error), code="proposal_too_large") from error
        return Response(s.ProposalSerializer(data).data)
