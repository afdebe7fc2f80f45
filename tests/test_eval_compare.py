"""The paired comparison of two results on the same gold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quotebench.corpus import InvalidData, UnusableInput, load_gold
from quotebench.eval import evaluate
from quotebench.eval.compare import compare_results, load_results
from quotebench.eval.synthetic import synthetic_gold, synthetic_predictions


def _results(gold, pred, **options) -> dict:
    return json.loads(json.dumps(evaluate(gold, pred, resamples=200, **options).to_dict()))


def test_a_better_system_wins_with_a_small_p_value() -> None:
    gold = synthetic_gold(40, 5, seed=2)
    weak, strong = _results(gold, synthetic_predictions(gold, seed=3)), _results(gold, gold)
    result = compare_results(weak, strong, "weak", "strong")
    entry = result["differences"]["quote.strict/all:f1"]
    assert entry["delta"] == pytest.approx(
        1 - weak["metrics"]["quote.strict"]["all"]["f1"], abs=1e-6
    )
    assert entry["p_value"] < 0.05 and entry["low"] > 0
    assert result["a"]["name"] == "weak" and result["gold_sha256"] == weak["gold"]["sha256"]


def test_scores_only_one_side_has_are_left_out() -> None:
    gold = load_gold()
    with_oracle, without = _results(gold, gold, oracle=gold), _results(gold, gold)
    names = compare_results(with_oracle, without)["differences"]
    assert "stance.end-to-end/all:macro_f1" in names
    assert not any(n.startswith("stance.oracle") for n in names)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("gold", {"sha256": "0" * 64}, "different gold"),
        ("settings", {"bootstrap": {"seed": 1, "resamples": 5}}, "bootstrap"),
    ],
)
def test_refusals(field: str, value: dict, message: str) -> None:
    gold = load_gold()
    a = _results(gold, gold)
    b = {**a, field: value}
    with pytest.raises(UnusableInput, match=message):
        compare_results(a, b)


def test_load_results_refuses_other_files(tmp_path: Path) -> None:
    (tmp_path / "x.json").write_text('{"metrics": {}}', encoding="utf-8")
    with pytest.raises(InvalidData):
        load_results(tmp_path / "x.json")
    with pytest.raises(UnusableInput):
        load_results(tmp_path / "absent.json")
