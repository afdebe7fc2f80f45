"""Resampling units and the per-unit tally of counts that bootstrap intervals resample.

Units are documents, or the gold quotes when the corpus has a single document. Every count
is credited to one unit: a gold item to its document (or its own quote), a prediction to
its document (or to the gold quote it matched, else the gold quote nearest to it).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from quotebench.corpus import Document

from .spans import intervals

__all__ = ["DocumentUnits", "Tally", "Units", "document_units", "plan_units"]


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

    def gold_quotes(self, indices: Sequence[int]) -> list[int]:
        """The unit of each gold quote in ``indices``, as ``gold_quote`` gives it."""
        if self.single is not None:
            return [self.single] * len(indices)
        return [self.quote_units[i] for i in indices]

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


def document_units(ids: Sequence[str]) -> Units:
    """Each document its own unit."""
    return Units("document", tuple(ids), tuple(DocumentUnits(i) for i in range(len(ids))))


def plan_units(gold: Sequence[Document]) -> Units:
    """Documents as units, or the gold quotes of a lone document that has quotes."""
    if len(gold) != 1 or not gold[0].quotes:
        return document_units([d.id for d in gold])
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
    """Counts ``[tp, fp, fn]`` per (column, unit) of ``units`` units; columns are metric keys.

    Counts come item by item (``add``: each unit has one flat row, three counts per column in
    the order columns were first credited) or as whole arrays over a run of units
    (``add_block``); ``matrix`` sums both.
    """

    units: int
    positions: dict[str, int] = field(default_factory=dict)
    rows: dict[int, list[int]] = field(default_factory=dict)
    blocks: dict[str, np.ndarray] = field(default_factory=dict)

    def add(self, column: str, unit: int, tp: int = 0, fp: int = 0, fn: int = 0) -> None:
        """Credit counts to ``column`` in ``unit``."""
        at = self.positions.get(column)
        if at is None:
            at = self.positions[column] = len(self.positions)
        at *= 3
        row = self.rows.get(unit)
        if row is None or len(row) <= at:
            row = self._grown(unit, at)
        row[at] += tp
        row[at + 1] += fp
        row[at + 2] += fn

    def _grown(self, unit: int, at: int) -> list[int]:
        """The row of ``unit``, long enough for the column at ``at``."""
        row = self.rows.setdefault(unit, [])
        row.extend([0] * (3 * len(self.positions) - len(row)))
        return row

    def add_units(
        self,
        column: str,
        tp: Iterable[int] = (),
        fp: Iterable[int] = (),
        fn: Iterable[int] = (),
    ) -> None:
        """Credit one count per listed unit (a unit listed twice gets two)."""
        for unit in tp:
            self.add(column, unit, tp=1)
        for unit in fp:
            self.add(column, unit, fp=1)
        for unit in fn:
            self.add(column, unit, fn=1)

    def add_block(self, column: str, first: int, counts: np.ndarray) -> None:
        """Credit an ``(n, 3)`` array of counts to ``column`` in units ``first`` to
        ``first + n - 1``."""
        block = self.blocks.get(column)
        if block is None:
            block = self.blocks[column] = np.zeros((self.units, 3), dtype=np.int64)
        block[first : first + len(counts)] += counts

    def matrix(self, columns: Sequence[str]) -> np.ndarray:
        """A ``(units, columns, 3)`` integer array; unknown columns raise ``KeyError``."""
        index = {c: k for k, c in enumerate(columns)}
        array = np.zeros((self.units, len(columns), 3), dtype=np.int64)
        for column, block in self.blocks.items():
            array[:, index[column]] += block
        targets = [index[c] for c in self.positions]
        width = 3 * len(targets)
        if self.rows:
            flat = np.zeros((self.units, width), dtype=np.int64)
            flat[list(self.rows)] = [row + [0] * (width - len(row)) for row in self.rows.values()]
            array[:, targets] += flat.reshape(self.units, len(targets), 3)
        return array
