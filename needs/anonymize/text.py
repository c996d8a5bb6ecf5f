"""The text every detector reads: one character for one character of what staff typed, except
the characters that hide an identifier without showing anything.

Full-width digits and letters fold to ASCII (１３９ is 139), and zero-width spaces, joiners,
soft hyphens and other invisible format or control characters are dropped, so an ID number
split by zero-width spaces is still eighteen digits in a row. ``origin`` maps each position of
the folded text back to the original, so a finding points at what staff actually wrote.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import opencc

# Traditional characters read as simplified (號 as 号, 醫院 as 医院), one character for one, so
# a note typed in traditional script is read by the same detectors; the text published keeps
# the characters staff typed.
_T2S = opencc.OpenCC("t2s")


@lru_cache(maxsize=8192)
def _simplified(char: str) -> str:
    converted = _T2S.convert(char)
    return converted if len(converted) == 1 else char


FOLD = str.maketrans(
    {
        **{chr(0xFF10 + i): str(i) for i in range(10)},
        **{chr(0xFF21 + i): chr(ord("A") + i) for i in range(26)},
        **{chr(0xFF41 + i): chr(ord("a") + i) for i in range(26)},
        "＋": "+",
        "－": "-",
        "／": "/",
        "．": ".",
        "＠": "@",
        "＃": "#",
        "\u3000": " ",
        "\u00a0": " ",
    }
)
_KEEP_CONTROLS = {"\n", "\t"}


def _invisible(char: str) -> bool:
    """Format (Cf: zero-width space, joiners, BOM, soft hyphen) and control (Cc) characters
    other than a line break or tab: nothing a reader sees, everything a filter trips on."""
    if char in _KEEP_CONTROLS:
        return False
    return unicodedata.category(char) in ("Cf", "Cc")


@dataclass(frozen=True)
class Folded:
    text: str
    origin: tuple[int, ...]  # origin[i]: index in the original text of folded character i
    length: int  # length of the original text

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original-text span of the folded characters start..end."""
        if start >= end:
            point = self.origin[start] if start < len(self.origin) else self.length
            return point, point
        return self.origin[start], self.origin[end - 1] + 1


def fold(text: str) -> Folded:
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        if _invisible(char):
            continue
        char = char.translate(FOLD)
        chars.append(_simplified(char) if "\u3400" <= char <= "\u9fff" else char)
        origin.append(index)
    return Folded("".join(chars), tuple(origin), len(text))


# The labels the anonymizer leaves ([电话已隐去]): a second pass must not read them as text.
# Only the labels it writes: a bracket typed around anything else is read like any text.
_LABEL_RE = re.compile(
    r"\[(?:身份证号|电话|银行卡号|病案号|详细地址|出生日期|证件号|邮箱|网址|账号|车牌|学校班级|"
    r"工作单位|号码)已隐去\]"
)


def blank_labels(text: str) -> str:
    """``text`` with every label replaced by spaces of the same length (positions unchanged)."""
    return _LABEL_RE.sub(lambda m: " " * len(m.group(0)), text)
