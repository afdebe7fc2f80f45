"""Importing SEESAW: hand-written files in its format, and its released train and valid stories."""

from __future__ import annotations

import json
from pathlib import Path

from quotebench.corpus import check_document, load_documents, load_targets
from quotebench.corpus.seesaw import read_seesaw
from tests.cli import run
from tests.conftest import ROOT, require

SEESAW = ROOT.parent / "shared" / "external" / "seesaw"
SENTENCES = [
    {"id": 0, "text": "Smith attacked the plan on Monday."},
    {"id": 1, "text": "Jones defended it."},
    {"id": 2, "text": ""},
    {"id": 3, "text": "The plan is a mistake, the paper says."},
    {"id": 4, "text": "Critics praised Jones."},
]
NOTES = {
    "title": "A plan",
    "entity lists": [
        ["Ann Smith", ["People", "People"], ["Main", "Salient"], ["A", "B"]],
        ["Bob Jones", ["People"], ["Main"], ["A"]],
        ["the plan", ["Topic", "Topic"], ["Main", "Main"], ["A", "B"]],
        ["City Council", ["Organization"], ["Salient"], ["B"]],
    ],
    "sentence-level stances": {
        "0": [{"id": 0, "subject": "Ann Smith", "sentiment": "NEG", "object": "the plan",
               "annotators": ["A", "B"]}],
        "1": [{"id": 0, "subject": "Bob Jones", "sentiment": "POS", "object": "the plan",
               "annotators": ["A", "B"]}],
        "3": [{"id": 0, "subject": "None", "sentiment": "NEG", "object": "the plan",
               "annotators": ["A"]},
              {"id": 1, "subject": "Ann Smith", "sentiment": "NEU", "object": "the plan",
               "annotators": ["A"]}],
        "4": [{"id": 0, "subject": "Not in the list", "sentiment": "POS", "object": "Bob Jones",
               "annotators": ["B"]}],
        "9": [{"id": 0, "subject": "Ann Smith", "sentiment": "POS", "object": "the plan",
               "annotators": ["A"]}],
    },
}  # fmt: skip
META = {
    "story_url": "https://example.org/story", "story_title": "Plans", "story_time": "2020-01-02",
    "story_topic": "city", "Split": "train", "triplet_id": "007",
    "Meta info for article 0": {"source": "The Daily", "url": "https://example.org/a",
                                "title": "A plan", "bias_label": 2},
}  # fmt: skip


def _write(root: Path) -> Path:
    for folder in ("articles", "annotations", "meta"):
        (root / folder).mkdir(parents=True)
    stem = "TRIPLET_007_DOCUMENT_0.json"
    (root / "articles" / stem).write_text(json.dumps({"title": "A plan", "text": SENTENCES}))
    (root / "annotations" / stem).write_text(json.dumps(NOTES))
    (root / "meta" / "TRIPLET_007.json").write_text(json.dumps(META))
    return root


def test_each_annotator_gets_a_version_with_their_entities_and_stances(tmp_path: Path) -> None:
    imported = read_seesaw(_write(tmp_path / "seesaw"))
    a, b = imported.documents
    assert (
        a.text
        == b.text
        == (
            "Smith attacked the plan on Monday. Jones defended it.\n"
            "The plan is a mistake, the paper says. Critics praised Jones."
        )
    )
    assert (a.annotation.annotator, b.annotation.annotator) == ("seesaw-A", "seesaw-B")
    assert [e.name for e in a.entities] == [
        "Ann Smith",
        "Bob Jones",
        "the plan",
        "the article's author",
    ]
    # B did not list Bob Jones but gave him a stance: he is made an entity, and counted
    assert [(e.name, e.kind) for e in b.entities][2:] == [
        ("City Council", "organization"),
        ("Bob Jones", "other"),
        ("a source not in the entity list", "other"),
    ]
    assert imported.counts["sources not in the entity list, made entities"] == 1
    targets = {t.id: t for t in imported.targets}
    held = [(next(e.name for e in a.entities if e.id == s.holder), targets[s.target].label, s.label,
             s.evidence[0].text) for s in a.stances]  # fmt: skip
    assert held == [
        ("Ann Smith", "the plan", "against", "Smith attacked the plan on Monday."),
        ("Bob Jones", "the plan", "favor", "Jones defended it."),
        ("the article's author", "the plan", "against", "The plan is a mistake, the paper says."),
    ]
    assert all(s.quote is None and s.explicit for s in a.stances)
    assert {t.label: t.entity for t in imported.targets} == {
        "the plan": "the plan",
        "Bob Jones": "Bob Jones",
    }
    assert imported.counts["left out: another sentiment"] == 1
    assert imported.counts["left out: no such sentence"] == 1
    assert a.meta.outlet == "The Daily" and a.meta.published == "2020-01-02"
    assert (
        a.meta.extra["seesaw"]["bias_label"] == 2
        and a.meta.extra["seesaw"]["roles"]["e1"] == "Main"
    )
    assert all(check_document(d, list(targets)) == [] for d in imported.documents)


def test_the_command_writes_documents_and_inventory_that_validate(tmp_path: Path) -> None:
    root = _write(tmp_path / "seesaw")
    docs, inventory = tmp_path / "docs.jsonl", tmp_path / "targets.json"
    done = run("import-seesaw", str(root), "--output", str(docs), "--targets", str(inventory))
    assert done.code == 0, done.stderr
    assert "2 document version(s) of 1 article(s), 6 stance(s)" in done.stdout
    assert "left out: another sentiment: 1" in done.stdout
    assert run("validate", str(docs), "--targets", str(inventory)).code == 0
    assert [t.id for t in load_targets(inventory)] == ["seesaw-bob-jones", "seesaw-the-plan"]
    assert len(load_documents(docs, load_targets(inventory))) == 2


def test_a_broken_file_is_named_and_nothing_is_written(tmp_path: Path) -> None:
    root = _write(tmp_path / "seesaw")
    broken = root / "annotations" / "TRIPLET_007_DOCUMENT_0.json"
    broken.write_text("{not json")
    docs, inventory = tmp_path / "docs.jsonl", tmp_path / "targets.json"
    done = run("import-seesaw", str(root), "--output", str(docs), "--targets", str(inventory))
    assert done.code == 1 and f"{broken}: not UTF-8 JSON" in done.stderr
    assert not docs.exists() and not inventory.exists()
    empty = run("import-seesaw", str(tmp_path), "--output", str(docs), "--targets", str(inventory))
    assert empty.code == 2 and "holds no SEESAW story" in empty.stderr


def test_the_released_train_and_valid_stories_import_whole() -> None:
    require(SEESAW.is_dir(), "SEESAW is absent (../shared/external/seesaw)")
    imported = read_seesaw(SEESAW)
    assert imported.counts["articles"] == 486
    ids = [t.id for t in imported.targets]
    assert len(set(ids)) == len(ids)
    assert all(check_document(d, ids) == [] for d in imported.documents)
    raw = 0
    for path in (SEESAW / "annotations").glob("*.json"):
        notes = json.loads(path.read_text(encoding="utf-8"))
        raw += sum(
            len(set(t["annotators"])) for ts in notes["sentence-level stances"].values() for t in ts
        )
    left_out = sum(n for k, n in imported.counts.items() if k.startswith("left out"))
    assert imported.counts["stances"] + left_out == raw
    assert imported.counts["annotators repeated on a triplet, kept once"] == 7
