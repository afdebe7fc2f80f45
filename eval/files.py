"""Scoring files: read and check collections, evaluate, write the reports."""

from __future__ import annotations

from pathlib import Path

from quotebench.corpus import (
    Collection,
    Document,
    InvalidData,
    Problem,
    check_output,
    load_collection,
    load_targets,
)

from .bootstrap import DEFAULT_RESAMPLES, DEFAULT_SEED
from .harness import Conventions, Results, evaluate_collections
from .reports import write_reports

__all__ = ["evaluate_files", "extractor_gold", "refuse_extractor_gold"]


def refuse_extractor_gold(gold: Collection) -> None:
    """Raise ``InvalidData`` when the gold holds a system's output (``annotation.origin`` is
    ``extractor``): gold and predictions were most likely given the wrong way round."""
    found = [(line, d) for line, d in gold.entries() if d.annotation.origin == "extractor"]
    if found:
        line, first = found[0]
        raise extractor_gold(len(found), len(gold.documents), (gold.name, line, first))


def extractor_gold(found: int, total: int, first: tuple[str, int, Document]) -> InvalidData:
    """The error for a gold of which ``found`` of ``total`` documents are an extractor's
    output, ``first`` the file, line and document of the first."""
    name, line, document = first
    message = (
        f"{found} of the gold's {total} document(s) are an extractor's output"
        f" ({document.annotation.extractor or 'unnamed'}), the first here: gold and"
        " predictions given the wrong way round? (--gold-from-extractor scores it anyway)"
    )
    return InvalidData([Problem(name, line, document.id, "annotation.origin", message)])


def evaluate_files(
    gold_path: str | Path,
    pred_path: str | Path,
    output_dir: str | Path | None,
    *,
    oracle_path: str | Path | None = None,
    targets_path: str | Path | None = None,
    lenient: bool = False,
    gold_from_extractor: bool = False,
    overwrite: bool = False,
    conventions: Conventions | None = None,
    command: str | None = None,
    seed: int = DEFAULT_SEED,
    resamples: int = DEFAULT_RESAMPLES,
) -> Results:
    """Score a prediction file against a gold file; write the reports to ``output_dir``.

    Raises ``InvalidData`` (exit 1) listing every problem unless ``lenient``, when the
    documents with problems are left out and listed in results.json, and for a gold that is
    an extractor's output unless ``gold_from_extractor``; ``UnusableInput`` (exit 2) for a
    file that cannot be opened, or an output folder that cannot or may not be written.
    """
    inputs = [gold_path, pred_path, oracle_path, targets_path]
    if output_dir is not None:
        check_output(output_dir, inputs, folder=True, overwrite=overwrite)
    targets = load_targets(targets_path)
    gold, problems = load_collection(gold_path, targets, lenient=True)
    if not gold_from_extractor:
        refuse_extractor_gold(gold)
    pred, more = load_collection(pred_path, targets, lenient=True)
    problems += more
    oracle = None
    if oracle_path is not None:
        oracle, more = load_collection(oracle_path, targets, lenient=True)
        problems += more
    results = evaluate_collections(
        gold, pred, oracle=oracle, targets=targets, lenient=lenient, seed=seed,
        resamples=resamples, command=command, skipped=problems, conventions=conventions,
    )  # fmt: skip
    if output_dir is None:
        return results
    return write_reports(results, output_dir, inputs=inputs, overwrite=overwrite)
