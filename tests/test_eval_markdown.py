"""report.md: tables, what was not scored or skipped, and errors with their text."""

from __future__ import annotations

from quotebench.corpus import Document, load_gold
from quotebench.eval import evaluate
from quotebench.eval.markdown import ERROR_LIMIT, format_score, render_markdown
from quotebench.eval.synthetic import quotes_only, synthetic_gold, synthetic_predictions


def test_tables_and_errors() -> None:
    gold = load_gold()
    pred = synthetic_predictions(gold, seed=3)
    results = evaluate(gold, pred, resamples=20)
    text = render_markdown(results, ["f1.png"])
    assert "| quote.overlap@0.3 |" in text and "## Stance" in text and "![f1.png](f1.png)" in text
    missed = [e for e in results.errors if e.kind == "missed"]
    assert missed and f"### missed ({len(missed)})" in text
    assert " ".join(missed[0].text.split()) in text


def test_not_scored_and_no_errors() -> None:
    gold = load_gold()
    bare = quotes_only(gold)
    text = render_markdown(evaluate(gold, bare, resamples=10))
    assert "## Not scored" in text and "- cue: the predictions carry no cue" in text
    assert text.rstrip().endswith("None.")


def test_long_error_lists_are_cut() -> None:
    gold = synthetic_gold(30, 10, seed=1)
    empty = [Document(id=d.id, text=d.text) for d in gold]
    text = render_markdown(evaluate(gold, empty, resamples=10))
    assert f"... and {300 - ERROR_LIMIT} more" in text


def test_format_score() -> None:
    assert format_score(None) == "n/a"
    assert format_score(0.5, [0.25, 0.75]) == "0.500 [0.250, 0.750]"
