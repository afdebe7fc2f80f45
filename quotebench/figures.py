"""The figures of a leaderboard, each with its protocol: overlap F1s and speaker accuracy
from a results.json, and the GenderGapTracker protocol's restriction to quote-mark quotes."""

from __future__ import annotations

from typing import Any

import numpy as np

from quotebench.corpus import Document, Quote
from quotebench.corpus.projection import keep_quotes

__all__ = ["PROTOCOL", "quote_mark_only", "summary_row"]

PROTOCOL = {
    "overlap@0.3 F1": "a gold quote is found when one predicted quote covers at least 30% of"
    " its content characters (GenderGapTracker: more than 30%), one prediction per gold quote",
    "overlap@0.8 F1": "the same, covering at least 80%",
    "speaker accuracy": "speaker_entity recall: among the gold quotes with a speaker matched at"
    " overlap@0.3, those whose predicted speaker has a mention overlapping one of the gold"
    " speaker's",
    "quote-mark quotes": "gold and predicted quotes restricted to those whose content starts"
    " with, or right after, an opening quotation mark",
    "intervals": "95% percentile bootstrap over documents (over quotes for a one-document corpus)",
}
OPENING_MARKS = "\"'\u201c\u2018\u201e\u00ab"  # " ' and curly, low-9 and guillemet openers


def _starts_with_mark(text: str, quote: Quote) -> bool:
    """Whether the content's first segment starts with, or right after, an opening mark
    (extractors differ on whether the marks belong to the content)."""
    start = min(s.start for s in quote.content)
    return any(c in OPENING_MARKS for c in text[max(0, start - 1) : start + 1])


def quote_mark_only(document: Document) -> Document:
    """The document with only the quotes whose content starts with a quotation mark."""
    kept = [q for q in document.quotes if _starts_with_mark(document.text, q)]
    return keep_quotes(document, kept).model_copy(update={"stances": ()})


def _score(value: Any) -> float | None:
    return None if value is None else round(float(value), 4)


def _recall_interval(data: dict[str, Any], column: str) -> list[float] | None:
    """Percentile bootstrap interval of a column's recall over the harness's units."""
    units = data["units"]
    if column not in units["columns"] or not units["rows"]:
        return None
    k = units["columns"].index(column)
    counts = np.asarray(units["rows"], dtype=float).reshape(len(units["rows"]), -1, 3)[:, k]
    bootstrap = data["settings"]["bootstrap"]
    rng = np.random.default_rng(bootstrap["seed"])
    draws = rng.integers(0, len(counts), size=(bootstrap["resamples"], len(counts)))
    tp, fn = counts[draws, 0].sum(axis=1), counts[draws, 2].sum(axis=1)
    defined = tp + fn > 0
    if not defined.any():
        return None
    low, high = np.percentile(tp[defined] / (tp + fn)[defined], [2.5, 97.5])
    return [round(float(low), 4), round(float(high), 4)]


def summary_row(data: dict[str, Any]) -> dict[str, Any]:
    """Leaderboard figures of one results.json: overlap F1s, speaker accuracy, per type.

    Speaker accuracy is the ``speaker_entity`` recall: correct speakers among the gold quotes
    (with a speaker) matched at overlap@0.3.
    """
    metrics = data["metrics"]
    row: dict[str, Any] = {}
    for slice_name in ("all", "direct", "indirect", "mixed"):
        for mode in ("overlap@0.3", "overlap@0.8"):
            scores = metrics[f"quote.{mode}"][slice_name]
            row[f"{mode}/{slice_name}"] = {
                "f1": _score(scores["f1"]),
                "ci95": scores["f1_ci95"],
                "gold": scores["tp"] + scores["fn"],
            }
        speaker = (metrics.get("speaker_entity") or {}).get(slice_name)
        row[f"speaker_accuracy/{slice_name}"] = {
            "accuracy": None if speaker is None else _score(speaker["recall"]),
            "ci95": None
            if speaker is None
            else _recall_interval(data, f"speaker_entity/{slice_name}"),
        }
    return row
