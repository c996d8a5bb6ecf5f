"""The one path from private text to public text (DESIGN.md section 7, rule 1).

A case story is written by a caseworker who knows the household, from a hotline note, a grid
worker's visit or a neighbour's report; the public text must not let anyone find the people in
it: not the household, and not the relatives, neighbours, cadres or doctors it names.

``redact`` turns private text into public text and says what it removed and where. Two kinds
of detector feed it:

- what the platform holds about the household (``KnownIdentifiers``: names, numbers,
  addresses), matched however it is written (``known``);
- detectors that need no record: number shapes (``known``), personal names from surnames and
  the words case notes put around names (``names``), places below county level (``places``),
  other identifiers: accounts, plates, schools and classes, employers, document numbers
  (``others``), diagnoses and treatments, which become a category unless the household gave
  its separate consent (``health``), and exact dates, which become the month (``dates``).

``check`` is the re-check at publishing time, run on the final text after any edit. It is a
different detector on purpose (``check.py``): if it ran the same passes it could never refuse
what the scrubber missed.

Masking too much costs a sentence; masking too little exposes a family, so when in doubt the
detectors mask, and mark the removal as unsure so the preview can show staff what to read.

Pure Python: no database, no settings, so it can run wherever a public text is produced.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from needs.anonymize import dates, health, names, others, places
from needs.anonymize.known import MASK_CHAR, KnownIdentifiers, mask_name, passes
from needs.anonymize.spans import Span
from needs.anonymize.text import blank_labels, fold

__all__ = [
    "KINDS",
    "MASK_CHAR",
    "Finding",
    "KnownIdentifiers",
    "Redaction",
    "Removal",
    "check",
    "mask_name",
    "redact",
    "scrub",
]


# Every kind of finding, in the order overlapping findings give way: a more specific kind wins.
KINDS = (
    "id_number",
    "phone",
    "bank_card",
    "hospital_record",
    "document_number",
    "email",
    "url",
    "im_account",
    "licence_plate",
    "birth_date",
    "address",
    "school",
    "employer",
    "name",
    "health",
    "date",
    "number",
)
_PRIORITY = {kind: rank for rank, kind in enumerate(KINDS)}


@dataclass(frozen=True)
class Removal:
    """One thing ``redact`` took out: where it stood in the original text, what kind it was,
    and what stands there now. ``sure`` is False where a detector masked on a guess."""

    start: int
    end: int
    kind: str
    text: str
    replacement: str
    sure: bool = True


@dataclass(frozen=True)
class Redaction:
    text: str
    removals: tuple[Removal, ...] = ()

    @property
    def unsure(self) -> tuple[Removal, ...]:
        return tuple(r for r in self.removals if not r.sure)


@dataclass(frozen=True)
class Finding:
    """One identifier found in a text that is about to be published, and where it stands."""

    kind: str  # one of KINDS
    text: str  # the offending text, exactly as written
    start: int = field(default=0, compare=False)
    end: int = field(default=0, compare=False)


def _spans(text: str, known: KnownIdentifiers, *, health_details: bool) -> list[Span]:
    spans: list[Span] = []
    for kind, finder in passes(known):
        spans += [Span(start, end, kind, label) for start, end, label in finder(text)]
    spans += others.find(text)
    spans += places.find(text)
    spans += names.find(text, known_names=known.names)
    if not health_details:
        spans += health.find(text)
    spans += dates.find(text)
    return spans


def _merge(spans: list[Span]) -> list[Span]:
    """Overlapping spans become one, which keeps the kind and replacement of the most specific
    (an address that contains a name, 张家村, is masked as an address); a span that is unsure
    stays unsure only if everything merged into it was."""
    merged: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end, _PRIORITY[s.kind])):
        if merged and span.start < merged[-1].end:
            last = merged[-1]
            top = last if _PRIORITY[last.kind] <= _PRIORITY[span.kind] else span
            merged[-1] = Span(
                last.start,
                max(last.end, span.end),
                top.kind,
                top.replacement,
                last.sure or span.sure,
            )
        else:
            merged.append(span)
    return merged


def redact(
    text: str, known: KnownIdentifiers | None = None, *, health_details: bool = False
) -> Redaction:
    """The public version of ``text`` and what was taken out of it.

    Names become their surname and 某 (张某), numbers, addresses and accounts a label saying
    what was there, diagnoses and treatments the category (重病, 治疗) unless
    ``health_details`` (the household's separate, recorded consent), exact dates their month.
    Invisible characters go too: they are no part of any public text.
    """
    known = known or KnownIdentifiers()
    folded = fold(text)
    spans = _merge(_spans(blank_labels(folded.text), known, health_details=health_details))
    parts: list[str] = []
    removals: list[Removal] = []
    last = 0
    for span in spans:
        parts.append("".join(text[folded.origin[i]] for i in range(last, span.start)))
        parts.append(span.replacement)
        start, end = folded.span(span.start, span.end)
        removals.append(
            Removal(start, end, span.kind, text[start:end], span.replacement, span.sure)
        )
        last = span.end
    parts.append("".join(text[folded.origin[i]] for i in range(last, len(folded.text))))
    return Redaction("".join(parts), tuple(removals))


def scrub(text: str, known: KnownIdentifiers | None = None, *, health_details: bool = False) -> str:
    """The public version of ``text`` (``redact`` without the list of removals)."""
    return redact(text, known, health_details=health_details).text


def check(
    text: str, known: KnownIdentifiers | None = None, *, health_details: bool = False
) -> list[Finding]:
    """Every identifier the publishing check finds in ``text``; empty means it may go out."""
    from needs.anonymize.check import find

    return find(text, known or KnownIdentifiers(), health_details=health_details)
