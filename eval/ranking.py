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
from itertools import chain, groupby
from operator import attrgetter

import numpy as np

from quotebench.corpus import Document

from .columns import ANCHOR_MODE
from .matching import match, parse_mode
from .spans import intervals

__all__ = ["RANKING_MODE", "matched_predictions", "ranked_quotes", "ranking"]

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


_score_of, _quotes_of = attrgetter("score"), attrgetter("quotes")


def ranked_quotes(
    golds: Sequence[Document], preds: Sequence[Document]
) -> tuple[np.ndarray, np.ndarray]:
    """Every predicted quote's score (``nan`` when it has none) and whether it is right."""
    given = list(map(_score_of, chain.from_iterable(map(_quotes_of, preds))))
    scores = np.array(given, dtype=np.float64)
    hits = np.zeros(len(given), dtype=bool)
    if np.isnan(scores).all():  # nothing is ranked
        return scores, hits
    at = 0
    for gold, pred in zip(golds, preds, strict=True):
        n = len(pred.quotes)
        if n and gold.quotes and None not in given[at : at + n]:
            hits[at + np.fromiter(matched_predictions(gold, pred), dtype=np.int64)] = True
        at += n
    return scores, hits


def ranking(scores: np.ndarray, hits: np.ndarray, gold_total: int) -> dict[str, object]:
    """The ``ranking`` block of results.json from ``ranked_quotes``: mode, average precision
    and the curve (``[score threshold, precision, recall]`` per distinct score), or ``None``
    and why."""
    reason = (
        "no predicted quote" if not len(scores)
        else "not every predicted quote has a score" if np.isnan(scores).any()
        else "no gold quote" if not gold_total
        else None
    )  # fmt: skip
    if reason is not None:
        return {"mode": RANKING_MODE, "average_precision": None, "curve": None, "reason": reason}
    order = np.argsort(-scores, kind="stable")
    ordered = zip(scores[order].tolist(), hits[order].tolist(), strict=True)
    right = found = 0
    ap, recall_before, curve = 0.0, 0.0, []
    for score, group in groupby(ordered, key=lambda item: item[0]):
        hits_here = [hit for _, hit in group]
        found, right = found + len(hits_here), right + sum(hits_here)
        precision, recall = right / found, right / gold_total
        ap += (recall - recall_before) * precision
        recall_before = recall
        curve.append([round(score, 6), round(precision, 6), round(recall, 6)])
    return {"mode": RANKING_MODE, "average_precision": round(ap, 6), "curve": curve,
            "reason": None}  # fmt: skip
