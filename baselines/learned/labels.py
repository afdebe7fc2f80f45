"""Gold quotes as token tags (BIO over source, cue and content), and tags back as spans.

A token takes one tag. Quotes may share a span (one source mention for two cues). Where
they overlap otherwise (a quote inside another's content, as the data model allows and
PolNeAR does not), the earlier component in the order cue, source, content, quote by quote,
keeps the token; each quote that lost a token is counted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from quotebench.corpus import Document

__all__ = ["COMPONENTS", "Tagged", "gold_tags", "tag_runs"]

COMPONENTS = ("CUE", "SOURCE", "CONTENT")


@dataclass
class Tagged:
    """One document's tags per block, and how many of its quotes could not be kept whole."""

    tags: list[list[str]]
    overlapping: int


def _components(document: Document) -> Iterable[tuple[int, str, int, int]]:
    mentions = {m.id: m for m in document.mentions}
    for n, quote in enumerate(document.quotes):
        for span in quote.cue:
            yield n, "CUE", span.start, span.end
        if quote.source is not None:
            mention = mentions[quote.source]
            yield n, "SOURCE", mention.start, mention.end
        for span in quote.content:
            yield n, "CONTENT", span.start, span.end


def gold_tags(document: Document, blocks: list[tuple[int, Any]]) -> Tagged:
    """The BIO tags of each token of ``blocks`` (``(offset, Doc)``) from the gold quotes."""
    owner: dict[int, tuple[str, int, int]] = {}  # character -> (component, start, end)
    clipped: set[int] = set()
    ordered = sorted(_components(document), key=lambda part: COMPONENTS.index(part[1]))
    for n, component, start, end in ordered:  # cues first, then sources, then contents
        span = (component, start, end)  # quotes may share a span (one source, two cues)
        for c in range(start, end):
            if owner.setdefault(c, span) != span:
                clipped.add(n)
    tags, previous = [], None
    for offset, doc in blocks:
        row = []
        for token in doc:
            found = owner.get(offset + token.idx)
            if found is None:
                row.append("O")
                previous = None
                continue
            row.append(("I-" if found == previous else "B-") + found[0])
            previous = found
        tags.append(row)
    return Tagged(tags, len(clipped))


def tag_runs(tags: list[str]) -> list[tuple[str, int, int]]:
    """The runs ``(component, first token, end token)`` of one block's BIO tags."""
    runs: list[tuple[str, int, int]] = []
    for i, tag in enumerate(tags):
        if tag == "O":
            continue
        kind = tag[2:]
        if tag.startswith("I-") and runs and runs[-1][0] == kind and runs[-1][2] == i:
            runs[-1] = (kind, runs[-1][1], i + 1)
        else:
            runs.append((kind, i, i + 1))
    return runs
