"""``quotebench ingest``: one document per article, written whole or not at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from quotebench.corpus import Document, ingest_file, load_documents
from tests.cli import run
from tests.conftest import ROOT

SEED = ROOT / "seeds" / "000_888c58a4d7dcaec2.txt"


def test_stdout_is_the_document_line() -> None:
    outcome = run("ingest", str(SEED), "--id", "seed-000", "--meta", "language=en")
    assert outcome.code == 0
    document = Document.from_json(outcome.stdout)
    assert document == ingest_file(SEED, "seed-000", {"language": "en"})


def test_output_file_holds_the_document(tmp_path: Path) -> None:
    out = tmp_path / "doc.jsonl"
    outcome = run("ingest", str(SEED), "--id", "s", "--meta", "note=a=b", "--output", str(out))
    assert outcome.code == 0
    (document,) = load_documents(out)
    assert document.meta.extra == {"note": "a=b"}
    assert run("validate", str(out)).code == 0


@pytest.mark.parametrize(
    ("content", "args", "code", "message"),
    [
        (b"\xff\xfe bad", (), 1, "not UTF-8"),
        (b"", (), 1, "no text"),
        (b"fine", ("--meta", "novalue"), 2, "KEY=VALUE"),
        (b"fine", ("--id", ""), 2, "--id"),
    ],
)
def test_bad_input_writes_nothing(
    tmp_path: Path, content: bytes, args: tuple[str, ...], code: int, message: str
) -> None:
    article = tmp_path / "a.txt"
    article.write_bytes(content)
    out = tmp_path / "doc.jsonl"
    outcome = run("ingest", str(article), "--id", "d", *args, "--output", str(out))
    assert outcome.code == code
    assert message in outcome.stderr
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]
