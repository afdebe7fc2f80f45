"""The benchmark: every registered extractor (and stance model) scored by the harness.

On the gold corpus each extractor is scored, then each stance model in the ``oracle`` setting
(on the gold quotes) and ``end-to-end`` (on the extractor's quotes). On PolNeAR's dev split
(one annotator per article, the first in sorted order) the extractors are scored, and the
GenderGapTracker-protocol figures are added next to published anchors: overlap@0.3 F1 over
all attributions and over quote-mark quotes (content starting with a quotation mark, in the
gold and in the predictions alike).
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from quotebench.corpora import DEFAULT_POLNEAR, Corpus, load_corpus
from quotebench.corpus import Document, Quote, Target, check_output, load_targets, output_folder
from quotebench.registry import extractors, stance_models

__all__ = [
    "ANCHORS",
    "quote_mark_only",
    "run_benchmark",
    "summary_row",
]

# GenderGapTracker's rule-based extractor and textacy 0.13 on PolNeAR's test split, scored by
# GenderGapTracker's protocol: overlap@0.3 F1 over all attributions / over quote-mark quotes.
ANCHORS = {
    "GenderGapTracker (published)": {"all": 0.53, "quote_marks": 0.73},
    "textacy 0.13 (published)": {"all": 0.25, "quote_marks": 0.54},
}
OPENING_MARKS = "\"'\u201c\u2018\u201e\u00ab"  # " ' and curly, low-9 and guillemet openers
Progress = Callable[[str], None]


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
    from quotebench.eval.reports import write_reports_into

    return write_reports_into(results, directory, plots=False).to_dict()


def _extract(extractor: Any, corpus: Corpus) -> list[Document]:
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


def _stance_model(name: str, corpus: Corpus) -> Any:
    """The stance model ``name``; a learned one learns from the corpus (grouped CV)."""
    factory = stance_models.get(name)
    accepted = inspect.signature(factory).parameters
    return factory(**({"training": corpus.documents} if "training" in accepted else {}))


def _stance(
    corpus: Corpus, preds: dict[str, list[Document]], targets: Sequence[Target], out: Path
) -> dict[str, Any]:
    """Every stance model, oracle (gold quotes) and end-to-end (each extractor's quotes)."""
    gold = list(corpus.documents)
    table: dict[str, Any] = {}
    for model_name in stance_models.names():
        model = _stance_model(model_name, corpus)
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
    corpus: Corpus, extractor: Any, pred: list[Document], out: Path
) -> dict[str, Any]:
    gold = list(corpus.documents)
    data = _write(_evaluate(gold, pred), out)
    developed_on = list(getattr(extractor, "developed_on", ()))
    entry = {
        "version": data["predictions"].get("version"),
        "developed_on": developed_on,
        "developed_on_this_corpus": corpus.known_as in developed_on,
        "skipped_documents": len(data["skipped"]),  # invalid predictions, listed in results.json
        "failed_documents": len(data["predictions"]["documents_with_failures"]),
        **summary_row(data),
    }
    if corpus.known_as == "polnear-dev":
        entry["ggt"] = {"all": entry["overlap@0.3/all"], **_ggt(gold, pred, out / "quote-marks")}
    return entry


def run_benchmark(
    output_dir: Path,
    corpus_name: str = "gold",
    polnear_dir: Path = DEFAULT_POLNEAR,
    progress: Progress | None = None,
    *,
    targets_path: Path | None = None,
    overwrite: bool = False,
) -> dict[str, Any]:
    """Score every registered extractor (and, on a corpus with stances, every stance model).

    Writes the folder ``output_dir`` (through ``corpus.output_folder``): ``leaderboard.json``
    and ``<extractor>/results.json`` with its reports (and ``quote-marks/`` for PolNeAR,
    ``<stance model>/`` where stances are scored). An extractor that cannot run is reported
    under its name with the error, and the others are scored. Returns the leaderboard.
    Raises ``UnusableInput`` for an unknown corpus, a missing PolNeAR folder or an output
    folder that cannot or may not be written; ``InvalidData`` for an invalid corpus file.
    """
    inputs = [corpus_name, targets_path]
    check_output(output_dir, inputs, folder=True, overwrite=overwrite)
    targets = load_targets(targets_path)
    corpus = load_corpus(corpus_name, polnear_dir, targets)
    report = _report_head(corpus)
    with output_folder(
        output_dir, inputs, overwrite=overwrite, writer="quotebench benchmark"
    ) as out:
        preds = _run_extractors(corpus, report, out, progress)
        report["could_not_run"] = sorted(n for n, e in report["extractors"].items() if "error" in e)
        if corpus.known_as == "polnear-dev":
            report["anchors"] = ANCHORS
        elif preds and any(d.stances for d in corpus.documents) and targets:
            report["stance"] = _stance(corpus, preds, targets, out)
        (out / "leaderboard.json").write_text(
            json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    return report


def _report_head(corpus: Corpus) -> dict[str, Any]:
    return {
        "corpus": corpus.name,
        "description": corpus.description,
        "known_as": corpus.known_as,
        "sha256": corpus.sha256,
        "documents": len(corpus.documents),
        "gold_quotes": sum(len(d.quotes) for d in corpus.documents),
        "extractors": {},
    }


def _run_extractors(
    corpus: Corpus, report: dict[str, Any], out: Path, progress: Progress | None
) -> dict[str, list[Document]]:
    """Run and score every extractor; one that cannot run gets its error in ``report``."""
    preds: dict[str, list[Document]] = {}
    for name in extractors.names():
        if progress:
            progress(name)
        try:
            extractor = extractors.create(name)
            preds[name] = _extract(extractor, corpus)
        except Exception as error:  # a plug-in's crash is reported, not fatal to the run
            report["extractors"][name] = {"error": f"{type(error).__name__}: {error}"}
            continue
        report["extractors"][name] = _extractor_entry(corpus, extractor, preds[name], out / name)
    return preds
