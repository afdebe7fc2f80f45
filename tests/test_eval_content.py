"""Bulk content scoring against the per-document definition: ``matching.match`` on each
document and slice alone, whitespace tokens found by a regex, errors from the anchor."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from quotebench.corpus import QUOTE_TYPES, Document, Quote, Span
from quotebench.eval.columns import ANCHOR_MODE, SLICES, Tasks, columns
from quotebench.eval.content import score_content
from quotebench.eval.matching import QUOTE_MODES, match, parse_mode
from quotebench.eval.notes import Notes
from quotebench.eval.spans import intervals
from quotebench.eval.units import DocumentUnits, Tally, plan_units

TEXT = "Ana said we stay here and added that talks would go on. Bo  denied it all."
TOKENS = [m.span() for m in re.finditer(r"\S+", TEXT)]

segments = st.lists(st.tuples(st.integers(0, 66), st.integers(1, 14)), min_size=1, max_size=3)
quote_lists = st.lists(st.tuples(segments, st.sampled_from(QUOTE_TYPES)), max_size=7)
collections = st.lists(st.tuples(quote_lists, quote_lists), min_size=1, max_size=6)


def _document(k: int, quotes) -> Document:
    made = []
    for i, (parts, kind) in enumerate(quotes):
        spans = tuple(
            Span(start=a, end=min(a + n, len(TEXT)), text=TEXT[a : a + n]) for a, n in parts
        )
        made.append(Quote(id=f"q{i}", type=kind, content=spans))
    return Document(id=f"d{k}", text=TEXT, quotes=tuple(made))


def _tokens(quotes: list[Quote]) -> set[int]:
    touched = set()
    for quote in quotes:
        for start, end in intervals(quote.content):
            touched |= {t for t, (a, b) in enumerate(TOKENS) if a < end and start < b}
    return touched


def _expected(gold: Document, pred: Document, one: DocumentUnits) -> dict[str, list[list[int]]]:
    """Each column's counts per unit for one document, from the per-document definitions:
    ``matching.match`` per slice; an unmatched prediction counts in the unit its anchor match
    gives it, else ``one.position``; a token in ``one.position`` of its start."""
    size, base = (1, one.single) if one.single is not None else (len(one.quote_units), 0)
    out = {}
    for name in SLICES:
        g = [k for k, q in enumerate(gold.quotes) if name in ("all", q.type)]
        p = [q for q in pred.quotes if name in ("all", q.type)]
        g_spans = [intervals(gold.quotes[k].content) for k in g]
        p_spans = [intervals(q.content) for q in p]
        labels = [gold.quotes[k].type for k in g], [q.type for q in p]
        g_units = [u - base for u in one.gold_quotes(g)]
        p_units = [u - base for u in one.positions([s[0][0] for s in p_spans])]
        for i, j in match(g_spans, p_spans, parse_mode(ANCHOR_MODE), *labels):
            p_units[j] = g_units[i]
        for mode in QUOTE_MODES:
            rows = [[0, 0, 0] for _ in range(size)]
            pairs = match(g_spans, p_spans, parse_mode(mode), *labels)
            for i, _ in pairs:
                rows[g_units[i]][0] += 1
            for j in set(range(len(p))) - {j for _, j in pairs}:
                rows[p_units[j]][1] += 1
            for i in set(range(len(g))) - {i for i, _ in pairs}:
                rows[g_units[i]][2] += 1
            out[f"quote.{mode}/{name}"] = rows
        g_tokens, p_tokens = _tokens([gold.quotes[k] for k in g]), _tokens(p)
        rows = [[0, 0, 0] for _ in range(size)]
        for column, tokens in enumerate(
            (g_tokens & p_tokens, p_tokens - g_tokens, g_tokens - p_tokens)
        ):
            for t in tokens:
                rows[one.position(TOKENS[t][0]) - base][column] += 1
        out[f"quote.token/{name}"] = rows
    return out


def _anchor_errors(gold: Document, pred: Document) -> set[tuple[str, str, str]]:
    g_spans = [intervals(q.content) for q in gold.quotes]
    p_spans = [intervals(q.content) for q in pred.quotes]
    types = [q.type for q in gold.quotes], [q.type for q in pred.quotes]
    pairs = match(g_spans, p_spans, parse_mode(ANCHOR_MODE), *types)
    missed = set(range(len(g_spans))) - {i for i, _ in pairs}
    spurious = set(range(len(p_spans))) - {j for _, j in pairs}
    return {("missed", gold.id, gold.quotes[i].id) for i in missed} | {
        ("spurious", pred.id, pred.quotes[j].id) for j in spurious
    }


@settings(max_examples=200, deadline=None)
@given(documents=collections, chunk=st.integers(1, 4))
def test_bulk_counts_equal_the_per_document_definition(documents, chunk) -> None:
    golds = [_document(k, g) for k, (g, _) in enumerate(documents)]
    preds = [_document(k, p) for k, (_, p) in enumerate(documents)]
    units = plan_units(golds)
    tally, notes = Tally(len(units.ids)), Notes()
    score_content(golds, preds, units, tally, notes, chunk=chunk)
    names = columns(Tasks(frozenset()))
    matrix = tally.matrix(names)
    expected = [
        _expected(g, p, one) for g, p, one in zip(golds, preds, units.documents, strict=False)
    ]
    for k, name in enumerate(names):
        rows = [row for e in expected for row in e[name]]
        assert matrix[:, k].tolist() == rows, name
    errors = {(e.kind, e.document, e.detail.split(":")[0]) for e in notes.errors}
    assert errors == set().union(*(_anchor_errors(g, p) for g, p in zip(golds, preds, strict=True)))
    assert len(notes.errors) == len(errors)


def test_a_lone_document_credits_each_gold_quote_its_own_unit() -> None:
    gold = _document(0, [([(0, 3)], "direct"), ([(9, 12)], "indirect"), ([(56, 15)], "direct")])
    pred = _document(0, [([(9, 8)], "indirect"), ([(45, 3)], "direct")])
    units = plan_units([gold])
    tally, notes = Tally(len(units.ids)), Notes()
    score_content([gold], [pred], units, tally, notes)
    matrix = tally.matrix(columns(Tasks(frozenset())))
    anchor = QUOTE_MODES.index(ANCHOR_MODE) * len(SLICES)
    # units in canonical order: q0 (0-3), q1 (9-21), q2 (56-71); the unmatched prediction at
    # 45 is 11 characters from q2 and 25 from q1: its false positive goes to q2
    assert matrix[:, anchor].tolist() == [[0, 0, 1], [1, 0, 0], [0, 1, 1]]
