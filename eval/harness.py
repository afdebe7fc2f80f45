"""The harness: score predictions against the gold and gather a ``Results``."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

import numpy as np

from quotebench.corpus import STANCE_LABELS, Document, InvalidData, Problem, Target

from .alignment import Collection, align
from .bootstrap import CONFIDENCE, DEFAULT_RESAMPLES, DEFAULT_SEED, confidence_intervals
from .columns import ANCHOR_MODE, SLICES, Tasks, columns
from .notes import ErrorItem, Notes
from .parts import Part
from .prf import PRF
from .projection import reconcile
from .provenance import calls_summary, environment, producer, run_block
from .ranking import ranking
from .stance import majority_baseline, summary_scores
from .tasks import TASK_METRICS, detect_tasks, task_table
from .unaligned import alignment_rates
from .units import plan_units

__all__ = [
    "SCHEMA",
    "Conventions",
    "Results",
    "Run",
    "assemble",
    "evaluate",
    "evaluate_collections",
]

SCHEMA = "quotebench.results/1"
SETTINGS_NOTES = {
    "overlap": "a predicted quote covers at least T of the gold quote's characters "
    "(union of its segments); one prediction per gold quote",
    "token_unit": "whitespace-separated tokens touched by a quote's content",
    "speaker_and_stance_matching": ANCHOR_MODE,
    "per_type": "gold quotes of a type against predicted quotes of that type",
}


@dataclass(frozen=True)
class Conventions:
    """How to read the collections' conventions: given for a collection that names none,
    and what to do with predictions under another one (``projection.reconcile``)."""

    gold_convention: str | None = None
    pred_convention: str | None = None
    project_predictions: bool = False
    allow_mismatch: bool = False


@dataclass(frozen=True)
class Results:
    """Scores and provenance (``data``), the varying ``run`` block, the errors and documents
    the reports show, and how many errors of each kind there were."""

    data: dict[str, object]
    run: dict[str, object]
    errors: tuple[ErrorItem, ...] = ()
    documents: tuple[tuple[Document, Document], ...] = field(default=(), repr=False)
    error_counts: dict[str, int] = field(default_factory=dict)  # errors of each kind, all told
    error_documents: int | None = None  # documents with an error, all told

    def to_dict(self) -> dict[str, object]:
        """The results.json content: everything, the run block last."""
        return {**self.data, "run": self.run}

    @property
    def metrics(self) -> dict[str, object]:
        """The ``metrics`` block: metric -> slice -> scores (``None`` when not scored)."""
        return self.data["metrics"]  # type: ignore[return-value]


def evaluate(
    gold: Sequence[Document],
    pred: Sequence[Document],
    *,
    targets: Sequence[Target] | None = None,
    oracle: Sequence[Document] | None = None,
    lenient: bool = False,
    seed: int = DEFAULT_SEED,
    resamples: int = DEFAULT_RESAMPLES,
    command: str | None = None,
    conventions: Conventions | None = None,
) -> Results:
    """Score predictions (and oracle stance predictions) against the gold.

    ``targets`` is the stance-target inventory (predicted stances must use it when given);
    ``conventions`` says how to treat predictions under another convention (see
    ``projection.reconcile``). Raises ``InvalidData`` for predictions that cannot be paired
    with the gold, unless ``lenient``: then they are left out and listed under ``skipped``.
    """
    return evaluate_collections(
        Collection.of("gold", gold),
        Collection.of("predictions", pred),
        oracle=None if oracle is None else Collection.of("oracle", oracle),
        targets=targets,
        lenient=lenient,
        seed=seed,
        resamples=resamples,
        command=command,
        conventions=conventions,
    )


def evaluate_collections(
    gold: Collection,
    pred: Collection,
    *,
    oracle: Collection | None = None,
    targets: Sequence[Target] | None = None,
    lenient: bool = False,
    seed: int = DEFAULT_SEED,
    resamples: int = DEFAULT_RESAMPLES,
    command: str | None = None,
    skipped: Sequence[Problem] = (),
    conventions: Conventions | None = None,
) -> Results:
    """``evaluate`` over named collections; ``skipped`` adds problems found while reading."""
    started = time.perf_counter()
    given = pred
    pred, convention_block = reconcile(gold, pred, **asdict(conventions or Conventions()))
    inputs = _prepare(gold, pred, oracle, targets, skipped)
    if inputs.problems and not lenient:
        raise InvalidData(list(inputs.problems))
    units = plan_units(inputs.golds)
    part = Part.of(
        inputs.golds, inputs.preds, inputs.oracles, units, inputs.tasks, inputs.scored_predictions
    )
    run = Run(
        gold=gold.sha256,
        predictions={"sha256": given.sha256, **producer(given.documents)},
        oracle=None if oracle is None else {"sha256": oracle.sha256, **producer(oracle.documents)},
        conventions=convention_block,
        tasks=inputs.tasks,
        reasons=inputs.reasons,
        problems=inputs.problems,
        unpredicted=inputs.unpredicted,
    )
    return assemble(run, part, seed=seed, resamples=resamples, command=command, started=started)


@dataclass(frozen=True)
class Run:
    """What an evaluation knows of its collections beside the scored parts: their sha256 and
    producer, the conventions block, the tasks (and why others are not scored), the problems,
    the gold documents without prediction and the kind of resampling unit."""

    gold: str
    predictions: dict[str, object]
    oracle: dict[str, object] | None
    conventions: dict[str, object]
    tasks: Tasks
    reasons: dict[str, str]
    problems: tuple[Problem, ...]
    unpredicted: tuple[str, ...]


def assemble(
    run: Run, part: Part, *, seed: int, resamples: int, command: str | None, started: float
) -> Results:
    """The ``Results`` of a run from its scored part (``parts.add_parts`` of several)."""
    scored_at = time.perf_counter()
    names = columns(run.tasks)
    intervals = confidence_intervals(names, part.matrix, resamples, seed)
    durations = {"scoring": scored_at - started, "bootstrap": time.perf_counter() - scored_at}
    data = {
        "schema": SCHEMA,
        **_provenance(run, part),
        "conventions": run.conventions,
        "environment": environment(),
        "settings": _settings(seed, resamples, part.unit_kind, len(part.ids)),
        "tasks": task_table(run.tasks, run.reasons),
        "metrics": _metrics(run.tasks, names, part.matrix.sum(axis=0), intervals, part.notes),
        "ranking": ranking(part.scores, part.hits, part.gold_quotes),
        "skipped": [p.to_dict() for p in run.problems],
        "units": _units_block(part.unit_kind, part.ids, names, part.matrix),
    }
    return Results(
        data,
        run_block(command, durations),
        tuple(part.notes.errors),
        tuple(part.pairs),
        dict(part.error_counts),
        part.error_documents,
    )


def _units_block(
    kind: str, ids: list[str], names: list[str], matrix: np.ndarray
) -> dict[str, object]:
    """Per-unit counts: one row per unit, ``[tp, fp, fn]`` for each column in turn."""
    rows = matrix.reshape(len(ids), -1).tolist()
    return {"kind": kind, "ids": ids, "columns": names, "rows": rows}


@dataclass(frozen=True)
class _Inputs:
    """Aligned documents in gold-id order, the tasks to score and the problems found."""

    golds: list[Document]
    preds: list[Document]
    oracles: list[Document] | None
    scored_predictions: int
    unpredicted: tuple[str, ...]  # gold ids without a (valid) prediction: scored as misses
    tasks: Tasks
    reasons: dict[str, str]
    problems: tuple[Problem, ...]


def _prepare(
    gold: Collection,
    pred: Collection,
    oracle: Collection | None,
    targets: Sequence[Target] | None,
    skipped: Sequence[Problem],
) -> _Inputs:
    gold_by_id, pred_by_id, problems = align(gold, pred)
    oracle_by_id: dict[str, Document] = {}
    if oracle is not None:
        oracle_by_id, more = align(gold, oracle)[1:]
        problems += more
    problems += _target_problems([c for c in (pred, oracle) if c is not None], targets)
    problems = sorted({*skipped, *problems})
    bad = {(p.file, p.line) for p in problems}
    pred_by_id = _without(pred, pred_by_id, bad)
    ids = sorted(gold_by_id)
    tasks, reasons = detect_tasks(pred_by_id.values(), oracle is not None)
    oracles = None
    if oracle is not None:
        oracle_by_id = _without(oracle, oracle_by_id, bad)
        oracles = [oracle_by_id.get(i) or _empty(gold_by_id[i]) for i in ids]
    return _Inputs(
        [gold_by_id[i] for i in ids],
        [pred_by_id.get(i) or _empty(gold_by_id[i]) for i in ids],
        oracles,
        len(pred_by_id),
        tuple(i for i in ids if i not in pred_by_id),
        tasks,
        reasons,
        tuple(problems),
    )


def _without(
    collection: Collection, by_id: dict[str, Document], bad: set[tuple[str, int | None]]
) -> dict[str, Document]:
    """Drop documents whose line has a problem."""
    if not any(name == collection.name for name, _ in bad):
        return by_id
    lines = {d.id: line for line, d in collection.entries() if by_id.get(d.id) is d}
    return {i: d for i, d in by_id.items() if (collection.name, lines[i]) not in bad}


def _empty(gold: Document) -> Document:
    """An empty prediction for a gold document nobody predicted."""
    return Document(id=gold.id, text=gold.text)


def _target_problems(
    collections: Sequence[Collection], targets: Sequence[Target] | None
) -> list[Problem]:
    if targets is None:
        return []
    known = {t.id for t in targets}
    return [
        Problem(c.name, line, d.id, f"stances[{k}].target", f"{s.target!r} is not a known target")
        for c in collections
        for line, d in c.entries()
        for k, s in enumerate(d.stances)
        if s.target not in known
    ]


def _provenance(run: Run, part: Part) -> dict[str, object]:
    return {
        "gold": {"sha256": run.gold, "documents": part.documents, "quotes": part.gold_quotes},
        "predictions": {
            **run.predictions,
            "documents": part.scored_predictions,
            "gold_documents_without_prediction": list(run.unpredicted),
            "documents_with_annotations": part.annotated,
            "documents_with_failures": sorted(part.failures),
            "alignment": alignment_rates(part.alignment),
            "calls": calls_summary(part.calls),
        },
        "oracle": run.oracle,
    }


def _settings(seed: int, resamples: int, unit_kind: str, units: int) -> dict[str, object]:
    bootstrap = {
        "seed": seed,
        "resamples": resamples,
        "confidence": CONFIDENCE,
        "unit": unit_kind,
        "units": units,
        "interval": "percentile",
    }
    return {"bootstrap": bootstrap, **SETTINGS_NOTES}


def _metrics(
    tasks: Tasks,
    names: list[str],
    totals: np.ndarray,
    intervals: dict[str, list[float] | None],
    notes: Notes,
) -> dict[str, object]:
    """metric -> slice -> scores, from column totals; ``None`` for a task not scored."""
    counts = {name: PRF(*map(int, totals[k])) for k, name in enumerate(names)}
    out: dict[str, object] = {}
    for task, metrics in TASK_METRICS.items():
        for metric in metrics:
            if not tasks.has(task):
                out[metric] = None
            elif metric.startswith("stance."):
                out[metric] = _stance_metric(metric, counts, intervals, notes)
            else:
                out[metric] = {
                    s: {
                        **counts[f"{metric}/{s}"].to_dict(),
                        "f1_ci95": intervals.get(f"{metric}/{s}:f1"),
                    }
                    for s in SLICES
                }
    return out


def _stance_metric(
    metric: str, counts: dict[str, PRF], intervals: dict[str, list[float] | None], notes: Notes
) -> dict[str, object]:
    setting = metric.removeprefix("stance.")
    out: dict[str, object] = {}
    for s in SLICES:
        labels = {label: counts[f"{metric}/{s}/{label}"] for label in STANCE_LABELS}
        macro, f_avg = summary_scores(labels)
        majority, baseline = majority_baseline(notes.gold_labels[s])
        base_macro, base_f_avg = summary_scores(baseline)
        out[s] = {
            "macro_f1": macro,
            "macro_f1_ci95": intervals.get(f"{metric}/{s}:macro_f1"),
            "f_avg": f_avg,
            "f_avg_ci95": intervals.get(f"{metric}/{s}:f_avg"),
            "labels": {label: prf.to_dict() for label, prf in labels.items()},
            "majority_baseline": {"label": majority, "macro_f1": base_macro, "f_avg": base_f_avg},
            **({} if macro is not None else {"reason": "no gold and no predicted stance pair"}),
        }
    confusion = notes.confusion[setting]
    out["confusion"] = [[g, p, n] for (g, p), n in sorted(confusion.items())]
    return out
