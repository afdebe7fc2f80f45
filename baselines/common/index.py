"""Looking up parsed paragraphs and quoted stretches by character position, in log time,
so that a long article costs linear time, not quadratic."""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

from .marks import Quoted

__all__ = ["TextIndex"]


class TextIndex:
    """The parsed blocks ``(offset, Doc)`` of one document and its quoted stretches.

    Args:
        parsed: ``(offset, spaCy Doc)`` per block, in text order.
        quoted: the document's quoted stretches.
    """

    def __init__(self, parsed: list[tuple[int, Any]], quoted: list[Quoted]) -> None:
        self.parsed = parsed
        self.quoted = quoted
        self._starts = [offset for offset, _ in parsed]
        self._quoted: list[list[Quoted]] = [[] for _ in parsed]
        for q in quoted:
            for index in self._block_range(*q.outer):
                self._quoted[index].append(q)

    def _block_range(self, lo: int, hi: int) -> range:
        first = max(0, bisect_right(self._starts, lo) - 1)
        last = bisect_right(self._starts, max(lo, hi - 1))
        return range(first, last)

    def blocks(self, lo: int, hi: int) -> list[tuple[int, Any]]:
        """The blocks overlapping the characters ``[lo, hi)``."""
        found = []
        for index in self._block_range(lo, hi):
            offset, doc = self.parsed[index]
            if offset < hi and lo < offset + len(doc.text) + 1:
                found.append((offset, doc))
        return found

    def near(self, position: int) -> list[Quoted]:
        """The quoted stretches touching the block that holds ``position``."""
        index = bisect_right(self._starts, position) - 1
        return self._quoted[index] if index >= 0 else []

    def inside(self, position: int) -> list[Quoted]:
        """The quoted stretches whose inner text holds ``position``."""
        return [q for q in self.near(position) if any(a <= position < b for a, b in q.pieces)]

    def tokens(self, lo: int, hi: int) -> list[tuple[int, Any]]:
        """``(block offset, token)`` for every token starting in ``[lo, hi)``."""
        return [
            (offset, token)
            for offset, doc in self.blocks(lo, hi)
            for token in doc
            if lo <= offset + token.idx < hi
        ]
