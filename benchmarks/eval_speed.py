"""Speed and peak memory of the evaluation harness, against nervaluate on the same spans.

Run by hand: ``python benchmarks/eval_speed.py [--documents 10000] [--quotes 10] [--scale 10]``.

1. The same spans: both score the quote content spans of a synthetic collection (quote type as
   label). nervaluate computes its four modes (strict, exact, partial, ent_type) overall and per
   label; quotebench computes strict, exact, overlap@0.3, overlap@0.8 and token-level counts
   overall and per quote type, plus 1,000 bootstrap resamples and the sha256 of both
   collections. quotebench scores the collections as ``quotebench evaluate`` does, read from
   JSON Lines files (each line's digest taken as it is read; that share of the reading is
   reported), and as the API's ``evaluate`` does, from documents built in memory (each
   serialised to be hashed; that share is reported too). Time is the best of ``--repeat``
   runs; peak memory is measured by ``tracemalloc`` in a separate run.
2. The full harness (cues, three speaker rules, end-to-end stance) on the same collection.
3. Scaling: the full harness on ``--scale`` times as many documents (each time the best of
   ``--repeat`` runs too); a time ratio close to the scale means linear growth.
"""

from __future__ import annotations

import argparse
import gc
import json
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from quotebench.corpus import Collection, Document, load_collection, load_targets, write_documents
from quotebench.corpus.digests import line_sha256
from quotebench.corpus.jsonl import iter_raw_lines
from quotebench.eval import evaluate
from quotebench.eval.harness import evaluate_collections
from quotebench.eval.provenance import collection_sha256
from quotebench.eval.synthetic import quotes_only, synthetic_gold, synthetic_predictions


def _nervaluate_input(documents: list[Document]) -> list[list[dict]]:
    return [
        [{"label": q.type, "start": s.start, "end": s.end - 1} for q in d.quotes for s in q.content]
        for d in documents
    ]


def _timed(work: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    return best


def _peak(work: Callable[[], object]) -> int:
    gc.collect()
    tracemalloc.start()
    work()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def _collection(documents: int, quotes: int) -> tuple[list[Document], list[Document]]:
    targets = [t.id for t in load_targets()]
    gold = synthetic_gold(documents, quotes, seed=1, targets=targets)
    return gold, synthetic_predictions(gold, seed=2)


def _read(documents: list[Document], folder: Path, name: str) -> tuple[Collection, Path]:
    path = folder / f"{name}.jsonl"
    write_documents(path, documents)
    return load_collection(path)[0], path


def same_spans(gold: list[Document], pred: list[Document], repeat: int) -> dict[str, float]:
    """quotebench and nervaluate on the same quote spans: seconds and peak bytes of each."""
    from nervaluate import Evaluator

    g_spans, p_spans = quotes_only(gold), quotes_only(pred)
    true, guess = _nervaluate_input(gold), _nervaluate_input(pred)
    with tempfile.TemporaryDirectory() as folder:
        (g_read, g_path), (p_read, p_path) = (
            _read(g_spans, Path(folder), "gold"),
            _read(p_spans, Path(folder), "pred"),
        )

        def digests() -> object:
            return [line_sha256(raw) for p in (g_path, p_path) for _, _, raw in iter_raw_lines(p)]

        def reading() -> object:
            return load_collection(g_path), load_collection(p_path)

        read_seconds = _timed(reading, 1)
        digest_seconds = _timed(digests, repeat)

    def ours() -> object:
        return evaluate_collections(g_read, p_read)

    def in_memory() -> object:
        return evaluate(g_spans, p_spans)

    def hashing() -> object:
        return collection_sha256(g_spans), collection_sha256(p_spans)

    def theirs() -> object:
        tags = ["direct", "indirect", "mixed"]
        return Evaluator(true, guess, tags=tags, loader="dict").evaluate()

    return {
        "quotebench_seconds": _timed(ours, repeat),
        "quotebench_in_memory_seconds": _timed(in_memory, repeat),
        "in_memory_hashing_seconds": _timed(hashing, repeat),
        "reading_seconds": read_seconds,
        "reading_digest_seconds": digest_seconds,
        "nervaluate_seconds": _timed(theirs, repeat),
        "quotebench_peak_bytes": _peak(ours),
        "nervaluate_peak_bytes": _peak(theirs),
    }


def _full_harness_seconds(documents: int, quotes: int, repeat: int) -> float:
    gold, pred = _collection(documents, quotes)
    return _timed(lambda: evaluate(gold, pred), repeat)


def main() -> None:
    """Measure, print a JSON report with the ratios."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--quotes", type=int, default=10, help="quotes per document")
    parser.add_argument(
        "--scale", type=int, default=10, help="the larger collection, as a multiple"
    )
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    gold, pred = _collection(args.documents, args.quotes)
    report: dict[str, object] = {
        "documents": args.documents,
        "quotes": sum(len(d.quotes) for d in gold),
    }
    spans = same_spans(gold, pred, args.repeat)
    report["same_spans"] = {
        **spans,
        "time_ratio": spans["quotebench_seconds"] / spans["nervaluate_seconds"],
        "in_memory_time_ratio": spans["quotebench_in_memory_seconds"] / spans["nervaluate_seconds"],
        "memory_ratio": spans["quotebench_peak_bytes"] / spans["nervaluate_peak_bytes"],
    }
    del gold, pred
    small = _full_harness_seconds(args.documents, args.quotes, args.repeat)
    big = _full_harness_seconds(args.documents * args.scale, args.quotes, args.repeat)
    report["full_harness"] = {
        "seconds": small,
        f"seconds_x{args.scale}": big,
        "scaling_ratio": big / small,
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
