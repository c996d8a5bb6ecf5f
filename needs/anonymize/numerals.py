"""Chinese and Arabic numerals for the small numbers of addresses (三组, 12号, 二十三栋), so a
recorded address is found however the story writes its numbers."""

from __future__ import annotations

import re

_DIGITS = "零一二三四五六七八九"
_CN_VALUE = {c: i for i, c in enumerate(_DIGITS)} | {"〇": 0, "两": 2}
_ARABIC_RUN = re.compile(r"\d{1,4}")
_CHINESE_RUN = re.compile(r"[零〇一二两三四五六七八九十百千]+")


def to_chinese(number: int) -> str:
    """12 -> 十二, 105 -> 一百零五 (the way group and house numbers are said)."""
    if number == 0:
        return "零"
    parts: list[str] = []
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, number = divmod(number, value)
        if digit:
            if parts and parts[-1] == "零" and not unit and not digit:
                parts.pop()
            parts.append(
                ("" if unit == "十" and digit == 1 and not parts else _DIGITS[digit]) + unit
            )
        elif parts and parts[-1] != "零" and number:
            parts.append("零")
    return "".join(parts)


def to_arabic(text: str) -> int | None:
    """十二 -> 12, 一百零五 -> 105; None if it is no number said this way."""
    total, current = 0, 0
    for char in text:
        if char in _CN_VALUE:
            current = _CN_VALUE[char]
        elif char in "十百千":
            unit = {"十": 10, "百": 100, "千": 1000}[char]
            total += (current or 1) * unit
            current = 0
        else:
            return None
    return total + current


def variants(value: str) -> set[str]:
    """``value`` with its numbers written the other way too (3组 and 三组, 十二号 and 12号)."""
    found = {value}
    arabic = _ARABIC_RUN.sub(lambda m: to_chinese(int(m.group(0))), value)
    found.add(arabic)

    def chinese(m: re.Match[str]) -> str:
        number = to_arabic(m.group(0))
        return str(number) if number is not None else m.group(0)

    found.add(_CHINESE_RUN.sub(chinese, value))
    return found
