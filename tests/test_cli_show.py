"""``quotebench show``: one page per document, written atomically."""

from __future__ import annotations

from pathlib import Path

from quotebench.corpus import Document, load_gold, write_documents
from quotebench.corpus.render import labelled_spans
from tests.cli import run


def test_the_seed_page_is_written(tmp_path: Path) -> None:
    page = tmp_path / "seed.html"
    outcome = run("show", "seed-000", "--html", str(page))
    assert outcome.code == 0
    assert page.read_text(encoding="utf-8").count('class="qb-label"') == len(
        labelled_spans(load_gold()[0])
    )


def test_a_file_with_several_documents_needs_an_id(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    write_documents(path, [Document(id="a", text="A."), Document(id="b", text="B.")])
    page = tmp_path / "out.html"
    refused = run("show", str(path), "--html", str(page))
    assert refused.code == 2 and "--id" in refused.stderr and not page.exists()
    assert run("show", str(path), "--id", "b", "--html", str(page)).code == 0
    assert "<title>b</title>" in page.read_text(encoding="utf-8")


def test_an_unwritable_page_exits_2(tmp_path: Path) -> None:
    outcome = run("show", "seed-000", "--html", str(tmp_path / "missing" / "p.html"))
    assert outcome.code == 2
    assert "cannot write" in outcome.stderr
