"""Resampling units (documents, or the quotes of a lone document) and the per-unit tally."""

from __future__ import annotations

import numpy as np
import pytest

from quotebench.corpus import Document, Quote, Span, load_gold
from quotebench.eval.units import Tally, plan_units


def _quote(text: str, quote_id: str, start: int, end: int) -> Quote:
    return Quote(
        id=quote_id, type="direct", content=(Span(start=start, end=end, text=text[start:end]),)
    )


def test_documents_are_units_when_there_are_several() -> None:
    text = "a b c d"
    units = plan_units([Document(id="x", text=text), Document(id="y", text=text)])
    assert units.kind == "document" and units.ids == ("x", "y")
    assert units.documents[1].gold_quote(0) == 1 and units.documents[1].position(3) == 1


def test_quotes_are_units_of_a_lone_document() -> None:
    gold = load_gold()[:1]
    units = plan_units(gold)
    assert units.kind == "quote" and len(units.ids) == len(gold[0].quotes)
    assert sorted(units.documents[0].quote_units) == list(range(len(gold[0].quotes)))


@pytest.mark.parametrize(
    ("offset", "unit_of_quote"), [(0, "q1"), (6, "q1"), (9, "q1"), (11, "q2"), (30, "q2")]
)
def test_position_goes_to_the_nearest_gold_quote(offset: int, unit_of_quote: str) -> None:
    text = "0123456789" * 3
    document = Document(
        id="d", text=text, quotes=(_quote(text, "q2", 14, 20), _quote(text, "q1", 2, 8))
    )
    units = plan_units([document])
    index = {i.split("#")[1]: k for k, i in enumerate(units.ids)}
    assert units.documents[0].position(offset) == index[unit_of_quote]


def test_a_lone_document_without_quotes_is_one_unit() -> None:
    units = plan_units([Document(id="d", text="nothing quoted")])
    assert units.kind == "document" and units.ids == ("d",)


def test_tally_adds_per_column_and_unit() -> None:
    tally = Tally(2)
    tally.add("a", 0, tp=1)
    tally.add("a", 0, fp=2)
    tally.add_units("b", tp=[1, 1], fn=[0])
    matrix = tally.matrix(["a", "b"])
    assert matrix[0].tolist() == [[1, 2, 0], [0, 0, 1]]
    assert matrix[1].tolist() == [[0, 0, 0], [2, 0, 0]]
    with pytest.raises(KeyError):
        tally.matrix(["a"])


def test_tally_blocks_add_to_item_counts() -> None:
    tally = Tally(3)
    tally.add("a", 2, tp=1)
    tally.add_block("a", 1, np.array([[1, 0, 0], [0, 1, 0]]))
    tally.add_block("a", 0, np.array([[0, 0, 4]]))
    assert tally.matrix(["a"])[:, 0].tolist() == [[0, 0, 4], [1, 0, 0], [1, 1, 0]]
