"""Checking result lists: every fault names its region."""

from __future__ import annotations

import copy

import pytest

from quotebench.annotation.convert import document_result
from quotebench.annotation.regions import ResultError, parse_result
from quotebench.corpus import load_gold

from .annotation_strategies import TARGETS

GOLD = load_gold()[0]
RESULT = document_result(GOLD)


def _index(region: str, control: str) -> int:
    return next(
        i for i, item in enumerate(RESULT)
        if item.get("id") == region and item.get("from_name") == control
    )  # fmt: skip


def _without_key(result: list, index: int, key: str, _value: object) -> None:
    del result[index][key]


def _set_value(result: list, index: int, key: str, value: object) -> None:
    result[index]["value"][key] = value


def _duplicate(result: list, index: int, _key: str, _value: object) -> None:
    result.append({**result[index], "id": "copy"})


def _dangling(result: list, _index: int, _key: str, _value: object) -> None:
    result.append({"type": "relation", "from_id": "quote_q1", "to_id": "gone", "labels": ["cue"]})


SPAN, TYPE = _index("quote_q1", "span"), _index("quote_q1", "type")
CUE = _index("cue_33_39", "span")


@pytest.mark.parametrize(
    ("change", "index", "key", "value", "region", "message"),
    [
        (_without_key, SPAN, "value", None, "quote_q1", "lacks its 'value'"),
        (_without_key, SPAN, "from_name", None, None, "lacks its 'id' or 'from_name'"),
        (_set_value, TYPE, "choices", ["quoted"], "quote_q1", "unknown choice"),
        (_set_value, SPAN, "text", "other", "quote_q1", "differs from the text"),
        (_set_value, TYPE, "end", 140, "quote_q1", "disagree on the region's offsets"),
        (_set_value, SPAN, "labels", "QUOTE", "quote_q1", "must be a list of strings"),
        (_set_value, SPAN, "labels", ["SPEECH"], "quote_q1", "exactly one label"),
        (_duplicate, CUE, "", None, "copy", "identical to region 'cue_33_39'"),
        (_dangling, 0, "", None, "relation quote_q1->gone", "missing region 'gone'"),
    ],
)
def test_faults_name_the_region(change, index, key, value, region, message) -> None:
    result = copy.deepcopy(RESULT)
    change(result, index, key, value)
    with pytest.raises(ResultError) as caught:
        parse_result(GOLD.text, result, TARGETS)
    assert caught.value.region == region
    assert message in str(caught.value)


def test_an_offset_inside_a_surrogate_pair_is_refused() -> None:
    item = {"id": "r", "from_name": "span", "type": "labels",
            "value": {"start": 1, "end": 3, "text": "x", "labels": ["CUE"]}}  # fmt: skip
    with pytest.raises(ResultError, match="inside a character"):
        parse_result("😀 said", [item], TARGETS)


def test_a_valid_result_is_grouped_by_region() -> None:
    parsed = parse_result(GOLD.text, RESULT, TARGETS)
    assert len([r for r in parsed.regions.values() if r.label == "SPEAKER"]) == len(GOLD.mentions)
    assert {r.label for r in parsed.relations} == {"source", "cue", "parent"}
