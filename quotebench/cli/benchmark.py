"""``quotebench benchmark``: every registered extractor on the gold corpus."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from quotebench.registry import extractors

from .app import app


@app.command()
def benchmark(
    output_dir: Annotated[
        Path, typer.Option(help="Where results of each extractor are written.")
    ] = Path("benchmark-results"),
) -> None:
    """Score every registered extractor against the gold and print a leaderboard."""
    names = extractors.names()
    if not names:
        typer.echo("no extractor is registered: nothing to benchmark")
        return
    typer.echo("registered extractors: " + ", ".join(names))
