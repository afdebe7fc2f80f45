"""Character spans in the data model's conventions: trimmed, never empty."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from quotebench.corpus import Span

__all__ = ["content_span", "make_span", "token_spans", "trim"]

_CONTENT_TRAILING = " \t\n,;:\u2014\u2013-"
_CONTENT_LEADING = " \t\n,;:\u2014\u2013-"


def trim(
    text: str, start: int, end: int, lead: str = " \t\n", tail: str = " \t\n"
) -> tuple[int, int]:
    """Narrow ``[start, end)`` past the characters in ``lead`` and before those in ``tail``."""
    while start < end and text[start] in lead:
        start += 1
    while end > start and text[end - 1] in tail:
        end -= 1
    return start, end


def make_span(text: str, start: int, end: int) -> Span | None:
    """The whitespace-trimmed span ``text[start:end]``, or ``None`` when nothing is left."""
    start, end = trim(text, start, end)
    return Span(start=start, end=end, text=text[start:end]) if start < end else None


def content_span(text: str, start: int, end: int, final_stop: bool = True) -> Span | None:
    """A quote's content segment: no surrounding commas, dashes or colons (R-Q-DIRECT-2).

    Args:
        text: the document text.
        start: first character.
        end: end (exclusive).
        final_stop: keep a closing full stop (direct quotes) or drop it (indirect ones).

    Returns:
        The trimmed span, or ``None`` when nothing is left.
    """
    tail = _CONTENT_TRAILING if final_stop else _CONTENT_TRAILING + "."
    start, end = trim(text, start, end, _CONTENT_LEADING, tail)
    return Span(start=start, end=end, text=text[start:end]) if start < end else None


def token_spans(tokens: Sequence[Any], offset: int, text: str) -> list[Span]:
    """Spans covering spaCy ``tokens`` of a paragraph starting at ``offset``: one per run of
    consecutive tokens, punctuation at the edges left out (R-Q-CUE-PUNCT)."""
    runs: list[list[Any]] = []
    for token in sorted(tokens, key=lambda t: t.i):
        if runs and token.i == runs[-1][-1].i + 1:
            runs[-1].append(token)
        else:
            runs.append([token])
    spans = []
    for run in runs:
        while run and run[-1].is_punct:
            run.pop()
        while run and run[0].is_punct:
            run.pop(0)
        if run:
            start, last = offset + run[0].idx, offset + run[-1].idx + len(run[-1].text)
            spans.append(Span(start=start, end=last, text=text[start:last]))
    return spans
