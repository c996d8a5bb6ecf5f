"""What every detector returns: a span of the folded text and what replaces it."""

from __future__ import annotations

from typing import NamedTuple


class Span(NamedTuple):
    start: int
    end: int
    kind: str
    replacement: str
    sure: bool = True
