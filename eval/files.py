"""Scoring files: read and check collections, evaluate, write the reports."""

from __future__ import annotations

from pathlib import Path

from quotebench.corpus import Document, Problem, check_document, load_targets, scan_documents

from .alignment import Collection
from .bootstrap import DEFAULT_RESAMPLES, DEFAULT_SEED
from .harness import Results, evaluate_collections
from .reports import write_reports

__all__ = ["evaluate_files", "read_collection"]


def read_collection(path: str | Path, target_ids: list[str]) -> tuple[Collection, list[Problem]]:
    """The documents of a file that pass every check, and the problems of the others.

    Raises ``UnusableInput`` when the file cannot be opened.
    """
    name = str(path)
    documents: list[Document] = []
    lines: list[int] = []
    problems: list[Problem] = []
    for line, item in scan_documents(path):
        if not isinstance(item, Document):
            problems.extend(item)
            continue
        findings = check_document(item, target_ids)
        problems += [Problem(name, line, item.id, f, m) for f, m in findings]
        if not findings:
            documents.append(item)
            lines.append(line)
    return Collection(name, tuple(documents), tuple(lines)), problems


def evaluate_files(
    gold_path: str | Path,
    pred_path: str | Path,
    output_dir: str | Path | None,
    *,
    oracle_path: str | Path | None = None,
    targets_path: str | Path | None = None,
    lenient: bool = False,
    command: str | None = None,
    seed: int = DEFAULT_SEED,
    resamples: int = DEFAULT_RESAMPLES,
) -> Results:
    """Score a prediction file against a gold file; write the reports to ``output_dir``.

    Raises ``InvalidData`` (exit 1) listing every problem unless ``lenient``, when the
    documents with problems are left out and listed in results.json; ``UnusableInput``
    (exit 2) for a file that cannot be opened or written.
    """
    targets = load_targets(targets_path)
    target_ids = [t.id for t in targets]
    gold, problems = read_collection(gold_path, target_ids)
    pred, more = read_collection(pred_path, target_ids)
    problems += more
    oracle = None
    if oracle_path is not None:
        oracle, more = read_collection(oracle_path, target_ids)
        problems += more
    results = evaluate_collections(
        gold,
        pred,
        oracle=oracle,
        targets=targets,
        lenient=lenient,
        seed=seed,
        resamples=resamples,
        command=command,
        skipped=problems,
    )
    if output_dir is not None:
        results = write_reports(results, output_dir)
    return results
