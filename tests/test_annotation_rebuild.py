"""Rebuilding model parts from regions: required values, defaults for what annotators omit."""

from __future__ import annotations

import pytest

from quotebench.annotation.convert import document_result
from quotebench.annotation.rebuild import rebuild
from quotebench.annotation.regions import ResultError, parse_result
from quotebench.corpus import load_gold

from .annotation_strategies import TARGETS

GOLD = load_gold()[0]


def _parts(result: list) -> dict:
    return rebuild(parse_result(GOLD.text, result, TARGETS))


def _drop(control: str, region: str) -> list:
    return [
        i for i in document_result(GOLD) if (i.get("id"), i.get("from_name")) != (region, control)
    ]


@pytest.mark.parametrize(
    ("control", "region"),
    [("type", "quote_q1"), ("entity", "mention_m1"), ("reason", "nonquote_0")],
)
def test_a_missing_required_value_names_the_region(control: str, region: str) -> None:
    with pytest.raises(ResultError, match=control) as caught:
        _parts(_drop(control, region))
    assert caught.value.region == region


def test_without_stance_lines_ids_are_fresh_and_holders_are_speakers() -> None:
    result = [i for i in document_result(GOLD) if i.get("from_name") != "stances"]
    stances = _parts(result)["stances"]
    assert len({s["id"] for s in stances}) == len(GOLD.stances)
    speakers = {q.id: q.speaker for q in GOLD.quotes}
    assert all(s["holder"] == speakers[s["quote"]] for s in stances if s["quote"])


def test_without_entity_lines_entities_come_from_mentions() -> None:
    result = [i for i in document_result(GOLD) if i.get("from_name") != "entities"]
    entities = {e["id"]: e for e in _parts(result)["entities"]}
    assert set(entities) == {m.entity for m in GOLD.mentions}
    assert entities["e1"]["wikidata"] == "Q7747"
