from __future__ import annotations

from needs.anonymize.spans import Span


def find(text: str, **context) -> list[Span]:
    return []
