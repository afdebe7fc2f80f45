"""Provenance: content hashes free of line order, the extractor, versions and the run block."""

from __future__ import annotations

import json
import random
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from quotebench.corpus import (
    Annotation,
    Collection,
    Document,
    Target,
    load_collection,
    load_gold,
    write_documents,
)
from quotebench.corpus.resources import gold_path
from quotebench.eval.provenance import collection_sha256, environment, producer, run_block

from .strategies import TARGET_IDS, documents


def test_sha256_ignores_the_order_of_lines_not_their_content() -> None:
    gold = load_gold()
    document, other = gold[0], Document(id="zz", text="x")
    assert collection_sha256([document, other]) == collection_sha256([other, document])
    changed = document.model_copy(update={"quotes": document.quotes[1:]})
    assert collection_sha256([document]) != collection_sha256([changed])


@settings(max_examples=25)
@given(st.lists(documents(), min_size=1, max_size=4, unique_by=lambda d: d.id), st.randoms())
def test_a_collection_hashes_as_the_file_quotebench_writes_of_it(
    items: list[Document], rng: random.Random
) -> None:
    targets = [Target(id=t, label=t, description=t) for t in TARGET_IDS]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "c.jsonl"
        write_documents(path, rng.sample(items, len(items)))
        read, _ = load_collection(path, targets)
    assert read.sha256 == collection_sha256(items) == Collection.of("c", items).sha256


def test_a_line_written_otherwise_is_other_bytes(tmp_path: Path) -> None:
    document = load_gold()[0]
    spaced = tmp_path / "spaced.jsonl"
    spaced.write_text(json.dumps(json.loads(document.to_json()), indent=None) + "\r\n")
    read, _ = load_collection(spaced)
    assert read.documents == (document,)
    assert read.sha256 != collection_sha256([document])


def test_the_packaged_gold_is_written_as_quotebench_writes_it() -> None:
    """So that a copy of its file is recognised by its sha256 (``corpora.load_corpus``)."""
    read, _ = load_collection(gold_path())
    assert read.sha256 == collection_sha256(load_gold())


def test_producer_reads_the_annotation() -> None:
    made = Annotation(origin="extractor", extractor="dependency.v1", version="0.1")
    documents = [Document(id=i, text="x", annotation=made) for i in "ab"]
    assert producer(documents) == {
        "origin": "extractor",
        "extractor": "dependency.v1",
        "version": "0.1",
    }
    mixed = [
        *documents,
        Document(id="c", text="x", annotation=Annotation(origin="extractor", extractor="other.v2")),
    ]
    assert producer(mixed)["extractor"] == ["dependency.v1", "other.v2"]
    assert producer([Document(id="d", text="x")])["extractor"] is None


def test_environment_and_run_block() -> None:
    env = environment()
    assert env["spacy"].startswith("3.8") and env["spacy_model"]["name"]
    assert len(env["spacy_model"]["record_sha256"]) == 64
    run = run_block("quotebench evaluate", {"scoring": 1.23456})
    assert set(run) == {"date", "command", "git_commit", "durations"}
    assert run["durations"] == {"scoring": 1.235} and run["date"].endswith("+00:00")
