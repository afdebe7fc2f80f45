"""What a run of aligned documents contributes to the results, and how runs add up.

The harness scores an in-memory collection as one part. Sharded collections are scored a
batch of documents at a time, in gold-id order, and the parts are added: per-unit counts
stacked in order, stance notes summed, ranked quotes kept as arrays, and of the errors only
what the reports show (the first ``ERROR_LIMIT`` of each kind and every error of the first
``DRAWN_DOCUMENTS`` documents with one), with the count of each kind.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from quotebench.corpus import Document
from quotebench.corpus.model import Call

from .columns import Tasks, columns
from .notes import ErrorItem, Notes
from .ranking import ranked_quotes
from .scoring import score_collection
from .unaligned import alignment_counts
from .units import Units

__all__ = ["DRAWN_DOCUMENTS", "ERROR_LIMIT", "Part", "add_parts"]

ERROR_LIMIT = 100  # errors listed per kind in report.md
DRAWN_DOCUMENTS = 20  # documents drawn with their errors in report.html


def _error_key(error: ErrorItem) -> tuple:
    return error.kind, error.document, error.start, error.end, error.detail


@dataclass
class Part:
    """Counts per unit and the facts the results need, of some aligned documents."""

    unit_kind: str  # document, or quote (a lone document's gold quotes)
    ids: list[str]  # the units' ids, in order
    documents: int  # gold documents
    matrix: np.ndarray  # (units, columns, 3)
    notes: Notes
    scores: np.ndarray  # each predicted quote's score (nan: none)
    hits: np.ndarray  # whether the ranking's matching pairs it with a gold quote
    gold_quotes: int
    pairs: list[tuple[Document, Document]]
    scored_predictions: int
    annotated: int  # predictions holding a quote, a stance or a mention
    failures: list[str]  # ids of the predictions that record a failure
    alignment: Counter[str]
    calls: list[Call]
    error_counts: Counter[str] = field(default_factory=Counter)
    error_documents: int = 0  # documents with an error

    @classmethod
    def of(
        cls,
        golds: Sequence[Document],
        preds: Sequence[Document],
        oracles: Sequence[Document] | None,
        units: Units,
        tasks: Tasks,
        scored_predictions: int,
    ) -> Part:
        """Score aligned ``golds`` and ``preds`` (and ``oracles``) in ``units``."""
        tally, notes = score_collection(golds, preds, oracles, units, tasks)
        scores, hits = ranked_quotes(golds, preds)
        return cls(
            unit_kind=units.kind,
            ids=list(units.ids),
            documents=len(golds),
            matrix=tally.matrix(columns(tasks)),
            notes=notes,
            scores=scores,
            hits=hits,
            gold_quotes=sum(len(g.quotes) for g in golds),
            pairs=list(zip(golds, preds, strict=True)),
            scored_predictions=scored_predictions,
            annotated=sum(1 for p in preds if p.quotes or p.stances or p.mentions),
            failures=[p.id for p in preds if p.annotation.failures],
            alignment=alignment_counts(preds),
            calls=[c for p in preds for c in p.annotation.calls],
            error_counts=Counter(e.kind for e in notes.errors),
            error_documents=len({e.document for e in notes.errors}),
        )

    def shown(self) -> Part:
        """This part with only the errors (and document pairs) the reports show."""
        ordered = sorted(self.notes.errors, key=_error_key)
        drawn = set(sorted({e.document for e in ordered})[:DRAWN_DOCUMENTS])
        per_kind: Counter[str] = Counter()
        kept = []
        for error in ordered:
            per_kind[error.kind] += 1
            if per_kind[error.kind] <= ERROR_LIMIT or error.document in drawn:
                kept.append(error)
        self.notes.errors = kept
        self.pairs = [pair for pair in self.pairs if pair[0].id in drawn]
        return self


def add_parts(parts: Sequence[Part]) -> Part:
    """The parts as one, in order (each part's ``shown`` errors when there are several)."""
    if len(parts) == 1:
        return parts[0]
    notes = Notes()
    for part in parts:
        notes.errors += part.notes.errors
        for setting, counts in part.notes.confusion.items():
            notes.confusion[setting].update(counts)
        for name, labels in part.notes.gold_labels.items():
            notes.gold_labels[name].update(labels)
    whole = Part(
        unit_kind=parts[0].unit_kind,
        ids=[i for p in parts for i in p.ids],
        documents=sum(p.documents for p in parts),
        matrix=np.concatenate([p.matrix for p in parts]),
        notes=notes,
        scores=np.concatenate([p.scores for p in parts]),
        hits=np.concatenate([p.hits for p in parts]),
        gold_quotes=sum(p.gold_quotes for p in parts),
        pairs=[pair for p in parts for pair in p.pairs],
        scored_predictions=sum(p.scored_predictions for p in parts),
        annotated=sum(p.annotated for p in parts),
        failures=[i for p in parts for i in p.failures],
        alignment=sum((p.alignment for p in parts), Counter()),
        calls=[c for p in parts for c in p.calls],
        error_counts=sum((p.error_counts for p in parts), Counter()),
        error_documents=sum(p.error_documents for p in parts),
    )
    return whole.shown()
