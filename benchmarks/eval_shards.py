"""Evaluating sharded collections: time and peak memory of ``quotebench evaluate``.

Run by hand: ``python benchmarks/eval_shards.py [--quotes 1000000] [--shards 20]``.

Synthetic gold (``--per-document`` quotes a document) and an imperfect system's predictions
are written as JSON Lines shards, the predictions dealt into other shards than their gold and
in reverse order, so pairing by id crosses files. Each measurement is one ``quotebench
evaluate`` process (its peak resident memory from ``wait4``): at a tenth of the quotes, the
gold and predictions as one file each (read whole) and as shards (streamed); then the shards
at full size, and the single files at full size unless ``--skip-whole``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from quotebench.corpus import Document, load_targets, write_documents
from quotebench.eval.synthetic import synthetic_gold, synthetic_predictions

QUOTEBENCH = str(Path(sys.executable).parent / "quotebench")


def _renamed(documents: list[Document], prefix: str) -> list[Document]:
    return [d.model_copy(update={"id": f"{prefix}-{d.id}"}) for d in documents]


def build(root: Path, quotes: int, per_document: int, shards: int) -> dict[str, Path]:
    """Write the shards and the single files under ``root``; return their paths."""
    paths = {name: root / name for name in ("gold", "pred")}
    for path in paths.values():
        path.mkdir(parents=True)
    targets = [t.id for t in load_targets()]
    documents = max(1, quotes // per_document // shards)
    with (root / "gold.jsonl").open("w") as gold_all, (root / "pred.jsonl").open("w") as pred_all:
        for k in range(shards):
            made = synthetic_gold(documents, per_document, seed=k, targets=targets)
            gold = _renamed(made, f"s{k}")
            pred = synthetic_predictions(gold, seed=k + 10_000)[::-1]
            write_documents(paths["gold"] / f"part-{k:04d}.jsonl", gold)
            write_documents(paths["pred"] / f"part-{(k + 1) % shards:04d}.jsonl", pred)
            gold_all.writelines(d.to_json() + "\n" for d in gold)
            pred_all.writelines(d.to_json() + "\n" for d in pred)
    return {**paths, "gold.jsonl": root / "gold.jsonl", "pred.jsonl": root / "pred.jsonl"}


def measure(gold: Path, pred: Path, out: Path) -> dict[str, float]:
    """Seconds and peak resident megabytes of one ``quotebench evaluate`` process."""
    started = time.perf_counter()
    command = [QUOTEBENCH, "evaluate", "--gold", str(gold), "--pred", str(pred),
               "--output-dir", str(out)]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(process.stderr.read().decode() if process.stderr else "failed")
    seconds = time.perf_counter() - started
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    shutil.rmtree(out)
    return {
        "seconds": round(seconds, 1),
        "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
        "gold_quotes": results["gold"]["quotes"],
        "quote.exact_f1": results["metrics"]["quote.exact"]["all"]["f1"],
    }


def _scale(root: Path, args: argparse.Namespace, quotes: int, whole: bool) -> dict[str, object]:
    paths = build(root, quotes, args.per_document, args.shards)
    size = sum(p.stat().st_size for p in paths["gold"].iterdir())
    report: dict[str, object] = {"quotes": quotes, "gold_megabytes": round(size / 1e6, 1)}
    report["shards"] = measure(paths["gold"], paths["pred"], root / "out")
    if whole:
        report["one_file"] = measure(paths["gold.jsonl"], paths["pred.jsonl"], root / "out")
    shutil.rmtree(root)
    return report


def main() -> None:
    """Measure at a tenth and at full size; print a JSON report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quotes", type=int, default=1_000_000)
    parser.add_argument("--per-document", type=int, default=10)
    parser.add_argument("--shards", type=int, default=20)
    parser.add_argument("--skip-whole", action="store_true", help="no single files at full size")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        small = _scale(Path(work) / "small", args, args.quotes // 10, whole=True)
        full = _scale(Path(work) / "full", args, args.quotes, whole=not args.skip_whole)
    report = {"tenth": small, "full": full}
    report["shards_memory_growth"] = round(
        full["shards"]["peak_rss_mb"] / small["shards"]["peak_rss_mb"], 2
    )
    if "one_file" in full:
        report["one_file_memory_growth"] = round(
            full["one_file"]["peak_rss_mb"] / small["one_file"]["peak_rss_mb"], 2
        )
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
