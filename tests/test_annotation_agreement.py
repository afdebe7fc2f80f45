"""Agreement between annotator versions, on documents built here (and PolNeAR where present)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from quotebench.annotation.agreement import agreement, match_quotes, token_labels
from quotebench.corpus import Annotation, Document, UnusableInput, load_gold

from .annotation_strategies import documents

GOLD = load_gold()[0]


def _as(document: Document, annotator: str, **changes: object) -> Document:
    return document.model_copy(update={"annotation": Annotation(annotator=annotator), **changes})


@settings(max_examples=30, deadline=None)
@given(documents())
def test_identical_versions_agree_perfectly(document: Document) -> None:
    report = agreement([_as(document, "a"), _as(document, "b")])
    (pair,) = report["pairs"]
    assert pair["strict_f1"] == pair["overlap_f1"] == pair["speaker"] == 1.0
    assert report["disagreements"] == []


def test_a_missing_quote_is_listed_and_lowers_f1() -> None:
    report = agreement([_as(GOLD, "a"), _as(GOLD, "b", quotes=GOLD.quotes[1:], stances=())])
    (pair,) = report["pairs"]
    n = len(GOLD.quotes)
    assert pair["strict_f1"] == pytest.approx(2 * (n - 1) / (2 * n - 1))
    assert [(d["annotator"], d["quote"]) for d in report["disagreements"]] == [("a", "q1")]
    assert report["token_alpha"]["value"] < 1.0
    assert report["token_kappa"]["value"] < 1.0
    assert report["stance_alpha"]["value"] is None and report["stance_alpha"]["reason"]


def test_the_report_does_not_depend_on_input_order() -> None:
    versions = [_as(GOLD, "a"), _as(GOLD, "b", quotes=GOLD.quotes[2:], stances=())]
    assert agreement(versions) == agreement(versions[::-1])


def test_overlap_matching_accepts_shifted_boundaries() -> None:
    quote = GOLD.quotes[0]
    span = quote.content[0].model_copy(update={"end": quote.content[0].end - 3})
    span = span.model_copy(update={"text": GOLD.text[span.start : span.end]})
    shifted = quote.model_copy(update={"content": (span,)})
    other = _as(GOLD, "b", quotes=(shifted,), stances=())
    assert match_quotes(_as(GOLD, "a", quotes=(quote,)), other, "strict") == []
    assert len(match_quotes(_as(GOLD, "a", quotes=(quote,)), other, "overlap")) == 1


def test_token_labels_prefer_the_source_over_the_content() -> None:
    labels = token_labels(GOLD)
    assert labels[:4] == ["source"] * 4  # "Russian President Vladimir Putin"
    assert set(labels) == {"none", "content", "cue", "source"}


def test_one_annotator_is_unusable() -> None:
    with pytest.raises(UnusableInput, match="two or more annotators"):
        agreement([_as(GOLD, "a")])
