"""What the reports need beside the counts: errors with their text, stance confusion counts."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from quotebench.corpus import Document

from .columns import SLICES
from .spans import Intervals
from .stance import STANCE_SETTINGS

__all__ = ["ErrorItem", "Notes", "error_item"]


@dataclass(frozen=True)
class ErrorItem:
    """One error for the reports: its kind, where it is and what was expected."""

    kind: str
    document: str
    start: int
    end: int
    text: str
    detail: str


@dataclass
class Notes:
    """Errors, confusion counts per stance setting and gold stance labels per slice."""

    errors: list[ErrorItem] = field(default_factory=list)
    confusion: dict[str, Counter[tuple[str, str]]] = field(
        default_factory=lambda: {s: Counter() for s in STANCE_SETTINGS}
    )
    gold_labels: dict[str, Counter[str]] = field(
        default_factory=lambda: {s: Counter() for s in SLICES}
    )


def error_item(
    kind: str, document: Document, span: Intervals, quote: str, detail: str
) -> ErrorItem:
    """An error at ``span`` of ``document`` about quote ``quote``, with the span's text."""
    start, end = span[0][0], span[-1][1]
    text = " … ".join(document.text[a:b] for a, b in span)
    return ErrorItem(kind, document.id, start, end, text, f"{quote}: {detail}")
