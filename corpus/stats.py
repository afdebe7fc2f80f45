"""Counts per document and per quote type."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from .model import QUOTE_TYPES, STANCE_LABELS, Document

__all__ = ["document_counts", "total_counts"]


def document_counts(document: Document) -> dict[str, int]:
    """Counts of one document's annotations; ``quotes.direct``-style keys split by type/label."""
    types = Counter(q.type for q in document.quotes)
    labels = Counter(s.label for s in document.stances)
    return {
        "characters": len(document.text),
        "paragraphs": len(document.paragraphs),
        "entities": len(document.entities),
        "mentions": len(document.mentions),
        "quotes": len(document.quotes),
        **{f"quotes.{t}": types[t] for t in QUOTE_TYPES},
        "stances": len(document.stances),
        **{f"stances.{label}": labels[label] for label in STANCE_LABELS},
        "non_quotes": len(document.non_quotes),
    }


def total_counts(rows: Iterable[dict[str, int]]) -> dict[str, int]:
    """Add up ``document_counts`` rows into corpus totals, keys in their first order."""
    total: dict[str, int] = {}
    for row in rows:
        for key, value in row.items():
            total[key] = total.get(key, 0) + value
    return total
