"""Provenance: order-free content hashes, the extractor, versions and the run block."""

from __future__ import annotations

import random

from quotebench.corpus import Annotation, Document, load_gold
from quotebench.eval.provenance import collection_sha256, environment, producer, run_block


def test_sha256_ignores_the_order_of_lines_and_lists() -> None:
    gold = load_gold()
    document = gold[0]
    quotes = list(document.quotes)
    random.Random(1).shuffle(quotes)
    reordered = document.model_copy(update={"quotes": tuple(quotes)})
    other = Document(id="zz", text="x")
    assert collection_sha256([document, other]) == collection_sha256([other, reordered])
    changed = document.model_copy(update={"quotes": document.quotes[1:]})
    assert collection_sha256([document]) != collection_sha256([changed])


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
