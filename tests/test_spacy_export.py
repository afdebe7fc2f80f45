"""spaCy DocBin export: loaded back with spaCy, its spans compared with the documents."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from spacy.tokens import DocBin

from quotebench.corpus import Document, Entity, Mention, Quote, Span, UnusableInput, load_gold
from quotebench.corpus.spacy_export import (
    SPAN_KEYS,
    USER_DATA_KEY,
    document_spans,
    to_doc,
    write_docbin,
)
from tests.strategies import documents


def _spans(doc) -> dict[str, set[tuple[int, int, str, str, str]]]:
    return {
        key: {(s.start_char, s.end_char, s.label_, s.kb_id_, s.id_) for s in doc.spans[key]}
        for key in SPAN_KEYS
    }


def _expected(document: Document) -> dict[str, set[tuple[int, int, str, str, str]]]:
    return {key: set(specs) for key, specs in document_spans(document).items()}


def test_the_gold_loads_back_with_spacy_span_for_span(tmp_path: Path) -> None:
    gold = load_gold()
    path = tmp_path / "gold.spacy"
    assert write_docbin(gold, path) == len(gold)
    docs = list(DocBin().from_disk(path).get_docs(spacy.blank("en").vocab))
    assert [d.text for d in docs] == [d.text for d in gold]
    for doc, document in zip(docs, gold, strict=True):
        assert _spans(doc) == _expected(document)
        assert Document.from_json(doc.user_data[USER_DATA_KEY]) == document


def test_span_groups_name_kind_type_and_ids() -> None:
    document = load_gold()[0]
    doc = to_doc(document)
    kinds = {e.id: e.kind for e in document.entities}
    mention = document.mentions[0]
    assert (mention.start, mention.end, kinds[mention.entity], mention.entity, mention.id) in (
        _spans(doc)["mentions"]
    )
    quote = document.quotes[0]
    for key, segments in (("content", quote.content), ("cues", quote.cue)):
        labelled = {(s[0], s[1], s[2], s[4]) for s in _spans(doc)[key]}
        assert {(s.start, s.end, quote.type, quote.id) for s in segments} <= labelled
    assert len(doc.spans["content"]) == sum(len(q.content) for q in document.quotes)


def _document(text: str, spans: list[tuple[int, int]]) -> Document:
    mentions = tuple(
        Mention(id=f"m{i}", start=a, end=b, text=text[a:b], entity="e")
        for i, (a, b) in enumerate(spans)
    )
    content = (Span(start=spans[0][0], end=spans[0][1], text=text[slice(*spans[0])]),)
    return Document(
        id="d",
        text=text,
        entities=(Entity(id="e", name="Putin", kind="person"),),
        mentions=mentions,
        quotes=(Quote(id="q", type="direct", content=content, speaker="e"),),
    )


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("Putin's comments", [(0, 5), (5, 16)]),  # a clitic the tokenizer keeps attached
        ("Kyivhas spoken", [(0, 4), (4, 7)]),  # a boundary inside a word
        ("He said no", [(2, 7), (3, 10)]),  # starting on a space, ending mid-word
        ("He said\n\n  no", [(7, 10), (9, 13)]),  # boundaries inside whitespace tokens
    ],
)
def test_spans_off_token_boundaries_keep_their_offsets(text: str, spans: list) -> None:
    document = _document(text, spans)
    doc = to_doc(document)
    assert doc.text == text
    assert _spans(doc) == _expected(document)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_every_span_keeps_its_exact_offsets(document: Document) -> None:
    doc = to_doc(document)
    assert doc.text == document.text
    assert _spans(doc) == _expected(document)
    assert all(
        s.text == document.text[s.start_char : s.end_char] for k in SPAN_KEYS for s in doc.spans[k]
    )


def test_an_unwritable_path_is_unusable(tmp_path: Path) -> None:
    with pytest.raises(UnusableInput, match="cannot write"):
        write_docbin(load_gold(), tmp_path / "missing" / "gold.spacy")
