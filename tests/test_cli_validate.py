"""``quotebench validate``: the report, its JSON form and the exit codes."""

from __future__ import annotations

from pathlib import Path

from quotebench.corpus import gold_path, load_targets, validate_paths
from tests.cli import run

BROKEN = (
    '{"id": "d1", "text": "Putin said it.", "mentions": [{"id": "m1", "start": 0, "end": 5, '
    '"text": "Putix", "entity": "e9"}]}\n'
    '{"id": "d2", "text": "x", "quotes": [{"id": "q1", "type": "rumour", "content": '
    '[{"start": 0, "end": 1, "text": "x"}]}]}\n'
    '{"id": "d3", "te\n'
)


def test_the_gold_is_valid() -> None:
    outcome = run("validate", str(gold_path()))
    assert outcome.code == 0
    assert "valid" in outcome.stdout


def test_every_problem_is_reported_with_its_place(tmp_path: Path) -> None:
    path = tmp_path / "broken.jsonl"
    path.write_text(BROKEN)
    outcome = run("validate", str(path))
    assert outcome.code == 1
    lines = outcome.stderr.splitlines()
    assert any(f"{path}:1: document 'd1': field mentions[0].text" in line for line in lines)
    assert any(f"{path}:1: document 'd1': field mentions[0].entity" in line for line in lines)
    assert any(f"{path}:2: document 'd2': field quotes[0].type" in line for line in lines)
    assert any(f"{path}:3: malformed JSON" in line for line in lines)
    assert "Traceback" not in outcome.stderr


def test_json_equals_the_python_api(tmp_path: Path) -> None:
    path = tmp_path / "broken.jsonl"
    path.write_text(BROKEN)
    outcome = run("validate", "--json", str(path), str(gold_path()))
    count, problems = validate_paths([path, gold_path()], load_targets())
    report = outcome.json()
    assert outcome.code == 1
    assert report["documents"] == count
    assert report["problems"] == [p.to_dict() for p in sorted(problems)]
    assert report["valid"] is False


def test_an_unopenable_file_exits_2(tmp_path: Path) -> None:
    outcome = run("validate", str(tmp_path / "absent.jsonl"))
    assert outcome.code == 2
    assert "cannot open" in outcome.stderr


def test_a_bad_inventory_exits_with_its_problem(tmp_path: Path) -> None:
    inventory = tmp_path / "targets.json"
    inventory.write_text("[{")
    outcome = run("validate", "--targets", str(inventory), str(gold_path()))
    assert outcome.code == 1
    assert str(inventory) in outcome.stderr


def test_no_path_is_a_usage_error() -> None:
    assert run("validate").code == 2
