"""How well scored predictions rank: average precision and the precision-recall curve.

When every predicted quote carries a ``score``, quotes are ranked by it (highest first);
each is right when the harness's one-to-one matching at overlap@0.3 pairs it with a gold
quote. Ties in score are one step of the curve. Average precision is the area under the
stepwise curve: the sum, over the steps, of the recall gained times the precision reached
(as ``sklearn.metrics.average_precision_score``). Without scores both are ``None`` with the
reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby

from quotebench.corpus import Document

from .columns import ANCHOR_MODE
from .matching import match, parse_mode
from .spans import intervals

__all__ = ["RANKING_MODE", "matched_predictions", "ranking"]

RANKING_MODE = ANCHOR_MODE
_MODE = parse_mode(RANKING_MODE)


def matched_predictions(gold: Document, pred: Document) -> set[int]:
    """The indices of ``pred``'s quotes that the one-to-one matching at ``RANKING_MODE``
    pairs with one of ``gold``'s."""
    pairs = match(
        [intervals(q.content) for q in gold.quotes],
        [intervals(q.content) for q in pred.quotes],
        _MODE,
    )
    return {j for _, j in pairs}


def _ranked(golds: Sequence[Document], preds: Sequence[Document]) -> list[tuple[float, bool]]:
    """``(score, right)`` for every predicted quote."""
    out = []
    for gold, pred in zip(golds, preds, strict=True):
        matched = matched_predictions(gold, pred)
        out += [(float(q.score or 0.0), j in matched) for j, q in enumerate(pred.quotes)]
    return out


def ranking(golds: Sequence[Document], preds: Sequence[Document]) -> dict[str, object]:
    """The ``ranking`` block of results.json: mode, average precision and the curve
    (``[score threshold, precision, recall]`` per distinct score), or ``None`` and why."""
    quotes = [q for p in preds for q in p.quotes]
    gold_total = sum(len(g.quotes) for g in golds)
    reason = (
        "no predicted quote" if not quotes
        else "not every predicted quote has a score" if any(q.score is None for q in quotes)
        else "no gold quote" if not gold_total
        else None
    )  # fmt: skip
    if reason is not None:
        return {"mode": RANKING_MODE, "average_precision": None, "curve": None, "reason": reason}
    ordered = sorted(_ranked(golds, preds), key=lambda item: -item[0])
    right = found = 0
    ap, recall_before, curve = 0.0, 0.0, []
    for score, group in groupby(ordered, key=lambda item: item[0]):
        hits = [hit for _, hit in group]
        found, right = found + len(hits), right + sum(hits)
        precision, recall = right / found, right / gold_total
        ap += (recall - recall_before) * precision
        recall_before = recall
        curve.append([round(score, 6), round(precision, 6), round(recall, 6)])
    return {"mode": RANKING_MODE, "average_precision": round(ap, 6), "curve": curve,
            "reason": None}  # fmt: skip
