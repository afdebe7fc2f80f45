"""Character intervals: the union of a quote's segments, overlap and whitespace tokens."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import numpy as np

from quotebench.corpus import Span

__all__ = [
    "Intervals",
    "covered",
    "intervals",
    "length",
    "merge",
    "overlaps",
    "token_bounds",
]

Intervals = tuple[tuple[int, int], ...]
_LAST_SPACE = 0x3000  # no character above U+3000 matches the regex class \s
_SPACE = np.zeros(_LAST_SPACE + 2, dtype=bool)  # code point -> matches \s (the last: any above)
_SPACE[[ord(c) for c in re.findall(r"\s", "".join(map(chr, range(_LAST_SPACE + 1))))]] = True


def intervals(segments: Sequence[Span]) -> Intervals:
    """The union of segments' characters as sorted, disjoint, non-adjacent ``(start, end)``."""
    if len(segments) == 1:  # the common case, without sorting
        start, end = segments[0].start, segments[0].end
        return ((start, end),) if end > start else ()
    return merge((s.start, s.end) for s in segments)


def merge(pairs: Iterable[tuple[int, int]]) -> Intervals:
    """The union of ``(start, end)`` pairs as sorted, disjoint, non-adjacent intervals."""
    merged: list[tuple[int, int]] = []
    low = high = -1
    for start, end in sorted(pairs):
        if end <= start:
            continue
        if start > high:
            if high >= 0:
                merged.append((low, high))
            low, high = start, end
        elif end > high:
            high = end
    if high >= 0:
        merged.append((low, high))
    return tuple(merged)


def length(spans: Intervals) -> int:
    """How many characters the intervals cover."""
    if len(spans) == 1:
        return spans[0][1] - spans[0][0]
    return sum(end - start for start, end in spans)


def covered(gold: Intervals, pred: Intervals) -> int:
    """How many characters of ``gold`` ``pred`` covers (a linear merge of two sorted lists)."""
    if len(gold) == 1 and len(pred) == 1:
        return max(0, min(gold[0][1], pred[0][1]) - max(gold[0][0], pred[0][0]))
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


def token_bounds(text: str) -> tuple[np.ndarray, np.ndarray]:
    """The starts and the ends of the text's whitespace-separated tokens (regex ``\\S+``).

    Vectorised: a token starts where a non-space follows a space (the text is padded with a
    space on both sides) and ends where a space follows a non-space.
    """
    points = np.frombuffer((" " + text + " ").encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    space = _SPACE.take(points, mode="clip")
    edges = np.flatnonzero(space[1:] != space[:-1])
    return edges[0::2], edges[1::2]
