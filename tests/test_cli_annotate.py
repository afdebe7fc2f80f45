"""``quotebench annotate``: config, export, import; bad input exits 1 naming task and region."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quotebench.annotation.convert import document_result
from quotebench.annotation.label_config import label_config
from quotebench.corpus import gold_path, load_documents, load_gold, load_targets

from .cli import run

GOLD = load_gold()[0]


def _export(path: Path, result: list, text: str = GOLD.text) -> Path:
    data = {"text": text, "document": {"id": GOLD.id, "meta": GOLD.meta.model_dump(),
                                       "schema_version": GOLD.schema_version,
                                       "convention": GOLD.annotation.convention}}  # fmt: skip
    annotation = {"id": 7, "completed_by": {"id": 1, "email": "a@example.org"}, "result": result,
                  "lead_time": 3.5, "created_at": "2026-01-01T00:00:00Z"}  # fmt: skip
    path.write_text(json.dumps([{"id": 3, "data": data, "annotations": [annotation]}]))
    return path


def test_config_prints_the_derived_config() -> None:
    outcome = run("annotate", "config")
    assert outcome.code == 0
    assert outcome.stdout == label_config(load_targets())


def test_export_then_import_keeps_the_gold(tmp_path: Path) -> None:
    tasks = tmp_path / "tasks.json"
    outcome = run("annotate", "export", str(gold_path()), "--output", str(tasks),
                  "--predictions", str(gold_path()))  # fmt: skip
    assert outcome.code == 0
    (task,) = json.loads(tasks.read_text())
    export = _export(tmp_path / "export.json", task["predictions"][0]["result"])
    output = tmp_path / "docs.jsonl"
    outcome = run("annotate", "import", str(export), "--output", str(output),
                  "--corpus", str(gold_path()))  # fmt: skip
    assert outcome.code == 0, outcome.stderr
    (document,) = load_documents(output)
    assert document.model_copy(update={"annotation": GOLD.annotation}) == GOLD
    assert (document.annotation.annotator, document.annotation.lead_time) == ("a@example.org", 3.5)


@pytest.mark.parametrize(
    ("text", "message"),
    [(GOLD.text + " ", "differs from the corpus text"), (GOLD.text, "relation quote_q1->gone")],
)
def test_bad_exports_exit_1_and_write_nothing(tmp_path: Path, text: str, message: str) -> None:
    result = [*document_result(GOLD), {"type": "relation", "from_id": "quote_q1",
                                       "to_id": "gone", "labels": ["cue"]}]  # fmt: skip
    if text != GOLD.text:
        result = document_result(GOLD)
    export = _export(tmp_path / "export.json", result, text)
    output = tmp_path / "docs.jsonl"
    outcome = run("annotate", "import", str(export), "--output", str(output))
    assert outcome.code == 1
    assert "task 3" in outcome.stderr and message in outcome.stderr
    assert not output.exists()


def test_push_without_a_token_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LABEL_STUDIO_API_KEY", raising=False)
    tasks = tmp_path / "tasks.json"
    tasks.write_text("[]")
    outcome = run("annotate", "push", str(tasks), "--project", "p", "--url", "http://127.0.0.1:9")
    assert outcome.code == 2
    assert "LABEL_STUDIO_API_KEY" in outcome.stderr


def test_adjudicate_writes_candidates_and_lists_conflicts(tmp_path: Path) -> None:
    from quotebench.corpus import Annotation, write_documents

    a = GOLD.model_copy(update={"annotation": Annotation(annotator="a")})
    b = GOLD.model_copy(update={"annotation": Annotation(annotator="b"), "quotes": GOLD.quotes[1:],
                                "stances": GOLD.stances[1:]})  # fmt: skip
    write_documents(tmp_path / "v.jsonl", [a, b])
    output = tmp_path / "gold.jsonl"
    outcome = run("annotate", "adjudicate", str(tmp_path / "v.jsonl"), "--output", str(output),
                  "--json")  # fmt: skip
    assert outcome.code == 0
    assert [c["field"] for c in outcome.json()] == ["type"]
    assert len(load_documents(output)[0].quotes) == len(GOLD.quotes) - 1


def test_config_says_when_the_targets_are_the_seeds_and_can_go_without() -> None:
    default = run("annotate", "config")
    assert "warning: the stance targets are the packaged seed inventory" in default.stderr
    none = run("annotate", "config", "--no-targets")
    assert none.code == 0 and none.stdout == label_config(()) and not none.stderr
    both = run("annotate", "config", "--no-targets", "--targets", str(gold_path()))
    assert both.code == 2 and "give one of them" in both.stderr


def test_config_from_a_targets_file_is_quiet(tmp_path: Path) -> None:
    path = tmp_path / "targets.json"
    path.write_text('[{"id": "ceasefire", "label": "A <ceasefire> & \\"talks\\"",'
                    ' "description": "Whether to stop fighting."}]', encoding="utf-8")  # fmt: skip
    outcome = run("annotate", "config", "--targets", str(path))
    assert outcome.code == 0 and not outcome.stderr
    assert "stance_ceasefire" in outcome.stdout and "&lt;ceasefire&gt; &amp;" in outcome.stdout


def _versions(tmp_path: Path, second_text: str) -> list[str]:
    from quotebench.corpus import Annotation, write_documents

    def version(annotator: str, text: str):
        return GOLD.model_copy(
            update={"text": text, "meta": GOLD.meta.model_copy(update={"sha256": None}),
                    "quotes": (), "stances": (), "mentions": (), "non_quotes": (),
                    "annotation": Annotation(annotator=annotator, origin="gold")}
        )  # fmt: skip

    write_documents(tmp_path / "a.jsonl", [version("a", GOLD.text)])
    write_documents(tmp_path / "b.jsonl", [version("b", second_text)])
    return [str(tmp_path / "a.jsonl"), str(tmp_path / "b.jsonl")]


@pytest.mark.parametrize("command", ["agreement", "adjudicate"])
def test_versions_whose_texts_differ_are_refused(tmp_path: Path, command: str) -> None:
    paths = _versions(tmp_path, GOLD.text.replace("Putin", "Poutine"))
    output = tmp_path / "gold.jsonl"
    args = ["agreement", *paths] if command == "agreement" else [
        "annotate", "adjudicate", *paths, "--output", str(output)]  # fmt: skip
    outcome = run(*args)
    assert outcome.code == 1 and not output.exists()
    assert f"{paths[1]}:1: document 'seed-000': field text: text differs from the version at" in (
        outcome.stderr
    )


@pytest.mark.parametrize(
    ("predictions", "line", "message"),
    [
        (["other"], 1, "field id: no document has this id"),
        (["seed-000", "seed-000"], 2, "field id: this document is predicted twice"),
    ],
    ids=["unknown id", "repeated id"],
)
def test_export_refuses_predictions_it_cannot_place(
    tmp_path: Path, predictions: list[str], line: int, message: str
) -> None:
    from quotebench.corpus import Annotation, write_documents

    path = tmp_path / "pred.jsonl"
    write_documents(path, [
        GOLD.model_copy(update={"id": i, "annotation": Annotation(annotator=f"x{k}")})
        for k, i in enumerate(predictions)
    ])  # fmt: skip
    tasks = tmp_path / "tasks.json"
    outcome = run("annotate", "export", str(gold_path()), "--output", str(tasks),
                  "--predictions", str(path))  # fmt: skip
    assert outcome.code == 1 and not tasks.exists()
    assert f"{path}:{line}: document '{predictions[-1]}': {message}" in outcome.stderr


def test_push_warns_when_another_corpus_gets_the_seeds_targets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from quotebench.annotation.convert import build_tasks

    monkeypatch.delenv("LABEL_STUDIO_API_KEY", raising=False)
    tasks = tmp_path / "tasks.json"
    tasks.write_text(json.dumps(build_tasks([GOLD.model_copy(update={"id": "mine"})])))
    outcome = run("annotate", "push", str(tasks), "--project", "p", "--url", "http://127.0.0.1:9")
    assert "warning: these tasks are not the seed's" in outcome.stderr
    assert outcome.code == 2 and "LABEL_STUDIO_API_KEY" in outcome.stderr


def test_an_empty_inventory_is_said_to_give_no_stance_controls(tmp_path: Path) -> None:
    path = tmp_path / "targets.json"
    path.write_text("[]", encoding="utf-8")
    outcome = run("annotate", "config", "--targets", str(path))
    assert outcome.code == 0 and outcome.stdout == label_config(())
    assert f"note: {path} holds no target: no stance controls" in outcome.stderr
