"""Quotation-mark pairing and ``quotemarks.v1`` (real spaCy)."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from quotebench.baselines.common.marks import DOUBLE_MARKS, SINGLE_MARKS, find_quoted
from quotebench.corpus import Document, check_document, load_gold
from quotebench.registry import extractors

PAIRING = [
    # (case, text, inner texts of the quoted stretches, in order)
    ("straight", 'He said "we will win" today.', ["we will win"]),
    ("curly", "He said \u201cwe will win\u201d today.", ["we will win"]),
    ("apostrophes", "\"It's the voters' choice,\" he said.", ["It's the voters' choice,"]),
    (
        "nested straight single",
        "\"They told us: 'go home now', then left,\" she said.",
        ["They told us: 'go home now', then left,", "go home now"],
    ),
    (
        "nested curly single",
        "\u201cThey said \u2018no\u2019 to us,\u201d she said.",
        ["They said \u2018no\u2019 to us,", "no"],
    ),
    ("unclosed paragraph", '"First part.\n"Second part," he said.', ["First part.|Second part,"]),
    ("odd mark runs to paragraph end", 'He said "we will win.\nNext line.', ["we will win."]),
    ("stray closing mark", 'A 12" record, "so good," he said.', ["so good,"]),
    ("no marks", "Nothing quoted here.", []),
]


@pytest.mark.parametrize(
    ("text", "expected"), [c[1:] for c in PAIRING], ids=[c[0] for c in PAIRING]
)
def test_pairing(text: str, expected: list[str]) -> None:
    found = ["|".join(text[a:b] for a, b in q.pieces) for q in find_quoted(text)]
    assert found == expected


def test_pieces_of_a_multi_paragraph_quote_are_per_paragraph() -> None:
    text = '"One.\n"Two," he said.'
    (quote,) = find_quoted(text)
    assert quote.closed and len(quote.pieces) == 2
    assert all("\n" not in text[a:b] for a, b in quote.pieces)


ALPHABET = st.sampled_from(list("ab ,.\n") + list(DOUBLE_MARKS) + list(SINGLE_MARKS))


@given(st.lists(ALPHABET, max_size=60).map("".join))
@example('"a\n""')  # a continued quote whose next paragraph is a lone pair of marks
def test_pairing_never_fails_and_stays_inside_the_text(text: str) -> None:
    for quote in find_quoted(text):
        for start, end in quote.pieces:
            assert 0 <= start < end <= len(text)
            assert text[start:end].strip()
        assert 0 <= quote.outer[0] <= quote.outer[1] <= len(text)


def _predict(text: str) -> Document:
    return next(extractors.create("quotemarks.v1").extract([Document(id="t", text=text)]))


def test_direct_quote_with_cue_and_speaker() -> None:
    doc = _predict('Vladimir Putin spoke.\n"We are ready for talks," he said.')
    (quote,) = doc.quotes
    assert [s.text for s in quote.content] == ["We are ready for talks"]
    assert [s.text for s in quote.cue] == ["said"]
    assert {e.id: e.name for e in doc.entities}[quote.speaker] == "Vladimir Putin"


def test_short_quoted_phrases_are_skipped() -> None:
    assert _predict('They lead a "coalition" in Europe.').quotes == ()


def test_seed_direct_quotes_are_found_and_valid() -> None:
    gold = load_gold()[0]
    doc = _predict(gold.text)
    assert check_document(doc, []) == []
    gold_direct = {q.content[0].start for q in gold.quotes if q.type == "direct"}
    found = {q.content[0].start for q in doc.quotes}
    assert len(gold_direct & found) >= 0.7 * len(gold_direct)
