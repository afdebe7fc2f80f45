"""``quotebench export --format spacy|brat|jsonschema``, in-process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from spacy.tokens import DocBin

from quotebench.corpus import Document, load_documents, load_gold, write_documents
from quotebench.corpus.schema import json_schema
from quotebench.corpus.spacy_export import USER_DATA_KEY
from tests.cli import run


def _attributions(document: Document) -> set[tuple]:
    """Each quote as (content segments, cue segments, source mention offsets): what brat keeps."""
    mentions = {m.id: (m.start, m.end, m.text) for m in document.mentions}
    return {
        (
            tuple((s.start, s.end, s.text) for s in q.content),
            tuple((s.start, s.end, s.text) for s in sorted(q.cue, key=lambda s: s.start)),
            mentions.get(q.source or ""),
        )
        for q in document.quotes
    }


def test_brat_export_imports_back_with_the_same_quotes(tmp_path: Path) -> None:
    exported = run("export", "--format", "brat", "--output", str(tmp_path / "brat"))
    assert exported.code == 0, exported.stderr
    imported = run("import-brat", str(tmp_path / "brat"), "--output", str(tmp_path / "back.jsonl"))
    assert imported.code == 0, imported.stderr
    back = {d.id: d for d in load_documents(tmp_path / "back.jsonl")}
    for document in load_gold():
        assert back[document.id].text == document.text
        assert _attributions(back[document.id]) == _attributions(document)


def test_spacy_export_of_a_collection_file(tmp_path: Path) -> None:
    collection = tmp_path / "docs.jsonl"
    write_documents(collection, load_gold())
    outcome = run(
        "export", "--format", "spacy", str(collection), "--output", str(tmp_path / "x.spacy")
    )
    assert outcome.code == 0, outcome.stderr
    docs = list(DocBin().from_disk(tmp_path / "x.spacy").get_docs(spacy.blank("en").vocab))
    assert [Document.from_json(d.user_data[USER_DATA_KEY]) for d in docs] == load_gold()
    assert outcome.stdout.strip() == f"{tmp_path / 'x.spacy'}: {len(docs)} doc(s)"


def test_jsonschema_export_is_the_model_schema(tmp_path: Path) -> None:
    outcome = run("export", "--format", "jsonschema", "--output", str(tmp_path / "schema.json"))
    assert outcome.code == 0, outcome.stderr
    assert json.loads((tmp_path / "schema.json").read_text(encoding="utf-8")) == json_schema()


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--format", "jsonschema", "seed-000"], 2, "takes no PATH"),
        (["--format", "spacy", "no-such-document"], 2, "holds no document 'no-such-document'"),
        (["--format", "spacy", "{bad}"], 1, "malformed JSON"),
        (["--format", "docx"], 2, "docx"),
    ],
)
def test_bad_arguments_and_data_fail_cleanly(tmp_path: Path, args, code, message) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "text": \n', encoding="utf-8")
    args = [str(bad) if a == "{bad}" else a for a in args]
    outcome = run("export", *args, "--output", str(tmp_path / "out"))
    assert outcome.code == code
    assert message in outcome.stderr
    assert not (tmp_path / "out").exists()


def test_an_unwritable_output_fails_without_traceback(tmp_path: Path) -> None:
    outcome = run("export", "--format", "spacy", "--output", str(tmp_path / "no" / "x.spacy"))
    assert outcome.code == 2 and outcome.stderr.startswith("error: ")
