"""Mapping annotations between conventions, rule by rule, on CONVENTIONS.md's examples."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quotebench.corpus import Document, Quote, Span
from quotebench.corpus.conventions import get_convention
from quotebench.corpus.projection import ProjectionUndefined, project

QB, POLNEAR, GGT = (get_convention(n) for n in ("quotebench.v1", "polnear.v1", "ggt.v1"))
# one rule changed at a time, from quotebench.v1 (acts: speech)
MARKS_IN = replace(QB, name="marks-in.v1", marks_in_content=True)
OWN_QUOTE = replace(QB, name="own-quote.v1", continuation="quote")
FLAT = replace(QB, name="flat.v1", nested=False)


def _span(text: str, part: str, after: int = 0) -> Span:
    start = text.index(part, after)
    return Span(start=start, end=start + len(part), text=part)


def _document(text: str, *quotes: Quote, convention: str = "quotebench.v1") -> Document:
    return Document(id="d", text=text, quotes=quotes).with_convention(convention)


def _contents(document: Document) -> list[list[str]]:
    return [[s.text for s in q.content] for q in document.quotes]


CLERK = '"We open at nine," the clerk said.'


def test_marks_are_added_or_stripped_with_the_comma_before_the_closing_one() -> None:
    outside = Quote(id="q", type="direct", content=(_span(CLERK, "We open at nine"),),
                    cue=(_span(CLERK, "said"),))  # fmt: skip
    (inside,), steps = project([_document(CLERK, outside)], QB, MARKS_IN)
    assert steps == ["marks_in_content"]
    assert _contents(inside) == [['"We open at nine,"']]
    (back,), _ = project([inside], MARKS_IN, QB)
    assert _contents(back) == [["We open at nine"]]


@given(
    inner=st.text(st.sampled_from("abc .?!'"), min_size=1, max_size=12).filter(
        lambda s: s.strip() == s and s
    ),
    comma=st.booleans(),
)
def test_marks_round_trip(inner: str, comma: bool) -> None:
    text = f'She said "{inner}{"," if comma else ""}" twice.'
    part = f'"{inner}{"," if comma else ""}"'
    quote = Quote(id="q", type="direct", content=(_span(text, part),))
    (outside,), _ = project([_document(text, quote)], MARKS_IN, QB)
    (inside,), _ = project([outside], QB, MARKS_IN)
    assert _contents(inside) == [[part]]


TENANT = '"The roof leaks," the tenant said. "Nobody has come to fix it."'
JOINED = Quote(
    id="q1", type="direct", speaker="e1",
    content=(_span(TENANT, '"The roof leaks,"'), _span(TENANT, '"Nobody has come to fix it."')),
    cue=(_span(TENANT, "said"),),
)  # fmt: skip


def test_a_continuation_after_the_reporting_sentence_becomes_a_quote_of_its_own() -> None:
    (split,), steps = project([_document(TENANT, JOINED)], QB, OWN_QUOTE)
    assert steps == ["continuation"]
    assert _contents(split) == [['"The roof leaks,"'], ['"Nobody has come to fix it."']]
    continuation = split.quotes[1]
    assert (continuation.speaker, continuation.cue, continuation.source) == ("e1", (), None)
    (joined,), _ = project([split], OWN_QUOTE, QB)
    assert _contents(joined) == _contents(_document(TENANT, JOINED))


def test_a_reporting_clause_inside_the_sentence_keeps_one_quote() -> None:
    text = '"The roof leaks," the tenant said, "and nobody comes."'
    quote = Quote(
        id="q",
        type="direct",
        speaker="e1",
        cue=(_span(text, "said"),),
        content=(_span(text, '"The roof leaks,"'), _span(text, '"and nobody comes."')),
    )
    (projected,), _ = project([_document(text, quote)], QB, OWN_QUOTE)
    assert len(projected.quotes) == 1 and len(projected.quotes[0].content) == 2


COACH = "The coach said the players told him they were tired."


def test_nested_quotes_are_dropped_for_a_convention_without_them() -> None:
    outer = Quote(id="q1", type="indirect", content=(_span(COACH, "the players told him they "
                  "were tired"),), cue=(_span(COACH, "said"),))  # fmt: skip
    inner = Quote(id="q2", type="indirect", content=(_span(COACH, "they were tired"),),
                  cue=(_span(COACH, "told"),), parent="q1")  # fmt: skip
    (projected,), steps = project([_document(COACH, outer, inner)], QB, FLAT)
    assert steps == ["nested"] and [q.id for q in projected.quotes] == ["q1"]
    assert projected.annotation.convention == "flat.v1"
    (unchanged,), _ = project([projected], FLAT, QB)  # nothing can be added back
    assert [q.id for q in unchanged.quotes] == ["q1"]


def test_ggt_predictions_project_onto_polnear_in_every_rule() -> None:
    (projected,), steps = project([_document(TENANT, *_split_tenant(), convention="ggt.v1")],
                                  GGT, POLNEAR)  # fmt: skip
    assert steps == ["continuation", "nested"]
    assert _contents(projected) == [['"The roof leaks,"', '"Nobody has come to fix it."']]


def _split_tenant() -> tuple[Quote, Quote]:
    return (
        Quote(id="q1", type="direct", speaker="e1", content=(_span(TENANT, '"The roof leaks,"'),),
              cue=(_span(TENANT, "said"),)),
        Quote(id="q2", type="direct", speaker="e1",
              content=(_span(TENANT, '"Nobody has come to fix it."'),)),
    )  # fmt: skip


def test_beliefs_cannot_be_projected_away() -> None:
    with pytest.raises(ProjectionUndefined, match="beliefs, intentions and perceptions"):
        project([], POLNEAR, QB)
    assert project([], QB, POLNEAR)[1] == ["marks_in_content"]
