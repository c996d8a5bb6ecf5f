"""``{{ amount_fen|money }}``: an integer number of fen as the Chinese write money (¥1,234.50)."""

from django import template

from core.money import format_money

register = template.Library()


@register.filter
def money(fen):
    return format_money(fen) if isinstance(fen, int) and not isinstance(fen, bool) else ""
