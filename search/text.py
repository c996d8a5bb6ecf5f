"""Chinese-aware tokens for text relevance, the same on both engines.

Chinese has no spaces between words. Like Elasticsearch's built-in ``cjk`` analyzer, a run of
CJK characters becomes its overlapping character bigrams (a lone character stays a unigram),
and Latin letters and digits become lower-cased words. Full-width forms are folded first
(NFKC), so "ＩＣＵ" and "icu" are one token.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections import Counter

# CJK Unified Ideographs (with extension A), the kana and hangul the cjk analyzer also pairs.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
_RUN = re.compile(f"[{_CJK}]+|[a-z0-9]+")
_IS_CJK = re.compile(f"[{_CJK}]")


def tokens(text: str) -> list[str]:
    """The tokens of ``text`` in order, bigrams for Chinese and words for the rest."""
    folded = unicodedata.normalize("NFKC", text or "").lower()
    out: list[str] = []
    for run in _RUN.findall(folded):
        if not _IS_CJK.match(run) or len(run) == 1:
            out.append(run)
        else:
            out.extend(run[i : i + 2] for i in range(len(run) - 1))
    return out


def term_counts(text: str) -> Counter:
    # Interned: a province's hundred thousand stories share a few thousand distinct bigrams,
    # so the in-memory index holds each once.
    return Counter(sys.intern(token) for token in tokens(text))


def story_counts(text: str) -> Counter:
    """A case story's terms without any token holding a digit: numbers in a story are phone,
    ID and card numbers or dates, which say nothing about which project fits, and must not
    reach an index (DESIGN.md section 7, rule 1)."""
    kept = (token for token in tokens(text) if not any(c.isdigit() for c in token))
    # In sorted order, so nothing built from these terms (an index) lists them in the
    # story's order, from which the overlapping bigrams would spell the story again.
    return Counter(sys.intern(token) for token in sorted(kept))


def project_counts(title: str, description: str, title_boost: int = 3) -> Counter:
    """A project's terms with its title's counted ``title_boost`` times (search.policy's
    TITLE_BOOST; Elasticsearch: the query's ``title^3``): what the project is for weighs
    above the body of its description."""
    counts = term_counts(description)
    for term, count in term_counts(title).items():
        counts[term] += count * title_boost
    return counts
