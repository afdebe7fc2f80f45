"""The benchmark: every registered extractor (and stance model) scored by the harness.

Each extractor is asked to follow the corpus's convention; one that cannot is run its own
way and the leaderboard says so (the harness then warns that its predictions name no
convention). On a corpus with stances, each stance model is scored in the ``oracle``
setting (on the gold quotes) and ``end-to-end`` (on each extractor's quotes). On a corpus
with published figures (PolNeAR, the GenderGapTracker set), the GenderGapTracker protocol's
figures (``figures.PROTOCOL``) are added next to them.
"""

from __future__ import annotations

import dataclasses
import inspect
import json
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from quotebench.corpora import Corpus, load_corpus
from quotebench.corpus import (
    Collection,
    Document,
    Target,
    check_output,
    load_targets,
    output_folder,
)
from quotebench.corpus.conventions import get_convention
from quotebench.corpus.projection import ProjectionUndefined, project
from quotebench.extraction import ConventionUnsupported, ModelMissing, build_extractor
from quotebench.figures import PROTOCOL, quote_mark_only, summary_row
from quotebench.registry import extractors, stance_models

__all__ = ["run_benchmark"]

Progress = Callable[[str], None]


def _evaluate(
    corpus: Corpus,
    gold: Collection,
    pred: Sequence[Document],
    oracle: Sequence[Document] | None = None,
    targets: Sequence[Target] | None = None,
) -> Any:
    from quotebench.eval import Conventions
    from quotebench.eval.harness import evaluate_collections

    # an extractor that could not follow the corpus's convention is mapped onto it
    conventions = Conventions(gold_convention=corpus.convention, project_predictions=True)
    return evaluate_collections(
        gold, Collection.of("predictions", pred),
        oracle=None if oracle is None else Collection.of("oracle", oracle), targets=targets,
        lenient=True, command="quotebench benchmark", conventions=conventions,
    )  # fmt: skip


def _write(results: Any, directory: Path, run: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Write the reports of ``results``, with ``run`` added to their run block."""
    from quotebench.eval.reports import write_reports_into

    if run:
        results = dataclasses.replace(results, run={**results.run, **run})
    return write_reports_into(results, directory, plots=False).to_dict()


def _extract(extractor: Any, corpus: Corpus) -> list[Document]:
    inputs = [Document(id=d.id, text=d.text) for d in corpus.documents]
    return list(extractor.extract(inputs))


def _protocol_figures(
    corpus: Corpus, entry: dict[str, Any], pred: Sequence[Document], out: Path
) -> dict[str, Any]:
    """The GenderGapTracker protocol's figures: overlap@0.3 and @0.8 F1 over all quotes and
    over quote-mark quotes, and speaker accuracy, with intervals."""
    gold = Collection.of("gold", [quote_mark_only(d) for d in corpus.documents])
    marks = summary_row(_write(_evaluate(corpus, gold, [quote_mark_only(d) for d in pred]), out))
    figures = {f"all@{t}": entry[f"overlap@{t}/all"] for t in ("0.3", "0.8")}
    figures.update({f"quote_marks@{t}": marks[f"overlap@{t}/all"] for t in ("0.3", "0.8")})
    return {**figures, "speaker": entry["speaker_accuracy/all"]}


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
            results = _evaluate(corpus, corpus.collection, stanced, targets=targets, oracle=oracle)
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
    corpus: Corpus, extractor: Any, pred: list[Document], out: Path, note: str | None
) -> dict[str, Any]:
    # what this run asked of a remote system (cache hits vary between runs)
    stats = extractor.run_stats() if hasattr(extractor, "run_stats") else None
    run = {"requests": stats} if stats else None
    data = _write(_evaluate(corpus, corpus.collection, pred), out, run)
    developed_on = list(getattr(extractor, "developed_on", ()))
    entry = {
        "version": data["predictions"].get("version"),
        "convention": {"followed": data["conventions"]["predictions"], "note": note},
        "developed_on": developed_on,
        "developed_on_this_corpus": corpus.known_as in developed_on,
        "skipped_documents": len(data["skipped"]),  # invalid predictions, listed in results.json
        "failed_documents": len(data["predictions"]["documents_with_failures"]),
        **summary_row(data),
    }
    if corpus.anchors:
        entry["protocol"] = _protocol_figures(corpus, entry, pred, out / "quote-marks")
    return entry


def run_benchmark(
    output_dir: Path,
    corpus_name: str = "gold",
    data_dir: Path | None = None,
    progress: Progress | None = None,
    *,
    targets_path: Path | None = None,
    convention: str | None = None,
    overwrite: bool = False,
    model: Path | None = None,
    settings: Mapping[str, Mapping[str, Any]] | None = None,
) -> dict[str, Any]:
    """Score every registered extractor (and, on a corpus with stances, every stance model).

    ``corpus_name`` is a registered corpus (``corpora``; an external one read from
    ``data_dir``) or a gold file, whose convention ``convention`` names if its documents do
    not. Writes the folder ``output_dir`` (through ``corpus.output_folder``):
    ``leaderboard.json`` and ``<extractor>/results.json`` with its reports (and
    ``quote-marks/`` where the corpus has published figures, ``<stance model>/`` where
    stances are scored). An extractor that cannot run is reported under its name with the
    error, and the others are scored; a trained one without a model (``model`` names the
    folder of ``learned.v1``, else its default location) is listed under ``not_run`` with
    the command that trains one; ``settings`` are given to the extractor they are named by
    (``llm.v1``'s endpoint), and one that names none (``llm.v1`` without an endpoint) is
    listed under ``not_run`` too. Returns the leaderboard.
    Raises ``UnusableInput`` for an unknown corpus, a missing ``data_dir`` or an output
    folder that cannot or may not be written; ``InvalidData`` for an invalid corpus file.
    """
    named = Path(corpus_name) if Path(corpus_name).exists() else None
    inputs = [named, targets_path, data_dir, model]
    check_output(output_dir, inputs, folder=True, overwrite=overwrite)
    targets = load_targets(targets_path)
    corpus = load_corpus(corpus_name, data_dir, targets, convention)
    report = _report_head(corpus)
    writer = "quotebench benchmark"
    with output_folder(output_dir, inputs, overwrite=overwrite, writer=writer) as out:
        chosen = {"model": model}
        per_name = {
            n: dict(settings.get(n, chosen)) if settings else chosen for n in extractors.names()
        }
        preds = _run_extractors(corpus, report, out, progress, per_name)
        report["could_not_run"] = sorted(n for n, e in report["extractors"].items() if "error" in e)
        if preds and any(d.stances for d in corpus.documents) and targets:
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
        "convention": corpus.convention,
        "sha256": corpus.sha256,
        "documents": len(corpus.documents),
        "gold_quotes": sum(len(d.quotes) for d in corpus.documents),
        "protocol": PROTOCOL,
        "anchors": {"figures": corpus.anchors, "source": corpus.anchors_source} if corpus.anchors
        else None,
        "extractors": {},
        "not_run": {},
    }  # fmt: skip


def _build(name: str, corpus: Corpus, settings: Mapping[str, Any]) -> tuple[Any, str | None]:
    """The extractor following the corpus's convention, or its own way with the reason."""
    if corpus.convention is None:
        return build_extractor(name, **settings), None
    try:
        return build_extractor(name, corpus.convention, **settings), None
    except ConventionUnsupported as error:
        return build_extractor(name, **settings), str(error)


def _unscorable(extractor: Any, corpus: Corpus) -> str | None:
    """Why the extractor's output cannot be scored against the corpus: it follows a
    convention that cannot be mapped onto the corpus's (``None`` when it can be scored)."""
    own = getattr(extractor, "convention", None)
    if own is None or corpus.convention is None or own == corpus.convention:
        return None
    try:
        project([], get_convention(own), get_convention(corpus.convention))
    except ProjectionUndefined as error:
        return f"it follows {own}, which cannot be mapped onto {corpus.convention}: {error}"
    return None


def _run_extractors(
    corpus: Corpus,
    report: dict[str, Any],
    out: Path,
    progress: Progress | None,
    settings: Mapping[str, Mapping[str, Any]],
) -> dict[str, list[Document]]:
    """Run and score every extractor (each with its ``settings``); one that cannot run gets
    its error in ``report``."""
    preds: dict[str, list[Document]] = {}
    for name in extractors.names():
        if progress:
            progress(name)
        try:
            extractor, note = _build(name, corpus, settings[name])
            unscorable = _unscorable(extractor, corpus)
            if unscorable:
                report["not_run"][name] = unscorable
                continue
            preds[name] = _extract(extractor, corpus)
        except ModelMissing as missing:
            report["not_run"][name] = str(missing)
            continue
        except Exception as error:  # a plug-in's crash is reported, not fatal to the run
            report["extractors"][name] = {"error": f"{type(error).__name__}: {error}"}
            continue
        entry = _extractor_entry(corpus, extractor, preds[name], out / name, note)
        report["extractors"][name] = entry
    return preds
