"""Streaming documents through ``nlp.pipe`` block by block, and regrouping the parses.

A block is a paragraph (a line of the text) or, for long lines, a stretch cut after a
sentence end, so that a 1 MB article never reaches spaCy's length limit or memory peak.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from quotebench.corpus import Document

__all__ = ["MAX_BLOCK", "blocks", "parse_documents"]

MAX_BLOCK = 20_000
_CUT = re.compile(r"[.!?][\"'\u201d\u2019)]*\s+")


def _cut(text: str, start: int, end: int, limit: int) -> Iterator[tuple[int, int]]:
    while end - start > limit:
        window = text[start : start + limit]
        stops = list(_CUT.finditer(window))
        cut = start + (stops[-1].end() if stops else window.rfind(" ") + 1 or limit)
        yield start, cut
        start = cut
    yield start, end


def blocks(text: str, limit: int = MAX_BLOCK, merge: bool = False) -> list[tuple[int, int]]:
    """``(start, end)`` ranges of the non-blank paragraphs of ``text``, none over ``limit``.

    Args:
        text: the document text.
        limit: the longest block, in characters.
        merge: join consecutive paragraphs into blocks up to ``limit`` (for tools that
            need context across paragraphs).
    """
    ranges: list[tuple[int, int]] = []
    start = 0
    for line in text.split("\n"):
        if line.strip():
            ranges.extend(_cut(text, start, start + len(line), limit))
        start += len(line) + 1
    if not merge:
        return ranges
    merged: list[tuple[int, int]] = []
    for lo, hi in ranges:
        if merged and hi - merged[-1][0] <= limit:
            merged[-1] = (merged[-1][0], hi)
        else:
            merged.append((lo, hi))
    return merged


def parse_documents(
    nlp: Any,
    documents: Iterable[Document],
    batch_size: int = 64,
    n_process: int = 1,
    merge: bool = False,
) -> Iterator[tuple[Document, list[tuple[int, Any]]]]:
    """Yield each document with its parsed blocks ``[(offset, spacy Doc), ...]``, in order.

    Documents are streamed: only those whose blocks are inside ``nlp.pipe`` are held.
    """
    pending: deque[tuple[Document, int]] = deque()

    def feed() -> Iterator[tuple[str, int]]:
        for document in documents:
            ranges = blocks(document.text, merge=merge)
            pending.append((document, len(ranges)))
            yield from ((document.text[lo:hi], lo) for lo, hi in ranges)

    parsed = nlp.pipe(feed(), as_tuples=True, batch_size=batch_size, n_process=n_process)
    for doc, offset in parsed:
        while pending and pending[0][1] == 0:
            yield pending.popleft()[0], []
        document, count = pending[0]
        group = [(offset, doc)]
        group.extend((off, d) for d, off in _take(parsed, count - 1))
        pending.popleft()
        yield document, group
    while pending:
        yield pending.popleft()[0], []


def _take(iterator: Iterator[Any], count: int) -> Iterator[Any]:
    for _ in range(count):
        yield next(iterator)
