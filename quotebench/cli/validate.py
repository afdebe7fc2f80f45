"""``quotebench validate``: check collections against every invariant of the data model."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from quotebench.corpus import load_targets, validate_paths

from .app import app
from .common import EXIT_INVALID, echo_json, reporting


@app.command()
def validate(
    paths: Annotated[list[Path], typer.Argument(help="JSON Lines collections to check.")],
    targets: Annotated[
        Path | None, typer.Option(help="Stance-target inventory (default: the packaged one).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Report every violation with file, line, document and field; exit 1 if any."""
    with reporting():
        count, problems = validate_paths(paths, load_targets(targets))
    if as_json:
        echo_json(
            {
                "valid": not problems,
                "files": [str(p) for p in paths],
                "documents": count,
                "problems": [p.to_dict() for p in sorted(problems)],
            }
        )
    else:
        for problem in sorted(problems):
            typer.echo(str(problem), err=True)
        verdict = f"{len(problems)} problem(s)" if problems else "valid"
        typer.echo(f"{count} document(s) in {len(paths)} file(s): {verdict}")
    if problems:
        raise typer.Exit(EXIT_INVALID)
