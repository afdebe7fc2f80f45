"""The harness: properties over random documents, the real gold, tasks left out, the oracle."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotebench.corpus import QUOTE_TYPES, Document, InvalidData, Span, load_gold
from quotebench.eval import evaluate
from quotebench.eval.synthetic import quotes_only, synthetic_predictions

from .strategies import documents

QUOTE_METRICS = ["quote.strict", "quote.exact", "quote.overlap@0.8", "quote.overlap@0.3"]
SLICES = ("all", *QUOTE_TYPES)
PROPERTY = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def collections(draw: st.DrawFn) -> list[Document]:
    return [draw(documents(doc_id=f"d{k}")) for k in range(draw(st.integers(1, 3)))]


def _score(gold, pred, **options) -> dict:
    return evaluate(gold, pred, resamples=50, **options).data


def _scores(data: dict):
    for metric, slices in data["metrics"].items():
        for name, entry in (slices or {}).items():
            if name != "confusion":
                yield metric, name, entry


def _shuffled(documents: list[Document], rng: random.Random) -> list[Document]:
    out = []
    for document in documents:
        quotes = [
            q.model_copy(update={"content": tuple(rng.sample(q.content, len(q.content)))})
            for q in document.quotes
        ]
        rng.shuffle(quotes)
        stances = list(document.stances)
        rng.shuffle(stances)
        out.append(document.model_copy(update={"quotes": tuple(quotes), "stances": tuple(stances)}))
    rng.shuffle(out)
    return out


@PROPERTY
@given(collections())
def test_gold_against_itself_scores_one_everywhere(gold) -> None:
    for metric, name, entry in _scores(_score(gold, gold)):
        for key in ("f1", "precision", "recall", "macro_f1", "f_avg"):
            assert entry.get(key) in (None, 1.0), (metric, name, key)


@PROPERTY
@given(collections(), st.integers(0, 10**6))
def test_results_do_not_depend_on_the_order_of_documents_quotes_or_spans(gold, seed) -> None:
    pred = synthetic_predictions(gold, seed=seed)
    rng = random.Random(seed)
    given, shuffled = _score(gold, pred), _score(_shuffled(gold, rng), _shuffled(pred, rng))
    assert _unhashed(given) == _unhashed(shuffled)
    lines = _score(rng.sample(gold, len(gold)), rng.sample(pred, len(pred)))
    assert lines["gold"] == given["gold"] and lines["predictions"] == given["predictions"]


def _unhashed(data: dict) -> dict:
    """``data`` without the collections' sha256: of their lines, whose quotes' order counts."""
    sides = {k: {**data[k], "sha256": None} for k in ("gold", "predictions")}
    return {**data, **sides}


@PROPERTY
@given(collections(), st.integers(0, 10**6))
def test_counts_are_consistent_and_modes_are_ordered(gold, seed) -> None:
    pred = synthetic_predictions(gold, seed=seed)
    metrics = _score(gold, pred)["metrics"]
    for s in SLICES:
        n_gold = sum(1 for d in gold for q in d.quotes if s in ("all", q.type))
        n_pred = sum(1 for d in pred for q in d.quotes if s in ("all", q.type))
        for metric in QUOTE_METRICS:
            entry = metrics[metric][s]
            assert (entry["tp"] + entry["fn"], entry["tp"] + entry["fp"]) == (n_gold, n_pred)
        hits = [metrics[m][s]["tp"] for m in QUOTE_METRICS]
        assert hits == sorted(hits)


@PROPERTY
@given(collections(), st.integers(0, 10**6))
def test_removing_a_predicted_quote_never_raises_recall(gold, seed) -> None:
    pred = synthetic_predictions(gold, seed=seed)
    with_quotes = [k for k, d in enumerate(pred) if d.quotes]
    if not with_quotes:
        return
    k = random.Random(seed).choice(with_quotes)
    fewer = list(pred)
    fewer[k] = pred[k].model_copy(update={"quotes": pred[k].quotes[1:]})
    before, after = _score(gold, pred)["metrics"], _score(gold, fewer)["metrics"]
    for metric in [*QUOTE_METRICS, "quote.token"]:
        for s in SLICES:
            assert (after[metric][s]["recall"] or 0) <= (before[metric][s]["recall"] or 0)


def _shift_one(document: Document) -> Document | None:
    spans = {tuple((s.start, s.end) for s in q.content) for q in document.quotes}
    for k, quote in enumerate(document.quotes):
        first = quote.content[0]
        moved = ((first.start + 1, first.end), *((s.start, s.end) for s in quote.content[1:]))
        if first.end - first.start >= 2 and moved not in spans:
            span = Span(
                start=first.start + 1,
                end=first.end,
                text=document.text[first.start + 1 : first.end],
            )
            shifted = quote.model_copy(update={"content": (span, *quote.content[1:])})
            quotes = (*document.quotes[:k], shifted, *document.quotes[k + 1 :])
            return document.model_copy(update={"quotes": quotes})
    return None


@PROPERTY
@given(documents(doc_id="d0"))
def test_a_one_character_shift_breaks_strict_and_exact_but_not_overlap(gold) -> None:
    pred = _shift_one(gold)
    if pred is None:
        return
    metrics = _score([gold], [pred])["metrics"]
    n = len(gold.quotes)
    for metric, hits in [("quote.strict", n - 1), ("quote.exact", n - 1), ("quote.overlap@0.3", n)]:
        assert metrics[metric]["all"]["tp"] == hits


def test_the_real_gold_against_itself_scores_one() -> None:
    gold = load_gold()
    data = evaluate(gold, gold, oracle=gold).data
    assert data["settings"]["bootstrap"]["unit"] == ("quote" if len(gold) == 1 else "document")
    assert data["tasks"]["oracle"]["scored"] and data["tasks"]["end-to-end"]["scored"]
    for metric, name, entry in _scores(data):
        assert entry.get("f1", entry.get("macro_f1")) in (None, 1.0), (metric, name)
    assert data["metrics"]["stance.oracle"]["all"]["majority_baseline"]["macro_f1"] < 1.0


def test_tasks_left_out_are_null_with_a_reason() -> None:
    gold = load_gold()
    bare = quotes_only(gold)
    data = evaluate(gold, bare, resamples=10).data
    for metric in (
        "cue.exact",
        "speaker_entity",
        "quote+speaker_name",
        "stance.end-to-end",
        "stance.oracle",
    ):
        assert data["metrics"][metric] is None
    assert data["tasks"]["speaker_entity"]["reason"] == "the predictions give no speaker entity"
    assert data["metrics"]["quote.exact"]["all"]["f1"] == 1.0


def test_oracle_stance_with_flipped_labels() -> None:
    gold = load_gold()
    flip = {"favor": "against", "against": "favor", "neutral": "neutral"}
    oracle = [
        d.model_copy(
            update={
                "stances": tuple(s.model_copy(update={"label": flip[s.label]}) for s in d.stances)
            }
        )
        for d in gold
    ]
    data = evaluate(gold, gold, oracle=oracle, resamples=10).data
    stance = data["metrics"]["stance.oracle"]["all"]
    assert stance["labels"]["favor"]["tp"] == 0 and stance["labels"]["neutral"]["f1"] in (None, 1.0)
    assert [
        "favor",
        "against",
        sum(s.label == "favor" for d in gold for s in d.stances if s.quote),
    ] in data["metrics"]["stance.oracle"]["confusion"]


def test_predictions_that_cannot_be_paired() -> None:
    gold = load_gold()
    stranger = Document(id="nobody", text="x")
    altered = gold[0].model_copy(update={"text": gold[0].text + " "})
    with pytest.raises(InvalidData) as caught:
        evaluate(gold, [stranger, altered])
    assert [(p.line, p.field) for p in caught.value.problems] == [(1, "id"), (2, "text")]
    data = evaluate(gold, [stranger, altered], lenient=True, resamples=10).data
    assert [p["document"] for p in data["skipped"]] == ["nobody", gold[0].id]
    assert data["metrics"]["quote.exact"]["all"]["recall"] == 0.0


def test_documents_an_extractor_could_not_process_are_listed() -> None:
    gold = load_gold()
    refused = Document(id=gold[0].id, text=gold[0].text).model_copy(
        update={"annotation": gold[0].annotation.model_copy(update={"failures": ("odd marks",)})}
    )
    listed = evaluate(gold, [refused], resamples=10).to_dict()["predictions"]
    assert listed["documents_with_failures"] == [gold[0].id]
    clean = evaluate(gold, gold, resamples=10).to_dict()["predictions"]
    assert clean["documents_with_failures"] == []
