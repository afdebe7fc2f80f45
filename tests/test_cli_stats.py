"""``quotebench stats``: counts per document and per quote type."""

from __future__ import annotations

from pathlib import Path

from quotebench.corpus import load_gold, write_documents
from quotebench.corpus.stats import document_counts
from tests.cli import run


def test_json_equals_the_python_api_for_the_seed() -> None:
    outcome = run("stats", "seed-000", "--json")
    assert outcome.code == 0
    (seed,) = [d for d in load_gold() if d.id == "seed-000"]
    (row,) = outcome.json()["documents"]
    assert row == {
        "id": "seed-000",
        "annotator": seed.annotation.annotator,
        **document_counts(seed),
    }


def test_the_table_shows_counts_per_type() -> None:
    outcome = run("stats", "seed-000")
    counts = document_counts(load_gold()[0])
    assert outcome.code == 0
    for column in ("direct", "indirect", "mixed"):
        assert column in outcome.stdout
    assert f" {counts['quotes.indirect']} " in outcome.stdout


def test_a_collection_file_is_totalled(tmp_path: Path) -> None:
    gold = load_gold()[0]
    other = gold.model_copy(update={"id": "copy"})
    path = tmp_path / "c.jsonl"
    write_documents(path, [gold, other])
    total = run("stats", str(path), "--json").json()["total"]
    assert total["documents"] == 2
    assert total["quotes"] == 2 * len(gold.quotes)


def test_an_unknown_document_exits_2() -> None:
    outcome = run("stats", "no-such-document")
    assert outcome.code == 2
    assert "no-such-document" in outcome.stderr
