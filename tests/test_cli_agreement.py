"""``quotebench agreement``: its --json equals the Python API's report."""

from __future__ import annotations

from pathlib import Path

from quotebench.annotation.agreement import agreement
from quotebench.corpus import Annotation, load_gold, write_documents

from .cli import run

GOLD = load_gold()[0]


def test_json_equals_the_api(tmp_path: Path) -> None:
    a = GOLD.model_copy(update={"annotation": Annotation(annotator="a")})
    b = GOLD.model_copy(update={"annotation": Annotation(annotator="b"), "quotes": GOLD.quotes[3:],
                                "stances": ()})  # fmt: skip
    write_documents(tmp_path / "a.jsonl", [a])
    write_documents(tmp_path / "b.jsonl", [b])
    outcome = run("agreement", str(tmp_path / "a.jsonl"), str(tmp_path / "b.jsonl"), "--json")
    assert outcome.code == 0
    assert outcome.json() == agreement([a, b])
    table = run("agreement", str(tmp_path / "a.jsonl"), str(tmp_path / "b.jsonl"))
    assert "token_alpha" in table.stdout and "q1" in table.stdout


def test_one_annotator_exits_2(tmp_path: Path) -> None:
    write_documents(tmp_path / "a.jsonl", [GOLD])
    outcome = run("agreement", str(tmp_path / "a.jsonl"))
    assert outcome.code == 2
    assert "two or more annotators" in outcome.stderr
