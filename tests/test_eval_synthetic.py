"""Synthetic gold and predictions: valid documents, seeded, imperfect predictions."""

from __future__ import annotations

from quotebench.corpus import check_document, load_targets
from quotebench.eval.synthetic import synthetic_gold, synthetic_predictions


def test_synthetic_documents_are_valid_and_reproducible() -> None:
    targets = [t.id for t in load_targets()]
    gold = synthetic_gold(5, 6, seed=4, targets=targets)
    pred = synthetic_predictions(gold, seed=4)
    assert all(not check_document(d, targets) for d in [*gold, *pred])
    assert gold == synthetic_gold(5, 6, seed=4, targets=targets)
    assert [len(d.quotes) for d in gold] == [6] * 5
    assert sum(len(d.quotes) for d in pred) < 30
    assert {d.annotation.extractor for d in pred} == {"synthetic.v1"}
