"""Character intervals: the union of a quote's segments, overlap and whitespace tokens."""

from __future__ import annotations

import re
from collections.abc import Iterable

from quotebench.corpus import Span

__all__ = [
    "Intervals",
    "covered",
    "intervals",
    "length",
    "overlaps",
    "whitespace_tokens",
]

Intervals = tuple[tuple[int, int], ...]
_TOKEN = re.compile(r"\S+")


def intervals(segments: Iterable[Span]) -> Intervals:
    """The union of segments' characters as sorted, disjoint, non-adjacent ``(start, end)``."""
    merged: list[list[int]] = []
    for start, end in sorted((s.start, s.end) for s in segments if s.end > s.start):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return tuple((a, b) for a, b in merged)


def length(spans: Intervals) -> int:
    """How many characters the intervals cover."""
    return sum(end - start for start, end in spans)


def covered(gold: Intervals, pred: Intervals) -> int:
    """How many characters of ``gold`` ``pred`` covers (a linear merge of two sorted lists)."""
    total, i, j = 0, 0, 0
    while i < len(gold) and j < len(pred):
        low, high = max(gold[i][0], pred[j][0]), min(gold[i][1], pred[j][1])
        total += max(0, high - low)
        if gold[i][1] < pred[j][1]:
            i += 1
        else:
            j += 1
    return total


def overlaps(a: Intervals, b: Intervals) -> bool:
    """Whether the two share at least one character."""
    return covered(a, b) > 0


def whitespace_tokens(text: str) -> list[tuple[int, int]]:
    """The text's whitespace-separated tokens as ``(start, end)``."""
    return [m.span() for m in _TOKEN.finditer(text)]
