"""Thin edges: each view picks its records through a selector and calls one service."""

from __future__ import annotations

from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from core.api.idempotency import idempotent
from core.api.permissions import role_required
from core.audit import personal_data_read_record
from core.jurisdiction import GOVERNMENT_ROLES
from core.models import Membership
from needs import selectors, services
from needs.api import serializers as s
from needs.api.assistance import AssistanceApplicationSerializer
from needs.api.handovers import HandoverSerializer
from needs.filtersets import CaseFilterSet, PublicNeedFilterSet, ReferralFilterSet
from needs.models import (
    Case,
    Consent,
    HouseholdContact,
    HouseholdIdentifier,
    Need,
    Referral,
    ReliefGrant,
)
from needs.services.households import HouseholdInput, MemberInput
from needs.services.rules import refuse

Role = Membership.Role


def _total_ordering(queryset) -> tuple[str, ...] | None:
    """The queryset's ordering if it leaves no ties (it names the primary key), else None."""
    query = queryset.query
    ordering = tuple(query.order_by) or (
        tuple(query.get_meta().ordering) if query.default_ordering else ()
    )
    if query.extra_order_by or not all(isinstance(term, str) for term in ordering):
        return None
    return ordering if any(term.lstrip("-") in ("pk", "id") for term in ordering) else None


def _valid(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


class CaseViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Cases (急难个案) in the reader's jurisdiction, and one action per step."""

    permission_classes = [role_required(*selectors.CASE_READERS)]
    filterset_class = CaseFilterSet
    ordering_fields = ["reported_at", "urgency", "remaining_gap_fen"]

    def get_queryset(self):
        if self.action == "list":  # paginate_queryset loads the rows as values
            return selectors.cases_visible_to(self.request.user)
        queryset = Case.objects.select_related("region", "responsible_office", "owner")
        return selectors.cases_visible_to(self.request.user, queryset)

    def paginate_queryset(self, queryset):
        # Page through ids first (narrow rows, sorted from the index), then load the 50 cases:
        # sorting thousands of full rows with their joins is what made a page slow.
        ids = self.paginator.page_of(queryset.values_list("pk", flat=True), self.request, view=self)
        if ids is None:
            return None
        # The ids were chosen under the reader's scope and filters; load them by key alone,
        # as plain values (the list shows no more than that).
        rows = Case.objects.values(*s.CaseRowsSerializer.ROW_VALUES)
        ordering = _total_ordering(queryset)
        if ordering is not None:
            # The page's ids as a subquery (one query less); the same total ordering puts the
            # rows in the order the ids were chosen in.
            return list(rows.filter(pk__in=ids).order_by(*ordering))
        ids = list(ids)
        by_id = {row["id"]: row for row in rows.filter(pk__in=ids)}
        return [by_id[pk] for pk in ids]

    def get_serializer_class(self):
        if self.action == "create":
            return s.CaseReportSerializer
        if self.action in ("retrieve", "by_number"):
            return s.CaseDetailSerializer
        return s.CaseListSerializer

    def _detail(self, case: Case) -> Response:
        """The case page: reading the household's personal data is logged (DESIGN.md 7.1)."""
        case = (
            self.get_queryset()
            .prefetch_related(
                "household__members",
                "household__identifiers",
                "household__contacts",
                "relief_grants",
                "referrals__to_organisation",
                "deadlines",
                "consents",
                "conferences",
            )
            .select_related("household__region")
            .get(pk=case.pk)
        )
        with transaction.atomic():
            personal_data_read_record(
                actor=self.request.user,
                obj=case.household,
                fields=selectors.HOUSEHOLD_FIELDS_SHOWN,
                purpose=f"case {case.number}",
            )
        return Response(s.CaseDetailSerializer(case).data)

    def retrieve(self, request, *args, **kwargs):
        return self._detail(self.get_object())

    @extend_schema(responses=s.CaseDetailSerializer)
    @action(detail=False, url_path=r"by-number/(?P<number>[0-9A-Za-z-]+)")
    def by_number(self, request, number=None):
        """Look a case up by the number people quote."""
        return self._detail(get_object_or_404(self.get_queryset(), number=number))

    @extend_schema(request=s.CaseReportSerializer, responses={201: s.ReportResponseSerializer})
    @idempotent
    def create(self, request, *args, **kwargs):
        """Report a case (any discovery channel)."""
        data = _valid(s.CaseReportSerializer, request)
        office = data.get("office") or self._only_office(request.user)
        household = data["household"]
        result = services.case_report(
            by=request.user,
            office=office,
            channel=data["channel"],
            category=data["category"],
            narrative=data["narrative"],
            urgency=data["urgency"],
            is_emergency=data["is_emergency"],
            household=HouseholdInput(
                region=household["region"],
                township=household["township"],
                address_detail=household["address_detail"],
                phone=household["phone"],
                flags=dict.fromkeys(household["flags"], True),
                members=[MemberInput(**member) for member in household["members"]],
            ),
        )
        case = self.get_queryset().get(pk=result.case.pk)
        return Response(
            {
                "case": s.CaseListSerializer(case).data,
                "warnings": [vars(w) for w in result.warnings],
            },
            status=status.HTTP_201_CREATED,
        )

    def _only_office(self, user):
        offices = [
            m.organisation
            for m in Membership.objects.filter(
                user=user, role__in=GOVERNMENT_ROLES, is_active=True
            ).select_related("organisation")
        ]
        if len(offices) != 1:
            refuse("office", _("Say which office records the case."), "required")
        return offices[0]

    def _summary(self, case: Case, code=status.HTTP_200_OK, **extra) -> Response:
        case = self.get_queryset().get(pk=case.pk)
        return Response({"case": s.CaseListSerializer(case).data, **extra}, status=code)

    @extend_schema(request=None, responses=s.CaseListSerializer)
    @action(detail=True, methods=["post"])
    @idempotent
    def accept(self, request, pk=None):
        return self._summary(services.case_accept(by=request.user, case=self.get_object()))

    @extend_schema(request=s.HandoverSerializer, responses={201: HandoverSerializer})
    @action(detail=True, methods=["post"], url_path="hand-over")
    @idempotent
    def hand_over(self, request, pk=None):
        """Hand the case over: a request the receiving office accepts or declines
        (``/handovers/{id}/accept/``, ``/decline/``); nothing moves until it accepts."""
        data = _valid(s.HandoverSerializer, request)
        handover = services.case_handover(by=request.user, case=self.get_object(), **data)
        return Response(HandoverSerializer(handover).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.AssessSerializer, responses=s.CaseListSerializer)
    @action(detail=True, methods=["post"])
    @idempotent
    def assess(self, request, pk=None):
        data = _valid(s.AssessSerializer, request)
        return self._summary(services.case_assess(by=request.user, case=self.get_object(), **data))

    @extend_schema(request=s.ReliefSerializer, responses=s.ReliefGrantSerializer)
    @action(detail=True, methods=["post"])
    @idempotent
    def relief(self, request, pk=None):
        data = _valid(s.ReliefSerializer, request)
        grant = services.relief_grant(by=request.user, case=self.get_object(), **data)
        return self._summary(
            grant.case, status.HTTP_201_CREATED, relief_grant=s.ReliefGrantSerializer(grant).data
        )

    @extend_schema(request=s.ReferSerializer, responses=s.ReferralSerializer)
    @action(detail=True, methods=["post"])
    @idempotent
    def refer(self, request, pk=None):
        data = _valid(s.ReferSerializer, request)
        referral = services.referral_create(by=request.user, case=self.get_object(), **data)
        return self._summary(
            referral.case, status.HTTP_201_CREATED, referral=s.ReferralSerializer(referral).data
        )

    @extend_schema(request=s.ConferenceSerializer, responses=s.CaseListSerializer)
    @action(detail=True, methods=["post"])
    @idempotent
    def conference(self, request, pk=None):
        data = _valid(s.ConferenceSerializer, request)
        services.case_conference_record(by=request.user, case=self.get_object(), **data)
        return self._summary(self.get_object(), status.HTTP_201_CREATED)

    @extend_schema(request=s.CloseSerializer, responses=s.CaseListSerializer)
    @action(detail=True, methods=["post"])
    @idempotent
    def close(self, request, pk=None):
        data = _valid(s.CloseSerializer, request)
        return self._summary(services.case_close(by=request.user, case=self.get_object(), **data))

    @extend_schema(request=s.ConsentInputSerializer, responses=s.ConsentSerializer)
    @action(detail=True, methods=["post"])
    @idempotent
    def consent(self, request, pk=None):
        data = _valid(s.ConsentInputSerializer, request)
        consent = services.consent_record(by=request.user, case=self.get_object(), **data)
        return Response(s.ConsentSerializer(consent).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=s.IdentifierInputSerializer, responses={201: s.HouseholdIdentifierSerializer}
    )
    @action(detail=True, methods=["post"])
    @idempotent
    def identifiers(self, request, pk=None):
        """Record one of the household's document numbers (bank card, hospital record,
        certificate): stored encrypted, answered masked, masked in every public text."""
        data = _valid(s.IdentifierInputSerializer, request)
        identifier = services.household_identifier_add(
            by=request.user, case=self.get_object(), **data
        )
        return Response(
            s.HouseholdIdentifierSerializer(identifier).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(request=None, responses={204: None})
    @action(
        detail=True,
        methods=["post"],
        url_path=r"identifiers/(?P<identifier_id>[0-9]+)/remove",
    )
    @idempotent
    def identifier_remove(self, request, pk=None, identifier_id=None):
        """Remove a document number recorded for the household."""
        case = self.get_object()
        identifier = get_object_or_404(
            HouseholdIdentifier, pk=identifier_id, household_id=case.household_id
        )
        services.household_identifier_remove(by=request.user, case=case, identifier=identifier)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        request=s.ContactInputSerializer, responses={201: s.HouseholdContactMaskedSerializer}
    )
    @action(detail=True, methods=["post"])
    @idempotent
    def contacts(self, request, pk=None):
        """Record a contact outside the household (relative, neighbour, village cadre): name
        and phone stored encrypted, answered masked (the case page shows them, logged)."""
        data = _valid(s.ContactInputSerializer, request)
        contact = services.household_contact_add(by=request.user, case=self.get_object(), **data)
        return Response(
            s.HouseholdContactMaskedSerializer(contact).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(request=None, responses={204: None})
    @action(
        detail=True,
        methods=["post"],
        url_path=r"contacts/(?P<contact_id>[0-9]+)/remove",
    )
    @idempotent
    def contact_remove(self, request, pk=None, contact_id=None):
        """Remove a contact outside the household."""
        case = self.get_object()
        contact = get_object_or_404(HouseholdContact, pk=contact_id, household_id=case.household_id)
        services.household_contact_remove(by=request.user, case=case, contact=contact)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=None, responses=s.NeedSerializer)
    @action(detail=True, methods=["post"], url_path="need/preview")
    @idempotent
    def need_preview(self, request, pk=None):
        """Build the anonymized public need from the case, as a draft to check and edit."""
        return Response(
            s.NeedSerializer(services.need_preview(by=request.user, case=self.get_object())).data
        )

    def _need(self):
        return get_object_or_404(Need, case=self.get_object())

    @extend_schema(request=s.NeedDraftSerializer, responses=s.NeedSerializer)
    @action(detail=True, methods=["post"], url_path="need/edit")
    @idempotent
    def need_edit(self, request, pk=None):
        data = _valid(s.NeedDraftSerializer, request)
        return Response(
            s.NeedSerializer(
                services.need_update_draft(by=request.user, need=self._need(), **data)
            ).data
        )

    @extend_schema(request=None, responses=s.NeedSerializer)
    @action(detail=True, methods=["post"], url_path="need/publish")
    @idempotent
    def need_publish(self, request, pk=None):
        return Response(
            s.NeedSerializer(services.need_publish(by=request.user, need=self._need())).data
        )

    @extend_schema(request=None, responses=s.NeedSerializer)
    @action(detail=True, methods=["post"], url_path="need/unpublish")
    @idempotent
    def need_unpublish(self, request, pk=None):
        return Response(
            s.NeedSerializer(services.need_unpublish(by=request.user, need=self._need())).data
        )


class ReliefGrantViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Relief given to cases: supervisors decide on amounts above the ceiling (一事一议)."""

    serializer_class = s.ReliefGrantSerializer
    permission_classes = [role_required(*selectors.CASE_READERS)]

    def get_queryset(self):
        return ReliefGrant.objects.filter(
            case__in=selectors.cases_visible_to(self.request.user).values("pk")
        )

    @extend_schema(request=s.DecisionSerializer, responses=s.ReliefGrantSerializer)
    @action(detail=True, methods=["post"])
    @idempotent
    def decide(self, request, pk=None):
        data = _valid(s.DecisionSerializer, request)
        grant = services.relief_decide(by=request.user, grant=self.get_object(), **data)
        return Response(s.ReliefGrantSerializer(grant).data)

    @extend_schema(request=None, responses=s.ReliefGrantSerializer)
    @action(detail=True, methods=["post"])
    @idempotent
    def paperwork(self, request, pk=None):
        grant = services.relief_paperwork_complete(by=request.user, grant=self.get_object())
        return Response(s.ReliefGrantSerializer(grant).data)

    @extend_schema(request=s.ReliefPaymentSerializer, responses=s.ReliefGrantSerializer)
    @action(detail=True, methods=["post"])
    @idempotent
    def payment(self, request, pk=None):
        """Record how cash relief was paid to the household and the proof (once)."""
        data = _valid(s.ReliefPaymentSerializer, request)
        grant = services.relief_payment_record(by=request.user, grant=self.get_object(), **data)
        return Response(s.ReliefGrantSerializer(grant).data)


class ConsentViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = s.ConsentSerializer
    permission_classes = [role_required(*selectors.CASE_READERS)]

    def get_queryset(self):
        return Consent.objects.filter(
            case__in=selectors.cases_visible_to(self.request.user).values("pk")
        )

    @extend_schema(request=None, responses=s.ConsentSerializer)
    @action(detail=True, methods=["post"])
    @idempotent
    def withdraw(self, request, pk=None):
        """Withdraw a consent; a published need is taken down at once."""
        return Response(
            s.ConsentSerializer(
                services.consent_withdraw(by=request.user, consent=self.get_object())
            ).data
        )


class ReferralViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The referral inbox: a charity's (or department's) referrals, or those of the
    reader's cases."""

    serializer_class = s.InboxReferralSerializer
    filterset_class = ReferralFilterSet
    permission_classes = [
        role_required(*selectors.CASE_READERS, Role.CHARITY_STAFF, Role.DEPARTMENT_STAFF)
    ]
    ordering_fields = ["requested_at", "answer_due_at"]

    def get_queryset(self):
        queryset = Referral.objects.select_related("case__region", "to_organisation")
        return selectors.referrals_visible_to(self.request.user, queryset)

    def get_serializer_class(self):
        if self.action == "list":
            return s.InboxReferralSerializer
        return s.InboxReferralDetailSerializer

    def _answer(self, service, serializer_class=None):
        data = _valid(serializer_class, self.request) if serializer_class else {}
        referral = service(by=self.request.user, referral=self.get_object(), **data)
        return Response(
            s.InboxReferralDetailSerializer(
                self.get_queryset().get(pk=referral.pk), context=self.get_serializer_context()
            ).data
        )

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    @idempotent
    def accept(self, request, pk=None):
        return self._answer(services.referral_accept)

    @extend_schema(request=s.RejectSerializer)
    @action(detail=True, methods=["post"])
    @idempotent
    def reject(self, request, pk=None):
        return self._answer(services.referral_reject, s.RejectSerializer)

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    @idempotent
    def start(self, request, pk=None):
        return self._answer(services.referral_start)

    @extend_schema(request=s.CompleteSerializer)
    @action(detail=True, methods=["post"])
    @idempotent
    def complete(self, request, pk=None):
        return self._answer(services.referral_complete, s.CompleteSerializer)

    @extend_schema(request=s.CancelSerializer)
    @action(detail=True, methods=["post"])
    @idempotent
    def cancel(self, request, pk=None):
        return self._answer(services.referral_cancel, s.CancelSerializer)

    @extend_schema(
        request=None,
        responses={201: AssistanceApplicationSerializer},
        description=(
            "The receiving department starts the application of the referral's assistance "
            "type for the case's household, accepting the referral first if it still waits."
        ),
    )
    @action(detail=True, methods=["post"], url_path="start-application")
    @idempotent
    def start_application(self, request, pk=None):
        application = services.referral_application_start(
            by=request.user, referral=self.get_object()
        )
        return Response(
            AssistanceApplicationSerializer(application).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(methods=["get"], request=None, responses=s.ServiceRecordSerializer(many=True))
    @extend_schema(
        methods=["post"],
        request=s.ServiceRecordCreateSerializer,
        responses={201: s.ServiceRecordSerializer},
    )
    @action(detail=True, methods=["get", "post"], url_path="service-records")
    def service_records(self, request, pk=None):
        """The services given under a referral to a service project or volunteer team
        (visits, sessions, hours, outcome); POST records one, by the service's own staff."""
        referral = self.get_object()
        if request.method == "POST":
            return self._record_service(request, referral)
        return Response(s.ServiceRecordSerializer(referral.service_records.all(), many=True).data)

    @idempotent
    def _record_service(self, request, referral):
        data = _valid(s.ServiceRecordCreateSerializer, request)
        record = services.service_record_add(by=request.user, referral=referral, **data)
        return Response(s.ServiceRecordSerializer(record).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=s.ContactDetailsSerializer)
    @action(detail=True, methods=["get"])
    def contact(self, request, pk=None):
        """The household's contact details, for the accepting charity only, with consent; logged."""
        details = services.referral_contact_details(by=request.user, referral=self.get_object())
        return Response(s.ContactDetailsSerializer(details).data)


class PublicNeedViewSet(viewsets.ReadOnlyModelViewSet):
    """Published needs: anonymized, county level, no personal data. Open to everyone."""

    serializer_class = s.PublicNeedSerializer
    filterset_class = PublicNeedFilterSet
    permission_classes = [AllowAny]
    authentication_classes = []
    lookup_field = "public_id"
    ordering_fields = ["published_at", "remaining_gap_fen"]

    def get_queryset(self):
        return selectors.published_needs()
