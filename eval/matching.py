"""One-to-one alignment of gold and predicted spans under a named matching mode.

Deterministic and independent of input order: both sides are put in a canonical order
(intervals, then label) before an optimal assignment (scipy's ``linear_sum_assignment``)
that first maximises the number of matches, then their total Jaccard overlap.
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
    "Mode",
    "match",
    "match_modes",
    "overlap_table",
    "parse_mode",
]

OVERLAP_THRESHOLDS = ("0.3", "0.8")
QUOTE_MODES = ("strict", "exact", *(f"overlap@{t}" for t in OVERLAP_THRESHOLDS))


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
    """Shared characters of every overlapping ``(gold index, pred index)`` pair (a sweep)."""
    order = sorted((p[0][0], j) for j, p in enumerate(pred) if p)
    starts = [start for start, _ in order]
    table: dict[tuple[int, int], int] = {}
    for i, g in enumerate(gold):
        if not g:
            continue
        for _, j in order[: bisect.bisect_left(starts, g[-1][1])]:
            if pred[j][-1][1] > g[0][0]:
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
    accepted: list[dict[int, list[int]]] = [{} for _ in modes]
    for (i, j), share in (overlap_table(gold, pred) if table is None else table).items():
        same = g_labels[i] == p_labels[j]
        for k, mode in enumerate(modes):
            if _accepts(mode, gold[i], pred[j], share, same):
                accepted[k].setdefault(i, []).append(j)
    return {
        mode.name: _resolve(accepted[k], gold, pred, g_labels, p_labels)
        for k, mode in enumerate(modes)
    }


def _resolve(
    accepted: dict[int, list[int]],
    gold: Sequence[Intervals],
    pred: Sequence[Intervals],
    g_labels: Sequence[str],
    p_labels: Sequence[str],
) -> list[tuple[int, int]]:
    """The pairs of an acceptance graph: direct when unique, else an optimal assignment."""
    flat = [j for js in accepted.values() for j in js]
    if len(flat) == len(accepted) == len(set(flat)):  # no choice to make: the result is unique
        return sorted((i, js[0]) for i, js in accepted.items())
    g_order = sorted(accepted, key=lambda i: (gold[i], g_labels[i]))
    p_order = sorted(set(flat), key=lambda j: (pred[j], p_labels[j]))
    return sorted(_assign(g_order, p_order, accepted, gold, pred))


def _accepts(mode: Mode, gold: Intervals, pred: Intervals, share: int, same_label: bool) -> bool:
    if mode.threshold is None:
        return gold == pred and (same_label or not mode.typed)
    return share * mode.threshold.denominator >= mode.threshold.numerator * length(gold)


def _assign(
    g_order: list[int],
    p_order: list[int],
    accepted: dict[int, list[int]],
    gold: Sequence[Intervals],
    pred: Sequence[Intervals],
) -> list[tuple[int, int]]:
    """The optimal assignment over both sides in canonical order (scipy)."""
    from scipy.optimize import linear_sum_assignment

    position = {j: k for k, j in enumerate(p_order)}
    weights = np.zeros((len(g_order), len(p_order)))
    big = min(len(g_order), len(p_order)) + 1
    for row, i in enumerate(g_order):
        for j in accepted[i]:
            weights[row, position[j]] = big + _jaccard(gold[i], pred[j])
    rows, cols = linear_sum_assignment(weights, maximize=True)
    return [(g_order[r], p_order[c]) for r, c in zip(rows, cols, strict=True) if weights[r, c] > 0]


def _jaccard(a: Intervals, b: Intervals) -> float:
    shared = covered(a, b)
    return shared / (length(a) + length(b) - shared)
