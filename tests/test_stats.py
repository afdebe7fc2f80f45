"""Counts per document and per quote type."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from quotebench.corpus import Document, load_gold
from quotebench.corpus.stats import document_counts, total_counts
from tests.strategies import documents


@given(documents())
def test_counts_split_by_type_and_label_add_up(document: Document) -> None:
    counts = document_counts(document)
    assert counts["quotes"] == sum(counts[f"quotes.{t}"] for t in ("direct", "indirect", "mixed"))
    assert counts["stances"] == sum(
        counts[f"stances.{label}"] for label in ("favor", "against", "neutral")
    )
    assert counts["mentions"] == len(document.mentions)
    assert counts["paragraphs"] == document.text.count("\n") + 1


@given(st.lists(documents(), max_size=4))
def test_totals_are_sums(docs: list[Document]) -> None:
    rows = [document_counts(d) for d in docs]
    total = total_counts(rows)
    for key in total:
        assert total[key] == sum(row[key] for row in rows)


def test_the_gold_has_quotes_of_every_type() -> None:
    counts = document_counts(next(d for d in load_gold() if d.id == "seed-000"))
    assert all(counts[f"quotes.{t}"] > 0 for t in ("direct", "indirect", "mixed"))
