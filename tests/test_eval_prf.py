"""The PRF counter: derived scores, undefined cases with reasons, addition, arrays."""

from __future__ import annotations

import numpy as np
import pytest

from quotebench.eval.prf import PRF, f1_array


@pytest.mark.parametrize(
    ("counts", "precision", "recall", "f1"),
    [
        ((3, 1, 2), 0.75, 0.6, 6 / 9),
        ((0, 0, 4), None, 0.0, 0.0),
        ((0, 2, 0), 0.0, None, 0.0),
        ((0, 0, 0), None, None, None),
        ((5, 0, 0), 1.0, 1.0, 1.0),
    ],
)
def test_scores(counts, precision, recall, f1) -> None:
    prf = PRF(*counts)
    assert (prf.precision, prf.recall) == (precision, recall)
    assert prf.f1 == pytest.approx(f1) if f1 is not None else prf.f1 is None
    assert ("reason" in prf.to_dict()) == (None in (precision, recall))


def test_addition_and_dict() -> None:
    total = PRF(1, 2, 3) + PRF(4, 5, 6)
    assert total == PRF(5, 7, 9)
    assert total.to_dict()["tp"] == 5 and total.to_dict()["f1"] == round(10 / 26, 6)


def test_f1_array_matches_scalar_and_marks_nothing_as_nan() -> None:
    tp, fp, fn = np.array([3, 0, 0]), np.array([1, 2, 0]), np.array([2, 0, 0])
    values = f1_array(tp, fp, fn)
    assert values[0] == pytest.approx(PRF(3, 1, 2).f1)
    assert values[1] == 0.0 and np.isnan(values[2])
