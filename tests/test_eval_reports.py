"""Writing every report; results.json keeps one line per unit and its run block last."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quotebench.corpus import UnusableInput, load_gold
from quotebench.corpus.output import MANIFEST
from quotebench.eval import evaluate, write_reports
from quotebench.eval.reports import dump_results
from quotebench.eval.synthetic import synthetic_predictions


def test_write_reports_writes_everything(tmp_path: Path) -> None:
    gold = load_gold()
    results = write_reports(
        evaluate(gold, synthetic_predictions(gold), resamples=50), tmp_path / "new"
    )
    names = {p.name for p in (tmp_path / "new").iterdir()}
    assert names - {MANIFEST} == {
        "results.json",
        "report.md",
        "report.html",
        "f1.png",
        "precision_recall.png",
        "stance_confusion_end-to-end.png",
    }
    saved = json.loads((tmp_path / "new" / "results.json").read_text(encoding="utf-8"))
    assert saved == json.loads(json.dumps(results.to_dict()))
    assert "reports" in saved["run"]["durations"]


def test_dump_results_puts_each_unit_on_one_line() -> None:
    data = {"a": [1, 2], "units": {"ids": ["x", "y"], "rows": [[1, 0, 2], [0, 3, 4]]}, "run": {}}
    text = dump_results(data)
    assert "[1,0,2]" in text and "[0,3,4]" in text
    assert json.loads(text) == data


def test_an_unwritable_directory_is_unusable(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    gold = load_gold()
    with pytest.raises(UnusableInput, match="cannot write"):
        write_reports(evaluate(gold, gold, resamples=10), tmp_path / "file" / "out")
