"""Inter-annotator agreement between versions of the same documents (one per annotator).

- ``quote_f1``: pairwise quote F1, ``strict`` (identical content segments and type) and
  ``overlap`` (each quote sharing at least half of the smaller one's content characters),
  one-to-one matching by decreasing overlap, ties by position: independent of input order;
- ``speaker``: on overlap-matched quotes, the share whose source mentions overlap (or are
  both absent);
- ``token_alpha``: Krippendorff's alpha (nominal) on a label per whitespace token
  (``source`` > ``cue`` > ``content`` > ``none``), the measure PolNeAR reports;
  ``token_kappa``: Cohen's kappa on the same labels when there are exactly two annotators;
- ``stance_alpha``: Krippendorff's alpha on stance labels of units (document, first content
  segment of the quote, target) that at least two annotators labelled;
- ``disagreements``: every quote one annotator has and another has not (overlap mode).

A figure with nothing to score is ``None`` with a reason.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from quotebench.corpus.model import Document, Quote
from quotebench.corpus.problems import UnusableInput

__all__ = ["TOKEN_LABELS", "agreement", "group_versions", "match_quotes", "token_labels"]

TOKEN_LABELS = ("none", "content", "cue", "source")
_TOKEN = re.compile(r"\S+")
Versions = dict[str, dict[str, Document]]  # document id -> annotator -> version


def group_versions(documents: Iterable[Document]) -> Versions:
    """Versions by document id and annotator.

    Raises ``UnusableInput`` on a repeated pair, or on versions of one document whose texts
    differ (their annotations could not be compared).
    """
    versions: Versions = defaultdict(dict)
    for document in documents:
        annotator = document.annotation.annotator or "?"
        if annotator in versions[document.id]:
            raise UnusableInput(f"document {document.id!r} twice from annotator {annotator!r}")
        other = next(iter(versions[document.id].values()), None)
        if other is not None and other.text != document.text:
            raise UnusableInput(
                f"document {document.id!r}: the versions of {other.annotation.annotator!r} and"
                f" {annotator!r} differ in text"
            )
        versions[document.id][annotator] = document
    return dict(versions)


def _chars(quote: Quote) -> set[int]:
    return {i for span in quote.content for i in range(span.start, span.end)}


def match_quotes(a: Document, b: Document, mode: str) -> list[tuple[Quote, Quote]]:
    """One-to-one pairs of quotes of two versions under ``strict`` or ``overlap`` matching."""
    if mode == "strict":
        key = {(q.type, tuple(sorted((s.start, s.end) for s in q.content))): q for q in b.quotes}
        return [
            (q, key[k])
            for q in a.quotes
            if (k := (q.type, tuple(sorted((s.start, s.end) for s in q.content)))) in key
        ]
    candidates = []
    for (i, qa), (j, qb) in itertools.product(enumerate(a.quotes), enumerate(b.quotes)):
        ca, cb = _chars(qa), _chars(qb)
        share = len(ca & cb) / min(len(ca), len(cb))
        if share >= 0.5:
            candidates.append((-share, min(ca), min(cb), i, j))
    used_a, used_b, pairs = set(), set(), []
    for _, _, _, i, j in sorted(candidates):
        if i not in used_a and j not in used_b:
            used_a.add(i), used_b.add(j)
            pairs.append((a.quotes[i], b.quotes[j]))
    return pairs


def token_labels(document: Document) -> list[str]:
    """One label per whitespace token of the text (see ``TOKEN_LABELS``)."""
    marks = [0] * len(document.text)
    mentions = {m.id: m for m in document.mentions}
    spans = [(1, s) for q in document.quotes for s in q.content]
    spans += [(2, s) for q in document.quotes for s in q.cue]
    spans += [(3, mentions[q.source]) for q in document.quotes if q.source in mentions]
    for rank, span in spans:
        for i in range(span.start, span.end):
            marks[i] = max(marks[i], rank)
    return [TOKEN_LABELS[max(marks[m.start() : m.end()])] for m in _TOKEN.finditer(document.text)]


def _f1(matched: int, a: int, b: int) -> float | None:
    return 2 * matched / (a + b) if a + b else None


def _source_agrees(a: Document, b: Document, qa: Quote, qb: Quote) -> bool:
    ma = next((m for m in a.mentions if m.id == qa.source), None)
    mb = next((m for m in b.mentions if m.id == qb.source), None)
    if ma is None or mb is None:
        return ma is mb
    return ma.start < mb.end and mb.start < ma.end


def _pair(versions: Versions, x: str, y: str) -> dict[str, Any]:
    shared = [v for v in versions.values() if x in v and y in v]
    counts = defaultdict(int)
    for v in shared:
        a, b = v[x], v[y]
        counts["quotes_a"] += len(a.quotes)
        counts["quotes_b"] += len(b.quotes)
        counts["strict"] += len(match_quotes(a, b, "strict"))
        overlap = match_quotes(a, b, "overlap")
        counts["overlap"] += len(overlap)
        counts["speaker"] += sum(_source_agrees(a, b, qa, qb) for qa, qb in overlap)
    n_a, n_b = counts["quotes_a"], counts["quotes_b"]
    return {
        "annotators": [x, y],
        "documents": len(shared),
        "quotes": [n_a, n_b],
        "strict_f1": _f1(counts["strict"], n_a, n_b),
        "overlap_f1": _f1(counts["overlap"], n_a, n_b),
        "speaker": counts["speaker"] / counts["overlap"] if counts["overlap"] else None,
    }


def _alpha(rows: list[list[float]]) -> float | None:
    import krippendorff
    import numpy as np

    data = np.array(rows, dtype=float)
    pairable = (np.sum(~np.isnan(data), axis=0) >= 2).sum() if data.size else 0
    if pairable == 0 or len(np.unique(data[~np.isnan(data)])) < 2:
        return None
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))


def _token_rows(versions: Versions, annotators: list[str]) -> list[list[float]]:
    rows: list[list[float]] = [[] for _ in annotators]
    for doc_id in sorted(versions):
        by = versions[doc_id]
        size = len(_TOKEN.findall(next(iter(by.values())).text))
        for row, annotator in zip(rows, annotators, strict=True):
            labels = token_labels(by[annotator]) if annotator in by else [None] * size
            row += [float("nan") if v is None else TOKEN_LABELS.index(v) for v in labels]
    return rows


def _stance_rows(versions: Versions, annotators: list[str]) -> list[list[float]]:
    units: dict[tuple[str, int, int, str], dict[str, str]] = defaultdict(dict)
    for doc_id, by in versions.items():
        for annotator, document in by.items():
            quotes = {q.id: q.content[0] for q in document.quotes}
            for s in document.stances:
                if s.quote in quotes:
                    span = quotes[s.quote]
                    units[(doc_id, span.start, span.end, s.target)][annotator] = s.label
    keys = sorted(k for k, labels in units.items() if len(labels) >= 2)
    labels = sorted({v for k in keys for v in units[k].values()})
    return [
        [float(labels.index(units[k][a])) if a in units[k] else float("nan") for k in keys]
        for a in annotators
    ]


def _kappa(rows: list[list[float]]) -> float | None:
    from sklearn.metrics import cohen_kappa_score

    pairs = [(a, b) for a, b in zip(*rows, strict=True) if a == a and b == b]
    if not pairs or len({v for p in pairs for v in p}) < 2:
        return None
    return float(cohen_kappa_score([a for a, _ in pairs], [b for _, b in pairs]))


def _disagreements(versions: Versions) -> list[dict[str, Any]]:
    listing = []
    for doc_id in sorted(versions):
        by = versions[doc_id]
        for x, y in itertools.permutations(sorted(by), 2):
            matched = {id(qa) for qa, _ in match_quotes(by[x], by[y], "overlap")}
            listing += [
                {"document": doc_id, "annotator": x, "missing_in": y, "quote": q.id,
                 "text": " … ".join(s.text for s in q.content)}
                for q in by[x].quotes if id(q) not in matched
            ]  # fmt: skip
    return listing


def _measure(value: float | None, reason: str) -> dict[str, Any]:
    return {"value": value, "reason": None if value is not None else reason}


def agreement(documents: Iterable[Document]) -> dict[str, Any]:
    """Agreement between the annotators of the same documents (see the module docstring).

    Raises ``UnusableInput`` when fewer than two annotators share a document, or when one
    annotator gave one document twice.
    """
    versions = {k: v for k, v in group_versions(documents).items() if len(v) >= 2}
    if not versions:
        raise UnusableInput("no document is annotated by two or more annotators")
    annotators = sorted({a for by in versions.values() for a in by})
    tokens = _token_rows(versions, annotators)
    kappa = _kappa(tokens) if len(annotators) == 2 else None
    return {
        "documents": len(versions),
        "annotators": annotators,
        "pairs": [_pair(versions, x, y) for x, y in itertools.combinations(annotators, 2)],
        "token_alpha": _measure(_alpha(tokens), "fewer than two labels on shared tokens"),
        "token_kappa": _measure(kappa, "Cohen's kappa needs exactly two annotators"),
        "stance_alpha": _measure(
            _alpha(_stance_rows(versions, annotators)), "no stance unit labelled twice"
        ),
        "disagreements": _disagreements(versions),
    }
