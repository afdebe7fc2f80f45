"""The checked loader: the problems ``validate`` finds, from every reading path alike."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quotebench.corpus import (
    Annotation,
    InvalidData,
    load_collection,
    load_documents,
    load_gold,
    load_versions,
    stream_documents,
    validate_paths,
    write_documents,
)

GOLD = load_gold()[0]


def _broken_line() -> str:
    data = json.loads(GOLD.to_json())
    data["quotes"][0]["content"][0]["end"] = len(GOLD.text) + 5
    return json.dumps(data)


def _collection(path: Path) -> Path:
    other = GOLD.model_copy(update={"id": "seed-copy"})
    path.write_text(f"{GOLD.to_json()}\n{_broken_line()}\n{other.to_json()}\n", encoding="utf-8")
    return path


def test_every_reader_reports_what_validate_reports(tmp_path: Path) -> None:
    path = _collection(tmp_path / "c.jsonl")
    _, expected = validate_paths([path])
    assert expected and all(p.line == 2 for p in expected)
    with pytest.raises(InvalidData) as strict:
        load_documents(path)
    collection, lenient = load_collection(path, lenient=True)
    with pytest.raises(InvalidData) as streamed:
        list(stream_documents(path))
    assert strict.value.problems == sorted(expected) == sorted(lenient)
    assert streamed.value.problems == sorted(expected)
    assert [line for line, _ in collection.entries()] == [1, 3]


def test_a_repeated_version_is_a_problem_of_the_later_line(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text(f"{GOLD.to_json()}\n{GOLD.to_json()}\n", encoding="utf-8")
    with pytest.raises(InvalidData, match="repeats line 1") as caught:
        load_documents(path)
    assert [(p.line, p.field) for p in caught.value.problems] == [(2, "annotation.annotator")]


def _version(annotator: str, text: str = GOLD.text) -> object:
    return GOLD.model_copy(
        update={"text": text, "meta": GOLD.meta.model_copy(update={"sha256": None}),
                "quotes": (), "stances": (), "mentions": (), "non_quotes": (),
                "annotation": Annotation(annotator=annotator, origin="gold")}
    )  # fmt: skip


def test_versions_must_share_their_text(tmp_path: Path) -> None:
    write_documents(tmp_path / "a.jsonl", [_version("a")])
    write_documents(tmp_path / "b.jsonl", [_version("b", GOLD.text.replace("Putin", "Pútin"))])
    with pytest.raises(InvalidData, match="text differs from the version at") as caught:
        load_versions([tmp_path / "a.jsonl", tmp_path / "b.jsonl"])
    problem = caught.value.problems[0]
    assert (problem.file, problem.line, problem.field) == (str(tmp_path / "b.jsonl"), 1, "text")


def test_one_annotator_in_two_files_is_refused(tmp_path: Path) -> None:
    for name in ("a.jsonl", "b.jsonl"):
        write_documents(tmp_path / name, [_version("same")])
    with pytest.raises(InvalidData, match="gave this document at"):
        load_versions([tmp_path / "a.jsonl", tmp_path / "b.jsonl"])


def test_the_same_file_twice_is_named(tmp_path: Path) -> None:
    from quotebench.corpus import UnusableInput

    write_documents(tmp_path / "a.jsonl", [_version("a")])
    with pytest.raises(UnusableInput, match="given twice"):
        load_versions([tmp_path / "a.jsonl", tmp_path / "." / "a.jsonl"])
