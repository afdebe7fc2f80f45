"""``dependency.v2`` under each convention, on the hand-written examples of
``annotation/CONVENTIONS.md``, and its speakers as a reader resolves them."""

from __future__ import annotations

from functools import cache

import pytest

from quotebench.baselines.dependency.precision import PRECISION
from quotebench.corpus import Document, Quote, check_document
from quotebench.corpus.conventions import conventions
from quotebench.registry import extractors

SPEECH_ONLY = ("quotebench.v1", "ggt.v1")
ALL = ("quotebench.v1", "polnear.v1", "ggt.v1")


@cache
def _extractor(convention: str):
    return extractors.create("dependency.v2", convention=convention)


def _predict(text: str, convention: str) -> Document:
    doc = next(_extractor(convention).extract([Document(id="t", text=text)]))
    assert check_document(doc, []) == []
    assert (doc.annotation.extractor, doc.annotation.convention) == ("dependency.v2", convention)
    return doc


def _contents(doc: Document) -> list[list[str]]:
    return [[span.text for span in q.content] for q in doc.quotes]


def _speaker(doc: Document, quote: Quote) -> str | None:
    return {e.id: e.name for e in doc.entities}.get(quote.speaker)


def test_every_registered_convention_is_honoured() -> None:
    assert set(ALL) <= set(conventions.names())
    assert set(PRECISION) == set(ALL)


ACTS = "The baker said the oven had failed, and she believes it can be fixed."


@pytest.mark.parametrize("convention", SPEECH_ONLY)
def test_c_acts_speech_only_leaves_beliefs_out(convention: str) -> None:
    assert _contents(_predict(ACTS, convention)) == [["the oven had failed"]]


def test_c_acts_attribution_counts_beliefs() -> None:
    doc = _predict(ACTS, "polnear.v1")
    assert sorted(_contents(doc)) == [["it can be fixed"], ["the oven had failed"]]
    belief = next(q for q in doc.quotes if q.content[0].text == "it can be fixed")
    assert [c.text for c in belief.cue] == ["believes"]


CONT = '"The roof leaks," the tenant said. "Nobody has come to fix it."'


@pytest.mark.parametrize(
    ("convention", "segments"),
    [
        ("quotebench.v1", [["The roof leaks", "Nobody has come to fix it."]]),
        ("polnear.v1", [['"The roof leaks,"', '"Nobody has come to fix it."']]),
    ],
)
def test_c_cont_segment_joins_the_continuation(convention: str, segments: list) -> None:
    assert _contents(_predict(CONT, convention)) == segments


def test_c_cont_quote_makes_the_continuation_a_quote_with_the_same_speaker() -> None:
    doc = _predict(CONT, "ggt.v1")
    assert _contents(doc) == [['"The roof leaks,"'], ['"Nobody has come to fix it."']]
    first, second = doc.quotes
    assert [c.text for c in first.cue] == ["said"] and first.source is not None
    assert second.cue == () and second.source is None
    assert second.speaker == first.speaker is not None


@pytest.mark.parametrize("convention", ALL)
def test_a_reporting_clause_inside_one_sentence_makes_one_quote(convention: str) -> None:
    doc = _predict('"The roof leaks," the tenant said, "and nobody comes."', convention)
    assert len(doc.quotes) == 1 and len(doc.quotes[0].content) == 2
    assert [c.text for c in doc.quotes[0].cue] == ["said"]


@pytest.mark.parametrize(
    ("convention", "content"),
    [("quotebench.v1", "We open at nine"), ("polnear.v1", '"We open at nine,"'),
     ("ggt.v1", '"We open at nine,"')],
)  # fmt: skip
def test_c_marks(convention: str, content: str) -> None:
    assert _contents(_predict('"We open at nine," the clerk said.', convention)) == [[content]]


NEST = "The coach said the players told him they were tired."


@pytest.mark.parametrize("convention", ["quotebench.v1", "polnear.v1"])
def test_c_nest_annotated(convention: str) -> None:
    doc = _predict(NEST, convention)
    outer = next(q for q in doc.quotes if q.parent is None)
    inner = next(q for q in doc.quotes if q.parent == outer.id)
    assert outer.content[0].text == "the players told him they were tired"
    assert inner.content[0].text == "they were tired"


def test_c_nest_not_annotated_keeps_the_outermost_quote() -> None:
    assert _contents(_predict(NEST, "ggt.v1")) == [["the players told him they were tired"]]


@pytest.mark.parametrize("convention", ALL)
def test_an_organisation_named_with_an_ampersand_is_one(convention: str) -> None:
    doc = _predict("Crane & Loft said the merger would close in May.", convention)
    speaker = {e.id: e for e in doc.entities}[doc.quotes[0].speaker]
    assert (speaker.name, speaker.kind, speaker.members) == ("Crane & Loft", "organization", ())
    assert [e.name for e in doc.entities] == ["Crane & Loft"]


@pytest.mark.parametrize("convention", ALL)
def test_a_group_lists_each_member_once(convention: str) -> None:
    doc = _predict(
        "Anna Berg and Tom Li said the vote was rigged. Anna Berg and Tom Li said they would "
        "appeal.",
        convention,
    )
    entities = {e.id: e for e in doc.entities}
    groups = {q.speaker for q in doc.quotes}
    assert len(doc.quotes) == 2 and len(groups) == 1
    members = entities[groups.pop()].members
    assert sorted(entities[m].name for m in members) == ["Anna Berg", "Tom Li"]


@pytest.mark.parametrize("convention", ALL)
def test_she_is_the_person_named_earlier(convention: str) -> None:
    doc = _predict('Maria Lopez runs the shelter. "We are full every night," she said.', convention)
    source = {m.id: m.text for m in doc.mentions}[doc.quotes[0].source]
    assert (source, _speaker(doc, doc.quotes[0])) == ("she", "Maria Lopez")


PRONOUN = 'The minister arrived late. "We are ready for talks," he said.'


def test_an_unresolved_pronoun_is_its_own_speaker_under_polnear() -> None:
    doc = _predict(PRONOUN, "polnear.v1")
    assert _speaker(doc, doc.quotes[0]) == "he"


@pytest.mark.parametrize("convention", SPEECH_ONLY)
def test_an_unresolved_pronoun_is_no_speaker_under_a_coreference_convention(
    convention: str,
) -> None:
    assert _predict(PRONOUN, convention).quotes[0].speaker is None


@pytest.mark.parametrize("convention", ALL)
def test_a_score_is_its_rules_measured_precision(convention: str) -> None:
    doc = _predict(
        '"We will reopen the pool in June," the mayor said. Officials said that the budget '
        "was approved on Monday.",
        convention,
    )
    table = PRECISION[convention]
    assert sorted(q.score for q in doc.quotes) == sorted(
        [table["speech/direct"], table["speech/indirect"]]
    )


@pytest.mark.parametrize(
    ("convention", "types"),
    [("polnear.v1", ["indirect", "indirect"]), ("quotebench.v1", [])],
)
def test_a_transcripts_speaker_lines_are_typed_by_their_marks(
    convention: str, types: list[str]
) -> None:
    """PolNeAR annotates a transcript's lines; without quotation marks they are indirect."""
    doc = _predict(
        "WALLACE: Good evening from the university, where the candidates will meet tonight.\n"
        "TRUMP: Thank you very much, it is a great honour to be here tonight.",
        convention,
    )
    assert [q.type for q in doc.quotes] == types
    assert [_speaker(doc, q) for q in doc.quotes] == ["WALLACE", "TRUMP"][: len(types)]
