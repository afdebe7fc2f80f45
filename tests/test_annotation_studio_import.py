"""Importing exports: one version per annotator, all problems at once, nothing partial."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quotebench.annotation.convert import build_tasks, document_result
from quotebench.annotation.studio_import import import_export
from quotebench.corpus import InvalidData, UnusableInput, load_gold

from .annotation_strategies import TARGETS

GOLD = load_gold()[0]


def _write(path: Path, annotations: list[dict]) -> Path:
    (task,) = build_tasks([GOLD])
    path.write_text(json.dumps([{**task, "id": 5, "annotations": annotations}]))
    return path


def _by(who: object, result: list | None = None, **extra: object) -> dict:
    return {"completed_by": who, "result": result or document_result(GOLD), **extra}


def test_each_annotator_gives_a_version(tmp_path: Path) -> None:
    export = _write(
        tmp_path / "e.json", [_by(1), _by({"email": "b@x.org"}), _by(3, was_cancelled=True)]
    )
    documents = import_export(export, TARGETS, [GOLD])
    assert [d.annotation.annotator for d in documents] == ["1", "b@x.org"]


def test_every_problem_is_reported_and_nothing_returned(tmp_path: Path) -> None:
    broken = [*document_result(GOLD), {"type": "relation", "from_id": "x", "to_id": "y",
                                       "labels": ["cue"]}]  # fmt: skip
    export = _write(tmp_path / "e.json", [_by(1), _by(1), _by(2, broken)])
    with pytest.raises(InvalidData) as caught:
        import_export(export, TARGETS)
    messages = [str(p) for p in caught.value.problems]
    assert len(messages) == 2
    assert any("annotated 'seed-000' twice" in m for m in messages)
    assert any("task 5, region 'relation x->y'" in m for m in messages)


@pytest.mark.parametrize(("content", "error"), [("{", InvalidData), ("{}", InvalidData)])
def test_an_unreadable_export_is_refused(tmp_path: Path, content: str, error: type) -> None:
    path = tmp_path / "e.json"
    path.write_text(content)
    with pytest.raises(error):
        import_export(path, TARGETS)


def test_a_missing_export_is_unusable(tmp_path: Path) -> None:
    with pytest.raises(UnusableInput):
        import_export(tmp_path / "none.json", TARGETS)
