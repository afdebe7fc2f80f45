"""``quotebench benchmark``: every registered extractor on a corpus, under its convention."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from quotebench.benchmark import run_benchmark
from quotebench.corpora import corpora
from quotebench.registry import extractors

from . import llm_options as llm
from .app import app
from .common import (
    EXIT_UNUSABLE,
    ModelOption,
    OverwriteOption,
    TargetsOption,
    echo_json,
    reporting,
)

SLICES = ("all", "direct", "indirect", "mixed")
WIDTH = 120  # when the output is not a terminal


def _cell(score: float | None, ci: list[float] | None) -> str:
    if score is None:
        return "n/a"
    return f"{score:.3f}" + (f" [{ci[0]:.2f},{ci[1]:.2f}]" if ci else "")


def _quote_table(report: dict[str, Any]) -> Table:
    title = f"quotebench benchmark: {report['description']}"
    table = Table(title=f"{title} (convention {report['convention'] or 'unnamed'})")
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


FIGURES = ("all@0.3", "all@0.8", "quote_marks@0.3", "quote_marks@0.8", "speaker")


def _protocol_cell(figure: dict[str, Any]) -> str:
    return _cell(figure.get("f1", figure.get("accuracy")), figure["ci95"])


def _protocol_table(report: dict[str, Any]) -> Table:
    table = Table(title="GenderGapTracker protocol: F1 (speaker: accuracy)")
    table.add_column("system")
    for header in FIGURES:
        table.add_column(header, justify="right", no_wrap=True)
    for name, entry in report["extractors"].items():
        if "protocol" in entry:
            table.add_row(name, *(_protocol_cell(entry["protocol"][k]) for k in FIGURES))
    for name, anchor in report["anchors"]["figures"].items():
        cells = [f"{anchor[k]:.3f}" if k in anchor else "" for k in FIGURES]
        table.add_row(f"{name} (published)", *cells, style="dim")
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
    for name, reason in report["not_run"].items():
        console.print(f"{name}: not run: {reason}")
    for name, entry in report["extractors"].items():
        note = (entry.get("convention") or {}).get("note")
        if note:
            console.print(f"{name}: ran its own way: {note}")
    if report.get("anchors"):
        console.print(_protocol_table(report))
        console.print(f"published figures: {report['anchors']['source']}")
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
            help=f"A registered corpus ({', '.join(corpora.names())}) or a JSON Lines gold"
            " collection of your own (one version per document)."
        ),
    ] = "gold",
    data_dir: Annotated[
        Path | None,
        typer.Option(help="The folder an external corpus is read from (a PolNeAR checkout...)."),
    ] = None,
    convention: Annotated[
        str | None, typer.Option(help="The convention of a gold file that names none.")
    ] = None,
    targets: TargetsOption = None,
    model: ModelOption = None,
    endpoint: llm.EndpointOption = None,
    llm_model: Annotated[
        str | None, typer.Option(help="llm.v1: the model's name at the endpoint.")
    ] = None,
    key_variable: llm.KeyVariableOption = "OPENAI_API_KEY",
    temperature: llm.TemperatureOption = 0.0,
    cache_dir: llm.CacheDirOption = None,
    offline: llm.OfflineOption = False,
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
    asked = llm.llm_settings(llm_model, endpoint, key_variable, temperature, cache_dir, offline)
    with reporting():
        report = run_benchmark(
            output_dir, corpus, data_dir, progress=lambda n: err.print(f"running {n} ..."),
            targets_path=targets, convention=convention, overwrite=overwrite, model=model,
            settings={"llm.v1": asked},
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
