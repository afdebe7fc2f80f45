"""Adjudication: majority quotes kept, every conflict listed."""

from __future__ import annotations

from quotebench.annotation.adjudicate import adjudicate
from quotebench.corpus import Annotation, Document, load_gold, load_targets
from quotebench.corpus.validate import check_document

GOLD = load_gold()[0]


def _as(annotator: str, **changes: object) -> Document:
    return GOLD.model_copy(update={"annotation": Annotation(annotator=annotator), **changes})


def test_unanimous_versions_give_the_gold_without_conflict() -> None:
    (candidate,), conflicts = adjudicate([_as("a"), _as("b"), _as("c")])
    assert conflicts == []
    assert candidate.quotes == GOLD.quotes and candidate.stances == GOLD.stances


def test_a_minority_quote_is_dropped_and_listed() -> None:
    lone = GOLD.quotes[0]
    versions = [_as("a"), _as("b", quotes=GOLD.quotes[1:]), _as("c", quotes=GOLD.quotes[1:])]
    (candidate,), conflicts = adjudicate(versions)
    assert lone.id not in {q.id for q in candidate.quotes}
    assert all(s.quote != lone.id for s in candidate.stances)
    assert any(c["field"] == "type" and not c["kept"] for c in conflicts)
    assert check_document(candidate, [t.id for t in load_targets()]) == []


def test_a_type_disagreement_is_listed() -> None:
    changed = GOLD.quotes[0].model_copy(update={"type": "mixed"})
    versions = [_as("a"), _as("b", quotes=(changed, *GOLD.quotes[1:]))]
    _, conflicts = adjudicate(versions)
    assert [(c["field"], c["readings"]) for c in conflicts] == [
        ("type", {"a": GOLD.quotes[0].type, "b": "mixed"})
    ]
