"""The API's filter backends: django-filter's, with its errors kept as written, and an ordering
that always ends on the primary key."""

from __future__ import annotations

from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ErrorDetail, ValidationError
from rest_framework.filters import OrderingFilter


class FilterBackend(DjangoFilterBackend):
    """django-filter's backend, but a filter's error message is not formatted a second time.

    django-filter translates each error as ``message % (params or ())``: a message that already
    holds the value a client sent (``未知的行政区划代码“Y%Í”。`` for ``?within=Y%Í``) or any
    literal "%" then raised TypeError, a server error instead of the 400. Django's own
    ValidationError formats a message with its params exactly once; that text is used."""

    def filter_queryset(self, request, queryset, view):
        filterset = self.get_filterset(request, queryset, view)
        if filterset is None:
            return queryset
        if not filterset.is_valid() and self.raise_exception:
            raise ValidationError(
                {
                    field: [
                        ErrorDetail(message, code=error.code)
                        for error in errors
                        for message in error
                    ]
                    for field, errors in filterset.errors.as_data().items()
                }
            )
        return filterset.qs


class StableOrderingFilter(OrderingFilter):
    """Without a unique last term, rows that tie on the chosen column can land on two pages
    or on none as the client pages through; the primary key breaks every tie."""

    def get_ordering(self, request, queryset, view):
        ordering = super().get_ordering(request, queryset, view)
        if not ordering or any(term.lstrip("-") in ("pk", "id") for term in ordering):
            return ordering
        return [*ordering, "-pk" if ordering[-1].startswith("-") else "pk"]
