"""The PNG plots: F1 per task with intervals, the stance confusion matrices."""

from __future__ import annotations

from pathlib import Path

from quotebench.corpus import load_gold
from quotebench.eval import evaluate
from quotebench.eval.plots import f1_rows, write_plots


def test_plots_are_png_files(tmp_path: Path) -> None:
    gold = load_gold()
    results = evaluate(gold, gold, oracle=gold, resamples=10)
    names = write_plots(results, tmp_path)
    assert names == ["f1.png", "stance_confusion_oracle.png", "stance_confusion_end-to-end.png"]
    for name in names:
        assert (tmp_path / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_f1_rows_cover_scored_metrics_only() -> None:
    gold = load_gold()
    rows = f1_rows(evaluate(gold, gold, resamples=10))
    names = [name for name, _, _ in rows]
    assert "quote.strict" in names and "stance.end-to-end (macro-F1)" in names
    assert not any(name.startswith("stance.oracle") for name in names)
    assert all(value == 1.0 and ci == [1.0, 1.0] for _, value, ci in rows)
