"""The benchmark: every registered extractor (and stance model) scored by the harness.

On the gold corpus each extractor is scored, then each stance model in the ``oracle`` setting
(on the gold quotes) and ``end-to-end`` (on the extractor's quotes). On PolNeAR's dev split
(one annotator per article, the first in sorted order) the extractors are scored, and the
GenderGapTracker-protocol figures are added next to published anchors: overlap@0.3 F1 over
all attributions and over quote-mark quotes (content starting with a quotation mark, in the
gold and in the predictions alike).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from quotebench.corpus import (
    Document,
    Quote,
    Target,
    UnusableInput,
    atomic_output,
    load_gold,
    load_targets,
)
from quotebench.registry import extractors, stance_models

__all__ = [
    "ANCHORS",
    "CORPORA",
    "Corpus",
    "load_corpus",
    "quote_mark_only",
    "run_benchmark",
    "summary_row",
]

CORPORA = ("gold", "polnear-dev")
DEFAULT_POLNEAR = Path("../shared/external/polnear")
# GenderGapTracker's rule-based extractor and textacy 0.13 on PolNeAR's test split, scored by
# GenderGapTracker's protocol: overlap@0.3 F1 over all attributions / over quote-mark quotes.
ANCHORS = {
    "GenderGapTracker (published)": {"all": 0.53, "quote_marks": 0.73},
    "textacy 0.13 (published)": {"all": 0.25, "quote_marks": 0.54},
}
OPENING_MARKS = "\"'\u201c\u2018\u201e\u00ab"  # " ' and curly, low-9 and guillemet openers
Progress = Callable[[str], None]


@dataclass(frozen=True)
class Corpus:
    """The documents to score against and what they are."""

    name: str
    documents: tuple[Document, ...]
    description: str


def load_corpus(name: str, polnear_dir: Path = DEFAULT_POLNEAR) -> Corpus:
    """The packaged gold, or PolNeAR's dev split with one annotator per article.

    Raises ``UnusableInput`` for an unknown corpus or a PolNeAR folder without ``data/dev``.
    """
    if name == "gold":
        return Corpus(name, tuple(load_gold()), "the packaged gold corpus")
    if name != "polnear-dev":
        raise UnusableInput(f"--corpus {name!r}: expected one of {', '.join(CORPORA)}")
    from quotebench.corpus.brat import import_brat

    dev = Path(polnear_dir) / "data" / "dev"
    if not dev.is_dir():
        raise UnusableInput(f"{dev}: no PolNeAR dev split here (set --polnear-dir)")
    chosen: dict[str, Document] = {}
    for document in import_brat(dev):  # sorted by (id, annotator): the first annotator wins
        chosen.setdefault(document.id, document)
    about = "PolNeAR dev, one annotator per article (the first in sorted order)"
    return Corpus(name, tuple(chosen.values()), about)


def _starts_with_mark(text: str, quote: Quote) -> bool:
    """Whether the content's first segment starts with, or right after, an opening mark
    (extractors differ on whether the marks belong to the content)."""
    start = min(s.start for s in quote.content)
    return any(c in OPENING_MARKS for c in text[max(0, start - 1) : start + 1])


def quote_mark_only(document: Document) -> Document:
    """The document with only the quotes whose content starts with a quotation mark."""
    kept = tuple(q for q in document.quotes if _starts_with_mark(document.text, q))
    ids = {q.id for q in kept}
    kept = tuple(q if q.parent in ids else q.model_copy(update={"parent": None}) for q in kept)
    return document.model_copy(update={"quotes": kept, "stances": ()})


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


def _evaluate(gold: Sequence[Document], pred: Sequence[Document], **kwargs: Any) -> Any:
    from quotebench.eval import evaluate

    return evaluate(gold, pred, lenient=True, command="quotebench benchmark", **kwargs)


def _write(results: Any, directory: Path) -> dict[str, Any]:
    from quotebench.eval import write_reports

    return write_reports(results, directory, plots=False).to_dict()


def _extract(name: str, corpus: Corpus) -> list[Document]:
    extractor = extractors.create(name)
    inputs = [Document(id=d.id, text=d.text) for d in corpus.documents]
    return list(extractor.extract(inputs))


def _ggt(gold: Sequence[Document], pred: Sequence[Document], out: Path) -> dict[str, Any]:
    """overlap@0.3 F1 over all attributions and over quote-mark quotes, with intervals."""
    marks = _write(
        _evaluate([quote_mark_only(d) for d in gold], [quote_mark_only(d) for d in pred]), out
    )
    scores = marks["metrics"]["quote.overlap@0.3"]["all"]
    return {
        "quote_marks": {
            "f1": _score(scores["f1"]),
            "ci95": scores["f1_ci95"],
            "gold": scores["tp"] + scores["fn"],
        }
    }


def _stance(
    gold: Sequence[Document], preds: dict[str, list[Document]], targets: Sequence[Target], out: Path
) -> dict[str, Any]:
    """Every stance model, oracle (gold quotes) and end-to-end (each extractor's quotes)."""
    table: dict[str, Any] = {}
    for model_name in stance_models.names():
        model = stance_models.create(model_name)
        oracle = list(model.predict_stances(gold, targets))
        entry: dict[str, Any] = {"protocol": getattr(model, "protocol", "rules, no training")}
        for extractor, pred in preds.items():
            stanced = list(model.predict_stances(pred, targets))
            results = _evaluate(gold, stanced, targets=targets, oracle=oracle)
            data = _write(results, out / extractor / model_name)
            entry.setdefault("oracle", _stance_scores(data["metrics"]["stance.oracle"]))
            entry.setdefault("end-to-end", {})[extractor] = _stance_scores(
                data["metrics"]["stance.end-to-end"]
            )
        table[model_name] = entry
    return table


def _stance_scores(metric: dict[str, Any] | None) -> dict[str, Any] | None:
    if metric is None:
        return None
    scores = metric["all"]
    return {
        key: scores[key]
        for key in ("macro_f1", "macro_f1_ci95", "f_avg", "f_avg_ci95", "majority_baseline")
    }


def _extractor_entry(
    corpus: Corpus, gold: list[Document], pred: list[Document], out: Path
) -> dict[str, Any]:
    data = _write(_evaluate(gold, pred), out)
    entry = {
        "version": data["predictions"].get("version"),
        "skipped_documents": len(data["skipped"]),  # invalid predictions, listed in results.json
        "failed_documents": len(data["predictions"]["documents_with_failures"]),
        **summary_row(data),
    }
    if corpus.name == "polnear-dev":
        entry["ggt"] = {"all": entry["overlap@0.3/all"], **_ggt(gold, pred, out / "quote-marks")}
    return entry


def run_benchmark(
    output_dir: Path,
    corpus_name: str = "gold",
    polnear_dir: Path = DEFAULT_POLNEAR,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Score every registered extractor (and, on the gold, every stance model).

    Writes ``DIR/leaderboard.json`` and ``DIR/<extractor>/results.json`` with its reports
    (and ``quote-marks/`` for PolNeAR, ``<stance model>/`` on the gold). Returns the
    leaderboard as a JSON-ready dict.
    Raises ``UnusableInput`` for an unknown corpus or missing PolNeAR folder.
    """
    corpus = load_corpus(corpus_name, polnear_dir)
    gold = list(corpus.documents)
    report: dict[str, Any] = {
        "corpus": corpus.name,
        "description": corpus.description,
        "documents": len(gold),
        "gold_quotes": sum(len(d.quotes) for d in gold),
        "extractors": {},
    }
    preds: dict[str, list[Document]] = {}
    for name in extractors.names():
        if progress:
            progress(name)
        try:
            preds[name] = _extract(name, corpus)
        except Exception as error:  # a plug-in's crash is reported, not fatal to the run
            report["extractors"][name] = {"error": f"{type(error).__name__}: {error}"}
            continue
        report["extractors"][name] = _extractor_entry(corpus, gold, preds[name], output_dir / name)
    if corpus.name == "polnear-dev":
        report["anchors"] = ANCHORS
    elif preds:
        report["stance"] = _stance(gold, preds, load_targets(), output_dir)
    _write_leaderboard(report, output_dir / "leaderboard.json")
    return report


def _write_leaderboard(report: dict[str, Any], path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UnusableInput(f"{path.parent}: cannot create: {error.strerror or error}") from error
    with atomic_output(path) as handle:
        handle.write(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
