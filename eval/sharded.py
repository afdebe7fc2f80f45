"""Scoring sharded collections in bounded memory: ``evaluate --gold DIR|GLOB --pred DIR|GLOB``.

The first pass reads every line of both sides in full, checked as the loader checks it, and
keeps per document only where its line is (shard, byte offset, line number) and its 32-byte
canonical digest, with what the results need of the whole collection (conventions, the
tasks the predictions carry, who produced them, the problems). The second pass reads the
gold in id order, ``BATCH`` documents at a time, each with its prediction read at its offset,
and scores each batch as the harness scores a collection; the parts add up
(``parts.add_parts``) to the results an in-memory evaluation of the same files gives.

Memory: the index (an id and three numbers per document), one batch of documents, and per
gold document its row of counts (three per column) for the bootstrap.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from quotebench.corpus import Document, InvalidData, Problem, UnusableInput, load_targets
from quotebench.corpus.digests import combined_sha256, line_sha256
from quotebench.corpus.jsonl import EMPTY_FILE, iter_raw_lines, read_line_at
from quotebench.corpus.load import checked_line
from quotebench.corpus.projection import project

from .alignment import mismatch
from .bootstrap import DEFAULT_RESAMPLES, DEFAULT_SEED
from .columns import Tasks
from .files import extractor_gold
from .harness import Conventions, Results, Run, assemble
from .parts import Part, add_parts
from .projection import Plan, convention_plan, named_convention
from .provenance import producer_of, producer_row
from .reports import write_reports
from .tasks import carried_tasks, tasks_carried
from .units import document_units, plan_units

__all__ = ["BATCH", "evaluate_shards", "shard_paths"]

BATCH = 2000  # gold documents scored together


def shard_paths(spec: str | Path) -> list[str]:
    """The JSON Lines shards a folder, a glob pattern or a file names.

    Raises ``UnusableInput`` when it names none or a Parquet file (collections with
    annotations are JSON Lines).
    """
    from quotebench.engines.shards import find_shards

    shards = find_shards(str(spec))
    for shard in shards:
        if shard.format != "jsonl":
            raise UnusableInput(f"{shard.path}: annotated collections are JSON Lines shards")
    return [s.path for s in shards]


@dataclass
class _Side:
    """The first pass over one side: where each document is, its digest and the rest."""

    role: str
    paths: list[str]
    where: dict[str, tuple[int, int, int]] = field(default_factory=dict)  # id -> shard, at, line
    digests: list[bytes] = field(default_factory=list)
    conventions: dict[str | None, tuple[str, int, str, str | None]] = field(default_factory=dict)
    tasks: set[str] = field(default_factory=set)
    producers: set[tuple] = field(default_factory=set)
    extractor_documents: int = 0  # documents that are an extractor's output
    first_extractor: tuple[str, int, Document] | None = None  # where the first of them is
    problems: list[Problem] = field(default_factory=list)

    def read(self, target_ids: list[str]) -> _Side:
        """Check every line of every shard, keeping what the scoring needs."""
        seen = False
        for k, path in enumerate(self.paths):
            for number, offset, raw in iter_raw_lines(path):
                seen = True
                document, problems = checked_line(path, number, raw, target_ids)
                if document is not None and not problems:
                    problems = self._repeated(path, number, document)
                self.problems += problems
                if document is not None and not problems:
                    self._keep(k, path, number, offset, document)
                    self.digests.append(line_sha256(raw))
        if not seen:  # a shard may be empty, not every one
            self.problems.append(Problem(self.paths[0], None, None, None, EMPTY_FILE))
        return self

    def _repeated(self, path: str, number: int, document: Document) -> list[Problem]:
        if document.id not in self.where:
            return []
        k, _, line = self.where[document.id]
        what = "the gold holds this document id twice" if self.role == "gold" else (
            "this document is predicted twice"
        )  # fmt: skip
        message = f"{what} (first at {self.paths[k]}:{line})"
        return [Problem(path, number, document.id, "id", message)]

    def _keep(self, k: int, path: str, number: int, offset: int, document: Document) -> None:
        self.where[document.id] = (k, offset, number)
        annotation = document.annotation
        entry = (path, number, document.id, annotation.convention)
        self.conventions.setdefault(annotation.convention, entry)
        self.tasks |= carried_tasks(document)
        self.producers.add(producer_row(annotation))
        if annotation.origin == "extractor":
            self.extractor_documents += 1
            self.first_extractor = self.first_extractor or (path, number, document)

    def document(self, doc_id: str) -> Document:
        """The document ``doc_id``, read again at its offset (checked in the first pass)."""
        k, offset, _ = self.where[doc_id]
        return Document.model_validate_json(read_line_at(self.paths[k], offset))


def _refuse_extractor_gold(gold: _Side) -> None:
    if gold.first_extractor is not None:
        raise extractor_gold(gold.extractor_documents, len(gold.where), gold.first_extractor)


def _unknown(gold: _Side, pred: _Side) -> list[Problem]:
    """Predictions of documents the gold does not hold (left out of the scoring)."""
    problems = []
    for doc_id in [i for i in pred.where if i not in gold.where]:
        k, _, line = pred.where.pop(doc_id)
        problems.append(Problem(pred.paths[k], line, doc_id, "id", "no gold document has this id"))
    return problems


def _conventions(gold: _Side, pred: _Side, given: Conventions) -> tuple[Plan, dict]:
    g = named_convention(gold.conventions.values(), given.gold_convention, "gold")
    p = named_convention(pred.conventions.values(), given.pred_convention, "predictions")
    return convention_plan(
        g, p, project_predictions=given.project_predictions, allow_mismatch=given.allow_mismatch
    )


@dataclass
class _Scoring:
    """The second pass: batches of gold documents in id order, each with its prediction."""

    gold: _Side
    pred: _Side
    plan: Plan
    tasks: Tasks
    single: bool  # the gold is one document: its quotes are the units
    problems: list[Problem] = field(default_factory=list)
    unpredicted: list[str] = field(default_factory=list)

    def parts(self, batch: int) -> Iterator[Part]:
        """One scored part per ``batch`` gold documents."""
        ids = sorted(self.gold.where)
        for at in range(0, len(ids), batch):
            golds, preds, scored = self._batch(ids[at : at + batch])
            units = plan_units(golds) if self.single else document_units([g.id for g in golds])
            yield Part.of(golds, preds, None, units, self.tasks, scored).shown()

    def _batch(self, ids: Sequence[str]) -> tuple[list[Document], list[Document], int]:
        golds = [self.gold.document(i) for i in ids]
        preds, scored = [], 0
        for gold in golds:
            pred = self._prediction(gold)
            scored += pred is not None
            if pred is None:
                self.unpredicted.append(gold.id)
            preds.append(pred or Document(id=gold.id, text=gold.text))
        if self.plan is not None:
            preds = project(preds, *self.plan)[0]
        return golds, preds, scored

    def _prediction(self, gold: Document) -> Document | None:
        if gold.id not in self.pred.where:
            return None
        pred = self.pred.document(gold.id)
        message = mismatch(gold, pred, repeated=False)
        if message is None:
            return pred
        k, _, line = self.pred.where[gold.id]
        self.problems.append(Problem(self.pred.paths[k], line, gold.id, "text", message))
        return None


def evaluate_shards(
    gold_spec: str | Path,
    pred_spec: str | Path,
    output_dir: str | Path | None,
    *,
    targets_path: str | Path | None = None,
    lenient: bool = False,
    gold_from_extractor: bool = False,
    overwrite: bool = False,
    conventions: Conventions | None = None,
    command: str | None = None,
    seed: int = DEFAULT_SEED,
    resamples: int = DEFAULT_RESAMPLES,
    batch: int = BATCH,
) -> Results:
    """Score sharded predictions against sharded gold in bounded memory (see the module);
    the same results, errors and exits as ``evaluate_files`` on the same documents."""
    from quotebench.corpus import check_output

    started = time.perf_counter()
    gold_paths, pred_paths = shard_paths(gold_spec), shard_paths(pred_spec)
    inputs = [*gold_paths, *pred_paths, targets_path]
    if output_dir is not None:
        check_output(output_dir, inputs, folder=True, overwrite=overwrite)
    ids = [t.id for t in load_targets(targets_path)]
    gold = _Side("gold", gold_paths).read(ids)
    if not gold_from_extractor:
        _refuse_extractor_gold(gold)
    pred = _Side("predictions", pred_paths).read(ids)
    problems = gold.problems + pred.problems + _unknown(gold, pred)
    plan, block = _conventions(gold, pred, conventions or Conventions())
    tasks, reasons = tasks_carried(pred.tasks, oracle_given=False)
    scoring = _Scoring(gold, pred, plan, tasks, single=len(gold.where) == 1)
    part = add_parts(list(scoring.parts(batch)))
    problems = sorted({*problems, *scoring.problems})
    if problems and not lenient:
        raise InvalidData(problems)
    run = Run(
        gold=combined_sha256(gold.digests),
        predictions={"sha256": combined_sha256(pred.digests), **producer_of(pred.producers)},
        oracle=None,
        conventions=block,
        tasks=tasks,
        reasons=reasons,
        problems=tuple(problems),
        unpredicted=tuple(scoring.unpredicted),
    )
    results = assemble(run, part, seed=seed, resamples=resamples, command=command, started=started)
    if output_dir is None:
        return results
    return write_reports(results, output_dir, inputs=inputs, overwrite=overwrite)
