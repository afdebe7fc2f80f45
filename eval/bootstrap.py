"""Seeded bootstrap over units: 95% intervals and the paired comparison of two systems.

Resampling draws unit indices with numpy's ``default_rng(seed)`` only, never from an
iteration over sets or dicts, so the draws are the same whatever ``PYTHONHASHSEED``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np

from quotebench.corpus import STANCE_LABELS

from .prf import f1_array
from .stance import summary_scores_array

__all__ = [
    "CONFIDENCE",
    "DEFAULT_RESAMPLES",
    "DEFAULT_SEED",
    "confidence_intervals",
    "paired_test",
    "resample_weights",
    "scores",
]

DEFAULT_SEED = 2016
DEFAULT_RESAMPLES = 1000
CONFIDENCE = 0.95
_CHUNK = 100


def resample_weights(n_units: int, resamples: int, seed: int) -> Iterator[np.ndarray]:
    """Chunks of ``(k, n_units)`` weights: how often each unit is drawn in each resample."""
    rng = np.random.default_rng(seed)
    for first in range(0, resamples, _CHUNK):
        size = min(_CHUNK, resamples - first)
        draws = rng.integers(0, n_units, size=(size, n_units))
        offsets = (np.arange(size) * n_units)[:, None]
        counts = np.bincount((draws + offsets).ravel(), minlength=size * n_units)
        yield counts.reshape(size, n_units).astype(np.float64)


def scores(columns: Sequence[str], sums: np.ndarray) -> dict[str, np.ndarray]:
    """Named scores per row of ``(rows, columns, 3)`` summed counts.

    ``COLUMN:f1`` for each count column, and ``stance.SETTING/SLICE:macro_f1`` / ``:f_avg``
    from the three label columns of a stance group.
    """
    named: dict[str, np.ndarray] = {}
    groups: dict[str, list[int]] = {}
    for k, column in enumerate(columns):
        if column.startswith("stance."):
            groups.setdefault(column.rsplit("/", 1)[0], []).append(k)
        else:
            named[f"{column}:f1"] = f1_array(sums[:, k, 0], sums[:, k, 1], sums[:, k, 2])
    for group, ks in groups.items():
        if len(ks) != len(STANCE_LABELS):
            raise ValueError(f"stance group {group} lacks label columns")
        f1 = np.stack([f1_array(sums[:, k, 0], sums[:, k, 1], sums[:, k, 2]) for k in ks], axis=1)
        named[f"{group}:macro_f1"], named[f"{group}:f_avg"] = summary_scores_array(f1)
    return named


def _resampled(
    columns: Sequence[str], matrices: Sequence[np.ndarray], resamples: int, seed: int
) -> list[dict[str, np.ndarray]]:
    """Scores of each matrix under the same resampled draws, one dict per matrix (scored once,
    over the sums of every chunk of draws)."""
    flats = [m.reshape(m.shape[0], -1).astype(np.float64) for m in matrices]
    shape = matrices[0].shape[1:]
    parts: list[list[np.ndarray]] = [[] for _ in matrices]
    for weights in resample_weights(matrices[0].shape[0], resamples, seed):
        for flat, part in zip(flats, parts, strict=True):
            part.append(weights @ flat)
    return [
        scores(columns, np.concatenate(part).reshape(-1, *shape)) if part else {} for part in parts
    ]


def confidence_intervals(
    columns: Sequence[str], matrix: np.ndarray, resamples: int, seed: int
) -> dict[str, list[float] | None]:
    """Percentile intervals of every score over resampled units (``None``: never defined)."""
    if matrix.shape[0] == 0:
        return {}
    tail = (1 - CONFIDENCE) / 2 * 100
    out: dict[str, list[float] | None] = {}
    for name, values in _resampled(columns, [matrix], resamples, seed)[0].items():
        defined = values[~np.isnan(values)]
        low, high = np.percentile(defined, [tail, 100 - tail]) if defined.size else (None, None)
        out[name] = None if low is None else [round(float(low), 6), round(float(high), 6)]
    return out


def paired_test(
    columns: Sequence[str], a: np.ndarray, b: np.ndarray, resamples: int, seed: int
) -> dict[str, dict[str, float | None]]:
    """B minus A for each score, with its interval and a two-sided paired bootstrap p-value.

    Both matrices are ``(units, columns, 3)`` over the same units; the same draws resample
    both. p = (1 + #{|d* - d| >= |d|}) / (1 + resamples), the shifted-null bootstrap test.
    """
    observed_a = scores(columns, a.sum(axis=0)[None])
    observed_b = scores(columns, b.sum(axis=0)[None])
    draws = _resampled(columns, [a, b], resamples, seed) if a.shape[0] else [{}, {}]
    result: dict[str, dict[str, float | None]] = {}
    for name in observed_a:
        delta = float(observed_b[name][0] - observed_a[name][0])
        diffs = draws[1][name] - draws[0][name] if name in draws[0] else None
        result[name] = _paired_entry(delta, diffs, resamples)
    return result


def _paired_entry(
    delta: float, diffs: np.ndarray | None, resamples: int
) -> dict[str, float | None]:
    if np.isnan(delta) or diffs is None:
        return {"delta": None, "low": None, "high": None, "p_value": None}
    diffs = diffs[~np.isnan(diffs)]
    tail = (1 - CONFIDENCE) / 2 * 100
    low, high = np.percentile(diffs, [tail, 100 - tail]) if diffs.size else (np.nan, np.nan)
    extreme = int(np.sum(np.abs(diffs - delta) >= abs(delta) - 1e-12))
    return {
        "delta": round(delta, 6),
        "low": None if np.isnan(low) else round(float(low), 6),
        "high": None if np.isnan(high) else round(float(high), 6),
        "p_value": round((1 + extreme) / (1 + resamples), 6),
    }
