"""Merge annotators' versions of a document into a gold candidate, listing every conflict.

The candidate starts from the first annotator's version (annotators in sorted order) and
keeps its quotes that a strict majority of annotators also have (identical content segments);
the stances of a dropped quote are dropped and a child's ``parent`` on it becomes ``None``.
A conflict is listed for every quote some annotators have and others have not, and for every
shared quote on which they differ in type, source text or stance labels.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from quotebench.corpus.model import Annotation, Document, Quote

from .agreement import group_versions

__all__ = ["adjudicate"]

Key = tuple[tuple[int, int], ...]


def _key(quote: Quote) -> Key:
    return tuple(sorted((s.start, s.end) for s in quote.content))


def _reading(document: Document, quote: Quote) -> dict[str, Any]:
    mentions = {m.id: m.text for m in document.mentions}
    stances = {s.target: s.label for s in document.stances if s.quote == quote.id}
    return {"type": quote.type, "source": mentions.get(quote.source or ""), "stances": stances}


def _conflicts(doc_id: str, by: dict[str, Document]) -> tuple[set[Key], list[dict[str, Any]]]:
    readings: dict[Key, dict[str, dict[str, Any]]] = defaultdict(dict)
    texts: dict[Key, str] = {}
    for annotator, document in sorted(by.items()):
        for quote in document.quotes:
            readings[_key(quote)][annotator] = _reading(document, quote)
            texts.setdefault(_key(quote), " … ".join(s.text for s in quote.content))
    kept, conflicts = set(), []
    for key in sorted(readings):
        found = readings[key]
        if 2 * len(found) > len(by):
            kept.add(key)
        for field in ("type", "source", "stances"):
            values = {a: r[field] for a, r in found.items()}
            if len(found) < len(by) and field == "type":
                values.update(dict.fromkeys(sorted(set(by) - set(found))))
            if len({repr(v) for v in values.values()}) > 1:
                conflicts.append({"document": doc_id, "quote": texts[key], "field": field,
                                  "readings": values, "kept": key in kept})  # fmt: skip
    return kept, conflicts


def _candidate(base: Document, kept: set[Key]) -> Document:
    quotes = [q for q in base.quotes if _key(q) in kept]
    ids = {q.id for q in quotes}
    quotes = [q if q.parent in ids else q.model_copy(update={"parent": None}) for q in quotes]
    stances = [s for s in base.stances if s.quote is None or s.quote in ids]
    annotation = Annotation(annotator="adjudicated", origin="gold", version=base.annotation.version)
    update = {"quotes": tuple(quotes), "stances": tuple(stances), "annotation": annotation}
    return base.model_copy(update=update)


def adjudicate(documents: Iterable[Document]) -> tuple[list[Document], list[dict[str, Any]]]:
    """Gold candidates (one per document id) and the conflicts to decide.

    Raises ``UnusableInput`` when one annotator gave one document twice.
    """
    candidates, conflicts = [], []
    for doc_id, by in sorted(group_versions(documents).items()):
        kept, found = _conflicts(doc_id, by)
        candidates.append(_candidate(by[min(by)], kept))
        conflicts += found
    return candidates, conflicts
