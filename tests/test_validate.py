"""Every invariant of the validator, each with a failing example, and collection-level checks."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from quotebench.corpus import (
    Alignment,
    Annotation,
    Call,
    Document,
    Entity,
    Mention,
    Meta,
    NonQuote,
    Quote,
    Span,
    Stance,
    check_document,
    gold_path,
    load_targets,
    validate_paths,
)

TEXT = 'Putin said "we are ready" on Friday.\nHe added that talks must wait.'
TARGETS = ["meeting"]


def span(part: str, occurrence: int = 0) -> Span:
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(part, start + 1)
    return Span(start=start, end=start + len(part), text=part)


def mention(mention_id: str, part: str, entity: str = "e1") -> Mention:
    return Mention(id=mention_id, entity=entity, **span(part).model_dump())


BASE = Document(
    id="d1",
    text=TEXT,
    meta=Meta(sha256=hashlib.sha256(TEXT.encode()).hexdigest()),
    annotation=Annotation(annotator="gold", origin="gold"),
    entities=(
        Entity(id="e1", name="Vladimir Putin", kind="person", wikidata="Q7747"),
        Entity(id="e2", name="Russia", kind="country"),
        Entity(id="g1", name="Putin and Russia", kind="group", members=("e1", "e2")),
    ),
    mentions=(mention("m1", "Putin"), mention("m2", "He")),
    quotes=(
        Quote(id="q1", type="direct", content=(span("we are ready"),), cue=(span("said"),),
              source="m1", speaker="e1"),
        Quote(id="q2", type="indirect", content=(span("talks must wait"),), cue=(span("added"),),
              source="m2", speaker="e1", parent="q1"),
    ),
    stances=(
        Stance(id="s1", holder="e1", quote="q1", target="meeting", label="favor", explicit=True),
        Stance(id="s2", holder="e1", target="meeting", label="neutral", explicit=False,
               evidence=(span("on Friday"),)),
    ),
    non_quotes=(NonQuote(reason="R-TEST", **span("Friday").model_dump()),),
)  # fmt: skip


def replace(document: Document, field: str, index: int, **changes: object) -> Document:
    items = list(getattr(document, field))
    items[index] = items[index].model_copy(update=changes)
    return document.model_copy(update={field: tuple(items)})


def test_the_base_document_is_valid() -> None:
    assert check_document(BASE, TARGETS) == []


ALIGNED = Alignment(string="we are ready", quote="q1", method="exact", similarity=100.0)
CALL = Call(model="m", prompt="p.v1", prompt_sha256="0" * 64, temperature=0.0, start=0, end=10)


def _aligned(document: Document, version: str, record: Alignment) -> Document:
    annotation = document.annotation.model_copy(update={"alignment": (record,)})
    return document.model_copy(update={"annotation": annotation, "schema_version": version})


def _called(document: Document, call: Call) -> Document:
    return document.with_annotation(calls=(call,))


BAD = Span(start=0, end=5, text="Putix")
CASES = [
    ("unknown schema version", BASE.model_copy(update={"schema_version": "9.9"}),
     "schema_version", "unknown version"),
    ("sha256 differs", BASE.model_copy(update={"meta": Meta(sha256="0" * 64)}),
     "meta.sha256", "does not match"),
    ("offsets past the end", replace(BASE, "mentions", 0, start=60, end=99),
     "mentions[0]", "outside the text"),
    ("empty span", replace(BASE, "mentions", 0, start=3, end=3, text=""),
     "mentions[0]", "outside the text"),
    ("whitespace-only span", replace(BASE, "mentions", 0, start=5, end=6, text=" "),
     "mentions[0]", "only whitespace"),
    ("text differs from offsets", replace(BASE, "mentions", 0, text="Putix"),
     "mentions[0].text", "differs from the text"),
    ("content text differs", replace(BASE, "quotes", 0, content=(BAD,)),
     "quotes[0].content[0].text", "differs"),
    ("cue text differs", replace(BASE, "quotes", 1, cue=(BAD,)),
     "quotes[1].cue[0].text", "differs"),
    ("evidence text differs", replace(BASE, "stances", 1, evidence=(BAD,)),
     "stances[1].evidence[0].text", "differs"),
    ("non-quote text differs", replace(BASE, "non_quotes", 0, text="x"),
     "non_quotes[0].text", "differs"),
    ("duplicate entity id", replace(BASE, "entities", 1, id="e1"), "entities", "more than once"),
    ("duplicate mention id", replace(BASE, "mentions", 1, id="m1"), "mentions", "more than once"),
    ("duplicate quote id", replace(BASE, "quotes", 1, id="q1"), "quotes", "more than once"),
    ("duplicate stance id", replace(BASE, "stances", 1, id="s1"), "stances", "more than once"),
    ("unknown group member", replace(BASE, "entities", 2, members=("e1", "e9")),
     "entities[2].members[1]", "not a known entity"),
    ("unknown mention entity", replace(BASE, "mentions", 0, entity="e9"),
     "mentions[0].entity", "not a known entity"),
    ("unknown source", replace(BASE, "quotes", 0, source="m9"), "quotes[0].source", "mention"),
    ("unknown speaker", replace(BASE, "quotes", 0, speaker="e9"), "quotes[0].speaker", "entity"),
    ("unknown parent", replace(BASE, "quotes", 1, parent="q9"), "quotes[1].parent", "quote"),
    ("unknown holder", replace(BASE, "stances", 0, holder="e9"), "stances[0].holder", "entity"),
    ("unknown stance quote", replace(BASE, "stances", 0, quote="q9"), "stances[0].quote", "quote"),
    ("target not in inventory", replace(BASE, "stances", 0, target="nato"),
     "stances[0].target", "not a known target id of the stance-target inventory"),
    ("group member twice", replace(BASE, "entities", 2, members=("e1", "e2", "e1")),
     "entities[2].members", "member 'e1' more than once"),
    ("group member of itself", replace(BASE, "entities", 2, members=("e1", "g1")),
     "entities[2].members", "lists itself"),
    ("speaker is not the source's entity", replace(BASE, "quotes", 0, speaker="e2"),
     "quotes[0].speaker", "not the entity of the source mention 'm1'"),
    ("identical content", replace(BASE, "quotes", 1, content=(span("we are ready"),)),
     "quotes[1].content", "identical content segments"),
    ("overlapping segments",
     replace(BASE, "quotes", 0, content=(span("we are"), span("are ready"))),
     "quotes[0].content", "overlap each other"),
    ("parent cycle", replace(BASE, "quotes", 0, parent="q2"), "quotes[0].parent", "own ancestor"),
    ("repeated (quote, target)", replace(BASE, "stances", 1, quote="q1", evidence=()),
     "stances[1]", "repeats"),
    ("quote-less stance without evidence", replace(BASE, "stances", 1, evidence=()),
     "stances[1].evidence", "needs an evidence span"),
    ("score in gold quote", replace(BASE, "quotes", 0, score=0.5),
     "quotes[0].score", "no score"),
    ("score in gold stance", replace(BASE, "stances", 0, score=0.5),
     "stances[0].score", "no score"),
    ("alignment in schema 1.1", _aligned(BASE, "1.1", ALIGNED), "annotation.alignment",
     "needs schema_version 1.2"),
    ("alignment names no quote", _aligned(BASE, "1.2", ALIGNED.model_copy(update={"quote": "q9"})),
     "annotation.alignment[0].quote", "not a known quote"),
    ("aligned string without a quote",
     _aligned(BASE, "1.2", ALIGNED.model_copy(update={"quote": None})),
     "annotation.alignment[0]", "quote is null exactly when"),
    ("call past the text", _called(BASE, CALL.model_copy(update={"end": 999})),
     "annotation.calls[0]", "outside the text"),
]  # fmt: skip


@pytest.mark.parametrize(("case", "document", "field", "message"), CASES, ids=[c[0] for c in CASES])
def test_each_invariant_has_a_failing_example(
    case: str, document: Document, field: str, message: str
) -> None:
    findings = check_document(document, TARGETS)
    assert any(f == field and message in m for f, m in findings), findings


@pytest.mark.parametrize(
    ("source", "speaker"), [(None, "e2"), ("m1", None)], ids=["cue-less", "unknown speaker"]
)
def test_a_source_or_a_speaker_alone_is_valid(source: str | None, speaker: str | None) -> None:
    assert check_document(replace(BASE, "quotes", 0, source=source, speaker=speaker), TARGETS) == []


def test_scores_are_allowed_outside_gold() -> None:
    predicted = replace(BASE, "quotes", 0, score=0.5).model_copy(
        update={"annotation": Annotation(origin="extractor", extractor="x.v1")}
    )
    assert check_document(predicted, TARGETS) == []


def test_overlapping_annotations_are_not_errors() -> None:
    nested = replace(BASE, "mentions", 1, **span("Putin said").model_dump())
    assert check_document(nested, TARGETS) == []


def write_lines(path: Path, *lines: str | bytes) -> Path:
    path.write_bytes(b"".join((x if isinstance(x, bytes) else x.encode()) + b"\n" for x in lines))
    return path


def test_every_problem_in_a_collection_is_reported(tmp_path: Path) -> None:
    broken = replace(BASE, "quotes", 0, speaker="e9", source="m9")
    path = write_lines(
        tmp_path / "c.jsonl", BASE.to_json(), broken.to_json(), b"\xff\xfe", '{"id": "x", "te'
    )
    count, problems = validate_paths([path], load_targets_from(tmp_path))
    assert count == 2
    located = {(p.line, p.document, p.field) for p in problems}
    assert (2, "d1", "quotes[0].speaker") in located
    assert (2, "d1", "quotes[0].source") in located
    assert {p.line for p in problems} == {2, 3, 4}
    assert all(p.file == str(path) for p in problems)


def test_repeated_id_and_annotator_is_reported(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "c.jsonl", BASE.to_json(), BASE.to_json())
    _, problems = validate_paths([path], load_targets_from(tmp_path))
    assert [(p.line, p.field) for p in problems] == [(2, "annotation.annotator")]


def test_versions_by_different_annotators_are_valid(tmp_path: Path) -> None:
    other = BASE.model_copy(update={"annotation": Annotation(annotator="ann-2", origin="gold")})
    path = write_lines(tmp_path / "c.jsonl", BASE.to_json(), other.to_json())
    assert validate_paths([path], load_targets_from(tmp_path)) == (2, [])


def test_the_packaged_gold_is_valid() -> None:
    count, problems = validate_paths([gold_path()], load_targets())
    assert count >= 1
    assert problems == []


def load_targets_from(tmp_path: Path):
    inventory = tmp_path / "targets.json"
    inventory.write_text('[{"id": "meeting", "label": "A meeting", "description": "d"}]')
    return load_targets(inventory)
