"""Stance scoring: per-label counts, macro-F1, F_avg and the majority baseline."""

from __future__ import annotations

from collections import Counter

import pytest

from quotebench.eval.prf import PRF
from quotebench.eval.stance import label_counts, majority_baseline, outcomes, summary_scores


@pytest.mark.parametrize(
    ("gold", "pred", "counts"),
    [
        ("favor", "favor", {"favor": PRF(tp=1)}),
        ("favor", "against", {"against": PRF(fp=1), "favor": PRF(fn=1)}),
        ("neutral", None, {"neutral": PRF(fn=1)}),
        (None, "against", {"against": PRF(fp=1)}),
    ],
)
def test_label_counts(gold, pred, counts) -> None:
    assert label_counts(gold, pred) == counts


def test_outcomes_pair_gold_and_predicted_labels() -> None:
    gold = {(0, 0, "t"): "favor", (0, 1, "t"): "against"}
    pred = {(0, 1, "t"): "against", (1, 0, "t"): "neutral"}
    assert outcomes(gold, pred) == [
        ((0, 0, "t"), "favor", None),
        ((0, 1, "t"), "against", "against"),
        ((1, 0, "t"), None, "neutral"),
    ]


def test_summary_scores_macro_and_f_avg() -> None:
    per_label = {"favor": PRF(2, 0, 0), "against": PRF(1, 1, 1), "neutral": PRF(0, 1, 0)}
    macro, f_avg = summary_scores(per_label)
    assert macro == pytest.approx((1 + 0.5 + 0) / 3, abs=1e-6)
    assert f_avg == pytest.approx(0.75)


def test_summary_scores_skip_labels_with_nothing_to_score() -> None:
    macro, f_avg = summary_scores({"favor": PRF(1, 0, 0)})
    assert (macro, f_avg) == (1.0, 1.0)
    assert summary_scores({}) == (None, None)


def test_majority_baseline() -> None:
    label, counts = majority_baseline(Counter({"against": 3, "favor": 3, "neutral": 1}))
    assert label == "favor"  # ties go to the first label in favor, against, neutral
    assert counts == {"favor": PRF(3, 4, 0), "against": PRF(0, 0, 3), "neutral": PRF(0, 0, 1)}
    assert majority_baseline(Counter()) == (None, {})
