"""The ``PRF`` counter: true/false positives and false negatives that add up."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["PRF", "f1_array"]


@dataclass(frozen=True)
class PRF:
    """Counts of one metric; precision, recall and F1 are derived, ``None`` when undefined."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: PRF) -> PRF:
        return PRF(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float | None:
        """tp / (tp + fp); ``None`` when nothing was predicted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        """tp / (tp + fn); ``None`` when the gold holds nothing."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        """2tp / (2tp + fp + fn); ``None`` when neither gold nor predictions hold anything."""
        total = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / total if total else None

    def reason(self) -> str | None:
        """Why a score is ``None``, or ``None`` when all three are defined."""
        if self.tp + self.fp + self.fn == 0:
            return "nothing to score: no gold and no predicted item"
        if self.tp + self.fp == 0:
            return "precision undefined: no predicted item"
        if self.tp + self.fn == 0:
            return "recall undefined: no gold item"
        return None

    def to_dict(self) -> dict[str, object]:
        """Scores (rounded to 6 places) and counts as a JSON-ready mapping."""
        scores = {k: _round(getattr(self, k)) for k in ("precision", "recall", "f1")}
        counts = {"tp": self.tp, "fp": self.fp, "fn": self.fn}
        reason = self.reason()
        return {**scores, **counts, **({"reason": reason} if reason else {})}


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 6)


def f1_array(tp: np.ndarray, fp: np.ndarray, fn: np.ndarray) -> np.ndarray:
    """Element-wise F1 of count arrays; ``nan`` where nothing is scored."""
    total = 2 * tp + fp + fn
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, 2 * tp / np.where(total > 0, total, 1), np.nan)
