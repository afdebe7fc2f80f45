"""Extraction throughput of ``dependency.v1`` against the bare spaCy parse, in one run.

Both use the same ``nlp`` object and components on the same paragraphs (the blocks the
extractor parses), so the ratio is the extractor's own overhead. Also ``n_process=2``
against 1, for the extractor and for the bare parse, and, given a trained model
(``--model DIR``), ``learned.v1`` against ``dependency.v1``. Input: PolNeAR's dev texts
(``../shared/external/polnear/data/dev/text`` relative to the repository, or ``--texts
DIR``); nothing from them is written anywhere.

Usage: python benchmarks/extract_speed.py [--texts DIR] [--repeat N] [--model DIR]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

from quotebench.baselines.common.parsing import blocks
from quotebench.corpus import Document
from quotebench.nlp import load_nlp, model_name
from quotebench.registry import extractors

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TEXTS = ROOT.parent / "shared" / "external" / "polnear" / "data" / "dev" / "text"


def _best_seconds(work: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def _bare_parse(texts: list[str], n_process: int) -> Callable[[], object]:
    nlp = load_nlp()
    paragraphs = [text[a:b] for text in texts for a, b in blocks(text)]
    return lambda: sum(1 for _ in nlp.pipe(paragraphs, batch_size=64, n_process=n_process))


def _extract(
    texts: list[str], n_process: int, name: str = "dependency.v1", **settings: object
) -> Callable[[], object]:
    docs = [Document(id=str(n), text=text) for n, text in enumerate(texts)]
    extractor = extractors.create(name, n_process=n_process, **settings)
    return lambda: sum(1 for _ in extractor.extract(docs))


def main() -> None:
    """Measure and print a Markdown table of words per second and the ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=Path, default=DEFAULT_TEXTS)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--model", type=Path, help="a learned.v1 model folder")
    args = parser.parse_args()
    texts = [p.read_text(encoding="utf-8") for p in sorted(args.texts.glob("*.txt"))]
    if not texts:
        raise SystemExit(f"no .txt files in {args.texts}")
    words = sum(len(t.split()) for t in texts)
    _extract(texts[:2], 1)()  # load the model and warm up
    rows = {}
    for label, work in (
        ("spaCy parse, 1 process", _bare_parse(texts, 1)),
        ("dependency.v1, 1 process", _extract(texts, 1)),
        ("spaCy parse, 2 processes", _bare_parse(texts, 2)),
        ("dependency.v1, 2 processes", _extract(texts, 2)),
    ):
        rows[label] = words / _best_seconds(work, args.repeat)
    if args.model:
        work = _extract(texts, 1, "learned.v1", model=args.model)
        rows["learned.v1, 1 process"] = words / _best_seconds(work, args.repeat)
    parse, one, parse_two, two = list(rows.values())[:4]
    print(f"{len(texts)} texts, {words} words, model {model_name()}, best of {args.repeat}\n")
    print("| run | words/s |\n|---|---:|")
    for label, rate in rows.items():
        print(f"| {label} | {rate:,.0f} |")
    print(f"\noverhead of dependency.v1 over the bare parse: {1 - one / parse:.1%}")
    print(f"2 processes / 1 process: {two / one:.2f}x (bare parse: {parse_two / parse:.2f}x)")
    if args.model:
        print(f"learned.v1 / dependency.v1: {rows['learned.v1, 1 process'] / one:.2f}x")


if __name__ == "__main__":
    main()
