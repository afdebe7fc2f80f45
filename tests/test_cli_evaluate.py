"""``quotebench evaluate``: the command equals the API, is byte-stable, refuses bad input."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from quotebench.corpus import gold_path, load_targets, write_documents
from quotebench.eval import evaluate_files
from quotebench.eval.synthetic import synthetic_gold, synthetic_predictions

from .cli import run

QUOTEBENCH = str(Path(sys.executable).parent / "quotebench")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """A synthetic gold, an imperfect system's predictions, and the same predictions shuffled."""
    root = tmp_path_factory.mktemp("corpus")
    gold = synthetic_gold(12, 4, seed=5, targets=[t.id for t in load_targets()])
    pred = synthetic_predictions(gold, seed=6)
    shuffled = list(pred)
    random.Random(7).shuffle(shuffled)
    write_documents(root / "gold.jsonl", gold)
    write_documents(root / "pred.jsonl", pred)
    (root / "shuffled").mkdir()
    write_documents(root / "shuffled" / "pred.jsonl", shuffled)
    return root / "gold.jsonl", root / "pred.jsonl", root / "shuffled" / "pred.jsonl"


def _without_run(data: dict) -> dict:
    return {k: v for k, v in data.items() if k != "run"}


def test_json_equals_the_python_api(corpus, tmp_path: Path) -> None:
    gold, pred, _ = corpus
    outcome = run(
        "evaluate",
        "--gold",
        str(gold),
        "--pred",
        str(pred),
        "--output-dir",
        str(tmp_path),
        "--json",
    )
    assert outcome.code == 0, outcome.stderr
    api = evaluate_files(gold, pred, None)
    assert _without_run(outcome.json()) == _without_run(api.to_dict())
    assert {p.name for p in tmp_path.iterdir()} >= {
        "results.json",
        "report.md",
        "report.html",
        "f1.png",
    }


def _run_in_process(gold: Path, pred: Path, out: Path, seed: str) -> bytes:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run(
        [
            QUOTEBENCH,
            "evaluate",
            "--gold",
            str(gold),
            "--pred",
            "pred.jsonl",
            "--output-dir",
            str(out),
        ],
        cwd=pred.parent,
        env=env,
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    return (out / "results.json").read_bytes()


def test_results_are_byte_identical_outside_the_run_block(corpus, tmp_path: Path) -> None:
    gold, pred, shuffled = corpus
    first = _run_in_process(gold, pred, tmp_path / "a", "1")
    second = _run_in_process(gold, shuffled, tmp_path / "b", "4242")
    assert first != second  # the run blocks differ (output directory, date, durations)
    assert _before_run_block(first) == _before_run_block(second)
    assert list(json.loads(first))[-1] == "run"


def _before_run_block(raw: bytes) -> bytes:
    return raw[: raw.index(b'  "run": {')]


def test_compare_two_systems(corpus, tmp_path: Path) -> None:
    gold, pred, _ = corpus
    run("evaluate", "--gold", str(gold), "--pred", str(pred), "--output-dir", str(tmp_path / "a"))
    run("evaluate", "--gold", str(gold), "--pred", str(gold), "--output-dir", str(tmp_path / "b"))
    outcome = run(
        "evaluate",
        "--compare",
        str(tmp_path / "a" / "results.json"),
        str(tmp_path / "b" / "results.json"),
        "--json",
    )
    assert outcome.code == 0, outcome.stderr
    exact = outcome.json()["differences"]["quote.exact/all:f1"]
    assert exact["delta"] > 0 and exact["p_value"] < 0.05
    text = run(
        "evaluate",
        "--compare",
        str(tmp_path / "a" / "results.json"),
        str(tmp_path / "b" / "results.json"),
    )
    assert "quote.exact/all:f1" in text.stdout


def test_compare_refuses_results_on_different_gold(corpus, tmp_path: Path) -> None:
    gold, pred, _ = corpus
    run("evaluate", "--gold", str(gold), "--pred", str(pred), "--output-dir", str(tmp_path / "a"))
    run("evaluate", "--pred", str(gold_path()), "--output-dir", str(tmp_path / "b"))
    outcome = run(
        "evaluate",
        "--compare",
        str(tmp_path / "a" / "results.json"),
        str(tmp_path / "b" / "results.json"),
    )
    assert outcome.code == 2 and "different gold" in outcome.stderr


@pytest.mark.parametrize(
    ("content", "code", "expected"),
    [
        ('{"schema_version": "1.0", "id": "doc-0', 1, "pred.jsonl:1: malformed JSON"),
        ("", 1, "pred.jsonl: the file holds no JSON lines"),
        (None, 2, "cannot open"),
    ],
)
def test_bad_input_exits_with_one_line_per_problem(
    corpus, tmp_path: Path, content, code, expected
) -> None:
    gold, _, _ = corpus
    pred = tmp_path / "pred.jsonl"
    if content is not None:
        pred.write_text(content, encoding="utf-8")
    outcome = run(
        "evaluate", "--gold", str(gold), "--pred", str(pred), "--output-dir", str(tmp_path / "out")
    )
    assert outcome.code == code and expected in outcome.stderr
    assert "Traceback" not in outcome.stderr and not (tmp_path / "out").exists()


def test_lenient_reports_and_scores_the_rest(corpus, tmp_path: Path) -> None:
    gold, pred, _ = corpus
    broken = tmp_path / "pred.jsonl"
    broken.write_text(
        pred.read_text(encoding="utf-8") + '{"id": "doc-99", "text": "x"}\n', encoding="utf-8"
    )
    outcome = run(
        "evaluate",
        "--gold",
        str(gold),
        "--pred",
        str(broken),
        "--lenient",
        "--output-dir",
        str(tmp_path / "out"),
    )
    assert outcome.code == 0 and "skipped" in outcome.stderr and "quote.strict" in outcome.stdout
    saved = json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))
    assert saved["skipped"][0]["document"] == "doc-99"


@pytest.mark.parametrize(
    "args", [(), ("--pred", "p.jsonl", "--compare", "a.json", "b.json")], ids=["none", "both"]
)
def test_either_pred_or_compare(args) -> None:
    outcome = run("evaluate", *args)
    assert outcome.code == 2 and "--pred" in outcome.stderr


def test_gold_that_is_an_extractors_output_is_refused_unless_told(corpus, tmp_path: Path) -> None:
    gold, pred, _ = corpus
    out = tmp_path / "out"
    swapped = run("evaluate", "--gold", str(pred), "--pred", str(gold), "--output-dir", str(out))
    assert swapped.code == 1 and not out.exists()
    assert f"{pred}:1: document 'doc-00': field annotation.origin:" in swapped.stderr
    assert "wrong way round" in swapped.stderr and len(swapped.stderr.splitlines()) == 1
    told = run("evaluate", "--gold", str(pred), "--pred", str(gold), "--gold-from-extractor")
    assert told.code == 0, told.stderr


def test_gold_documents_without_a_prediction_are_reported(corpus, tmp_path: Path) -> None:
    gold, pred, _ = corpus
    fewer = tmp_path / "pred.jsonl"
    fewer.write_text("".join(pred.read_text(encoding="utf-8").splitlines(True)[2:]))
    out = tmp_path / "out"
    outcome = run("evaluate", "--gold", str(gold), "--pred", str(fewer), "--output-dir", str(out))
    assert outcome.code == 0, outcome.stderr
    assert "warning: 2 gold document(s) have no prediction and count as misses: doc-00, doc-01" in (
        outcome.stderr
    )
    saved = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert saved["predictions"]["gold_documents_without_prediction"] == ["doc-00", "doc-01"]
    assert "without a prediction, scored as misses: 2" in (out / "report.md").read_text()


def test_predictions_for_documents_not_in_the_gold_are_refused(corpus, tmp_path: Path) -> None:
    gold, pred, _ = corpus
    more = tmp_path / "pred.jsonl"
    more.write_text(pred.read_text(encoding="utf-8") + '{"id": "doc-99", "text": "x"}\n')
    outcome = run("evaluate", "--gold", str(gold), "--pred", str(more))
    assert outcome.code == 1
    assert f"{more}:13: document 'doc-99': field id: no gold document has this id" in (
        outcome.stderr
    )


@pytest.mark.parametrize("overwrite", [False, True])
def test_an_output_folder_of_the_users_is_refused_unless_overwrite(
    corpus, tmp_path: Path, overwrite: bool
) -> None:
    gold, pred, _ = corpus
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.md").write_text("mine", encoding="utf-8")
    args = ["--gold", str(gold), "--pred", str(pred), "--output-dir", str(out)]
    outcome = run("evaluate", *args, *(["--overwrite"] if overwrite else []))
    assert outcome.code == (0 if overwrite else 2)
    assert (out / "notes.md").exists() is not overwrite
    assert (out / "results.json").exists() is overwrite
