"""One-to-one alignment of gold and predicted spans under a named matching mode.

Deterministic and independent of input order. Matching has two steps: the acceptance graph
(which predictions each mode accepts for each gold span), then its resolution into pairs. When
the graph is already one to one, its edges are the pairs; otherwise both sides are put in a
canonical order (intervals, then label) before an optimal assignment (scipy's
``linear_sum_assignment``) that first maximises the number of matches, then their total
Jaccard overlap.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from .spans import Intervals, covered, length

__all__ = [
    "OVERLAP_THRESHOLDS",
    "QUOTE_MODES",
    "Accepted",
    "Matching",
    "Mode",
    "accepted_graphs",
    "assign_optimally",
    "match",
    "match_modes",
    "overlap_table",
    "parse_mode",
    "resolve",
]

OVERLAP_THRESHOLDS = ("0.3", "0.8")
QUOTE_MODES = ("strict", "exact", *(f"overlap@{t}" for t in OVERLAP_THRESHOLDS))
Accepted = dict[int, list[int]]  # gold index -> the predicted indices a mode accepts for it


@dataclass(frozen=True)
class Mode:
    """A matching rule: exact boundaries (``typed``: and label) or coverage >= ``threshold``."""

    name: str
    threshold: Fraction | None = None
    typed: bool = False


@functools.lru_cache(maxsize=32)
def parse_mode(name: str) -> Mode:
    """``strict``, ``exact`` or ``overlap@T`` (0 < T <= 1) as a ``Mode``; raises ``ValueError``."""
    if name in ("strict", "exact"):
        return Mode(name, typed=name == "strict")
    prefix, _, value = name.partition("@")
    try:
        threshold = Fraction(value) if prefix == "overlap" else None
    except ValueError:
        threshold = None
    if threshold is not None and 0 < threshold <= 1:
        return Mode(name, threshold=threshold)
    raise ValueError(f"unknown matching mode {name!r} (strict, exact, overlap@T)")


def overlap_table(
    gold: Sequence[Intervals], pred: Sequence[Intervals]
) -> dict[tuple[int, int], int]:
    """Shared characters of every overlapping ``(gold index, pred index)`` pair.

    A sweep over the predictions sorted by start: for each gold span, only the predictions
    starting before it ends are candidates, and only those ending after it starts are measured.
    """
    order = sorted((p[0][0], p[-1][1], j) for j, p in enumerate(pred) if p)
    starts = [start for start, _, _ in order]
    table: dict[tuple[int, int], int] = {}
    for i, g in enumerate(gold):
        if not g:
            continue
        g_start = g[0][0]
        for _, end, j in order[: bisect.bisect_left(starts, g[-1][1])]:
            if end > g_start:
                share = covered(g, pred[j])
                if share:
                    table[(i, j)] = share
    return table


def match(
    gold: Sequence[Intervals],
    pred: Sequence[Intervals],
    mode: Mode,
    gold_labels: Sequence[str] | None = None,
    pred_labels: Sequence[str] | None = None,
    table: dict[tuple[int, int], int] | None = None,
) -> list[tuple[int, int]]:
    """Align predictions with gold, one to one; returns ``(gold index, pred index)`` pairs.

    Labels (e.g. quote types) matter only to a ``typed`` mode; ``table`` is the
    ``overlap_table`` of the two sides when already computed. Pairs come sorted by gold index.
    """
    return match_modes(gold, pred, [mode], gold_labels, pred_labels, table)[mode.name]


def match_modes(
    gold: Sequence[Intervals],
    pred: Sequence[Intervals],
    modes: Sequence[Mode],
    gold_labels: Sequence[str] | None = None,
    pred_labels: Sequence[str] | None = None,
    table: dict[tuple[int, int], int] | None = None,
) -> dict[str, list[tuple[int, int]]]:
    """``match`` under several modes at once (one pass over the overlapping pairs)."""
    g_labels = gold_labels or [""] * len(gold)
    p_labels = pred_labels or [""] * len(pred)
    graphs = accepted_graphs(gold, pred, modes, g_labels, p_labels, table)
    return {
        mode.name: resolve(graph, gold, pred, g_labels, p_labels)
        for mode, graph in zip(modes, graphs, strict=True)
    }


def accepted_graphs(
    gold: Sequence[Intervals],
    pred: Sequence[Intervals],
    modes: Sequence[Mode],
    g_labels: Sequence[str],
    p_labels: Sequence[str],
    table: dict[tuple[int, int], int] | None = None,
) -> list[Accepted]:
    """The acceptance graph of each mode, from one pass over the overlapping pairs.

    Args: both sides' intervals and labels, the modes, their ``overlap_table`` if computed.
    Returns: per mode, gold index -> accepted predicted indices (gold without any left out).
    """
    graphs: list[Accepted] = [{} for _ in modes]
    exact = [(g, m.typed) for g, m in zip(graphs, modes, strict=True) if m.threshold is None]
    ratios = [
        (g, m.threshold.numerator, m.threshold.denominator)
        for g, m in zip(graphs, modes, strict=True)
        if m.threshold is not None
    ]
    lengths: dict[int, int] = {}
    for (i, j), share in (overlap_table(gold, pred) if table is None else table).items():
        for graph, typed in exact:
            if gold[i] == pred[j] and (not typed or g_labels[i] == p_labels[j]):
                graph.setdefault(i, []).append(j)
        if i not in lengths:
            lengths[i] = length(gold[i])
        for graph, numerator, denominator in ratios:
            if share * denominator >= numerator * lengths[i]:
                graph.setdefault(i, []).append(j)
    return graphs


def resolve(
    accepted: Accepted,
    gold: Sequence[Intervals],
    pred: Sequence[Intervals],
    g_labels: Sequence[str],
    p_labels: Sequence[str],
) -> list[tuple[int, int]]:
    """The pairs of an acceptance graph, sorted: its edges when it is one to one, else
    ``assign_optimally``.

    Why the shortcut gives the very pairs ``assign_optimally`` would: when every gold index
    has exactly one accepted prediction and no prediction is accepted twice, the graph is a
    matching M. Every edge weighs more than 0 (``big`` plus a Jaccard overlap), any
    assignment's positive-weight cells are a subset of M, and leaving out an edge of M lowers
    the total since the edges share no row or column. So the one optimum keeps exactly M,
    and the zero-weight cells scipy may add are dropped: the result is M, whatever the order.
    """
    flat = [j for js in accepted.values() for j in js]
    if len(flat) == len(accepted) == len(set(flat)):
        return sorted((i, js[0]) for i, js in accepted.items())
    return assign_optimally(accepted, gold, pred, g_labels, p_labels)


def assign_optimally(
    accepted: Accepted,
    gold: Sequence[Intervals],
    pred: Sequence[Intervals],
    g_labels: Sequence[str],
    p_labels: Sequence[str],
) -> list[tuple[int, int]]:
    """The optimal assignment (scipy) over both sides in canonical order, pairs sorted.

    It maximises the number of pairs, then their total Jaccard overlap.
    """
    from scipy.optimize import linear_sum_assignment

    g_order = sorted(accepted, key=lambda i: (gold[i], g_labels[i]))
    p_order = sorted(
        {j for js in accepted.values() for j in js}, key=lambda j: (pred[j], p_labels[j])
    )
    position = {j: k for k, j in enumerate(p_order)}
    weights = np.zeros((len(g_order), len(p_order)))
    big = min(len(g_order), len(p_order)) + 1
    for row, i in enumerate(g_order):
        for j in accepted[i]:
            weights[row, position[j]] = big + _jaccard(gold[i], pred[j])
    rows, cols = linear_sum_assignment(weights, maximize=True)
    chosen = zip(rows, cols, strict=True)
    return sorted((g_order[r], p_order[c]) for r, c in chosen if weights[r, c] > 0)


def _jaccard(a: Intervals, b: Intervals) -> float:
    shared = covered(a, b)
    return shared / (length(a) + length(b) - shared)


@dataclass(frozen=True)
class Matching:
    """Every mode's acceptance graph and pairs over two whole item lists (e.g. a document's
    quotes), to be restricted to sub-lists (e.g. the quotes of one type) with ``within``."""

    gold: Sequence[Intervals]
    pred: Sequence[Intervals]
    g_labels: Sequence[str]
    p_labels: Sequence[str]
    graphs: dict[str, Accepted]
    pairs: dict[str, list[tuple[int, int]]]
    one_to_one: frozenset[str]  # the modes whose graph is one to one

    @classmethod
    def of(
        cls,
        gold: Sequence[Intervals],
        pred: Sequence[Intervals],
        modes: Sequence[Mode],
        gold_labels: Sequence[str] | None = None,
        pred_labels: Sequence[str] | None = None,
    ) -> Matching:
        """Match ``gold`` and ``pred`` under ``modes`` (labels as in ``match``)."""
        g_labels = gold_labels or [""] * len(gold)
        p_labels = pred_labels or [""] * len(pred)
        graphs = accepted_graphs(gold, pred, modes, g_labels, p_labels)
        pairs = [resolve(graph, gold, pred, g_labels, p_labels) for graph in graphs]
        names = [mode.name for mode in modes]
        by_name = functools.partial(zip, names, strict=True)
        one_to_one = frozenset(
            name
            for name, graph, found in by_name(graphs, pairs)
            if len(found) == sum(map(len, graph.values()))
        )
        return cls(
            gold, pred, g_labels, p_labels, dict(by_name(graphs)), dict(by_name(pairs)), one_to_one
        )

    def within(
        self, g_keep: Sequence[int], p_keep: Sequence[int]
    ) -> dict[str, list[tuple[int, int]]]:
        """Each mode's pairs among the kept items alone, as positions in the kept lists.

        Args: ascending indices of the gold and predicted items to keep.
        Acceptance depends only on the two items, so the kept items' graph is the whole graph
        restricted to them, in the same canonical order. When the whole graph is one to one,
        so is the restriction, whose pairs ``resolve`` returns as they are: the whole pairs
        between kept items. Otherwise the restriction is resolved anew.
        """
        if len(g_keep) == len(self.gold) and len(p_keep) == len(self.pred):
            return dict(self.pairs)
        g_local = {i: k for k, i in enumerate(g_keep)}
        p_local = {j: k for k, j in enumerate(p_keep)}
        out = {}
        for mode, graph in self.graphs.items():
            if mode in self.one_to_one:
                found = self.pairs[mode]
            else:
                edges = {i: [j for j in graph[i] if j in p_local] for i in g_keep if i in graph}
                sub = {i: js for i, js in edges.items() if js}
                found = resolve(sub, self.gold, self.pred, self.g_labels, self.p_labels)
            out[mode] = [
                (g_local[i], p_local[j]) for i, j in found if i in g_local and j in p_local
            ]
        return out
