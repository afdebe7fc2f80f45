"""``quotebench agreement``: inter-annotator agreement between versions of the same documents."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from quotebench.corpus import load_targets, load_versions

from .app import app
from .common import TargetsOption, echo_json, reporting


def _figure(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _print(report: dict[str, Any]) -> None:
    table = Table(title=f"agreement on {report['documents']} document(s)")
    for column in ("annotators", "quotes", "strict F1", "overlap F1", "speaker"):
        table.add_column(column)
    for pair in report["pairs"]:
        table.add_row(
            " / ".join(pair["annotators"]), " / ".join(map(str, pair["quotes"])),
            _figure(pair["strict_f1"]), _figure(pair["overlap_f1"]), _figure(pair["speaker"]),
        )  # fmt: skip
    Console().print(table)
    for name in ("token_alpha", "token_kappa", "stance_alpha"):
        measure = report[name]
        typer.echo(f"{name}: {_figure(measure['value'])} {measure['reason'] or ''}".rstrip())
    for item in report["disagreements"]:
        typer.echo(
            f"{item['document']}: {item['annotator']} has {item['quote']} "
            f"(not in {item['missing_in']}): {item['text']}"
        )


@app.command()
def agreement(
    paths: Annotated[list[Path], typer.Argument(help="Collections of annotator versions.")],
    targets: TargetsOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Quote F1, speaker agreement, Krippendorff's alpha and a disagreement listing."""
    from quotebench.annotation.agreement import agreement as measure

    with reporting():
        report = measure(load_versions(paths, load_targets(targets)))
    if as_json:
        echo_json(report)
    else:
        _print(report)
