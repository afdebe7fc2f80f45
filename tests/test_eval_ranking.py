"""Ranking scored quotes: average precision and its curve, against scikit-learn's."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from sklearn.metrics import average_precision_score

from quotebench.corpus import Document, Quote, Span
from quotebench.eval import evaluate
from quotebench.eval.ranking import ranked_quotes, ranking

TEXT = "abcdefghij" * 10


def _quote(k: int, start: int, score: float | None = None) -> Quote:
    span = Span(start=start, end=start + 5, text=TEXT[start : start + 5])
    return Quote(id=f"q{k}", type="indirect", score=score, content=(span,))


def _ranking(gold: list[Quote], pred: list[Quote]) -> dict:
    golds = [Document(id="d", text=TEXT, quotes=tuple(gold))]
    return ranking(*ranked_quotes(golds, [Document(id="d", text=TEXT, quotes=tuple(pred))]),
                   len(gold))  # fmt: skip


SCORES = st.sampled_from([0.2, 0.5, 0.7, 0.9])


@given(st.lists(st.tuples(st.booleans(), SCORES), min_size=1, max_size=8), st.integers(0, 3))
def test_average_precision_is_scikit_learns_scaled_by_the_recall_reached(picks, missed) -> None:
    # gold quotes at 0, 10, 20, ...; a right prediction sits on its gold, a wrong one elsewhere
    gold = [_quote(k, 10 * k) for k in range(len(picks) + missed)]
    pred = [_quote(k, 10 * k if right else 10 * k + 5, score)
            for k, (right, score) in enumerate(picks)]  # fmt: skip
    block = _ranking(gold, pred)
    hits = [right for right, _ in picks]
    if not any(hits):
        assert block["average_precision"] == 0.0
        return
    expected = average_precision_score(hits, [s for _, s in picks]) * sum(hits) / len(gold)
    assert abs(block["average_precision"] - expected) < 1e-6
    assert block["curve"][-1][2] == round(sum(hits) / len(gold), 6)


def test_without_scores_there_is_no_ranking_and_the_reason_says_why() -> None:
    gold = Document(id="d", text=TEXT, quotes=(_quote(0, 0),))
    block = evaluate([gold], [gold], resamples=5).data["ranking"]
    assert block["average_precision"] is None and "score" in block["reason"]


def test_a_perfect_ranking_has_precision_one_until_the_last_right_quote() -> None:
    gold = [_quote(k, 10 * k) for k in range(3)]
    pred = [_quote(0, 0, 0.9), _quote(1, 10, 0.8), _quote(2, 25, 0.1)]
    block = _ranking(gold, pred)
    assert [row[1] for row in block["curve"]] == [1.0, 1.0, round(2 / 3, 6)]
    assert block["average_precision"] == round(2 / 3, 6)
