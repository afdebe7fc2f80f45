"""``quotebench evaluate``: score predictions against the gold, or compare two results."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path
from typing import Annotated

import typer

from quotebench.corpus import UnusableInput, gold_path

from .app import app
from .common import OverwriteOption, echo_json, reporting


@app.command()
def evaluate(
    pred: Annotated[
        Path | None,
        typer.Option(help="Predictions (JSON Lines), or a folder or glob of JSON Lines shards."),
    ] = None,
    gold: Annotated[
        Path | None,
        typer.Option(help="Gold collection (default: the packaged gold), or a folder or glob."),
    ] = None,
    output_dir: Annotated[
        Path | None, typer.Option(help="Where results.json, report.md, report.html go.")
    ] = None,
    oracle: Annotated[
        Path | None, typer.Option(help="A stance model's predictions on the gold quotes.")
    ] = None,
    targets: Annotated[
        Path | None, typer.Option(help="Stance-target inventory (default: the packaged one).")
    ] = None,
    lenient: Annotated[
        bool, typer.Option(help="Report bad documents, score the rest, list them as skipped.")
    ] = False,
    gold_from_extractor: Annotated[
        bool, typer.Option(help="Score against a gold that is an extractor's output.")
    ] = False,
    overwrite: OverwriteOption = False,
    convention: Annotated[
        str | None, typer.Option(help="The gold's convention, when its documents name none.")
    ] = None,
    pred_convention: Annotated[
        str | None,
        typer.Option(help="The predictions' convention, when their documents name none."),
    ] = None,
    project: Annotated[
        bool, typer.Option(help="Map predictions under another convention onto the gold's.")
    ] = False,
    allow_convention_mismatch: Annotated[
        bool, typer.Option(help="Score predictions under another convention as they are.")
    ] = False,
    compare: Annotated[
        tuple[Path, Path] | None,
        typer.Option(help="Compare two results.json files (paired bootstrap), B minus A."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the results as JSON.")] = False,
) -> None:
    """Score a prediction collection against the gold; every matching mode is reported."""
    with reporting():
        if compare is not None:
            if pred is not None:
                raise UnusableInput("--compare takes two results files: leave out --pred")
            _compare(compare, as_json)
            return
        if pred is None:
            raise UnusableInput("--pred is required (or --compare A B)")
        from quotebench.eval import Conventions, evaluate_files, evaluate_shards

        options = {
            "targets_path": targets,
            "lenient": lenient,
            "gold_from_extractor": gold_from_extractor,
            "overwrite": overwrite,
            "conventions": Conventions(
                convention, pred_convention, project, allow_convention_mismatch
            ),
            "command": shlex.join(["quotebench", *sys.argv[1:]]),
        }
        gold = gold or gold_path()
        if _sharded(gold) or _sharded(pred):
            if oracle is not None:
                raise UnusableInput("--oracle reads one file: give the gold as one file too")
            results = evaluate_shards(gold, pred, output_dir, **options)
        else:
            results = evaluate_files(gold, pred, output_dir, oracle_path=oracle, **options)
    _warn_conventions(results.to_dict())
    _warn_unpredicted(results.to_dict())
    if as_json:
        echo_json(results.to_dict())
        return
    _summary(results.to_dict(), output_dir)


def _sharded(path: Path) -> bool:
    """Whether ``path`` names shards: a folder, or a glob pattern."""
    return path.is_dir() or any(mark in str(path) for mark in "*?[")


def _warn_conventions(data: dict) -> None:
    block = data["conventions"]
    if block["warning"]:
        typer.echo(f"warning: {block['warning']}", err=True)
    if block["projection"]:
        steps = ", ".join(block["projection"]["steps"]) or "nothing to change"
        typer.echo(f"projected {block['predictions']} onto {block['gold']}: {steps}", err=True)


def _warn_unpredicted(data: dict) -> None:
    missing = data["predictions"]["gold_documents_without_prediction"]
    if missing:
        shown = ", ".join(missing[:10]) + (", ..." if len(missing) > 10 else "")
        typer.echo(
            f"warning: {len(missing)} gold document(s) have no prediction and count as"
            f" misses: {shown}",
            err=True,
        )


def _summary(data: dict, output_dir: Path | None) -> None:
    for metric, slices in data["metrics"].items():
        if isinstance(slices, dict):
            entry = slices["all"]
            value = entry.get("f1", entry.get("macro_f1"))
            shown = "n/a" if value is None else f"{value:.3f}"
            typer.echo(f"{metric:24} {shown}")
    for problem in data["skipped"]:
        typer.echo(f"skipped: {problem['file']}:{problem['line']}: {problem['message']}", err=True)

    if output_dir is not None:
        typer.echo(f"reports written to {output_dir}")


def _compare(paths: tuple[Path, Path], as_json: bool) -> None:
    from quotebench.eval.compare import compare_results, load_results

    a, b = (load_results(p) for p in paths)
    result = compare_results(a, b, str(paths[0]), str(paths[1]))
    if as_json:
        echo_json(result)
        return
    for name, entry in result["differences"].items():
        if entry["delta"] is not None:
            typer.echo(
                f"{name:36} {entry['delta']:+.3f} [{entry['low']:+.3f}, {entry['high']:+.3f}]"
                f" p={entry['p_value']:.4f}"
            )
