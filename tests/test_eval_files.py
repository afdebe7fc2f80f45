"""Scoring files: every kind of bad input is named by file, line, document and field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quotebench.corpus import InvalidData, UnusableInput, gold_path
from quotebench.eval import evaluate_files


def _gold_line() -> dict:
    return json.loads(gold_path().read_text(encoding="utf-8").splitlines()[0])


def _prediction() -> dict:
    line = _gold_line()
    line["annotation"] = {
        "annotator": "sys",
        "origin": "extractor",
        "extractor": "demo.v1",
        "version": "2",
    }
    return line


def _unknown(d: dict) -> None:
    d["id"] = "not-in-gold"


def _text(d: dict) -> None:
    d["text"] += " One more sentence."
    d["meta"]["sha256"] = None


def _offsets(d: dict) -> None:
    d["quotes"][0]["content"][0]["end"] = 10**6


def _identical(d: dict) -> None:
    d["quotes"].append({**d["quotes"][0], "id": "copy"})


def _label(d: dict) -> None:
    d["quotes"][0]["type"] = "rumour"


BAD = {
    "unknown document": (_unknown, "id", "no gold document"),
    "text differs": (_text, "text", "text differs"),
    "offsets out of range": (_offsets, "quotes[0].content[0]", "outside the text"),
    "identical quotes": (_identical, "quotes[27].content", "identical content"),
    "unknown label": (_label, "quotes[0].type", "Input should be"),
}


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_predictions_are_named_and_refused(tmp_path: Path, case: str) -> None:
    change, field, message = BAD[case]
    prediction = _prediction()
    change(prediction)
    pred = _write(tmp_path / "pred.jsonl", [json.dumps(prediction)])
    with pytest.raises(InvalidData) as caught:
        evaluate_files(gold_path(), pred, tmp_path / "out")
    problem = caught.value.problems[0]
    assert (problem.file, problem.line, problem.field) == (str(pred), 1, field)
    assert problem.document == prediction["id"] and message in problem.message
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("content", "line", "message"),
    [("", None, "no JSON lines"), ('{"schema_version": "1.0", "id": "seed-0', 1, "malformed JSON")],
)
def test_empty_and_truncated_files(tmp_path: Path, content: str, line, message: str) -> None:
    pred = tmp_path / "pred.jsonl"
    pred.write_text(content, encoding="utf-8")
    with pytest.raises(InvalidData) as caught:
        evaluate_files(gold_path(), pred, None)
    assert caught.value.problems[0].line == line and message in caught.value.problems[0].message


def test_lenient_scores_the_rest_and_lists_what_was_skipped(tmp_path: Path) -> None:
    bad = _prediction()
    _unknown(bad)
    pred = _write(tmp_path / "pred.jsonl", [json.dumps(_prediction()), json.dumps(bad)])
    results = evaluate_files(gold_path(), pred, tmp_path / "out", lenient=True, resamples=20)
    skipped = results.data["skipped"]
    assert [(p["line"], p["document"], p["field"]) for p in skipped] == [(2, "not-in-gold", "id")]
    assert results.metrics["quote.strict"]["all"]["f1"] == 1.0
    assert results.data["predictions"]["extractor"] == "demo.v1"
    assert results.data["predictions"]["version"] == "2"
    assert results.data["predictions"]["origin"] == "extractor"
    saved = json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))
    assert saved["skipped"] == skipped


def test_a_missing_file_is_unusable(tmp_path: Path) -> None:
    with pytest.raises(UnusableInput, match="cannot open"):
        evaluate_files(gold_path(), tmp_path / "absent.jsonl", None)
