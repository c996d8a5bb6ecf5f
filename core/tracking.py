"""Tracking codes the public follows a report or an application by (the report's mechanism,
cms.reports): ten characters of an alphabet without 0/O or 1/I, random from ``secrets``, so
a code is read out on the phone without mistakes and cannot be guessed (32^10 codes)."""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
LENGTH = 10
_SEPARATORS = re.compile(r"[\s\-_－—·]+")


def tracking_code_new(taken: Callable[[str], bool]) -> str:
    """A fresh code that ``taken`` says is not in use."""
    while True:
        code = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
        if not taken(code):
            return code


def tracking_code_normalize(typed: str) -> str:
    """A code as a person may type it (lower case, spaces or dashes, full-width letters)
    in the form it is stored in; anything else comes back as it is, upper-cased, and simply
    finds nothing. Never more than 32 characters, whatever was typed."""
    import unicodedata

    text = unicodedata.normalize("NFKC", typed or "")[:64]
    return _SEPARATORS.sub("", text).upper()[:32]


def is_tracking_code(code: str) -> bool:
    return len(code) == LENGTH and all(c in ALPHABET for c in code)
