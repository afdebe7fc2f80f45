"""Seeded bootstrap intervals and the paired test."""

from __future__ import annotations

import numpy as np
import pytest

from quotebench.eval.bootstrap import confidence_intervals, paired_test, resample_weights, scores

COLUMNS = [
    "quote.exact/all",
    "stance.oracle/all/favor",
    "stance.oracle/all/against",
    "stance.oracle/all/neutral",
]


def _matrix(seed: int, units: int = 40) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return rng.integers(0, 4, size=(units, len(COLUMNS), 3))


def test_weights_draw_every_unit_count_times() -> None:
    chunks = list(resample_weights(7, 250, seed=3))
    assert [c.shape for c in chunks] == [(100, 7), (100, 7), (50, 7)]
    assert all((c.sum(axis=1) == 7).all() for c in chunks)
    again = list(resample_weights(7, 250, seed=3))
    assert all((a == b).all() for a, b in zip(chunks, again, strict=True))


def test_scores_name_f1_and_stance_summaries() -> None:
    sums = _matrix(0).sum(axis=0)[None]
    named = scores(COLUMNS, sums)
    assert set(named) == {
        "quote.exact/all:f1",
        "stance.oracle/all:macro_f1",
        "stance.oracle/all:f_avg",
    }
    tp, fp, fn = sums[0, 0]
    assert named["quote.exact/all:f1"][0] == pytest.approx(2 * tp / (2 * tp + fp + fn))


def test_intervals_are_reproducible_and_hold_the_point_estimate() -> None:
    matrix = _matrix(1)
    first = confidence_intervals(COLUMNS, matrix, 500, seed=7)
    assert first == confidence_intervals(COLUMNS, matrix, 500, seed=7)
    assert first != confidence_intervals(COLUMNS, matrix, 500, seed=8)
    point = scores(COLUMNS, matrix.sum(axis=0)[None])
    for name, (low, high) in first.items():
        assert low <= point[name][0] <= high


def test_no_units_no_intervals() -> None:
    assert confidence_intervals(COLUMNS, np.zeros((0, len(COLUMNS), 3)), 100, seed=0) == {}


def test_paired_test_of_a_system_with_itself_and_with_a_better_one() -> None:
    a = _matrix(2, units=60)
    same = paired_test(COLUMNS, a, a, 300, seed=0)
    assert same["quote.exact/all:f1"] == {"delta": 0.0, "low": 0.0, "high": 0.0, "p_value": 1.0}
    better = a.copy()
    better[:, 0, 0] += 3  # three more true positives in every unit
    result = paired_test(COLUMNS, a, better, 300, seed=0)["quote.exact/all:f1"]
    assert result["delta"] > 0 and result["low"] > 0 and result["p_value"] < 0.01
