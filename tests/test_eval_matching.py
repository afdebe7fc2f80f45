"""Matching modes: hand-worked cases, order independence, and nervaluate as a reference."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotebench.eval.matching import (
    QUOTE_MODES,
    accepted_graphs,
    assign_optimally,
    match,
    overlap_table,
    parse_mode,
    resolve,
)

GOLD = ((10, 20),)


@pytest.mark.parametrize(
    ("gold", "pred", "labels", "matched"),
    [
        # mode -> whether the single gold is matched, for: strict, exact, overlap@0.3, overlap@0.8
        (GOLD, ((10, 20),), ("direct", "direct"), (1, 1, 1, 1)),
        (GOLD, ((10, 20),), ("direct", "mixed"), (0, 1, 1, 1)),
        (GOLD, ((11, 20),), ("direct", "direct"), (0, 0, 1, 1)),
        (GOLD, ((5, 25),), ("direct", "direct"), (0, 0, 1, 1)),
        (GOLD, ((10, 13),), ("direct", "direct"), (0, 0, 1, 0)),
        (GOLD, ((10, 12),), ("direct", "direct"), (0, 0, 0, 0)),
        (GOLD, ((12, 20),), ("direct", "direct"), (0, 0, 1, 1)),
        (GOLD, ((20, 30),), ("direct", "direct"), (0, 0, 0, 0)),
        # discontinuous gold: coverage counts the union of its segments' characters
        (((0, 5), (10, 15)), ((0, 5),), ("direct", "direct"), (0, 0, 1, 0)),
        (((0, 5), (10, 15)), ((0, 15),), ("direct", "direct"), (0, 0, 1, 1)),
        (((0, 5), (10, 15)), ((0, 5), (10, 15)), ("mixed", "mixed"), (1, 1, 1, 1)),
    ],
)
def test_one_gold_one_prediction(gold, pred, labels, matched) -> None:
    for mode, expected in zip(QUOTE_MODES, matched, strict=True):
        pairs = match([gold], [pred], parse_mode(mode), [labels[0]], [labels[1]])
        assert len(pairs) == expected, mode


def test_one_prediction_per_gold_and_optimal_assignment() -> None:
    # pred 0 covers both golds; a greedy first-come assignment would leave gold 1 unmatched.
    gold = [((0, 10),), ((10, 12),)]
    pred = [((5, 12),), ((0, 5),)]
    assert match(gold, pred, parse_mode("overlap@0.3")) == [(0, 1), (1, 0)]
    assert len(match(gold, [((0, 12),)], parse_mode("overlap@0.3"))) == 1


def test_nested_quotes_match_their_own_prediction() -> None:
    outer, inner = ((0, 40),), ((10, 20),)
    assert match([outer, inner], [inner, outer], parse_mode("overlap@0.3")) == [(0, 1), (1, 0)]
    assert match([outer, inner], [inner, outer], parse_mode("exact")) == [(0, 1), (1, 0)]


@pytest.mark.parametrize("name", ["loose", "overlap@", "overlap@0", "overlap@1.5", "overlap@x"])
def test_unknown_modes_are_refused(name: str) -> None:
    with pytest.raises(ValueError, match="matching mode"):
        parse_mode(name)


def test_overlap_table_lists_only_overlapping_pairs() -> None:
    assert overlap_table([((0, 10),), ((20, 30),)], [((5, 25),), ((40, 50),)]) == {
        (0, 0): 5,
        (1, 0): 5,
    }


interval_lists = st.lists(
    st.tuples(st.integers(0, 60), st.integers(1, 15)).map(lambda t: ((t[0], t[0] + t[1]),)),
    max_size=8,
    unique=True,
)


@settings(max_examples=150, deadline=None)
@given(gold=interval_lists, pred=interval_lists, seed=st.integers(0, 1000))
def test_matching_does_not_depend_on_input_order(gold, pred, seed) -> None:
    rng = random.Random(seed)
    g_perm, p_perm = list(range(len(gold))), list(range(len(pred)))
    rng.shuffle(g_perm)
    rng.shuffle(p_perm)
    for mode in QUOTE_MODES[1:]:
        pairs = match(gold, pred, parse_mode(mode))
        shuffled = match([gold[i] for i in g_perm], [pred[j] for j in p_perm], parse_mode(mode))
        back = sorted((gold[g_perm[i]], pred[p_perm[j]]) for i, j in shuffled)
        assert back == sorted((gold[i], pred[j]) for i, j in pairs)


@st.composite
def cells(draw: st.DrawFn):
    """Span sets where nervaluate's definitions agree with ours: the text is cut into cells of
    20 characters and each cell holds at most one gold and one predicted span."""
    gold, pred = [], []
    for cell in range(draw(st.integers(1, 12))):
        base = cell * 20
        for side in (gold, pred):
            if draw(st.booleans()):
                start = base + draw(st.integers(0, 18))
                end = draw(st.integers(start + 1, base + 20))
                side.append((start, end, draw(st.sampled_from(["direct", "indirect"]))))
    return gold, pred


def _nervaluate(gold, pred, percentage: float) -> dict:
    from nervaluate import Evaluator

    def entities(spans):
        return [[{"label": label, "start": a, "end": b - 1} for a, b, label in spans]]

    tags = ["direct", "indirect"]
    return Evaluator(
        entities(gold), entities(pred), tags=tags, loader="dict", min_overlap_percentage=percentage
    ).evaluate()["overall"]


@settings(max_examples=200, deadline=None)
@given(cells(), st.sampled_from(["0.3", "0.8", "0.5"]))
def test_counts_agree_with_nervaluate(spans, threshold: str) -> None:
    gold, pred = spans
    g_iv, p_iv = [((a, b),) for a, b, _ in gold], [((a, b),) for a, b, _ in pred]
    g_lab, p_lab = [lab for *_, lab in gold], [lab for *_, lab in pred]
    reference = _nervaluate(gold, pred, float(threshold) * 100)
    strict = match(g_iv, p_iv, parse_mode("strict"), g_lab, p_lab)
    exact = match(g_iv, p_iv, parse_mode("exact"))
    overlap = match(g_iv, p_iv, parse_mode(f"overlap@{threshold}"))
    assert reference["strict"].correct == len(strict)
    assert reference["exact"].correct == len(exact)
    assert reference["partial"].correct + reference["partial"].partial == len(overlap)
    assert reference["strict"].possible == len(gold) and reference["strict"].actual == len(pred)
    assert reference["exact"].precision == pytest.approx(len(exact) / len(pred) if pred else 0)


labelled_lists = st.lists(
    st.tuples(st.integers(0, 80), st.integers(1, 12), st.sampled_from(["direct", "mixed"])),
    max_size=8,
    unique_by=lambda t: t[:2],
)


@settings(max_examples=300, deadline=None)
@given(gold=labelled_lists, pred=labelled_lists)
def test_the_one_to_one_shortcut_gives_the_optimal_assignment(gold, pred) -> None:
    g_iv, p_iv = [((a, a + n),) for a, n, _ in gold], [((a, a + n),) for a, n, _ in pred]
    g_lab, p_lab = [lab for *_, lab in gold], [lab for *_, lab in pred]
    modes = [parse_mode(m) for m in QUOTE_MODES]
    for graph in accepted_graphs(g_iv, p_iv, modes, g_lab, p_lab):
        expected = assign_optimally(graph, g_iv, p_iv, g_lab, p_lab)
        assert resolve(graph, g_iv, p_iv, g_lab, p_lab) == expected
