"""Mapping annotations from one convention onto another, where that is well defined.

Each rule on which the two conventions differ (``conventions.Convention``) is one step:

- ``marks_in_content``: direct content gains its enclosing quotation marks (and a comma just
  before the closing one), or loses them;
- ``continuation``: a quote whose later content segment starts after its reporting sentence
  has ended (a sentence end between the segments, after every cue) is split into a quote
  per continuation (``segment`` -> ``quote``: same speaker, no cue, no source); a cue-less,
  source-less quote right after a quote of the same speaker joins it as a segment
  (``quote`` -> ``segment``);
- ``nested``: quotes inside another (``parent`` set) are dropped, with their stances, for a
  convention that does not annotate them; the other way nothing can be added;
- ``acts``: predictions of beliefs, intentions and perceptions cannot be told apart from
  speech without an extractor's lexicon, so ``attribution`` -> ``speech`` is not defined
  (``speech`` -> ``attribution`` needs nothing).

The harness uses it to score predictions under the gold's convention (``eval.projection``);
an extractor may use it to write its output in the convention asked for.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .conventions import Convention
from .marks import CLOSING, OPENING
from .model import Document, Quote, Span

__all__ = [
    "ProjectionUndefined",
    "content_marks",
    "keep_quotes",
    "project",
    "projection_steps",
]

_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*\s|\n")


class ProjectionUndefined(ValueError):
    """The conventions differ on a rule the projection cannot map."""


def projection_steps(source: Convention, target: Convention) -> list[str]:
    """The rules to map, ``source`` -> ``target``; raises ``ProjectionUndefined``."""
    steps = source.differences(target)
    if "acts" in steps and source.acts == "attribution":
        raise ProjectionUndefined(
            f"{source.name} counts beliefs, intentions and perceptions and {target.name} does"
            " not: which predictions are speech is not known without the extractor"
        )
    return [step for step in steps if step != "acts"]


def _span(text: str, start: int, end: int) -> Span:
    return Span(start=start, end=end, text=text[start:end])


def _mark_before(text: str, position: int) -> int:
    """The length of the opening mark ending at ``position``: 2 for '' (two apostrophes
    used as a double mark), 1 for a double mark, 0 for none."""
    if text[max(0, position - 2) : position] == "''":
        return 2
    return int(position > 0 and text[position - 1] in OPENING)


def _mark_at(text: str, position: int) -> int:
    """The length of the closing mark starting at ``position`` (2, 1 or 0)."""
    if text[position : position + 2] == "''":
        return 2
    return int(text[position : position + 1] in tuple(CLOSING))


def _with_marks(text: str, span: Span) -> Span:
    start, end = span.start, span.end
    start -= _mark_before(text, start)
    comma = int(text[end : end + 1] == "," and _mark_at(text, end + 1) > 0)
    end += comma + _mark_at(text, end + comma)
    return _span(text, start, end)


def _without_marks(text: str, span: Span) -> Span:
    start, end = span.start, span.end
    opening = 2 if text[start : start + 2] == "''" else int(text[start] in OPENING)
    closing = 2 if text[end - 2 : end] == "''" else int(text[end - 1] in CLOSING)
    if end - start > opening + closing:
        start, end = start + opening, end - closing
        if closing and text[end - 1] == "," and end - start > 1:
            end -= 1
    return _span(text, start, end)


def content_marks(document: Document, target: Convention) -> Document:
    """The document's direct content with its enclosing quotation marks, or without them,
    as ``target`` says."""
    change = _with_marks if target.marks_in_content else _without_marks
    quotes = tuple(
        q.model_copy(update={"content": tuple(change(document.text, s) for s in q.content)})
        if q.type == "direct"
        else q
        for q in document.quotes
    )
    return document.model_copy(update={"quotes": quotes})


def _continues(text: str, quote: Quote, previous: Span, segment: Span) -> bool:
    """Whether ``segment`` starts after the sentence that reports the quote has ended."""
    after_cues = all(c.end <= segment.start for c in quote.cue)
    return after_cues and bool(_SENTENCE_END.search(text, previous.end, segment.start))


def _split(document: Document) -> Document:
    quotes: list[Quote] = []
    for quote in document.quotes:
        kept, pieces = [quote.content[0]], []
        for previous, segment in zip(quote.content, quote.content[1:], strict=False):
            target = (
                pieces if pieces or _continues(document.text, quote, previous, segment) else kept
            )
            target.append(segment)
        quotes.append(quote.model_copy(update={"content": tuple(kept)}))
        quotes += [
            Quote(id=f"{quote.id}.{k}", type=quote.type, content=(piece,), speaker=quote.speaker,
                  parent=quote.parent, score=quote.score)
            for k, piece in enumerate(pieces, start=1)
        ]  # fmt: skip
    return document.model_copy(update={"quotes": tuple(quotes)})


def _join(document: Document) -> Document:
    ordered = sorted(document.quotes, key=lambda q: q.content[0].start)
    joined: list[Quote] = []
    for quote in ordered:
        last = joined[-1] if joined else None
        if (
            last is not None and not quote.cue and quote.source is None
            and quote.speaker is not None and quote.speaker == last.speaker
            and quote.content[0].start >= last.content[-1].end
        ):  # fmt: skip
            joined[-1] = last.model_copy(update={"content": (*last.content, *quote.content)})
        else:
            joined.append(quote)
    return keep_quotes(document, joined)


def _without_nested(document: Document) -> Document:
    return keep_quotes(document, [q for q in document.quotes if q.parent is None])


def keep_quotes(document: Document, quotes: Sequence[Quote]) -> Document:
    """The document with ``quotes``; stances and parents on quotes no longer there dropped."""
    ids = {q.id for q in quotes}
    kept = tuple(q if q.parent in ids else q.model_copy(update={"parent": None}) for q in quotes)
    stances = tuple(s for s in document.stances if s.quote is None or s.quote in ids)
    return document.model_copy(update={"quotes": kept, "stances": stances})


def project(
    documents: Sequence[Document], source: Convention, target: Convention
) -> tuple[list[Document], list[str]]:
    """The documents mapped from ``source`` onto ``target`` and the steps taken.

    Raises ``ProjectionUndefined`` when a rule cannot be mapped.
    """
    steps = projection_steps(source, target)
    out = list(documents)
    if "nested" in steps and not target.nested:
        out = [_without_nested(d) for d in out]
    if "continuation" in steps:
        out = [_split(d) if target.continuation == "quote" else _join(d) for d in out]
    if "marks_in_content" in steps:
        out = [content_marks(d, target) for d in out]
    return [d.with_convention(target.name) for d in out], steps
