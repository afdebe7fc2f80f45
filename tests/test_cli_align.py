"""``quotebench align`` and ``quotebench schema --strings``: string predictions to offsets."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from quotebench.corpus import check_document, load_documents
from quotebench.corpus.align import align_prediction
from quotebench.corpus.strings import StringPrediction
from quotebench.eval import evaluate
from tests.cli import run

TEXT = '"We are ready for talks," Putin said on Friday. Officials said the bridge would reopen.'
DOCS = [{"id": "a", "text": TEXT}, {"id": "b", "text": "Nobody spoke."}]
GOOD = {
    "id": "a",
    "quotes": [
        {"text": "We are ready for talks", "speaker": "Vladimir Putin", "cue": "said"},
        {"text": "We will never negotiate", "speaker": "Putin", "type": "direct"},
    ],
}


def _jsonl(path: Path, items: list[object]) -> Path:
    path.write_text("".join(json.dumps(i) + "\n" for i in items), encoding="utf-8")
    return path


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    return _jsonl(tmp_path / "docs.jsonl", DOCS)


def test_aligns_and_reports_how_each_string_was_aligned(tmp_path: Path, docs: Path) -> None:
    strings = _jsonl(tmp_path / "strings.jsonl", [GOOD, {"id": "b", "quotes": []}])
    out = tmp_path / "pred.jsonl"
    outcome = run("align", str(strings), "--docs", str(docs), "--output", str(out), "--json")
    assert outcome.code == 0, outcome.stderr
    assert outcome.json() == {
        "documents": 2, "strings": 2, "exact": 1, "normalised": 0, "fuzzy": 0,
        "unaligned": 1, "duplicate": 0,
    }  # fmt: skip
    aligned = load_documents(out)
    assert [d.id for d in aligned] == ["a", "b"]
    assert all(check_document(d, []) == [] for d in aligned)
    expected = align_prediction(
        load_documents(docs)[0], StringPrediction.model_validate_json(json.dumps(GOOD))
    )
    assert aligned[0] == expected  # the command is the Python API


def test_an_unaligned_string_is_a_false_positive_and_the_rate_is_reported(
    tmp_path: Path, docs: Path
) -> None:
    strings = _jsonl(tmp_path / "strings.jsonl", [GOOD])
    out = tmp_path / "pred.jsonl"
    assert run("align", str(strings), "--docs", str(docs), "--output", str(out)).code == 0
    aligned = load_documents(out)
    gold = aligned[0].with_annotation(alignment=(), origin="gold", extractor=None)
    results = evaluate([gold], aligned).to_dict()
    for mode in ("exact", "overlap@0.3", "strict"):
        scores = results["metrics"][f"quote.{mode}"]
        assert (scores["all"]["tp"], scores["all"]["fp"]) == (1, 1)
        assert scores["direct"]["fp"] == 1  # the type the system gave
    assert results["metrics"]["quote.token"]["all"]["fp"] == 0
    rates = results["predictions"]["alignment"]
    assert (rates["strings"], rates["exact"], rates["unaligned"]) == (2, 1, 1)
    assert rates["aligned_rate"] == 0.5


@pytest.mark.parametrize(
    ("line", "where"),
    [
        ("{not json", ":1: malformed JSON"),
        (json.dumps({"id": "zzz", "quotes": []}), ":1: document 'zzz': field id: no document"),
        (
            json.dumps({"id": "a", "quotes": [{"txt": "x"}]}),
            ":1: document 'a': field quotes[0].text",
        ),
        (
            json.dumps({"id": "a", "quotes": [{"text": " "}]}),
            ":1: document 'a': field quotes[0].text",
        ),
        (
            json.dumps({"id": "a", "quotes": [{"text": "x", "type": "rumour"}]}),
            ":1: document 'a': field quotes[0].type",
        ),
    ],
)
def test_bad_strings_name_the_line_and_field_and_write_nothing(
    tmp_path: Path, docs: Path, line: str, where: str
) -> None:
    strings = tmp_path / "strings.jsonl"
    strings.write_text(json.dumps(GOOD) + "\n" + line + "\n", encoding="utf-8")
    where = where.replace(":1:", ":2:")
    out = tmp_path / "pred.jsonl"
    outcome = run("align", str(strings), "--docs", str(docs), "--output", str(out))
    assert outcome.code == 1
    assert f"{strings}{where}" in outcome.stderr
    assert not out.exists()


def test_a_repeated_id_and_an_unknown_convention_are_refused(tmp_path: Path, docs: Path) -> None:
    strings = _jsonl(tmp_path / "strings.jsonl", [GOOD, GOOD])
    out = tmp_path / "pred.jsonl"
    repeated = run("align", str(strings), "--docs", str(docs), "--output", str(out))
    assert repeated.code == 1 and "duplicate id (first on line 1)" in repeated.stderr
    once = _jsonl(tmp_path / "once.jsonl", [GOOD])
    unknown = run(
        "align", str(once), "--docs", str(docs), "--output", str(out), "--convention", "x.v1"
    )
    assert unknown.code == 2 and "x.v1" in unknown.stderr
    assert not out.exists()


def test_the_stated_convention_is_written(tmp_path: Path, docs: Path) -> None:
    strings = _jsonl(tmp_path / "strings.jsonl", [GOOD])
    out = tmp_path / "pred.jsonl"
    args = ("align", str(strings), "--docs", str(docs), "--output", str(out))
    assert run(*args, "--convention", "polnear.v1").code == 0
    (aligned,) = load_documents(out)
    assert (aligned.annotation.convention, aligned.schema_version) == ("polnear.v1", "1.2")


def test_the_strings_schema_accepts_a_good_line_and_refuses_a_bad_one() -> None:
    outcome = run("schema", "--strings")
    assert outcome.code == 0
    schema = outcome.json()
    jsonschema.validate(GOOD, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"id": "a", "quotes": [{"speaker": "x"}]}, schema)
    assert run("schema").json()["title"] == "Document"
