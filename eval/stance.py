"""Stance scoring: per-label counts over (quote, target) pairs, macro-F1 and SemEval's F_avg."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

import numpy as np

from quotebench.corpus import STANCE_LABELS

from .prf import PRF

__all__ = [
    "STANCE_SETTINGS",
    "Outcome",
    "PairKey",
    "label_counts",
    "majority_baseline",
    "outcomes",
    "summary_scores",
    "summary_scores_array",
]

STANCE_SETTINGS = ("oracle", "end-to-end")
PairKey = tuple[int, int, str]  # (0 gold quote | 1 unmatched predicted quote, index, target)
Outcome = tuple[PairKey, str | None, str | None]  # (pair, gold label, predicted label)


def outcomes(gold: Mapping[PairKey, str], pred: Mapping[PairKey, str]) -> list[Outcome]:
    """Every pair in either mapping with its gold and predicted label (``None`` if absent)."""
    return [(key, gold.get(key), pred.get(key)) for key in sorted(set(gold) | set(pred))]


def label_counts(gold: str | None, pred: str | None) -> dict[str, PRF]:
    """Per-label counts of one pair: a hit, or a false positive and/or a false negative."""
    if gold is not None and gold == pred:
        return {gold: PRF(tp=1)}
    counts: dict[str, PRF] = {}
    if pred is not None:
        counts[pred] = PRF(fp=1)
    if gold is not None:
        counts[gold] = counts.get(gold, PRF()) + PRF(fn=1)
    return counts


def summary_scores(per_label: Mapping[str, PRF]) -> tuple[float | None, float | None]:
    """(macro-F1 over favor/against/neutral, F_avg over favor/against); undefined F1s skipped."""
    f1 = np.array([_nan(per_label.get(label, PRF()).f1) for label in STANCE_LABELS])
    macro, f_avg = summary_scores_array(f1[None, :])
    return _none(macro[0]), _none(f_avg[0])


def summary_scores_array(f1: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Row-wise macro-F1 and F_avg of ``(n, 3)`` F1s in STANCE_LABELS order (nan: undefined)."""
    favor_against = [STANCE_LABELS.index("favor"), STANCE_LABELS.index("against")]
    return _nanmean(f1), _nanmean(f1[:, favor_against])


def _nanmean(values: np.ndarray) -> np.ndarray:
    defined = ~np.isnan(values)
    total = np.where(defined, values, 0.0).sum(axis=1)
    count = defined.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(count > 0, total / np.maximum(count, 1), np.nan)


def majority_baseline(gold_labels: Counter[str]) -> tuple[str | None, dict[str, PRF]]:
    """The most frequent gold label (ties by label order) predicted for every gold pair."""
    if not gold_labels:
        return None, {}
    majority = max(
        STANCE_LABELS, key=lambda label: (gold_labels[label], -STANCE_LABELS.index(label))
    )
    total = sum(gold_labels.values())
    counts = {label: PRF(fn=gold_labels[label]) for label in STANCE_LABELS if label != majority}
    counts[majority] = PRF(tp=gold_labels[majority], fp=total - gold_labels[majority])
    return majority, counts


def _nan(value: float | None) -> float:
    return np.nan if value is None else value


def _none(value: float) -> float | None:
    return None if np.isnan(value) else round(float(value), 6)
