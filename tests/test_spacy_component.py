"""``quotebench_quotes`` in a spaCy pipeline: the extractor's own output, kept by to_bytes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin

from quotebench.corpus import load_documents
from quotebench.nlp import model_name
from quotebench.spacy_component import GROUPS
from tests.cli import run

TEXTS = [
    "\u201cWe are ready for talks,\u201d Vladimir Putin said on Friday.\n"
    "He added that a meeting needed preparation.",
    "Officials said that the bridge would reopen in May.",
    "Nobody spoke.",
    "\u201cIt is a disgrace,\u201d said Tom Ray, \u201cand the city knows it.\u201d",
]

if not Doc.has_extension("seen_by_user"):
    Doc.set_extension("seen_by_user", default=False)


@Language.component("user_marker")
def _user_marker(doc: Doc) -> Doc:
    doc._.seen_by_user = True
    return doc


def _pipeline(extractor: str) -> Language:
    nlp = spacy.load(model_name())
    nlp.add_pipe("user_marker")
    nlp.add_pipe("quotebench_quotes", config={"extractor": extractor})
    return nlp


def _from_extract(tmp_path: Path, extractor: str) -> list[list[dict[str, object]]]:
    docs = tmp_path / "docs.jsonl"
    docs.write_text(
        "".join(json.dumps({"id": str(k), "text": t}) + "\n" for k, t in enumerate(TEXTS))
    )
    out = tmp_path / "pred.jsonl"
    done = run("extract", "--extractor", extractor, "--input", str(docs), "--output", str(out))
    assert done.code == 0, done.stderr
    return [[q.model_dump(mode="json") for q in d.quotes] for d in load_documents(out)]


def _quotes(doc: Doc) -> list[dict[str, object]]:
    return [{k: v for k, v in q.items() if k != "speaker_name"} for q in doc._.quotes]


@pytest.mark.parametrize("extractor", ["dependency.v1", "dependency.v2"])
def test_the_component_gives_what_extract_writes_beside_a_user_component(
    tmp_path: Path, extractor: str
) -> None:
    nlp = _pipeline(extractor)
    docs = [nlp(text) for text in TEXTS]
    assert all(d._.seen_by_user for d in docs)
    assert [_quotes(d) for d in docs] == _from_extract(tmp_path, extractor)
    first = docs[0]
    assert first._.quotes[0]["speaker_name"] == "Vladimir Putin"
    content = first.spans["quotebench_content"]
    assert next((s.text, s.label_, s.id_) for s in content) == (
        "We are ready for talks",
        "direct",
        "q1",
    )
    assert next(s.text for s in first.spans["quotebench_source"]) == "Vladimir Putin"


def test_nlp_pipe_with_two_processes_and_to_bytes_keep_them() -> None:
    nlp = _pipeline("dependency.v2")
    alone = [nlp(text) for text in TEXTS]
    piped = list(nlp.pipe(TEXTS, n_process=2, batch_size=2))
    assert [d._.quotes for d in piped] == [d._.quotes for d in alone]
    for doc in piped:
        again = Doc(nlp.vocab).from_bytes(doc.to_bytes())
        assert again._.quotes == doc._.quotes
        for group in GROUPS:
            kept = [(s.start_char, s.end_char, s.label_, s.id_) for s in again.spans[group]]
            assert kept == [(s.start_char, s.end_char, s.label_, s.id_) for s in doc.spans[group]]
    binned = DocBin(store_user_data=True, docs=piped).to_bytes()
    read = DocBin().from_bytes(binned).get_docs(nlp.vocab)
    # DocBin reads arrays back as tuples: the same values
    assert [json.dumps(d._.quotes) for d in read] == [json.dumps(d._.quotes) for d in piped]
