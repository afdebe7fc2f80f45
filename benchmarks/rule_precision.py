"""Measure how often each of ``dependency.v2``'s rules is right, per convention: the table
of ``baselines/dependency/precision.py`` (a quote's score is its rule's precision).

Each rule's quotes (by rule and quote type) on a development corpus are matched one to one
with the gold at overlap@0.3, as the harness's ranking matches them; precision = matched /
found. Rules found fewer than ``--min-count`` times are left out (they fall back to the rule, then
``*``). Prints the table as Python, to be pasted into ``precision.py``; only aggregate
counts are printed, nothing per article.

Usage: python benchmarks/rule_precision.py --convention ggt.v1 --corpus ggt-dev
           --data-dir ../shared/external/ggt [--min-count 10]
       python benchmarks/rule_precision.py --convention polnear.v1 --corpus polnear-train
           --data-dir ../shared/external/polnear
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from quotebench.baselines.dependency.assemble import Draft
from quotebench.baselines.dependency.precision import rule_key
from quotebench.baselines.dependency.v2 import DependencyV2
from quotebench.corpora import load_corpus
from quotebench.corpus import Document
from quotebench.eval.ranking import matched_predictions


class _Recording(DependencyV2):
    """``dependency.v2`` whose score names the rule: the index of its key in ``keys``."""

    def __init__(self, **settings: object) -> None:
        super().__init__(**settings)  # type: ignore[arg-type]
        self.keys: list[str] = []

    def estimate(self, draft: Draft) -> float:
        key = rule_key(draft)
        if key not in self.keys:
            self.keys.append(key)
        return float(self.keys.index(key))


def _tally(gold: Document, pred: Document, keys: list[str], found: Counter, right: Counter):
    matched = matched_predictions(gold, pred)
    for j, quote in enumerate(pred.quotes):
        key = keys[int(quote.score or 0)]
        for name in (key, key.split("/")[0], "*"):
            found[name] += 1
            right[name] += j in matched


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--convention", required=True)
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--min-count", type=int, default=10)
    args = parser.parse_args()
    corpus = load_corpus(args.corpus, args.data_dir)
    extractor = _Recording(n_process=2, convention=args.convention)
    inputs = [Document(id=d.id, text=d.text) for d in corpus.documents]
    found: Counter[str] = Counter()
    right: Counter[str] = Counter()
    for gold, pred in zip(corpus.documents, extractor.extract(inputs), strict=True):
        _tally(gold, pred, extractor.keys, found, right)
    table = {
        key: round(right[key] / found[key], 3)
        for key in sorted(found)
        if found[key] >= args.min_count or key == "*"
    }
    print(f"# {args.convention} on {args.corpus}: {found['*']} quotes")
    print(f"{json.dumps(args.convention)}: {json.dumps(table, indent=4)},")


if __name__ == "__main__":
    main()
