"""How well ``quotebench align`` recovers gold quotes given as strings, as an LLM gives them.

Each gold quote of a corpus becomes a string-level quote: its content's text without the
enclosing quotation marks (segments joined by " ... "), its speaker's name, its cue's text
and no type (it is read from the marks). The strings are aligned (under the corpus's
convention) and scored against the gold by the harness, in three variants:

- ``as written``: the strings as cut from the text;
- ``normalised``: straight marks for curly ones, "-" for dashes, lower case;
- ``rewritten``: one word of every quote of eight words or more dropped, as a model that
  rewrites a quote would (fuzzy alignment, or a false positive).

Prints, per variant, the alignment rates and quote.exact, overlap@0.3 and speaker_name F1,
and the alignment time. Only aggregate figures are printed.

Usage: python benchmarks/align_roundtrip.py --corpus polnear-dev
           --data-dir ../shared/external/polnear
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from pathlib import Path

from quotebench.corpora import load_corpus
from quotebench.corpus import Document
from quotebench.corpus.align import align_prediction
from quotebench.corpus.conventions import get_convention
from quotebench.corpus.strings import StringPrediction, StringQuote
from quotebench.corpus.textsearch import MARKS
from quotebench.eval import Conventions, evaluate

_CURLY = str.maketrans(
    {"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'", "\u2014": "-", "\u2013": "-"}
)


def _strings(document: Document, change: Callable[[str], str]) -> StringPrediction:
    names = {e.id: e.name for e in document.entities}
    quotes = []
    for quote in document.quotes:
        pieces = [s.text.strip(MARKS + " ,") for s in quote.content]
        text = change(" ... ".join(p for p in pieces if p))
        speaker = names.get(quote.speaker) if quote.speaker else None
        cue = " ".join(c.text for c in quote.cue) or None
        quotes.append(StringQuote(text=text or "?", speaker=speaker, cue=cue))
    return StringPrediction(id=document.id, quotes=tuple(quotes))


def _rewritten(text: str) -> str:
    words = text.split(" ")
    if len(words) < 8:
        return text
    return " ".join(words[: len(words) // 2] + words[len(words) // 2 + 1 :])


VARIANTS: dict[str, Callable[[str], str]] = {
    "as written": lambda text: text,
    "normalised": lambda text: text.translate(_CURLY).lower(),
    "rewritten": _rewritten,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="gold")
    parser.add_argument("--data-dir", type=Path, default=None)
    args = parser.parse_args()
    corpus = load_corpus(args.corpus, args.data_dir)
    convention = get_convention(corpus.convention) if corpus.convention else None
    gold = list(corpus.documents)
    report = {
        "corpus": corpus.name,
        "convention": corpus.convention,
        "quotes": sum(len(d.quotes) for d in gold),
    }
    for name, change in VARIANTS.items():
        started = time.perf_counter()
        aligned = [align_prediction(d, _strings(d, change), convention=convention) for d in gold]
        seconds = time.perf_counter() - started
        results = evaluate(
            gold, aligned, resamples=200, conventions=Conventions(gold_convention=corpus.convention)
        )
        data = results.to_dict()
        metrics = data["metrics"]
        report[name] = {
            "alignment": data["predictions"]["alignment"],
            "quote.exact F1": metrics["quote.exact"]["all"]["f1"],
            "quote.overlap@0.3 F1": metrics["quote.overlap@0.3"]["all"]["f1"],
            "speaker_name F1": (metrics.get("quote+speaker_name") or {}).get("all", {}).get("f1"),
            "seconds": round(seconds, 2),
        }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
