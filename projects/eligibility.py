"""The codes a project's categories and eligibility are written in: the case categories, the
household statuses and the eight key groups, all as needs/ defines them.

Read lazily: needs' services import this app's models, so this app's models cannot import
needs' services at import time.
"""

from __future__ import annotations


def category_choices() -> list[tuple[str, str]]:
    from needs.models import Case

    return list(Case.Category.choices)


def household_status_choices() -> list[tuple[str, str]]:
    """低保, 特困, 低保边缘, 支出型困难: the household flags, by their field names."""
    from needs.models import Household
    from needs.services.households import STATUS_FIELDS

    return [(name, Household._meta.get_field(name).verbose_name) for name in STATUS_FIELDS]


def key_group_choices() -> list[tuple[str, str]]:
    """The eight key groups of seed 003 (八类重点对象), by their household field names."""
    from needs.models.households import KEY_GROUPS

    return list(KEY_GROUPS)


def category_codes() -> set[str]:
    return {code for code, _label in category_choices()}


def household_status_codes() -> set[str]:
    return {code for code, _label in household_status_choices()}


def key_group_codes() -> set[str]:
    return {code for code, _label in key_group_choices()}
