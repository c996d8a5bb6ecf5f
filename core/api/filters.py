"""The API's ordering filter: a chosen ordering always ends on the primary key."""

from __future__ import annotations

from rest_framework.filters import OrderingFilter


class StableOrderingFilter(OrderingFilter):
    """Without a unique last term, rows that tie on the chosen column can land on two pages
    or on none as the client pages through; the primary key breaks every tie."""

    def get_ordering(self, request, queryset, view):
        ordering = super().get_ordering(request, queryset, view)
        if not ordering or any(term.lstrip("-") in ("pk", "id") for term in ordering):
            return ordering
        return [*ordering, "-pk" if ordering[-1].startswith("-") else "pk"]
