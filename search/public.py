"""Public text search of needs and projects: the query's Chinese bigrams (search.text, the
tokens both engines use) must all appear in the record's text, as Elasticsearch's cjk analyzer
with the AND operator would have it. Used by the public API's ``q`` filters."""

from __future__ import annotations

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters import CharFilter

from search.text import tokens

MAX_QUERY_CHARS = 100
MAX_TERMS = 30


def text_matches(queryset: QuerySet, query: str, fields: tuple[str, ...]) -> QuerySet:
    """Rows whose ``fields`` together contain every term of ``query``."""
    for term in dict.fromkeys(tokens(query)):
        any_field = Q()
        for field in fields:
            any_field |= Q(**{f"{field}__icontains": term})
        queryset = queryset.filter(any_field)
    return queryset


class QueryField(forms.CharField):
    def validate(self, value):
        super().validate(value)
        if len(tokens(value)) > MAX_TERMS:
            raise forms.ValidationError(
                _("Search with fewer words (at most %(count)s terms).") % {"count": MAX_TERMS},
                code="too_many_terms",
            )


class TextSearchFilter(CharFilter):
    """``?q=``: words or a phrase in Chinese or English, searched in ``fields``."""

    field_class = QueryField

    def __init__(self, *, fields: tuple[str, ...], **kwargs):
        kwargs.setdefault("label", _("search text"))
        kwargs.setdefault("max_length", MAX_QUERY_CHARS)
        super().__init__(**kwargs)
        self.search_fields = fields

    def filter(self, qs, value):
        return text_matches(qs, value, self.search_fields) if value else qs
