"""Dates and lists on the public pages in the reader's language: the Chinese way in Chinese
(2015-04-08; 疾病、灾害), the English manner in English (Apr. 8, 2015; illness, disaster)."""

from __future__ import annotations

from django import template
from django.utils.formats import date_format
from django.utils.translation import get_language

register = template.Library()


def _english() -> bool:
    return not (get_language() or "zh-hans").startswith("zh")


@register.filter
def local_date(value):
    if not value:
        return ""
    return date_format(value, "DATE_FORMAT") if _english() else date_format(value, "Y-m-d")


@register.filter
def word_list(values):
    return (", " if _english() else "、").join(str(value) for value in values or ())
