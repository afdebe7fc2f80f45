"""Scoring under the gold's convention: refused, projected or warned, never silent."""

from __future__ import annotations

import pytest

from quotebench.corpus import Collection, Document, InvalidData, Quote, Span, UnusableInput
from quotebench.corpus.conventions import get_convention
from quotebench.corpus.projection import project
from quotebench.eval import Conventions, evaluate
from quotebench.eval.projection import reconcile

QB, POLNEAR = (get_convention(n) for n in ("quotebench.v1", "polnear.v1"))
CLERK = '"We open at nine," the clerk said.'


def _span(text: str, part: str, after: int = 0) -> Span:
    start = text.index(part, after)
    return Span(start=start, end=start + len(part), text=part)


def _collections(gold_convention: str | None, pred_convention: str | None):
    quote = Quote(id="q", type="direct", content=(_span(CLERK, "We open at nine"),))
    gold = Document(id="d", text=CLERK, quotes=(quote,)).with_convention(gold_convention)
    return Collection.of("gold", [gold]), Collection.of("pred", [gold.with_convention(
        pred_convention)])  # fmt: skip


@pytest.mark.parametrize(
    ("gold", "pred", "settings", "projection", "warning"),
    [
        ("quotebench.v1", "quotebench.v1", {}, None, None),
        ("quotebench.v1", None, {}, None, "the predictions name no convention"),
        (None, "ggt.v1", {}, None, "the gold name no convention"),
        ("quotebench.v1", "polnear.v1", {"allow_mismatch": True}, None, "scored as they are"),
        ("polnear.v1", "quotebench.v1", {"project_predictions": True},
         {"from": "quotebench.v1", "to": "polnear.v1", "steps": ["marks_in_content"]}, None),
        (None, None, {"gold_convention": "ggt.v1", "pred_convention": "ggt.v1"}, None, None),
    ],
    ids=["same", "unnamed predictions", "unnamed gold", "mismatch allowed", "projected",
         "given"],
)  # fmt: skip
def test_reconcile_never_scores_a_mismatch_silently(gold, pred, settings, projection, warning):
    gold_c, pred_c = _collections(gold, pred)
    _, block = reconcile(gold_c, pred_c, **settings)
    assert block["projection"] == projection
    assert (block["warning"] is None) == (warning is None)
    assert warning is None or warning in block["warning"]


def test_a_mismatch_is_refused_by_default_with_what_to_do() -> None:
    gold_c, pred_c = _collections("polnear.v1", "quotebench.v1")
    with pytest.raises(UnusableInput, match=r"--project .* --allow-convention-mismatch"):
        reconcile(gold_c, pred_c)
    with pytest.raises(UnusableInput, match=r"cannot project polnear\.v1 onto quotebench\.v1"):
        reconcile(*reversed(_collections("polnear.v1", "quotebench.v1")),
                  project_predictions=True)  # fmt: skip


def test_a_collection_naming_two_conventions_or_contradicting_the_given_one_is_refused():
    gold_c, _ = _collections("quotebench.v1", None)
    mixed = Collection.of("pred", [gold_c.documents[0], gold_c.documents[0].with_convention(
        "ggt.v1").model_copy(update={"id": "e"})])  # fmt: skip
    with pytest.raises(InvalidData, match="mixes conventions"):
        reconcile(gold_c, mixed)
    with pytest.raises(InvalidData, match=r"not the given gold convention ggt\.v1"):
        reconcile(gold_c, gold_c, gold_convention="ggt.v1")


def test_projection_makes_exact_matching_fair() -> None:
    gold_c, pred_c = _collections("polnear.v1", "quotebench.v1")
    polnear_gold = project(gold_c.documents, QB, POLNEAR)[0]
    mismatched, projected = (
        evaluate(polnear_gold, pred_c.documents, conventions=c, resamples=10)
        for c in (Conventions(allow_mismatch=True), Conventions(project_predictions=True))
    )
    assert mismatched.metrics["quote.exact"]["all"]["f1"] == 0.0
    assert projected.metrics["quote.exact"]["all"]["f1"] == 1.0
    assert projected.data["conventions"]["projection"]["steps"] == ["marks_in_content"]
