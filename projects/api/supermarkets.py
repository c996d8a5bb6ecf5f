"""Charity supermarkets (慈善超市) over the API: their goods and stock, and every movement.
Reads go through the jurisdiction-scoped selectors; each POST calls one service
(projects.services_stock) and is idempotent (Idempotency-Key)."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from core.api.idempotency import idempotent
from core.api.serializers import RegionCodeField
from core.filtersets import NumberFilter
from core.models import Organisation
from projects import selectors, services_stock
from projects.api.serializers import CategoryField
from projects.models import GoodsItem, StockMovement, Supermarket


class GoodsItemSerializer(serializers.ModelSerializer):
    in_stock = serializers.IntegerField(read_only=True, help_text=_("Quantity in stock now."))

    class Meta:
        model = GoodsItem
        fields = ["id", "name", "unit", "unit_value_fen", "in_stock"]
        read_only_fields = fields


class SupermarketSerializer(serializers.ModelSerializer):
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    region_name = serializers.CharField(source="region.name", read_only=True)
    categories = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Supermarket
        fields = [
            "id",
            "organisation",
            "organisation_name",
            "name",
            "region",
            "region_name",
            "categories",
            "is_active",
            "created_at",
        ]
        read_only_fields = fields


class SupermarketCreateSerializer(serializers.Serializer):
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    name = serializers.CharField(max_length=200)
    region = RegionCodeField()
    categories = serializers.ListField(child=CategoryField(), required=False)


class GoodsItemCreateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=100)
    unit = serializers.CharField(max_length=20)
    unit_value_fen = serializers.IntegerField(min_value=0)


class ReceiveSerializer(serializers.Serializer):
    item = serializers.IntegerField()
    quantity = serializers.IntegerField()
    donor_name = serializers.CharField(max_length=200)
    value_fen = serializers.IntegerField(required=False, allow_null=True, default=None)
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class IssueSerializer(serializers.Serializer):
    item = serializers.IntegerField()
    quantity = serializers.IntegerField()
    referral = serializers.IntegerField(required=False, allow_null=True, default=None)
    relief_grant = serializers.IntegerField(required=False, allow_null=True, default=None)
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class CountSerializer(serializers.Serializer):
    item = serializers.IntegerField()
    counted_quantity = serializers.IntegerField()
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class StockMovementSerializer(serializers.ModelSerializer):
    item_name = serializers.CharField(source="item.name", read_only=True)
    unit = serializers.CharField(source="item.unit", read_only=True)
    supermarket = serializers.IntegerField(source="item.supermarket_id", read_only=True)

    class Meta:
        model = StockMovement
        fields = [
            "id",
            "supermarket",
            "item",
            "item_name",
            "unit",
            "kind",
            "quantity",
            "value_fen",
            "donor_name",
            "counted_quantity",
            "case",
            "referral",
            "relief_grant",
            "note",
            "created_at",
        ]
        read_only_fields = fields


class SupermarketFilterSet(django_filters.FilterSet):
    organisation = NumberFilter(field_name="organisation_id")
    region = django_filters.CharFilter(field_name="region_id")
    is_active = django_filters.BooleanFilter()

    class Meta:
        model = Supermarket
        fields = ["organisation", "region", "is_active"]


class StockMovementFilterSet(django_filters.FilterSet):
    supermarket = NumberFilter(field_name="item__supermarket_id")
    item = NumberFilter(field_name="item_id")
    kind = django_filters.ChoiceFilter(choices=StockMovement.Kind.choices)
    case = NumberFilter(field_name="case_id")

    class Meta:
        model = StockMovement
        fields = ["supermarket", "item", "kind", "case"]


def _valid(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


def _refuse_unknown(field: str) -> None:
    services_stock.refuse(field, str(_("Not found.")), "does_not_exist")


class SupermarketViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Charity supermarkets the user may see (their organisation's, their office's region),
    with their goods in stock; receipts, issues and stock counts, one service each."""

    serializer_class = SupermarketSerializer
    filterset_class = SupermarketFilterSet
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        queryset = Supermarket.objects.select_related("organisation", "region")
        return selectors.supermarkets_visible_to(self.request.user, queryset)

    def _item(self, supermarket: Supermarket, item_id: int) -> GoodsItem:
        item = supermarket.items.filter(pk=item_id).select_related("supermarket").first()
        if item is None:
            _refuse_unknown("item")
        return item

    @extend_schema(request=SupermarketCreateSerializer, responses={201: SupermarketSerializer})
    @idempotent
    def create(self, request, *args, **kwargs):
        """Open a supermarket for a charity or an office the user works for."""
        data = _valid(SupermarketCreateSerializer, request)
        supermarket = services_stock.supermarket_create(by=request.user, **data)
        return Response(SupermarketSerializer(supermarket).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=GoodsItemSerializer(many=True))
    @action(detail=True, methods=["get"])
    def stock(self, request, pk=None):
        """The goods the supermarket keeps, with the quantity in stock now."""
        items = selectors.goods_with_stock(self.get_object().items.all())
        return Response(GoodsItemSerializer(items, many=True).data)

    @extend_schema(request=GoodsItemCreateSerializer, responses={201: GoodsItemSerializer})
    @action(detail=True, methods=["post"])
    @idempotent
    def items(self, request, pk=None):
        """Add a kind of goods, with the value of one unit for the accounts."""
        data = _valid(GoodsItemCreateSerializer, request)
        item = services_stock.goods_item_add(by=request.user, supermarket=self.get_object(), **data)
        item.in_stock = 0
        return Response(GoodsItemSerializer(item).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ReceiveSerializer, responses={201: StockMovementSerializer})
    @action(detail=True, methods=["post"])
    @idempotent
    def receive(self, request, pk=None):
        """Goods received from a donor."""
        data = _valid(ReceiveSerializer, request)
        item = self._item(self.get_object(), data.pop("item"))
        movement = services_stock.stock_receive(by=request.user, item=item, **data)
        return Response(StockMovementSerializer(movement).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=IssueSerializer, responses={201: StockMovementSerializer})
    @action(detail=True, methods=["post"])
    @idempotent
    def issue(self, request, pk=None):
        """Goods issued to a household against a referral or a relief decision; refused,
        naming the quantity, when the stock does not hold them."""
        from needs.models import Referral, ReliefGrant

        data = _valid(IssueSerializer, request)
        supermarket = self.get_object()
        item = self._item(supermarket, data.pop("item"))
        referral = relief_grant = None
        if data["referral"] is not None:
            # Only referrals addressed to the supermarket's organisation can be named.
            referral = Referral.objects.filter(
                pk=data["referral"], to_organisation_id=supermarket.organisation_id
            ).first()
            if referral is None:
                _refuse_unknown("referral")
        if data["relief_grant"] is not None:
            relief_grant = (
                ReliefGrant.objects.filter(pk=data["relief_grant"])
                .select_related("case__responsible_office__region")
                .first()
            )
            if relief_grant is None:
                _refuse_unknown("relief_grant")
        movement = services_stock.stock_issue(
            by=request.user,
            item=item,
            quantity=data["quantity"],
            referral=referral,
            relief_grant=relief_grant,
            note=data["note"],
        )
        return Response(StockMovementSerializer(movement).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=CountSerializer, responses={201: StockMovementSerializer})
    @action(detail=True, methods=["post"])
    @idempotent
    def count(self, request, pk=None):
        """A stock count (盘点): the difference from the books is recorded as a correction."""
        data = _valid(CountSerializer, request)
        item = self._item(self.get_object(), data.pop("item"))
        movement = services_stock.stock_count(by=request.user, item=item, **data)
        return Response(StockMovementSerializer(movement).data, status=status.HTTP_201_CREATED)


class StockMovementViewSet(viewsets.ReadOnlyModelViewSet):
    """Every movement of the stock of the supermarkets the user may see, newest first."""

    serializer_class = StockMovementSerializer
    filterset_class = StockMovementFilterSet
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        supermarkets = selectors.supermarkets_visible_to(self.request.user)
        return StockMovement.objects.filter(item__supermarket__in=supermarkets).select_related(
            "item"
        )
