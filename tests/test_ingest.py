"""Plain-text articles into un-annotated documents."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quotebench.corpus import InvalidData, UnusableInput, check_document, ingest_file
from tests.conftest import ROOT

SEED = ROOT / "seeds" / "000_888c58a4d7dcaec2.txt"


def test_the_seed_becomes_a_document_byte_for_byte() -> None:
    document = ingest_file(SEED, "seed-000")
    data = SEED.read_bytes()
    assert document.text.encode("utf-8") == data
    assert document.meta.sha256 == hashlib.sha256(data).hexdigest()
    assert document.meta.source_file == str(SEED)
    assert document.quotes == () and document.mentions == ()
    assert check_document(document, []) == []


@given(st.text(st.characters(exclude_categories=["Cs"]), min_size=1).filter(str.strip))
def test_any_utf8_text_is_kept_unchanged(tmp_path_factory, text: str) -> None:
    path = tmp_path_factory.mktemp("ingest") / "a.txt"
    path.write_bytes(text.encode("utf-8"))
    assert ingest_file(path, "d").text.encode("utf-8") == path.read_bytes()


def test_metadata_fills_fields_and_extra(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Text.\r\nMore.")
    document = ingest_file(path, "d", {"title": "T", "outlet": "O", "desk": "world"})
    assert (document.meta.title, document.meta.outlet) == ("T", "O")
    assert document.meta.extra == {"desk": "world"}
    assert document.text == "Text.\r\nMore."


@pytest.mark.parametrize(
    ("content", "message", "line"),
    [
        (b"", "no text", None),
        (b" \n\t\n", "no text", None),
        (b"ok\nbad \xe9t\xe9\n", "not UTF-8", 2),
    ],
)
def test_bad_articles_are_invalid(tmp_path: Path, content: bytes, message: str, line: int) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(content)
    with pytest.raises(InvalidData, match=message) as caught:
        ingest_file(path, "d")
    assert caught.value.problems[0].line == line


def test_a_missing_article_is_unusable(tmp_path: Path) -> None:
    with pytest.raises(UnusableInput):
        ingest_file(tmp_path / "absent.txt", "d")
