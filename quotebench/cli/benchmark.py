"""``quotebench benchmark``: every registered extractor on the gold corpus (or PolNeAR dev)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from quotebench.benchmark import run_benchmark
from quotebench.corpora import DEFAULT_POLNEAR
from quotebench.registry import extractors

from .app import app
from .common import EXIT_UNUSABLE, OverwriteOption, TargetsOption, echo_json, reporting

SLICES = ("all", "direct", "indirect", "mixed")
WIDTH = 120  # when the output is not a terminal


def _cell(score: float | None, ci: list[float] | None) -> str:
    if score is None:
        return "n/a"
    return f"{score:.3f}" + (f" [{ci[0]:.2f},{ci[1]:.2f}]" if ci else "")


def _quote_table(report: dict[str, Any]) -> Table:
    table = Table(title=f"quotebench benchmark: {report['description']}")
    table.add_column("extractor")
    table.add_column("slice")
    for header in ("overlap@0.3 F1", "overlap@0.8 F1", "speaker accuracy", "gold quotes"):
        table.add_column(header, justify="right", no_wrap=True)
    for name, entry in report["extractors"].items():
        if "error" in entry:
            table.add_row(name, "-", entry["error"], "", "", "")
            continue
        for s in SLICES:
            low, high = entry[f"overlap@0.3/{s}"], entry[f"overlap@0.8/{s}"]
            speaker = entry[f"speaker_accuracy/{s}"]
            table.add_row(
                name if s == "all" else "",
                s,
                _cell(low["f1"], low["ci95"]),
                _cell(high["f1"], high["ci95"]),
                _cell(speaker["accuracy"], speaker["ci95"]),
                str(low["gold"]),
                end_section=s == SLICES[-1],
            )
    return table


def _ggt_table(report: dict[str, Any]) -> Table:
    table = Table(title="GenderGapTracker protocol: overlap@0.3 F1")
    for header in ("system", "all attributions", "quote-mark quotes"):
        table.add_column(header, justify="left" if header == "system" else "right")
    for name, entry in report["extractors"].items():
        if "ggt" in entry:
            ggt = entry["ggt"]
            cells = [_cell(ggt[k]["f1"], ggt[k]["ci95"]) for k in ("all", "quote_marks")]
            table.add_row(name, *cells)
    for name, anchor in report["anchors"].items():
        table.add_row(name, f"{anchor['all']:.2f}", f"{anchor['quote_marks']:.2f}", style="dim")
    return table


def _stance_table(report: dict[str, Any]) -> Table:
    table = Table(title="stance: macro-F1 / F_avg (favor, against)")
    for header in ("model", "setting", "macro-F1", "F_avg"):
        table.add_column(header, justify="left" if header in ("model", "setting") else "right")
    for model, entry in report["stance"].items():
        settings = [("oracle", entry.get("oracle"))]
        settings += [(f"end-to-end: {e}", s) for e, s in entry.get("end-to-end", {}).items()]
        for setting, scores in settings:
            if scores is None:
                table.add_row(model, setting, "n/a", "n/a")
                continue
            table.add_row(
                model,
                setting,
                _cell(scores["macro_f1"], scores["macro_f1_ci95"]),
                _cell(scores["f_avg"], scores["f_avg_ci95"]),
            )
    return table


def _print(report: dict[str, Any]) -> None:
    console = Console()
    if not console.is_terminal:
        console = Console(width=WIDTH)
    console.print(_quote_table(report))
    for name, entry in report["extractors"].items():
        if entry.get("failed_documents"):
            count = entry["failed_documents"]
            console.print(f"{name}: could not process {count} document(s) (annotation.failures)")
    if "anchors" in report:
        console.print(_ggt_table(report))
    if report.get("stance"):
        console.print(_stance_table(report))
        for model, entry in report["stance"].items():
            console.print(f"{model}: {entry['protocol']}")


@app.command()
def benchmark(
    output_dir: Annotated[
        Path, typer.Option(help="Where results of each extractor are written.")
    ] = Path("benchmark-results"),
    corpus: Annotated[
        str,
        typer.Option(
            help="gold (the packaged gold), polnear-dev (PolNeAR's dev split) or a JSON Lines"
            " gold collection of your own (one version per document)."
        ),
    ] = "gold",
    polnear_dir: Annotated[
        Path, typer.Option(help="The PolNeAR folder (holding data/dev).")
    ] = DEFAULT_POLNEAR,
    targets: TargetsOption = None,
    overwrite: OverwriteOption = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the leaderboard as JSON.")] = False,
) -> None:
    """Score every registered extractor against the gold and print a leaderboard.

    Exits 2, after writing what did run, when an extractor could not run.
    """
    if not extractors.names():
        typer.echo("no extractor is registered: nothing to benchmark")
        return
    err = Console(stderr=True)
    with reporting():
        report = run_benchmark(
            output_dir, corpus, polnear_dir, progress=lambda n: err.print(f"running {n} ..."),
            targets_path=targets, overwrite=overwrite,
        )  # fmt: skip
    if as_json:
        echo_json(report)
    else:
        _print(report)
    failed = {n: e["error"] for n, e in report["extractors"].items() if "error" in e}
    for name, error in failed.items():
        typer.echo(f"error: {name} could not run: {error}", err=True)
    if failed:
        typer.echo(f"{output_dir}: written without {', '.join(failed)}", err=True)
        raise typer.Exit(EXIT_UNUSABLE)
