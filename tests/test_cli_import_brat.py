"""``quotebench import-brat``: exit codes, atomic output, agreement with the Python API."""

from __future__ import annotations

from pathlib import Path

import pytest

from quotebench.corpus import load_documents
from quotebench.corpus.brat import import_brat
from tests.cli import run

TEXT = 'Merkel said "we will help".\n'
GOOD = (
    'T1\tSource 0 6\tMerkel\nT2\tCue 7 11\tsaid\nT3\tContent 12 26\t"we will help"\n'
    "T4\tAttribution 7 11\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
)


def _folder(root: Path, ann: str) -> Path:
    (root / "a.txt").write_text(TEXT, encoding="utf-8")
    (root / "a_x1.ann").write_text(ann, encoding="utf-8")
    return root


def test_a_corpus_is_written_as_the_api_imports_it(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    corpus = _folder(tmp_path / "in", GOOD)
    output = tmp_path / "docs.jsonl"
    outcome = run("import-brat", str(corpus), "--output", str(output))
    assert outcome.code == 0, outcome.stderr
    assert "1 document(s), 1 quote(s)" in outcome.stdout
    assert load_documents(output) == import_brat(corpus)
    assert run("validate", str(output)).code == 0


@pytest.mark.parametrize(
    ("ann", "code", "message"),
    [
        (GOOD.replace("Merkel", "Merkle", 1), 1, "a_x1.ann:1: document 'a': field T1.text"),
        (GOOD + "E2\tAttribution:T4 Content:T9\n", 1, "a_x1.ann:6: document 'a': field E2.Content"),
        (GOOD + "E2\tAttribution:T4 Content:T2\n", 1, "field E2.Content: the Content role is"),
        (GOOD + "T5\tQuote 0 6\tMerkel\n", 1, "a_x1.ann:6: document 'a': field T5.text: unknown"),
    ],
)
def test_malformed_annotations_exit_1_and_write_nothing(
    tmp_path: Path, ann: str, code: int, message: str
) -> None:
    output = tmp_path / "docs.jsonl"
    outcome = run("import-brat", str(_folder(tmp_path, ann)), "--output", str(output))
    assert outcome.code == code
    assert message in outcome.stderr and "Traceback" not in outcome.stderr
    assert not output.exists()


def test_a_missing_folder_exits_2(tmp_path: Path) -> None:
    output = tmp_path / "docs.jsonl"
    outcome = run("import-brat", str(tmp_path / "absent"), "--output", str(output))
    assert outcome.code == 2 and "not a folder" in outcome.stderr
    assert not output.exists()


@pytest.mark.parametrize(
    ("args", "code", "convention"),
    [((), 0, "polnear.v1"), (("--convention", "ggt.v1"), 0, "ggt.v1"),
     (("--convention", "nope.v1"), 2, None)],
)  # fmt: skip
def test_the_documents_name_the_convention_imported_under(
    tmp_path: Path, args: tuple[str, ...], code: int, convention: str | None
) -> None:
    (tmp_path / "in").mkdir()
    output = tmp_path / "docs.jsonl"
    outcome = run("import-brat", str(_folder(tmp_path / "in", GOOD)), "--output", str(output),
                  *args)  # fmt: skip
    assert outcome.code == code, outcome.stderr
    if convention is None:
        assert "nope.v1" in outcome.stderr and not output.exists()
        return
    (doc,) = load_documents(output)
    assert (doc.annotation.convention, doc.schema_version) == (convention, "1.1")
