"""Sharded evaluation: the same results as one file, in batches, and bad shards refused."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotebench.corpus import Document, InvalidData, UnusableInput, load_targets, write_documents
from quotebench.eval import evaluate_files, evaluate_shards
from quotebench.eval.html_report import render_report
from quotebench.eval.markdown import render_markdown
from quotebench.eval.synthetic import synthetic_gold, synthetic_predictions

from .cli import run
from .strategies import TARGET_IDS, documents

TARGETS = [t.id for t in load_targets()]


def _write_shards(folder: Path, items: list[Document], shards: int, rng: random.Random) -> None:
    """``items`` shuffled and dealt into ``shards`` files under ``folder``."""
    folder.mkdir(parents=True)
    order = list(items)
    rng.shuffle(order)
    for k in range(shards):
        write_documents(folder / f"part-{k}.jsonl", order[k::shards])


def _corpus(root: Path, gold: list[Document], pred: list[Document], seed: int) -> None:
    rng = random.Random(seed)
    write_documents(root / "gold.jsonl", gold)
    write_documents(root / "pred.jsonl", pred)
    _write_shards(root / "gold", gold, 3, rng)
    _write_shards(root / "pred", pred, 2, rng)


def _same(a, b) -> None:
    def unnamed(data: dict) -> dict:  # the problems' files and lines are the shards'
        skipped = [{**p, "file": None, "line": None} for p in data["skipped"]]
        return {**data, "skipped": sorted(skipped, key=lambda p: (p["document"], p["field"]))}

    assert unnamed(a.data) == unnamed(b.data)
    if a.data["skipped"]:
        return  # the reports name the files too
    assert render_markdown(a, []) == render_markdown(b, [])
    assert render_report(a, []) == render_report(b, [])


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow,
          HealthCheck.function_scoped_fixture])  # fmt: skip
@given(
    st.lists(st.integers(0, 10**6), min_size=1, max_size=1).flatmap(
        lambda s: st.tuples(st.just(s[0]), st.integers(1, 9), st.integers(1, 4))
    )
)
def test_shards_in_batches_score_as_one_file(tmp_path_factory, case) -> None:
    seed, count, batch = case
    root = tmp_path_factory.mktemp("shards")
    gold = synthetic_gold(count, 3, seed=seed, targets=TARGETS)
    pred = synthetic_predictions(gold, seed=seed + 1)[: max(1, count - 1)]  # one unpredicted
    _corpus(root, gold, pred, seed)
    one = evaluate_files(root / "gold.jsonl", root / "pred.jsonl", None, resamples=50)
    sharded = evaluate_shards(root / "gold", root / "pred", None, resamples=50, batch=batch)
    _same(one, sharded)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow,
          HealthCheck.function_scoped_fixture])  # fmt: skip
@given(st.lists(documents(), min_size=1, max_size=4, unique_by=lambda d: d.id), st.integers())
def test_any_documents_score_alike_sharded(tmp_path_factory, gold, seed) -> None:
    root = tmp_path_factory.mktemp("any")
    pred = synthetic_predictions(gold, seed=seed)
    _corpus(root, gold, pred, seed)
    targets = root / "targets.json"
    inventory = [{"id": t, "label": t, "description": t} for t in TARGET_IDS]
    targets.write_text(json.dumps(inventory), encoding="utf-8")
    options = {"resamples": 20, "targets_path": targets, "lenient": True}  # problems alike too
    one = evaluate_files(root / "gold.jsonl", root / "pred.jsonl", None, **options)
    sharded = evaluate_shards(root / "gold", str(root / "pred" / "*.jsonl"), None, batch=2,
                              **options)  # fmt: skip
    _same(one, sharded)


def test_a_large_collection_keeps_only_the_errors_the_reports_show(tmp_path: Path) -> None:
    gold = synthetic_gold(300, 4, seed=3, targets=TARGETS)
    _corpus(tmp_path, gold, synthetic_predictions(gold, seed=4), 5)
    one = evaluate_files(tmp_path / "gold.jsonl", tmp_path / "pred.jsonl", None, resamples=20)
    sharded = evaluate_shards(tmp_path / "gold", tmp_path / "pred", None, resamples=20, batch=40)
    _same(one, sharded)
    assert len(sharded.errors) < len(one.errors) and sharded.error_counts == one.error_counts
    assert len(sharded.documents) == 20 < len(one.documents)


@pytest.fixture
def small(tmp_path: Path) -> Path:
    gold = synthetic_gold(6, 2, seed=1, targets=TARGETS)
    _corpus(tmp_path, gold, synthetic_predictions(gold, seed=2), 1)
    return tmp_path


def _append(path: Path, line: str) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write(line + "\n")


def _problems(small: Path, **options) -> list:
    with pytest.raises(InvalidData) as caught:
        evaluate_shards(small / "gold", small / "pred", None, resamples=5, **options)
    return caught.value.problems


def test_a_malformed_line_names_its_shard_and_line(small: Path) -> None:
    _append(small / "pred" / "part-1.jsonl", '{"id": "x", "text": ')
    (problem,) = _problems(small)
    assert problem.file.endswith("part-1.jsonl") and problem.line == 4
    assert "malformed JSON" in problem.message


def test_a_document_in_two_shards_names_both(small: Path) -> None:
    first = (small / "pred" / "part-0.jsonl").read_text(encoding="utf-8").splitlines()[0]
    _append(small / "pred" / "part-1.jsonl", first)
    (problem,) = _problems(small)
    assert problem.field == "id" and "predicted twice" in problem.message
    assert "part-0.jsonl:1" in problem.message


def test_unknown_ids_and_other_texts_are_problems_and_lenient_scores_the_rest(small: Path) -> None:
    line = json.loads((small / "pred" / "part-0.jsonl").read_text(encoding="utf-8").splitlines()[0])
    _append(small / "pred" / "part-1.jsonl", json.dumps({"id": "nobody", "text": "x"}))
    path = small / "pred" / "part-0.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[0] = json.dumps({**line, "text": line["text"] + " and more", "quotes": [], "stances": []})
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    problems = _problems(small)
    assert sorted(p.field for p in problems) == ["id", "text"]
    lenient = evaluate_shards(small / "gold", small / "pred", None, resamples=5, lenient=True)
    assert len(lenient.data["skipped"]) == 2
    assert line["id"] in lenient.data["predictions"]["gold_documents_without_prediction"]
    assert lenient.data["predictions"]["documents"] == 5


@pytest.mark.parametrize(
    ("spec", "message"),
    [("missing-folder", "names no .jsonl"), ("corpus.parquet", "JSON Lines shards")],
)
def test_what_names_no_shard_is_refused(small: Path, spec: str, message: str) -> None:
    if spec.endswith(".parquet"):
        (small / spec).write_bytes(b"PAR1")
    with pytest.raises(UnusableInput, match=message):
        evaluate_shards(small / "gold", small / spec, None)


def test_the_command_reads_folders_and_globs(small: Path, tmp_path_factory) -> None:
    out = tmp_path_factory.mktemp("out") / "report"
    outcome = run(
        "evaluate", "--gold", str(small / "gold"), "--pred", str(small / "pred" / "*.jsonl"),
        "--output-dir", str(out), "--json",
    )  # fmt: skip
    assert outcome.code == 0, outcome.stderr
    one = evaluate_files(small / "gold.jsonl", small / "pred.jsonl", None)
    assert {k: v for k, v in outcome.json().items() if k != "run"} == one.data
    assert (out / "results.json").is_file() and (out / "report.html").is_file()
    refused = run("evaluate", "--gold", str(small / "gold"), "--pred", str(small / "pred"),
                  "--oracle", str(small / "pred.jsonl"))  # fmt: skip
    assert refused.code == 2 and "--oracle" in refused.stderr
    _append(small / "pred" / "part-0.jsonl", "not json")
    bad = run("evaluate", "--gold", str(small / "gold"), "--pred", str(small / "pred"))
    assert bad.code == 1 and "part-0.jsonl:4" in bad.stderr


def test_a_gold_that_is_an_extractors_output_is_refused_unless_asked(tmp_path: Path) -> None:
    gold = synthetic_gold(4, 2, seed=2, targets=TARGETS)
    pred = synthetic_predictions(gold, seed=3)
    _corpus(tmp_path, pred, gold, 2)  # the wrong way round
    with pytest.raises(InvalidData, match="wrong way round") as caught:
        evaluate_shards(tmp_path / "gold", tmp_path / "pred", None, resamples=5)
    assert caught.value.problems[0].field == "annotation.origin"
    evaluate_shards(tmp_path / "gold", tmp_path / "pred", None, resamples=5,
                    gold_from_extractor=True)  # fmt: skip
