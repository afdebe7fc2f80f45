"""Resampling units and the per-unit tally of counts that bootstrap intervals resample.

Units are documents, or the gold quotes when the corpus has a single document. Every count
is credited to one unit: a gold item to its document (or its own quote), a prediction to
its document (or to the gold quote it matched, else the gold quote nearest to it).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from quotebench.corpus import Document

from .spans import intervals

__all__ = ["DocumentUnits", "Tally", "Units", "plan_units"]


@dataclass(frozen=True)
class DocumentUnits:
    """Where the counts of one document go: a single unit, or one per gold quote."""

    single: int | None
    quote_units: tuple[int, ...] = ()
    quote_starts: tuple[int, ...] = ()
    quote_ends: tuple[int, ...] = ()

    def gold_quote(self, index: int) -> int:
        """The unit of gold quote ``index`` (in document order)."""
        return self.single if self.single is not None else self.quote_units[index]

    def positions(self, offsets: Sequence[int]) -> list[int]:
        """The unit of each offset, as ``position`` gives it."""
        if self.single is not None:
            return [self.single] * len(offsets)
        return [self.position(offset) for offset in offsets]

    def position(self, offset: int) -> int:
        """The unit of an unmatched prediction at ``offset``: the nearest gold quote."""
        if self.single is not None:
            return self.single
        distances = [
            max(start - offset, offset - end + 1, 0)
            for start, end in zip(self.quote_starts, self.quote_ends, strict=True)
        ]
        best = min(range(len(distances)), key=lambda k: (distances[k], self.quote_units[k]))
        return self.quote_units[best]


@dataclass(frozen=True)
class Units:
    """The resampling units: ``kind`` is ``document`` or ``quote``; ``ids`` name them."""

    kind: str
    ids: tuple[str, ...]
    documents: tuple[DocumentUnits, ...]


def plan_units(gold: Sequence[Document]) -> Units:
    """Documents as units, or the gold quotes of a lone document that has quotes."""
    if len(gold) != 1 or not gold[0].quotes:
        return Units(
            "document", tuple(d.id for d in gold), tuple(DocumentUnits(i) for i in range(len(gold)))
        )
    document = gold[0]
    spans = [intervals(q.content) for q in document.quotes]
    order = sorted(range(len(spans)), key=lambda i: (spans[i], document.quotes[i].type))
    unit_of = {i: k for k, i in enumerate(order)}
    units = DocumentUnits(
        None,
        tuple(unit_of[i] for i in range(len(spans))),
        tuple(s[0][0] for s in spans),
        tuple(s[-1][1] for s in spans),
    )
    ids = tuple(f"{document.id}#{document.quotes[i].id}" for i in order)
    return Units("quote", ids, (units,))


@dataclass
class Tally:
    """Counts ``[tp, fp, fn]`` per (column, unit); columns are metric keys."""

    counts: dict[tuple[str, int], list[int]] = field(
        default_factory=lambda: defaultdict(lambda: [0, 0, 0])
    )

    def add(self, column: str, unit: int, tp: int = 0, fp: int = 0, fn: int = 0) -> None:
        """Credit counts to ``column`` in ``unit``."""
        cell = self.counts[(column, unit)]
        cell[0] += tp
        cell[1] += fp
        cell[2] += fn

    def add_units(
        self,
        column: str,
        tp: Iterable[int] = (),
        fp: Iterable[int] = (),
        fn: Iterable[int] = (),
    ) -> None:
        """Credit one count per listed unit (a unit listed twice gets two)."""
        for kind, units in enumerate((tp, fp, fn)):
            for unit in units:
                self.counts[(column, unit)][kind] += 1

    def matrix(self, columns: Sequence[str], n_units: int) -> np.ndarray:
        """An ``(units, columns, 3)`` integer array; unknown columns raise ``KeyError``."""
        index = {c: k for k, c in enumerate(columns)}
        array = np.zeros((n_units, len(columns), 3), dtype=np.int64)
        for (column, unit), cell in self.counts.items():
            array[unit, index[column]] = cell
        return array
