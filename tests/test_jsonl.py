"""Reading and writing JSON Lines: every fault located, nothing partially written."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotebench.corpus import (
    Document,
    InvalidData,
    UnusableInput,
    load_documents,
    output_file,
    scan_documents,
    write_documents,
)
from quotebench.corpus.jsonl import field_path
from tests.strategies import documents

GOOD = Document(id="d1", text="Hello.").to_json()


@settings(max_examples=30)
@given(st.lists(documents(), min_size=1, max_size=4))
def test_write_then_read_is_identity(tmp_path_factory, docs: list[Document]) -> None:
    path = tmp_path_factory.mktemp("rt") / "c.jsonl"
    assert write_documents(path, docs) == len(docs)
    assert [item for _, item in scan_documents(path)] == docs


@pytest.mark.parametrize(
    ("content", "line", "message"),
    [
        (b"", None, "holds no JSON lines"),
        (b"\n  \n", None, "holds no JSON lines"),
        (GOOD.encode() + b'\n{"id": "d2", "te', 2, "malformed JSON"),
        (GOOD.encode() + b"\n\xff\xfe{}\n", 2, "not UTF-8"),
        (b"[1, 2]\n", 1, "must be a JSON object"),
        (b'{"id": "d", "text": "x", "quotes": 3}\n', 1, "valid array"),
        (b'{"text": "x"}\n', 1, "Field required"),
        (b'{"id": "d", "text": "x", "id": "e"}\n', 1, "the key 'id' appears twice"),
        (b'{"id": "d", "text": "x", "annotation": {"lead_time": NaN}}\n', 1, "NaN is not"),
        (b'{"id": "d", "text": "x", "annotation": {"lead_time": -Infinity}}\n', 1, "Infinity"),
        (b'{"id": " ", "text": "x"}\n', 1, "should match pattern"),
        (b'{"id": "d ", "text": "x"}\n', 1, "should match pattern"),
    ],
    ids=[
        "empty",
        "blank",
        "truncated",
        "latin-1",
        "array",
        "wrong type",
        "missing id",
        "duplicate key",
        "NaN",
        "infinity",
        "blank id",
        "padded id",
    ],
)
def test_faults_are_located(tmp_path: Path, content: bytes, line: int | None, message: str) -> None:
    path = tmp_path / "c.jsonl"
    path.write_bytes(content)
    with pytest.raises(InvalidData) as caught:
        load_documents(path)
    problem = caught.value.problems[0]
    assert (problem.file, problem.line) == (str(path), line)
    assert message in problem.message


def test_structural_problems_name_document_and_field(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text('{"id": "d7", "text": "x", "quotes": [{"id": "q", "type": "rumour"}]}\n')
    (item,) = [item for _, item in scan_documents(path)]
    assert isinstance(item, list)
    fields = {(p.document, p.field) for p in item}
    assert ("d7", "quotes[0].type") in fields
    assert ("d7", "quotes[0].content") in fields
    assert any("'rumour'" in p.message for p in item)


def test_blank_lines_keep_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text(f"\n{GOOD}\n\n{{\n")
    lines = [line for line, _ in scan_documents(path)]
    assert lines == [2, 4]


def test_a_missing_file_is_unusable(tmp_path: Path) -> None:
    with pytest.raises(UnusableInput, match="cannot open"):
        load_documents(tmp_path / "absent.jsonl")


def test_atomic_output_leaves_nothing_on_failure(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    target.write_text("previous\n")
    with pytest.raises(RuntimeError), output_file(target) as handle:
        handle.write("half")
        raise RuntimeError("interrupted")
    assert target.read_text() == "previous\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl"]


def test_writing_into_a_missing_folder_is_unusable(tmp_path: Path) -> None:
    with pytest.raises(UnusableInput, match="cannot write"):
        write_documents(tmp_path / "no" / "such" / "dir.jsonl", [])


@pytest.mark.parametrize(
    ("loc", "path"),
    [
        (("quotes", 2, "content", 0, "start"), "quotes[2].content[0].start"),
        (("id",), "id"),
        ((), ""),
    ],
)
def test_field_path(loc: tuple, path: str) -> None:
    assert field_path(loc) == path
