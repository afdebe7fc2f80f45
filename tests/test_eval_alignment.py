"""Pairing predicted documents with gold documents."""

from __future__ import annotations

from quotebench.corpus import Document
from quotebench.eval.alignment import Collection, align


def test_align_pairs_by_id_and_names_every_problem() -> None:
    gold = Collection.of(
        "gold",
        [Document(id="a", text="one"), Document(id="b", text="two"), Document(id="a", text="x")],
    )
    pred = Collection(
        "pred",
        (
            Document(id="b", text="two"),
            Document(id="z", text="?"),
            Document(id="a", text="once"),
            Document(id="b", text="two"),
        ),
        (3, 5, 8, 9),
    )
    gold_by_id, pred_by_id, problems = align(gold, pred)
    assert sorted(gold_by_id) == ["a", "b"] and gold_by_id["a"].text == "one"
    assert list(pred_by_id) == ["b"]
    assert [(p.file, p.line, p.document, p.field) for p in problems] == [
        ("gold", 3, "a", "id"),
        ("pred", 5, "z", "id"),
        ("pred", 8, "a", "text"),
        ("pred", 9, "b", "id"),
    ]
    assert "from character 2" in problems[2].message


def test_collection_entries_keep_lines() -> None:
    documents = [Document(id="a", text="x"), Document(id="b", text="y")]
    assert [line for line, _ in Collection.of("c", documents).entries()] == [1, 2]
